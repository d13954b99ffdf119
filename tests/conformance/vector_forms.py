#!/usr/bin/env python3
"""Replays conformance vectors through conformance_runner, with their extract
inputs rewritten into the other forms a Job comes in. The answer must not
change: a Job is the same Job whether the REST API (camelCase), the Python SDK
(snake_case) or the `oci` CLI (kebab-case, every unset field printed as null,
wrapped in {"data": ..., "etag": ...}) wrote it.

usage: vector_forms.py RUNNER [--ads V] [--forms F,...] [--deviations FILE] VECTORS.jsonl...
forms: rest (every vector, unchanged), kebab, snake, cli (the extract vectors,
rewritten). --ads adds "ads": V to each request. --deviations is passed to the
runner (with --partial: each run holds only some of the vectors). Exit status 1
when a run fails.
"""
import json
import re
import subprocess
import sys
import tempfile

# Model attributes whose values are data keyed by the user (never renamed).
FREE_FORM = {"environmentVariables", "freeformTags", "definedTags", "systemTags"}

# What `oci data-science job get` prints for a job, every field (null when unset).
CLI_JOB_FIELDS = [
    "compartmentId", "createdBy", "definedTags", "description", "displayName",
    "freeformTags", "id", "jobConfigurationDetails", "jobEnvironmentConfigurationDetails",
    "jobInfrastructureConfigurationDetails", "jobLogConfigurationDetails",
    "jobNodeConfigurationDetails", "jobStorageMountConfigurationDetailsList",
    "lifecycleDetails", "lifecycleState", "projectId", "systemTags", "timeCreated",
]
CLI_CONFIG_FIELDS = ["commandLineArguments", "environmentVariables", "jobType",
                     "maximumRuntimeInMinutes", "startupProbeDetails"]


def spelled(key, sep):
    return re.sub(r"(?<=[a-z0-9])([A-Z])", sep + r"\1", key).lower()


def respell(value, sep):
    if isinstance(value, list):
        return [respell(v, sep) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for k, v in value.items():
        out[spelled(k, sep) if isinstance(k, str) else k] = v if k in FREE_FORM else respell(v, sep)
    return out


def with_nulls(job):
    """The CLI prints every attribute of the model, null when unset."""
    if not isinstance(job, dict):
        return job
    for f in CLI_JOB_FIELDS:
        job.setdefault(f, None)
    if isinstance(job.get("jobConfigurationDetails"), dict):
        for f in CLI_CONFIG_FIELDS:
            job["jobConfigurationDetails"].setdefault(f, None)
    return job


def rewrite(text, form):
    try:
        job = json.loads(text)
    except ValueError:
        return None  # a vector of bad JSON: the form is not what it checks
    if not isinstance(job, dict):
        return None
    wrapped = "data" in job and not any(k in job for k in CLI_JOB_FIELDS)
    inner = job["data"] if wrapped else job
    if not isinstance(inner, dict):
        return None
    if form == "cli":
        inner = {"data": with_nulls(respell(inner, "-")), "etag": "8gjot11q6xt22d39"}
    else:
        inner = respell(inner, "-" if form == "kebab" else "_")
        if wrapped:
            inner = dict(job, data=inner)
    return json.dumps(inner)


def main(argv):
    runner, ads, forms, files, deviations = argv[1], None, ["rest"], [], []
    i = 2
    while i < len(argv):
        if argv[i] == "--ads":
            ads, i = argv[i + 1], i + 2
        elif argv[i] == "--forms":
            forms, i = argv[i + 1].split(","), i + 2
        elif argv[i] == "--deviations":
            deviations, i = ["--deviations", argv[i + 1], "--partial"], i + 2
        else:
            files.append(argv[i])
            i += 1
    status = 0
    for path in files:
        vectors = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
        for form in forms:
            with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as out:
                count = 0
                for v in vectors:
                    if form != "rest":
                        if v["op"] not in ("extract", "job-extract"):
                            continue
                        text = rewrite(v["input"], form)
                        if text is None:
                            continue
                        v = dict(v, input=text)
                    if ads:
                        v = dict(v, ads=ads)
                    out.write(json.dumps(v) + "\n")
                    count += 1
                out.flush()
                run = subprocess.run([runner, *deviations, out.name], capture_output=True,
                                     text=True)
                last = run.stdout.strip().splitlines()[-1:] or ["(no output)"]
                print(f"{path} [{form}{', ads ' + ads if ads else ''}]: {count} vectors: {last[0]}")
                if run.returncode:
                    print(run.stdout)
                    print(run.stderr, file=sys.stderr)
                    status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""`dsjob schema` checked with a JSON Schema validator (python3-jsonschema):
it accepts every input the conformance vectors translate successfully and
the examples, and rejects the structural errors of the bad-input suite; the
--strict schema also rejects misspelled keys.
usage: schema_test.py PATH/TO/dsjob"""
import json
import os
import subprocess
import sys

import jsonschema
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")

# structural errors: spec not a mapping, no or unknown type, a job without
# its parts, a job whose kind is misspelled
REJECTED = ["spec-is-list", "spec-is-string", "missing-type", "unknown-type", "dataflow-type",
            "struct-kind-jobs", "struct-job-spec-null", "struct-type-case", "kind-job-spec-list",
            "kind-job-no-spec", "job-infra-spec-list"]
# keys beside the spec pass the loose schema (ADS ignores them), not the strict one
STRICT_REJECTED = ["struct-no-spec-keys-beside", "struct-spec-key-beside", "warn-key-job-shapename",
                   "warn-key-runtime-conda", "warn-key-job-mount"]


def schema(dsjob, *args):
    return json.loads(subprocess.run([dsjob, "schema", *args], check=True,
                                     capture_output=True).stdout)


def main():
    dsjob = sys.argv[1]
    loose = jsonschema.Draft7Validator(schema(dsjob))
    strict = jsonschema.Draft7Validator(schema(dsjob, "--strict"))
    jsonschema.Draft7Validator.check_schema(loose.schema)
    failed = checked = 0
    for name, op in (("vectors.jsonl", "translate"), ("jobs.jsonl", "job-translate")):
        for line in open(os.path.join(ROOT, "tests", "conformance", name)):
            v = json.loads(line)
            if v["op"] != op or "error" in v["expect"]:
                continue
            doc = yaml.safe_load(v["input"])
            # a runtime-level vector says nothing of kind (ADS ignores it there)
            if op == "translate" and isinstance(doc, dict) and doc.get("kind") == "job":
                continue
            checked += 1
            errors = list(loose.iter_errors(doc))
            if errors:
                failed += 1
                print("FAIL accepted %s: %s" % (v["id"], errors[0].message))
    for name in sorted(os.listdir(os.path.join(ROOT, "examples"))):
        if name.endswith(".yaml"):
            doc = yaml.safe_load(open(os.path.join(ROOT, "examples", name)))
            for label, validator in (("loose", loose), ("strict", strict)):
                checked += 1
                errors = list(validator.iter_errors(doc))
                if errors:
                    failed += 1
                    print("FAIL %s example %s: %s" % (label, name, errors[0].message))
    for case in REJECTED:
        doc = yaml.safe_load(open(os.path.join(ROOT, "tests", "bad", "cases", case,
                                               "input.yaml"), encoding="utf-8-sig"))
        checked += 1
        if loose.is_valid(doc):
            failed += 1
            print("FAIL rejected %s: the schema takes it" % case)
    for case in STRICT_REJECTED:
        doc = yaml.safe_load(open(os.path.join(ROOT, "tests", "bad", "cases", case,
                                               "input.yaml")))
        checked += 1
        if strict.is_valid(doc):
            failed += 1
            print("FAIL strict rejected %s: the schema takes it" % case)
    misspelled = {"kind": "runtime", "type": "python", "spec": {"entrypoint": "a.py",
                                                               "enviroment": {"A": "b"}}}
    checked += 2
    if strict.is_valid(misspelled) or not loose.is_valid(misspelled):
        failed += 1
        print("FAIL strict schema and a misspelled key")
    print("%d passed, %d failed" % (checked - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

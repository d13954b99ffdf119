"""Object Storage sources and the examples, against the local server (server.py).

Usage: test_sources.py DSJOB EXAMPLES_DIR. Artifacts built from oci:// files and
prefixes (python, notebook, script folders), what is refused, the dry run, and
every example YAML from `dsjob apply` to `dsjob run --watch`'s exit code.
"""
import glob
import io
import json
import os
import re
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_commands as tc  # noqa: E402
from test_commands import check  # noqa: E402

# the infrastructure of test_commands' job (its compartment, project, log group)
INFRA = tc.JOB_YAML[tc.JOB_YAML.index("  infrastructure:"):tc.JOB_YAML.index("  runtime:")]


def job(runtime_type, spec_lines):
    spec = "".join("      %s\n" % line for line in spec_lines)
    return "kind: job\nspec:\n  name: src\n%s  runtime:\n    kind: runtime\n    type: %s\n    spec:\n%s" % (
        INFRA, runtime_type, spec)


def uploaded(t, out):
    return t.srv.state.jobs.get(out.strip(), {}).get("artifact")


def zip_names(data):
    return sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())


def zip_read(data, name):
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def put_all(t, objects):
    """Objects of bucket code in namespace ns, by name."""
    for name, data in objects.items():
        t.srv.state.put_object("ns", "code", name, data)


def live_jobs(t):
    return [j for j in t.srv.state.jobs.values() if not j["deleted"]]


def test_python_prefix(t):
    """A prefix becomes code/<its name>/..., read page by page (2 names a page)."""
    st = t.srv.state
    st.put_object("ns", "code", "proj/train.py", b"print('train')\n")
    st.put_object("ns", "code", "proj/lib/util.py", b"X = 1\n")
    st.put_object("ns", "code", "proj/empty/", b"")
    st.put_object("ns", "code", "proj/data.csv", b"a,b\n1,2\n")
    st.put_object("ns", "code", "project-other/x.py", b"not mine\n")
    t.write("pp.yaml", job("python", ["scriptPathURI: oci://code@ns/proj/", "entrypoint: proj/train.py",
                                      "conda: {type: service, slug: generalml_p38_cpu_v1}"]))
    rc, out, err = t.run("apply", "pp.yaml")
    art = uploaded(t, out)
    check(rc == 0 and art and art["disposition"] == "attachment; filename=proj.zip",
          "a python prefix source is uploaded as proj.zip", err + str(art and art["disposition"]))
    if not art:
        return
    names = zip_names(art["data"])
    want = ["code/", "code/proj/", "code/proj/data.csv", "code/proj/empty/", "code/proj/lib/",
            "code/proj/lib/util.py", "code/proj/train.py"]
    check(all(n in names for n in want) and "driver_python.py" in names and
          not any("project-other" in n or "x.py" in n for n in names),
          "the prefix's objects (and only they) are under code/proj/", str(names))
    check(zip_read(art["data"], "code/proj/lib/util.py") == b"X = 1\n", "object bytes are kept")
    lists = [r for r in st.requests if r["method"] == "GET" and r["path"].startswith("/n/ns/b/code/o?")]
    check(len(lists) >= 2 and any("start=" in r["path"] for r in lists),
          "ListObjects is followed page by page", str([r["path"] for r in lists]))
    check(not t.unsigned(), "every Object Storage request verifies", str(t.unsigned()))


def test_python_single_object(t):
    """An object name without "/" that exists is one file: code/train.py in train.zip."""
    t.srv.state.put_object("ns", "code", "jobs/train.v2.py", b"print(2)\n")
    t.write("po.yaml", job("python", ["scriptPathURI: oci://code@ns/jobs/train.v2.py",
                                      "conda: {type: service, slug: generalml_p38_cpu_v1}"]))
    rc, out, err = t.run("apply", "po.yaml")
    art = uploaded(t, out)
    check(rc == 0 and art and art["disposition"] == "attachment; filename=train.zip" and
          "code/train.v2.py" in zip_names(art["data"]),
          "one object is code/<name>, uploaded as <base cut at the first dot>.zip", err + str(art))


def test_prefix_without_slash(t):
    """No object of that name, but objects under name/: the prefix (as ocifs)."""
    t.srv.state.put_object("ns", "code", "nb/analysis.ipynb", b'{"cells": [], "metadata": {}, '
                           b'"nbformat": 4, "nbformat_minor": 5}')
    t.write("nb.yaml", job("notebook", ["notebookPathURI: oci://code@ns/nb",
                                        "notebookEncoding: utf-8",
                                        "conda: {type: service, slug: generalml_p38_cpu_v1}"]))
    rc, out, err = t.run("apply", "nb.yaml")
    art = uploaded(t, out)
    check(rc == 0 and art and "code/nb/analysis.ipynb" in zip_names(art["data"]),
          "a name that is only a prefix is read as a folder", err + str(art and zip_names(art["data"])))


def test_script_prefix(t):
    """A script folder from Object Storage is zipped with its root, as a local one."""
    t.srv.state.put_object("ns", "code", "tools/run.sh", b"echo run\n")
    t.srv.state.put_object("ns", "code", "tools/conf/a.ini", b"[a]\n")
    t.write("sp.yaml", job("script", ["scriptPathURI: oci://code@ns/tools", "entrypoint: tools/run.sh"]))
    rc, out, err = t.run("apply", "sp.yaml")
    art = uploaded(t, out)
    check(rc == 0 and art and art["disposition"] == "attachment; filename=tools.zip" and
          zip_names(art["data"]) == ["tools/", "tools/conf/", "tools/conf/a.ini", "tools/run.sh"],
          "a script prefix is uploaded as tools.zip with its root folder",
          err + str(art and zip_names(art["data"])))


def test_refused_and_missing(t):
    st = t.srv.state
    before = len(live_jobs(t))
    st.put_object("ns", "code", "bad/ok.py", b"")
    st.put_object("ns", "code", "bad/../escape.py", b"")
    t.write("bad.yaml", job("python", ["scriptPathURI: oci://code@ns/bad", "entrypoint: bad/ok.py",
                                       "conda: {type: service, slug: generalml_p38_cpu_v1}"]))
    rc, out, err = t.run("apply", "bad.yaml")
    check(rc == 1 and not out and "bad/../escape.py has a '.' or '..' part" in err and
          "bad.yaml:" in err and "scriptPathURI" in err,
          "an object name with '..' is refused, located at the source key", err)
    t.write("none.yaml", job("python", ["scriptPathURI: oci://code@ns/nothing/here.py",
                                        "conda: {type: service, slug: generalml_p38_cpu_v1}"]))
    rc, out, err = t.run("apply", "none.yaml")
    check(rc == 1 and "HTTP 404 ObjectNotFound" in err and "oci://code@ns/nothing/here.py" in err,
          "neither an object nor a prefix: the GetObject 404 is shown", err)
    st.faults.status_once[("GET", "/n/ns/b/code/o/")] = [403]
    st.put_object("ns", "code", "deny.py", b"")
    t.write("deny.yaml", job("python", ["scriptPathURI: oci://code@ns/deny.py",
                                        "conda: {type: service, slug: generalml_p38_cpu_v1}"]))
    rc, out, err = t.run("apply", "deny.yaml")
    check(rc == 1 and "HTTP 403" in err, "another error than 404 is not taken for a prefix", err)
    check(len(live_jobs(t)) == before, "no job is made when the source cannot be read")
    left = [n for n in os.listdir(tempfile.gettempdir()) if n.startswith("dsjob-fetch.")]
    check(not left, "no fetched copy is left behind", str(left))


def test_dry_run_reads_nothing(t):
    t.write("dry.yaml", job("python", ["scriptPathURI: oci://code@ns/jobs/train.v2.py",
                                       "conda: {type: service, slug: generalml_p38_cpu_v1}"]))
    rc, out, err = t.run("apply", "--dry-run", "dry.yaml")
    check(rc == 0 and "filename=train.zip" in out and
          "content-length: <the size of the artifact built from oci://code@ns/jobs/train.v2.py>" in out,
          "a dry run names the artifact it would build", out + err)
    check(not t.srv.state.requests, "a dry run sends nothing")


def test_artifact_command(t):
    """dsjob artifact reads oci:// sources too, making the client on the first one."""
    put_all(t, {"lib/a.py": b"A = 1\n", "lib/pkg/b.py": b"B = 2\n"})
    t.write("art.yaml", "kind: runtime\ntype: python\nspec:\n  scriptPathURI: oci://code@ns/lib\n"
            "  entrypoint: lib/a.py\n")
    rc, out, err = t.run("artifact", "--list", "art.yaml")
    check(rc == 0 and out.splitlines()[:5] == ["code/", "code/lib/", "code/lib/a.py", "code/lib/pkg/",
                                               "code/lib/pkg/b.py"],
          "dsjob artifact --list of an oci:// prefix", "rc=%d\n%s\n%s" % (rc, out, err))
    rc, out, err = t.run("artifact", "--list", "art.yaml", "--config-file", os.path.join(t.tmp, "none"))
    check(rc == 1 and "reading Object Storage needs OCI credentials" in err and "art.yaml:4:" in err,
          "without credentials the source's line says why", err)
    yaml = open(os.path.join(t.tmp, "art.yaml")).read()
    rc, out, err = t.run("artifact", "--list", "-", stdin=yaml)
    if os.path.exists(os.path.join(os.path.dirname(t.dsjob), "dsjob-oci")):  # the static dsjob
        check(rc == 1 and "needs the YAML as a file, not on standard input" in err,
              "static dsjob: an oci:// source on standard input cannot be handed over", err)
    else:
        check(rc == 0 and "code/lib/a.py" in out, "an oci:// source on standard input", err)
    t.reset()
    t.write("local.yaml", "kind: runtime\ntype: python\nspec:\n  scriptPathURI: lib/a.py\n")
    os.makedirs(os.path.join(t.tmp, "lib"), exist_ok=True)
    t.write("lib/a.py", "A = 1\n")
    rc, out, err = t.run("artifact", "--list", "local.yaml", "--config-file", os.path.join(t.tmp, "none"))
    check(rc == 0 and not t.srv.state.requests, "local sources need no credentials and send nothing", err)


def test_run_local_from_object_storage(t):
    """run --local: the code is read from Object Storage, then run by the real drivers."""
    put_all(t, {"app/main.py": b"import sys\nfrom app import helper\nprint('main', helper.X, sys.argv[1:])\n",
                "app/helper.py": b"X = 42\n"})
    t.write("rl.yaml", "kind: runtime\ntype: python\nspec:\n  scriptPathURI: oci://code@ns/app/\n"
            "  entrypoint: app/main.py\n  args: [--n, 3]\n")
    rc, out, err = t.run("run", "--local", "rl.yaml")
    check(rc == 0 and "main 42 ['--n', '3']" in out, "run --local of an oci:// folder runs it",
          "rc=%d\n%s\n%s" % (rc, out, err[-2000:]))


def test_get_names_the_artifact(t):
    """get reads the upload name (HeadJobArtifact), so its YAML is extract's with --artifact."""
    rc, out, err = t.run("apply", "job.yaml")
    job_id = out.strip()
    rc, got, err = t.run("get", job_id)
    live = t.write("live.json", json.dumps(t.srv.state.jobs[job_id]["job"]))
    rc2, want, err2 = t.run("extract", "--artifact", "hello.sh", live, endpoint=False)
    check(rc == 0 and rc2 == 0 and got == want and "scriptPathURI: hello.sh" in got,
          "get = extract --artifact <the uploaded name>", got + err + "\n---\n" + want + err2)
    heads = [r for r in t.srv.state.requests if r["method"] == "HEAD"]
    check(len(heads) == 1 and heads[0]["path"] == "/20190101/jobs/%s/artifact" % job_id and not t.unsigned(),
          "one signed HEAD of the artifact", str(heads))
    t.srv.state.jobs[job_id]["artifact"] = None
    rc, got, err = t.run("get", job_id)
    check(rc == 0 and "kind: job" in got and not err, "a job without an artifact: get still prints it", err)
    t.srv.state.faults.status_once[("HEAD", "/20190101/jobs/")] = [403]
    rc, got, err = t.run("get", job_id)
    check(rc == 0 and "warning: the artifact's file name could not be read" in err and "HTTP 403" in err,
          "another HEAD failure is a warning", err)


def as_job(text):
    """An example runtime YAML put into a job with the test's infrastructure."""
    if re.search(r"^kind:\s*job", text, re.M):
        return text
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    indented = "".join("    %s\n" % line if line else "\n" for line in body.splitlines())
    return "kind: job\nspec:\n  name: example\n%s  runtime:\n%s" % (INFRA, indented)


def seed_sources(t, text):
    """Every oci:// source the example names gets an object (a prefix gets a file under it)."""
    for bucket, ns, name in re.findall(r"(?:scriptPathURI|notebookPathURI):\s*oci://([^@\s]+)@([^/\s]+)/(\S+)",
                                       text):
        t.srv.state.put_object(ns, bucket, name, b"print('example')\n")


def test_every_example(t, examples):
    """Each example YAML: apply, then run --watch to the run's end and exit code."""
    files = sorted(glob.glob(os.path.join(examples, "*.yaml")) + glob.glob(os.path.join(examples, "*", "*.yaml")))
    check(len(files) >= 4, "the examples are found", str(files))
    for path in files:
        text = open(path).read()
        name = os.path.relpath(path, examples)
        t.reset()
        seed_sources(t, text)
        yaml = t.write("example.yaml", as_job(text))
        rc, out, err = t.run("apply", yaml, cwd=os.path.dirname(examples))
        job_id = out.strip()
        art = t.srv.state.jobs.get(job_id, {}).get("artifact")
        check(rc == 0 and art and art["data"], "apply %s creates the job and uploads its artifact" % name, err)
        if rc:
            continue
        t.srv.state.faults.run_outcome = ("FAILED", "Job run artifact execution failed with exit code 4")
        rc, out, err = t.run("run", yaml, "--watch", cwd=os.path.dirname(examples))
        check(rc == 4 and out.splitlines() == ["line 1", "line 2", "line 3", "line 4", "late line 1"],
              "run %s --watch prints the log lines and exits with the run's code" % name,
              "rc=%d\n%s\n%s" % (rc, out, err[-2000:]))
        runs = [r["body"] for r in t.srv.state.runs.values()]
        check(runs and runs[-1].get("jobId") == job_id, "the run of %s is one of the job apply made" % name,
              str(runs[-1:]))
        check(not t.unsigned(), "every request of %s verifies" % name, str(t.unsigned()))


def main():
    dsjob, examples = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        t = tc.Env(dsjob, tmp)
        tests = [v for k, v in sorted(globals().items()) if k.startswith("test_")]
        for test in tests:
            t.reset()
            test(t, examples) if test is test_every_example else test(t)
            print("ran", test.__name__)
        t.srv.shutdown()
    if tc.failures:
        print("%d failed" % len(tc.failures))
        return 1
    print("all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

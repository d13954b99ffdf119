"""dsjob apply / run / watch / cancel / get against the local server (server.py).

Usage: test_commands.py DSJOB. Every case starts from a fresh server state;
DSJOB_TIME_SCALE=0 makes the retries' and the polling's waits instant.
DSJ_TEST_WRAPPER (e.g. valgrind) is put in front of every dsjob call.
"""
import base64
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import server  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = os.path.join(HERE, "keys")
FINGERPRINT = "73:61:a2:21:67:e0:df:be:7e:4b:93:1e:15:98:a5:b7"
TENANCY = "ocid1.tenancy.oc1..aaaatest"
USER = "ocid1.user.oc1..aaaatest"
KEY_ID = "%s/%s/%s" % (TENANCY, USER, FINGERPRINT)
PUBLIC = open(os.path.join(KEYS, "test_key_public.pem"), "rb").read()

JOB_YAML = """kind: job
spec:
  name: hello
  infrastructure:
    kind: infrastructure
    type: dataScienceJob
    spec:
      compartmentId: ocid1.compartment.oc1..aaa
      projectId: ocid1.datascienceproject.oc1.iad.aaa
      shapeName: VM.Standard.E4.Flex
      shapeConfigDetails: {ocpus: 1, memoryInGBs: 16}
      logGroupId: ocid1.loggroup.oc1.iad.aaa
  runtime:
    kind: runtime
    type: script
    spec:
      scriptPathURI: hello.sh
"""

failures = []


def check(cond, what, detail=""):
    if not cond:
        failures.append(what)
        print("FAIL: %s\n%s" % (what, detail))


def jwt(exp, sub="test"):
    def part(obj):
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()
    return "%s.%s.%s" % (part({"alg": "RS256"}), part({"exp": exp, "sub": sub}), "c2ln")


def clean_env():
    """The environment without OCI settings and with no proxy for the local server."""
    e = {k: v for k, v in os.environ.items() if not k.startswith("OCI_")}
    e.update({"no_proxy": "127.0.0.1,localhost", "NO_PROXY": "127.0.0.1,localhost"})
    return e


class Env:
    def __init__(self, dsjob, tmp):
        self.dsjob, self.tmp = dsjob, tmp
        self.srv, self.url = server.start({KEY_ID: PUBLIC, "ST$*": PUBLIC})
        with open(os.path.join(tmp, "hello.sh"), "w") as f:
            f.write("echo hello\n")
        with open(os.path.join(tmp, "job.yaml"), "w") as f:
            f.write(JOB_YAML)
        self.config = self.write("config", self.profile("DEFAULT", "test_key.pem"))

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def profile(self, name, key, extra=""):
        return "[%s]\nuser=%s\ntenancy=%s\nfingerprint=%s\nkey_file=%s\nregion=us-ashburn-1\n%s" % (
            name, USER, TENANCY, FINGERPRINT, os.path.join(KEYS, key), extra)

    def reset(self):
        st = self.srv.state
        st.faults = server.Faults()
        st.requests.clear()

    def run(self, *args, env=None, endpoint=True, cwd=None, stdin=None):
        e = clean_env()
        e.update({"OCI_CONFIG_FILE": self.config, "DSJOB_TIME_SCALE": "0", "HOME": self.tmp})
        e.update(env or {})
        cmd = shlex.split(os.environ.get("DSJ_TEST_WRAPPER", "")) + [self.dsjob] + list(args)
        if endpoint:
            cmd += ["--endpoint", self.url]
        r = subprocess.run(cmd, capture_output=True, text=True, errors="replace", cwd=cwd or self.tmp, env=e,
                           input=stdin,
                           timeout=300)
        check("Sanitizer" not in r.stderr and r.returncode != 99 and "==ERROR" not in r.stderr,
              "no sanitizer or memcheck report: %s" % " ".join(args), r.stderr[-3000:])
        return r.returncode, r.stdout, r.stderr

    def unsigned(self):
        return [r for r in self.srv.state.requests if r["signature_problem"]]


def test_apply(t):
    rc, out, err = t.run("apply", "job.yaml")
    check(rc == 0, "apply exits 0", err)
    job_id = out.strip()
    job = t.srv.state.jobs.get(job_id)
    check(job is not None, "apply prints the new job OCID", out)
    if not job:
        return
    rc2, want, _ = t.run("translate", "job.yaml", endpoint=False)
    check(job["job"]["displayName"] == json.loads(want)["body"]["displayName"], "CreateJob got the translated body")
    sent = [r for r in t.srv.state.requests if r["path"] == "/20190101/jobs"][0]
    check(json.loads(sent["body"]) == json.loads(want)["body"], "CreateJob body is translate's body")
    check("opc-retry-token" in sent["headers"], "CreateJob carries an opc-retry-token")
    art = job["artifact"]
    check(art and art["data"] == b"echo hello\n", "the artifact is uploaded as is")
    check(art and art["disposition"] == "attachment; filename=hello.sh", "content-disposition names the file", str(art))
    check(not t.unsigned(), "every request verifies", str(t.unsigned()))


def test_apply_built_artifact(t):
    """A python runtime: the artifact builder's zip (drivers + code) is uploaded."""
    os.makedirs(os.path.join(t.tmp, "code"), exist_ok=True)
    with open(os.path.join(t.tmp, "code", "train.py"), "w") as f:
        f.write("print('hi')\n")
    t.write("py.yaml", JOB_YAML.replace("type: script", "type: python").replace(
        "scriptPathURI: hello.sh", "scriptPathURI: code/train.py\n      conda: {type: service, slug: generalml_p38_cpu_v1}"))
    before = set(os.listdir(tempfile.gettempdir()))
    rc, out, err = t.run("apply", "py.yaml")
    art = t.srv.state.jobs.get(out.strip(), {}).get("artifact")
    check(rc == 0 and art and art["data"][:2] == b"PK" and art["disposition"] == "attachment; filename=train.zip",
          "a python runtime uploads the built zip as train.zip", err + str(art and art["disposition"]))
    left = [n for n in set(os.listdir(tempfile.gettempdir())) - before if n.startswith("dsjob-apply-")]
    check(not left, "apply leaves no temporary artifact behind", str(left))


def test_apply_object_storage_script(t):
    """A script runtime's oci:// file is read from Object Storage and uploaded as is."""
    t.write("remote.yaml", JOB_YAML.replace("scriptPathURI: hello.sh", "scriptPathURI: oci://code@ns/scripts/run.sh"))
    t.srv.state.objects["/n/ns/b/code/o/scripts%2Frun.sh"] = b"#!/bin/sh\necho remote\n\x00\xff"
    rc, out, err = t.run("apply", "remote.yaml")
    art = t.srv.state.jobs.get(out.strip(), {}).get("artifact")
    check(rc == 0 and art and art["data"] == b"#!/bin/sh\necho remote\n\x00\xff" and
          art["disposition"] == "attachment; filename=run.sh", "an oci:// script is downloaded and uploaded as is",
          err + str(art))
    check(not t.unsigned(), "the GetObject request verifies too", str(t.unsigned()))
    del t.srv.state.objects["/n/ns/b/code/o/scripts%2Frun.sh"]
    rc, out, err = t.run("apply", "remote.yaml")
    check(rc == 1 and "scriptPathURI: cannot read 'oci://code@ns/scripts/run.sh': HTTP 404 ObjectNotFound" in err and not
          [j for j in t.srv.state.jobs.values() if not j["deleted"] and j["job"]["displayName"] == "hello"
           and j["artifact"] is None], "a missing object fails before any job is made", err)


def test_apply_json_and_dry_run(t):
    rc, out, err = t.run("apply", "job.yaml", "--output", "json")
    check(rc == 0 and json.loads(out)["lifecycleState"] == "ACTIVE", "apply --output json prints the Job", out + err)
    t.reset()
    rc, out, err = t.run("apply", "job.yaml", "--dry-run")
    check(rc == 0 and "POST %s/20190101/jobs" % t.url in out and "filename=hello.sh" in out,
          "apply --dry-run prints the requests", out + err)
    check(not t.srv.state.requests, "apply --dry-run sends nothing")


def test_upload_failure_deletes_job(t):
    t.srv.state.faults.artifact_fails = True
    rc, out, err = t.run("apply", "job.yaml")
    check(rc == 1, "a failed upload exits 1", err)
    check("was deleted again" in err and "HTTP 500" in err and "opc-request-id: test-request-" in err,
          "a failed upload says the job was deleted, with the service's error", err)
    jobs = list(t.srv.state.jobs.values())
    check(jobs and all(j["deleted"] for j in jobs), "the half-made job is deleted")
    uploads = [r for r in t.srv.state.requests if r["path"].endswith("/artifact")]
    check(len(uploads) == 8, "the upload was tried 8 times (5xx is retried)", str(len(uploads)))
    tokens = {r["headers"].get("opc-retry-token") for r in uploads}
    check(len(tokens) == 1 and None not in tokens, "every upload attempt has the same retry token", str(tokens))


def test_run_watch(t):
    t.run("apply", "job.yaml")
    t.reset()
    rc, out, err = t.run("run", "job.yaml", "--watch", "--env", "A=1", "--args", "x y", "--name", "r1")
    check(rc == 0, "run --watch of a SUCCEEDED run exits 0", err)
    lines = out.splitlines()
    check(lines == ["line 1", "line 2", "line 3", "line 4", "late line 1"],
          "log lines once each, in order, late ones too", out)
    run = list(t.srv.state.runs.values())[-1]["body"]
    check(run.get("displayName") == "r1" and run["jobConfigurationOverrideDetails"] ==
          {"jobType": "DEFAULT", "environmentVariables": {"A": "1"}, "commandLineArguments": "x y"},
          "CreateJobRun carries the overrides", json.dumps(run))
    check("SUCCEEDED" in err, "the state changes are shown on stderr", err)
    check(not t.unsigned(), "every request verifies", str(t.unsigned()))


def test_long_page_tokens(t):
    t.run("apply", "job.yaml")
    t.srv.state.faults.page_token_pad = "a/b+c=" * 600  # 3600 characters, to be percent-encoded
    rc, out, err = t.run("run", "job.yaml", "--watch")
    check(rc == 0 and out.splitlines() == ["line 1", "line 2", "line 3", "line 4", "late line 1"],
          "long opc-next-page tokens are followed", "rc=%d %s %s" % (rc, out, err[:300]))


def test_failed_exit_code(t):
    t.run("apply", "job.yaml")
    t.srv.state.faults.run_outcome = ("FAILED", "Job run artifact execution failed with exit code 3")
    rc, out, err = t.run("run", "job.yaml", "--watch")
    check(rc == 3, "a run FAILED with exit code 3 makes dsjob exit 3", "rc=%d %s" % (rc, err))
    t.srv.state.faults.run_outcome = ("FAILED", "Job run failed")
    rc, out, err = t.run("run", "job.yaml", "--watch")
    check(rc == 1, "FAILED without a code exits 1", "rc=%d" % rc)


def test_logs_unreadable(t):
    t.run("apply", "job.yaml")
    t.srv.state.faults.status_once[("GET", "/20200531/logGroups/")] = [404]
    t.srv.state.faults.run_outcome = ("FAILED", "Job run failed with exit code 3")
    rc, out, err = t.run("run", "job.yaml", "--watch")
    check(rc == 3 and "cannot read the job run's logs (still watching it): HTTP 404" in err and out == "",
          "logs that cannot be read are reported once; the run is still followed to its exit code",
          "rc=%d %s" % (rc, err))


def test_retry_same_token(t):
    t.run("apply", "job.yaml")
    t.reset()
    t.srv.state.faults.status_once[("POST", "/20190101/jobRuns")] = [429]
    t.srv.state.faults.status_once[("GET", "/20190101/jobs")] = [500, 503]
    rc, out, err = t.run("run", "job.yaml")
    check(rc == 0 and out.startswith("ocid1.datasciencejobrun."), "429 and 500s are retried", err)
    creates = [r for r in t.srv.state.requests if r["path"] == "/20190101/jobRuns"]
    tokens = [r["headers"].get("opc-retry-token") for r in creates]
    check(len(creates) == 2 and tokens[0] and tokens[0] == tokens[1] and len(tokens[0]) == 30,
          "the retry of CreateJobRun has the same opc-retry-token", str(tokens))
    check(creates[0]["headers"]["date"] and creates[0]["headers"].get("opc-client-retries") == "true",
          "retried calls say opc-client-retries")


def test_wrong_key(t):
    wrong = t.write("wrong_config", t.profile("DEFAULT", "other_key.pem"))
    # the fingerprint check catches it locally...
    rc, out, err = t.run("get", "ocid1.datasciencejob.oc1.iad.x", env={"OCI_CONFIG_FILE": wrong})
    check(rc == 1 and "fingerprint: does not match the key in key_file" in err and "wrong_config:4:" in err,
          "a key that does not match the fingerprint is a located error", err)
    # ...and with the other key's own fingerprint, the service says 401
    fp = subprocess.run("openssl pkey -in %s -pubout -outform DER | openssl md5 -c" % os.path.join(KEYS, "other_key.pem"),
                        shell=True, capture_output=True, text=True).stdout.split()[-1]
    t.write("wrong_config", t.profile("DEFAULT", "other_key.pem").replace(FINGERPRINT, fp))
    t.srv.state.requests.clear()
    rc, out, err = t.run("get", "ocid1.datasciencejob.oc1.iad.x", env={"OCI_CONFIG_FILE": wrong})
    check(len(t.srv.state.requests) == 1, "a 401 for an API key is not retried", str(len(t.srv.state.requests)))
    check(rc == 1 and "HTTP 401 NotAuthenticated" in err and "opc-request-id: test-request-" in err,
          "a wrong key gets the service's 401 with its request id", err)


def test_debug_redacts(t):
    t.run("apply", "job.yaml")
    t.reset()
    token = jwt(int(time.time()) + 3600)
    tok = t.write("token", token + "\n")
    cfg = t.write("st_config", "[DEFAULT]\nregion=us-ashburn-1\n[st]\nsecurity_token_file=%s\nkey_file=%s\n" % (tok, os.path.join(KEYS, "test_key.pem")))
    rc, out, err = t.run("run", "job.yaml", "--debug", "--profile", "st", env={"OCI_CONFIG_FILE": cfg})
    check(rc == 0, "a session-token profile works", err)
    check("authorization: <redacted>" in err, "--debug shows requests with the Authorization redacted", err[:2000])
    key_text = open(os.path.join(KEYS, "test_key.pem")).read().splitlines()[1]
    check(token not in err and "signature=" not in err and key_text not in err,
          "--debug shows no token, signature or key")
    keyids = {server.parse_authorization(r["headers"]["authorization"])["keyId"] for r in t.srv.state.requests}
    check(keyids == {"ST$" + token}, "session-token keyId is ST$<token>", str(keyids)[:200])


def test_long_session_token(t):
    token = jwt(int(time.time()) + 3600, sub="x" * 9000)
    tok = t.write("long_token", token)
    cfg = t.write("long_config", "[DEFAULT]\nregion=us-ashburn-1\nsecurity_token_file=%s\nkey_file=%s\n" % (tok, os.path.join(KEYS, "test_key.pem")))
    t.srv.state.requests.clear()
    rc, out, err = t.run("get", "ocid1.datasciencejob.oc1.iad.none", env={"OCI_CONFIG_FILE": cfg})
    check(rc == 1 and "HTTP 404" in err and not t.unsigned(), "a 12 KB session token still signs (404 for no job)", err[:500])


def test_expired_token(t):
    tok = t.write("old_token", jwt(int(time.time()) - 60))
    cfg = t.write("st_config", "[DEFAULT]\nregion=us-ashburn-1\nsecurity_token_file=%s\nkey_file=%s\n" % (tok, os.path.join(KEYS, "test_key.pem")))
    rc, out, err = t.run("cancel", "ocid1.datasciencejobrun.oc1.iad.x", env={"OCI_CONFIG_FILE": cfg})
    check(rc == 1 and "session token expired" in err and "run `oci session refresh --profile DEFAULT`" in err,
          "an expired session token says to refresh it", err)
    check(not t.srv.state.requests, "nothing is sent with an expired token")


def test_resource_principal(t):
    t.run("apply", "job.yaml")
    job_id = [j for j in t.srv.state.jobs if not t.srv.state.jobs[j]["deleted"]][-1]
    pem_path = os.path.join(KEYS, "test_key_encrypted.pem")
    rp = {"OCI_RESOURCE_PRINCIPAL_VERSION": "2.2", "OCI_RESOURCE_PRINCIPAL_RPST": jwt(int(time.time()) + 600),
          "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM": pem_path,
          "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE": "s3cret", "OCI_RESOURCE_PRINCIPAL_REGION": "us-ashburn-1",
          "OCI_CONFIG_FILE": "/nonexistent"}
    rc, out, err = t.run("run", "--job-id", job_id, env=rp)
    check(rc == 0, "resource principal v2.2 (file key, pass phrase) works", err)
    t.srv.state.faults.status_once[("POST", "/20190101/jobRuns")] = [401]
    t.srv.state.requests.clear()
    rc, out, err = t.run("run", "--job-id", job_id, env=rp)
    creates = [r for r in t.srv.state.requests if r["path"] == "/20190101/jobRuns"]
    check(rc == 0 and len(creates) == 2, "a resource principal reads its token again after a 401 and retries once",
          "rc=%d n=%d %s" % (rc, len(creates), err))
    rc, out, err = t.run("run", "--job-id", job_id, env=dict(rp, OCI_RESOURCE_PRINCIPAL_VERSION="1.1"))
    check(rc == 1 and "only 2.2 is supported" in err, "other resource principal versions are refused", err)


def test_cancel_get_watch(t):
    t.run("apply", "job.yaml")
    job_id = [j for j in t.srv.state.jobs if not t.srv.state.jobs[j]["deleted"]][-1]
    rc, out, err = t.run("get", job_id)
    check(rc == 0 and "kind: job" in out and "scriptPathURI" in out or "type: script" in out,
          "get prints the job YAML", out + err)
    t.srv.state.faults.polls_to_finish = 100
    rc, out, err = t.run("run", "--job-id", job_id)
    run_id = out.strip()
    rc, out, err = t.run("cancel", run_id)
    check(rc == 0, "cancel exits 0", err)
    rc, out, err = t.run("watch", run_id)
    check(rc == 125, "watching a CANCELED run exits 125", "rc=%d %s" % (rc, err))
    cancels = [r for r in t.srv.state.requests if r["path"].endswith("/cancelJobRun")]
    check(cancels and cancels[0]["headers"].get("x-content-sha256") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
          "the empty cancel POST signs the empty body")


def test_diff(t):
    rc, out, err = t.run("apply", "job.yaml")
    job_id = out.strip()
    rc, out, err = t.run("diff", "job.yaml", "--job-id", job_id)
    check(rc == 0 and out == "", "diff of an unchanged job: no output, exit 0", "rc=%d %s %s" % (rc, out, err))
    live = t.srv.state.jobs[job_id]["job"]
    live["jobInfrastructureConfigurationDetails"]["shapeName"] = "VM.Standard3.Flex"
    live["jobInfrastructureConfigurationDetails"]["jobShapeConfigDetails"]["ocpus"] = 1  # 1 == 1.0: no drift
    live["jobConfigurationDetails"]["environmentVariables"]["EXTRA"] = "x"
    live["lifecycleDetails"] = "service field"  # not in the body: ignored
    rc, out, err = t.run("diff", "job.yaml", "--job-id", job_id)
    check(rc == 1 and out.splitlines() == [
        'jobConfigurationDetails.environmentVariables.EXTRA: file null, live "x"',
        'jobInfrastructureConfigurationDetails.shapeName: file "VM.Standard.E4.Flex", live "VM.Standard3.Flex"'],
        "diff lists what drifted, exit 1 (as diff(1))", "rc=%d\n%s%s" % (rc, out, err))
    rc, out, err = t.run("diff", "job.yaml", "--job-id", job_id, "--output", "json")
    check(rc == 1 and len(json.loads(out)) == 2, "diff --output json", out)


def interrupted_watch(t, *extra):
    """run --watch on a run that never ends; Ctrl-C after a few polls."""
    import signal
    t.srv.state.faults.polls_to_finish = 10 ** 6
    t.srv.state.requests.clear()
    e = clean_env()
    e.update({"OCI_CONFIG_FILE": t.config, "DSJOB_TIME_SCALE": "0.01", "HOME": t.tmp})
    cmd = shlex.split(os.environ.get("DSJ_TEST_WRAPPER", "")) + [t.dsjob, "run", "job.yaml", "--watch",
                                                                  "--endpoint", t.url] + list(extra)
    p = subprocess.Popen(cmd, cwd=t.tmp, env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and sum(r["path"].startswith("/20190101/jobRuns/") for r in t.srv.state.requests) < 3:
        time.sleep(0.05)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=120)
    return p.returncode, out, err


def test_interrupt(t):
    t.run("apply", "job.yaml")
    rc, out, err = interrupted_watch(t)
    check(rc == 130 and "stopped watching; the job run goes on" in err and "dsjob cancel ocid1.datasciencejobrun." in err,
          "Ctrl-C stops watching and says how to cancel", "rc=%s %s" % (rc, err))
    check(not [r for r in t.srv.state.requests if r["path"].endswith("/cancelJobRun")], "Ctrl-C alone cancels nothing")
    rc, out, err = interrupted_watch(t, "--cancel-on-interrupt")
    check(rc == 130 and [r for r in t.srv.state.requests if r["path"].endswith("/cancelJobRun")],
          "--cancel-on-interrupt cancels the run", "rc=%s %s" % (rc, err))


def test_progress_only_on_terminal(t):
    rc, out, err = t.run("apply", "job.yaml")
    check("\033[K" not in err, "no progress line when stderr is not a terminal", repr(err))
    import pty
    e = clean_env()
    e.update({"OCI_CONFIG_FILE": t.config, "DSJOB_TIME_SCALE": "0", "HOME": t.tmp})
    master, slave = pty.openpty()
    p = subprocess.Popen(shlex.split(os.environ.get("DSJ_TEST_WRAPPER", "")) +
                         [t.dsjob, "apply", "job.yaml", "--endpoint", t.url],
                         cwd=t.tmp, env=e, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    out, _ = p.communicate(timeout=300)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    check(p.returncode == 0 and b"creating the job..." in shown and b"\033[K" in shown,
          "a progress line on a terminal", repr(shown[-300:]))
    check(out.decode().startswith("ocid1.datasciencejob."), "the OCID still goes to stdout", out.decode())


def test_bad_ocids(t):
    for arg, want in [("", "get: an OCID is required"), ("ocid1.job/../../x", "get: 'ocid1.job/../../x' is not an OCID"),
                      ("a?b=c", "is not an OCID")]:
        t.srv.state.requests.clear()
        rc, out, err = t.run("get", arg)
        check(rc == 1 and err == "dsjob: %s\n" % want if arg != "a?b=c" else want in err, "bad OCID %r refused" % arg, err)
        check(not t.srv.state.requests, "nothing sent for a bad OCID")


def test_pytorch_replicas(t):
    st = t.srv.state
    job_id = "ocid1.datasciencejob.oc1.iad.pytorch"
    st.jobs[job_id] = {"deleted": False, "artifact": None, "job": {
        "id": job_id, "displayName": "pt", "compartmentId": "ocid1.compartment.oc1..aaa",
        "projectId": "ocid1.datascienceproject.oc1.iad.aaa", "lifecycleState": "ACTIVE",
        "jobConfigurationDetails": {"jobType": "DEFAULT", "environmentVariables": {
            "JOB_RUN_ENTRYPOINT": "driver_pytorch.py", "OCI__WORKER_COUNT": "2"}}}}
    rc, out, err = t.run("run", "--job-id", job_id, "--env", "A=1")
    ids = out.split()
    check(rc == 0 and len(ids) == 3, "replicas: 3 starts 3 runs (main + 2 workers)", out + err)
    bodies = [st.runs[i]["body"] for i in ids if i in st.runs]
    envs = [b.get("jobConfigurationOverrideDetails", {}).get("environmentVariables") for b in bodies]
    want = [{"A": "1", "RANK": str(i), "WORLD_SIZE": "3"} for i in range(3)]
    for i in (1, 2):
        want[i]["MAIN_JOB_RUN_OCID"] = ids[0]
    check(envs == want, "each replica has RANK, WORLD_SIZE and (workers) MAIN_JOB_RUN_OCID", str(envs))
    check([b.get("displayName") for b in bodies] == ["pt-0", "pt-1", "pt-2"], "replicas are named <job>-<i>",
          str([b.get("displayName") for b in bodies]))


def test_node_sdk_cross_check(t):
    """Optional: npm oci-common signs the same requests; the server takes both.
    Runs when node finds oci-common (scripts/deps.sh installs it in tests/oci/node_modules;
    or NODE_PATH=<dir>/node_modules), else skipped."""
    import shutil
    node = shutil.which("node")
    local = os.path.join(HERE, "node_modules")
    if os.path.isdir(local):
        os.environ["NODE_PATH"] = os.pathsep.join(p for p in (local, os.environ.get("NODE_PATH")) if p)
    if not node or subprocess.run([node, "-e", "require('oci-common')"], capture_output=True).returncode:
        print("skipped: node or npm oci-common not found (set NODE_PATH to run the cross-check)")
        return
    rc, want, _ = t.run("translate", "job.yaml", endpoint=False)
    body = t.write("body.json", json.dumps(json.loads(want)["body"]))
    t.srv.state.requests.clear()
    r = subprocess.run([node, os.path.join(HERE, "cross_check.js"), t.url, os.path.join(KEYS, "test_key.pem"),
                        TENANCY, USER, FINGERPRINT, body], capture_output=True, text=True, timeout=120)
    job_id = r.stdout.strip()
    check(r.returncode == 0 and job_id in t.srv.state.jobs, "oci-common's signatures verify on the server", r.stderr)
    check(not t.unsigned() and len(t.srv.state.requests) == 2, "both oci-common requests verified", str(t.unsigned()))
    rc, out, err = t.run("get", job_id, "--output", "json")
    check(rc == 0 and json.loads(out)["id"] == job_id, "dsjob reads the job oci-common made", err)


# Config files and their errors, each located (file:line: key: message).
CONFIG_CASES = [
    ("missing key", "[DEFAULT]\nuser=u\ntenancy=t\nkey_file=%(key)s\nregion=r\n", None,
     "profile [DEFAULT]: `fingerprint` is missing"),
    ("no such key file", "[DEFAULT]\nuser=u\ntenancy=t\nfingerprint=f\nregion=r\n\n\nkey_file=~/nope.pem\n", None,
     "config:8: key_file: no such file"),
    ("not a key", "[DEFAULT]\nuser=u\ntenancy=t\nfingerprint=f\nkey_file=%(config)s\n", None,
     "config:5: key_file: not a PEM private key"),
    ("encrypted without pass_phrase", "[DEFAULT]\nuser=u\ntenancy=t\nfingerprint=%(fp)s\nkey_file=%(enc)s\n", None,
     "config:5: key_file: the key is encrypted: set pass_phrase"),
    ("wrong pass_phrase", "[DEFAULT]\nuser=u\ntenancy=t\nfingerprint=%(fp)s\nkey_file=%(enc)s\npass_phrase=no\n", None,
     "config:5: key_file: cannot decrypt the key: wrong pass_phrase?"),
    ("no such profile", "[DEFAULT]\nuser=u\n", "prod", "config: no profile [prod]"),
    ("bad line", "[DEFAULT]\nuser=u\nthis is not ini\n", None, "config:3: expected `key = value` or `[PROFILE]`"),
    ("key before a section", "user=u\n[DEFAULT]\n", None, "config:1: a key before the first `[PROFILE]` header"),
    ("bad section", "[DEFAULT\n", None, "config:1: a section header is `[NAME]`"),
    ("profile inherits DEFAULT, own key wins", "[DEFAULT]\nuser=u\ntenancy=t\nfingerprint=aa\nkey_file=%(key)s\n[p]\nfingerprint=bb\n",
     "p", "config:7: fingerprint: does not match the key in key_file, whose fingerprint is " + FINGERPRINT),
    ("no region", "[DEFAULT]\nuser=u\ntenancy=t\nfingerprint=%(fp)s\nkey_file=%(key)s\n", None, "no region"),
    ("token file missing", "[DEFAULT]\nregion=r\nsecurity_token_file=/none/token\nkey_file=%(key)s\n", None,
     "config:3: security_token_file: no such file"),
    ("config missing", None, None, "cannot read the config file: No such file or directory"),
]


def test_config_errors(t):
    for name, text, profile, want in CONFIG_CASES:
        path = os.path.join(t.tmp, "cases", "config")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if os.path.exists(path):
            os.remove(path)
        if text is not None:
            with open(path, "w") as f:
                f.write(text % {"key": os.path.join(KEYS, "test_key.pem"), "enc": os.path.join(KEYS, "test_key_encrypted.pem"),
                                "fp": FINGERPRINT, "config": path})
        args = ["get", "ocid1.datasciencejob.oc1.iad.x", "--config-file", path] + (["--profile", profile] if profile else [])
        rc, out, err = t.run(*args, endpoint=(name != "no region"))
        check(rc == 1 and want in err, "config case: " + name, "rc=%d want %r\ngot %s" % (rc, want, err))
        check("MII" not in err, "config case %s prints no key material" % name)
    rc, out, err = t.run("get", "ocid1.datasciencejob.oc1.iad.x", env={"OCI_CONFIG_FILE": os.path.join(t.tmp, "cases", "config")},
                         endpoint=False)
    check("~/cases/config" in err, "config paths under HOME are shown with ~", err)


def test_missing_libraries(t):
    """libcurl and libcrypto are loaded on the first OCI call (src/oci/libs.c): without
    them an OCI command fails with a clear error, and other commands do not notice."""
    cases = [
        ({"DSJ_LIBCURL": "/nonexistent/libcurl.so.4"},
         "talking to OCI needs libcurl (Debian package libcurl4): /nonexistent/libcurl.so.4"),
        ({"DSJ_LIBCRYPTO": "/nonexistent/libcrypto.so.3"},
         "talking to OCI needs libcrypto (Debian package libssl3): /nonexistent/libcrypto.so.3"),
        ({"DSJ_LIBCURL": "libz.so.1"},
         "talking to OCI needs libcurl (Debian package libcurl4): libz.so.1 has no curl_easy_init"),
    ]
    for env, want in cases:
        rc, out, err = t.run("get", "ocid1.datasciencejob.oc1.iad.x", env=env)
        check(rc == 1 and want in err and not out, "missing library: %s" % env,
              "rc=%d want %r\ngot %s" % (rc, want, err))
        rc, out, err = t.run("apply", "job.yaml", env=env)
        check(rc == 1 and want in err, "missing library, apply: %s" % env, "rc=%d\n%s" % (rc, err))
        check(not t.srv.state.requests, "nothing is sent without the library")
    rc, out, err = t.run("translate", "job.yaml", env={"DSJ_LIBCURL": "/nonexistent/libcurl.so.4",
                                                       "DSJ_LIBCRYPTO": "/nonexistent/libcrypto.so.3"},
                         endpoint=False)
    check(rc == 0 and out.startswith("{"), "translate needs neither library", err)


def main():
    dsjob = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        t = Env(dsjob, tmp)
        tests = [v for k, v in sorted(globals().items()) if k.startswith("test_")]
        for test in tests:
            t.reset()
            for j in t.srv.state.jobs.values():
                j["deleted"] = True
            test(t)
            print("ran", test.__name__)
        t.srv.shutdown()
    if failures:
        print("%d failed" % len(failures))
        return 1
    print("all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A local stand-in for the OCI Data Science and Logging APIs, for dsjob's tests.

Standard library only, on 127.0.0.1 with a port the system picks. Every request's
signature (signature version 1) is checked against the public keys it was given,
with x-content-sha256 against the body, so a request the real service would
refuse for its signature is refused here too (401 NotAuthenticated). It can fail
on purpose (see Faults) and records every request for the tests to inspect.

Signature checks use `cryptography` when it is installed, else `openssl dgst`.
"""
import base64
import hashlib
import itertools
import json
import re
import subprocess
import tempfile
import threading
import urllib.parse
import time
import email.utils
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

try:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding
except ImportError:  # pragma: no cover - the fallback below is used
    serialization = None

BODY_HEADERS = ["content-length", "content-type", "x-content-sha256"]
BASE_HEADERS = ["date", "(request-target)", "host"]


def verify_rsa_sha256(public_pem, data, signature):
    if serialization is not None:
        key = serialization.load_pem_public_key(public_pem)
        try:
            key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
            return True
        except Exception:
            return False
    with tempfile.NamedTemporaryFile() as k, tempfile.NamedTemporaryFile() as s:
        k.write(public_pem)
        k.flush()
        s.write(signature)
        s.flush()
        r = subprocess.run(["openssl", "dgst", "-sha256", "-verify", k.name, "-signature", s.name],
                           input=data, capture_output=True)
        return r.returncode == 0


class Faults:
    """What goes wrong on purpose. Counters count down as they are used."""

    def __init__(self):
        self.status_once = {}        # (method, path prefix) -> [status, ...] answered first
        self.artifact_fails = False  # every artifact upload answers 500
        self.run_outcome = ("SUCCEEDED", "Job run succeeded")  # final state and details
        self.polls_to_finish = 3     # GetJobRun answers before the run ends
        self.late_lines = 1          # log lines that appear only after the run ended
        self.page_size = 2           # log search results per page
        self.page_token_pad = ""     # appended to each opc-next-page token
        self.object_page_size = 2    # ListObjects results per page


class State:
    def __init__(self, public_keys):
        self.public_keys = public_keys  # keyId -> public PEM; "ST$*" for any token
        self.faults = Faults()
        self.requests = []
        self.jobs = {}
        self.runs = {}
        self.objects = {}  # "/n/ns/b/bucket/o/<encoded name>" -> bytes
        self.lock = threading.Lock()
        self.ids = itertools.count(1)

    def put_object(self, ns, bucket, name, data):
        self.objects["/n/%s/b/%s/o/%s" % (ns, bucket, urllib.parse.quote(name, safe=""))] = data


def parse_authorization(value):
    if not value or not value.startswith("Signature "):
        return None
    return dict(re.findall(r'(\w+)="([^"]*)"', value[len("Signature "):]))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "oci-test-server"
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):
        pass

    # -- answers ---------------------------------------------------------------
    def answer(self, status, body=None, headers=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("opc-request-id", "test-request-%d" % next(self.server.state.ids))
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, code, message):
        self.answer(status, {"code": code, "message": message})

    # -- the signature -----------------------------------------------------------
    def check_signature(self, body):
        auth = parse_authorization(self.headers.get("authorization"))
        if not auth or auth.get("version") != "1" or auth.get("algorithm") != "rsa-sha256":
            return "no signature version 1 rsa-sha256 Authorization header"
        names = [n.lower() for n in auth.get("headers", "").split(" ")]
        upload = self.path.endswith("/artifact")
        want = BASE_HEADERS + (BODY_HEADERS if self.command in ("POST", "PUT", "PATCH") and not upload else [])
        # x-date may stand for date (the TypeScript SDK signs x-date); the order is free
        date_name = "x-date" if "x-date" in names else "date"
        if sorted(n if n != "x-date" else "date" for n in names) != sorted(want) or len(set(names)) != len(names):
            return "signed headers %r, expected %r" % (names, want)
        key_id = auth.get("keyId", "")
        pem = self.server.state.public_keys.get(key_id)
        if pem is None and key_id.startswith("ST$"):
            pem = self.server.state.public_keys.get("ST$*")
        if pem is None:
            return "unknown keyId"
        lines = []
        for name in names:
            if name == "(request-target)":
                lines.append("(request-target): %s %s" % (self.command.lower(), self.path))
                continue
            value = self.headers.get(name)
            if value is None:
                return "signed header %s missing" % name
            lines.append("%s: %s" % (name, value))
        if "x-content-sha256" in names:
            digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
            if self.headers.get("x-content-sha256") != digest:
                return "x-content-sha256 does not match the body"
            if int(self.headers.get("content-length", "-1")) != len(body):
                return "content-length does not match the body"
        if upload and self.headers.get("transfer-encoding"):
            return "an artifact upload must have a Content-Length, not chunks"
        date = email.utils.parsedate_to_datetime(self.headers.get(date_name, "Thu, 01 Jan 1970 00:00:00 GMT"))
        if abs(date.timestamp() - time.time()) > 300:
            return "date is more than 5 minutes off"
        if not verify_rsa_sha256(pem, "\n".join(lines).encode(), base64.b64decode(auth.get("signature", ""))):
            return "the signature does not verify"
        return None

    # -- dispatch ----------------------------------------------------------------
    def handle_any(self):
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        st = self.server.state
        record = {"method": self.command, "path": self.path, "headers": dict((k.lower(), v) for k, v in self.headers.items()), "body": body}
        with st.lock:
            st.requests.append(record)
        problem = self.check_signature(body)
        record["signature_problem"] = problem
        if problem:
            return self.error(401, "NotAuthenticated", "The required information to complete authentication was not provided or was incorrect. (%s)" % problem)
        for (method, prefix), statuses in st.faults.status_once.items():
            if method == self.command and self.path.startswith(prefix) and statuses:
                status = statuses.pop(0)
                codes = {429: "TooManyRequests", 401: "NotAuthenticated", 404: "NotAuthorizedOrNotFound"}
                return self.error(status, codes.get(status, "InternalServerError"), "fault injected")
        route = self.route()
        if route is None:
            return self.error(404, "NotAuthorizedOrNotFound", "no such resource: %s %s" % (self.command, self.path))
        return route(body)

    do_GET = do_POST = do_DELETE = do_PUT = do_HEAD = handle_any

    def route(self):
        p = self.path.split("?")[0]
        m = self.command
        table = [
            ("POST", r"/20190101/jobs", self.create_job),
            ("GET", r"/20190101/jobs", self.list_jobs),
            ("POST", r"/20190101/jobs/([^/]+)/artifact", self.upload_artifact),
            ("HEAD", r"/20190101/jobs/([^/]+)/artifact", self.head_artifact),
            ("GET", r"/20190101/jobs/([^/]+)", self.get_job),
            ("DELETE", r"/20190101/jobs/([^/]+)", self.delete_job),
            ("POST", r"/20190101/jobRuns", self.create_run),
            ("GET", r"/20190101/jobRuns/([^/]+)", self.get_run),
            ("POST", r"/20190101/jobRuns/([^/]+)/actions/cancelJobRun", self.cancel_run),
            ("GET", r"/20200531/logGroups/([^/]+)/logs/([^/]+)", self.get_log),
            ("POST", r"/20190909/search", self.search),
            ("GET", r"/n/([^/]+)/b/([^/]+)/o/([^/]+)", self.get_object),
            ("GET", r"/n/([^/]+)/b/([^/]+)/o", self.list_objects),
        ]
        for method, pattern, fn in table:
            match = re.fullmatch(pattern, p)
            if method == m and match:
                return lambda body, fn=fn, match=match: fn(body, *match.groups())
        return None

    # -- Data Science ---------------------------------------------------------------
    def create_job(self, body):
        st = self.server.state
        details = json.loads(body)
        job_id = "ocid1.datasciencejob.oc1.iad.test%d" % next(st.ids)
        job = dict(details, id=job_id, lifecycleState="ACTIVE", timeCreated="2026-01-01T00:00:00.000Z")
        with st.lock:
            st.jobs[job_id] = {"job": job, "artifact": None, "deleted": False}
        self.answer(200, job, {"etag": "1"})

    def list_jobs(self, body):
        st = self.server.state
        q = dict(kv.split("=", 1) for kv in self.path.split("?", 1)[1].split("&"))
        from urllib.parse import unquote
        name = unquote(q.get("displayName", ""))
        items = [j["job"] for j in st.jobs.values() if not j["deleted"] and j["job"]["displayName"] == name and j["job"]["compartmentId"] == q.get("compartmentId")]
        self.answer(200, list(reversed(items))[:1])

    def upload_artifact(self, body, job_id):
        st = self.server.state
        if job_id not in st.jobs:
            return self.error(404, "NotAuthorizedOrNotFound", "no job")
        if st.faults.artifact_fails:
            return self.error(500, "InternalServerError", "artifact store unavailable")
        st.jobs[job_id]["artifact"] = {"data": body, "disposition": self.headers.get("content-disposition")}
        self.answer(200)

    def head_artifact(self, body, job_id):
        j = self.server.state.jobs.get(job_id)
        if not j or j["deleted"] or not j["artifact"]:
            self.send_response(404)
            self.send_header("content-length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("opc-request-id", "test-request-%d" % next(self.server.state.ids))
        self.send_header("content-disposition", j["artifact"]["disposition"])
        self.send_header("content-length", str(len(j["artifact"]["data"])))  # of the artifact: no body follows
        self.end_headers()

    def get_job(self, body, job_id):
        j = self.server.state.jobs.get(job_id)
        if not j or j["deleted"]:
            return self.error(404, "NotAuthorizedOrNotFound", "no job")
        self.answer(200, j["job"])

    def delete_job(self, body, job_id):
        j = self.server.state.jobs.get(job_id)
        if not j:
            return self.error(404, "NotAuthorizedOrNotFound", "no job")
        j["deleted"] = True
        self.answer(204)

    def create_run(self, body):
        st = self.server.state
        details = json.loads(body)
        job = st.jobs.get(details.get("jobId"))
        if not job:
            return self.error(404, "NotAuthorizedOrNotFound", "no job")
        run_id = "ocid1.datasciencejobrun.oc1.iad.test%d" % next(st.ids)
        run = dict(details, id=run_id, lifecycleState="ACCEPTED", timeAccepted="2026-01-01T00:00:00.000Z",
                   logDetails={"logGroupId": "ocid1.loggroup.oc1.iad.test", "logId": "ocid1.log.oc1.iad.test"})
        with st.lock:
            st.runs[run_id] = {"run": run, "polls": 0, "searches_after_end": 0, "body": details}
        self.answer(200, run)

    def get_run(self, body, run_id):
        st = self.server.state
        r = st.runs.get(run_id)
        if not r:
            return self.error(404, "NotAuthorizedOrNotFound", "no run")
        run = r["run"]
        r["polls"] += 1
        if run["lifecycleState"] == "CANCELING":
            run["lifecycleState"] = "CANCELED"
        elif run["lifecycleState"] not in ("SUCCEEDED", "FAILED", "CANCELED"):
            if r["polls"] >= st.faults.polls_to_finish:
                run["lifecycleState"], run["lifecycleDetails"] = st.faults.run_outcome
            else:
                run["lifecycleState"] = "IN_PROGRESS"
        self.answer(200, run)

    def cancel_run(self, body, run_id):
        r = self.server.state.runs.get(run_id)
        if not r:
            return self.error(404, "NotAuthorizedOrNotFound", "no run")
        r["run"]["lifecycleState"] = "CANCELING"
        self.answer(202)

    # -- Object Storage ------------------------------------------------------------
    def list_objects(self, body, ns, bucket):
        """ListObjects: names in order from `start`, a page at a time, with nextStartWith."""
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        prefix = query.get("prefix", [""])[0]
        start = query.get("start", [""])[0]
        base = "/n/%s/b/%s/o/" % (ns, bucket)
        names = sorted(urllib.parse.unquote(k[len(base):]) for k in self.server.state.objects
                       if k.startswith(base))
        names = [n for n in names if n.startswith(prefix) and n >= start]
        size = self.server.state.faults.object_page_size
        answer = {"objects": [{"name": n} for n in names[:size]], "prefixes": []}
        if len(names) > size:
            answer["nextStartWith"] = names[size]
        self.answer(200, answer)

    def get_object(self, body, ns, bucket, name):
        data = self.server.state.objects.get(self.path)
        if data is None:
            return self.error(404, "ObjectNotFound", "no object %s" % self.path)
        self.send_response(200)
        self.send_header("opc-request-id", "test-request-%d" % next(self.server.state.ids))
        self.send_header("content-type", "application/octet-stream")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    # -- Logging --------------------------------------------------------------------
    def get_log(self, body, group, log):
        self.answer(200, {"id": log, "logGroupId": group, "compartmentId": "ocid1.compartment.oc1..logs"})

    def log_lines(self, run_id, r):
        """Lines 1..N while running (more as it goes); the late ones after it ended."""
        st = self.server.state
        ended = r["run"]["lifecycleState"] in ("SUCCEEDED", "FAILED", "CANCELED")
        shown = min(r["polls"], st.faults.polls_to_finish) + 1
        lines = [("%s-line-%d" % (run_id, i), "line %d" % i) for i in range(1, shown + 1)]
        if ended:
            r["searches_after_end"] += 1
            if r["searches_after_end"] >= 2:
                lines += [("%s-late-%d" % (run_id, i), "late line %d" % i) for i in range(1, st.faults.late_lines + 1)]
        return lines

    def search(self, body):
        st = self.server.state
        details = json.loads(body)
        for key in ("timeStart", "timeEnd", "searchQuery"):
            if key not in details:
                return self.error(400, "InvalidParameter", "missing " + key)
        m = re.fullmatch(r"SEARCH \"([^\"]+)/([^\"]+)/([^\"]+)\" \| WHERE source = '\*([^']+)' \| SORT BY datetime ASC", details["searchQuery"])
        if not m or m.group(1) != "ocid1.compartment.oc1..logs":
            return self.error(400, "InvalidParameter", "unexpected query %r" % details["searchQuery"])
        r = st.runs.get(m.group(4))
        lines = self.log_lines(m.group(4), r) if r else []
        page = 0
        if "page=" in self.path:
            from urllib.parse import unquote
            token = unquote(self.path.split("page=")[1].split("&")[0])
            page = int(token.split("~")[0].replace("p", ""))
        size = st.faults.page_size
        chunk = lines[page * size:(page + 1) * size]
        results = [{"data": {"datetime": 0, "logContent": {"id": i, "data": {"message": msg}}}} for i, msg in chunk]
        headers = {"opc-next-page": "p%d~%s" % (page + 1, st.faults.page_token_pad)} if (page + 1) * size < len(lines) else {}
        self.answer(200, {"results": results, "summary": {"resultCount": len(results)}}, headers)


def start(public_keys):
    """Starts a server on 127.0.0.1 (any free port); returns (server, base URL)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = State(public_keys)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, "http://127.0.0.1:%d" % server.server_address[1]

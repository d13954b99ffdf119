# dsjob-driver-version: 1
"""Job-side driver for dsjob's gitPython runtime (JOB_RUN_ENTRYPOINT=driver_oci.py).

Clones GIT_URL with the ``git`` command (any URL git takes: https, ssh, ``file://``, a
local path), checks out GIT_COMMIT or GIT_BRANCH, runs GIT_ENTRYPOINT (relative to the
clone's root) from the clone's WORKING_DIR, copies OUTPUT_DIR to OUTPUT_URI and, on OCI,
records the commit in the job run's freeform tags. See docs/drivers.md.
"""
import os
import random
import string
import subprocess
import time
import uuid

import driver_utils
from driver_utils import DriverError, env, logger

METADATA_MIN_WAIT_SECONDS = 90  # as ADS: the job run may not be updatable right away


# --------------------------------------------------------------------------------------
# git

def git(args, cwd=None, extra_env=None):
    """Run ``git ARGS`` (no ``-C``: the 2023 image has git 1.8.3); returns its stdout.

    A failure raises a DriverError that carries git's own message.
    """
    child_env = driver_utils.command_env()
    child_env.update(extra_env or {})
    logger.info(">>> git %s", " ".join(args))
    try:
        process = subprocess.Popen(["git"] + list(args), cwd=cwd, env=child_env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   universal_newlines=True)
    except OSError as err:
        raise DriverError("cannot run git (%s): install git in the job's image" % err.strerror)
    out, err = process.communicate()
    if process.returncode != 0:
        raise DriverError("git %s failed (exit %d): %s"
                          % (" ".join(args), process.returncode, err.strip()))
    return out


def repo_name(url):
    """``https://host/team/my.repo.git`` → ``my`` (basename cut at its first dot, as ADS)."""
    base = os.path.basename(url.rstrip("/").replace(":", "/"))
    return base.split(".", 1)[0] or "repo"


def random_letters(count):
    return "".join(random.choice(string.ascii_letters) for _ in range(count))


def prepare_clone_dir(path):
    """An empty directory at ``path``; a non-empty one is first renamed aside (as ADS)."""
    if os.path.isdir(path) and os.listdir(path):
        aside = "%s_%s" % (path.rstrip("/"), random_letters(5))
        logger.warning("%s is not empty; moved it to %s", path, aside)
        os.rename(path, aside)
    if not os.path.isdir(path):
        os.makedirs(path)
    return path


def checked_ref(name, value):
    if value.startswith("-"):
        raise DriverError("%s=%s: a branch or commit cannot start with '-'" % (name, value))
    return value


def checkout(clone_dir, branch=None, commit=None):
    """Commit wins over branch; neither keeps the default branch. Returns HEAD's sha."""
    if commit:
        git(["checkout", checked_ref("commit", commit), "--"], cwd=clone_dir)
    elif branch:
        git(["checkout", checked_ref("branch", branch), "--"], cwd=clone_dir)
    return git(["rev-parse", "HEAD"], cwd=clone_dir).strip()


# --------------------------------------------------------------------------------------
# SSH keys (from OCI Vault)

def is_ssh_url(url):
    if url.startswith("ssh://") or url.startswith("git@"):
        return True
    head = url.split("/", 1)[0]
    return "://" not in url and "@" in head and ":" in head  # scp-like user@host:path


def read_secret(secret_ocid):
    """The secret's text from OCI Vault (needs the oci SDK)."""
    import base64
    client = driver_utils.oci_client("secrets.SecretsClient", "GIT_SECRET_OCID (an SSH key "
                                     "stored in OCI Vault)")
    bundle = client.get_secret_bundle(secret_ocid).data
    return base64.b64decode(bundle.secret_bundle_content.content).decode("ascii")


class SSHKey(object):
    """Context manager: the key from GIT_SECRET_OCID written (0600) at ``path`` while in use.

    An existing file at ``path`` is kept aside and put back afterwards.
    """

    def __init__(self, secret_ocid, path):
        self.secret_ocid = secret_ocid
        self.path = path
        self.backup = None

    def __enter__(self):
        if not self.secret_ocid:
            return self
        key = read_secret(self.secret_ocid)
        if not key.endswith("\n"):
            key += "\n"
        if os.path.exists(self.path):
            self.backup = "%s.%s.bak" % (self.path, random_letters(10))
            os.rename(self.path, self.backup)
        parent = os.path.dirname(self.path)
        if not os.path.isdir(parent):
            os.makedirs(parent, 0o700)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as stream:
            stream.write(key)
        return self

    def __exit__(self, *exc):
        if not self.secret_ocid:
            return False
        if os.path.exists(self.path):
            os.remove(self.path)
        if self.backup:
            os.rename(self.backup, self.path)
        return False


def default_key_path():
    """OCI__GIT_SSH_KEY_PATH, else a fresh ``$HOME/ssh_<uuid>/id_rsa``."""
    return env("OCI__GIT_SSH_KEY_PATH") or os.path.join(
        os.path.expanduser("~"), "ssh_" + uuid.uuid4().hex, "id_rsa")


def ssh_environment(url, key_path):
    """GIT_SSH_COMMAND using the key that was actually written, for SSH URLs."""
    if not is_ssh_url(url) or not os.path.isfile(key_path):
        return {}
    command = "ssh -i %s -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null" % key_path
    if driver_utils.logger.isEnabledFor(10):  # DEBUG: let ssh say what it does
        command += " -v"
    return {"GIT_SSH_COMMAND": command}


# --------------------------------------------------------------------------------------
# The job

def fetch_repo(url, branch=None, commit=None, secret_ocid=None, clone_dir=None):
    """Clone ``url`` into ``clone_dir`` (default ``~/Code/<name>``), check out; (dir, sha)."""
    if not url:
        raise DriverError("GIT_URL is not set: it names the repository to clone")
    clone_dir = os.path.abspath(clone_dir or os.path.join(
        os.path.expanduser("~"), "Code", repo_name(url)))
    prepare_clone_dir(clone_dir)
    key_path = default_key_path()
    with SSHKey(secret_ocid, key_path):
        git(["clone", "--", url, clone_dir], extra_env=ssh_environment(url, key_path))
    sha = checkout(clone_dir, branch, commit)
    logger.info("cloned %s into %s at %s", url, clone_dir, sha)
    return clone_dir, sha


def run_from_clone(clone_dir):
    """Working dir and python path relative to the clone, then GIT_ENTRYPOINT."""
    driver_utils.set_working_dir(clone_dir)
    driver_utils.setup_python_path(clone_dir)
    entrypoint = env("GIT_ENTRYPOINT")
    if not entrypoint:
        raise DriverError("GIT_ENTRYPOINT is not set: it names the file to run, relative "
                          "to the repository's root")
    driver_utils.run_entrypoint(os.path.join(clone_dir, entrypoint), env("ENTRY_FUNCTION"))


def metadata_tags(url, sha, outputs):
    tags = {"repo": url, "commit": sha, "module": env("GIT_ENTRYPOINT"),
            "method": env("ENTRY_FUNCTION")}
    if outputs:
        tags["outputs"] = os.path.commonprefix(outputs)
    return dict((k, v) for k, v in tags.items() if v)


def update_job_run_tags(job_run_ocid, tags, started):
    """Merge ``tags`` into the job run's freeform tags; any failure only logs (as ADS)."""
    try:
        oci = driver_utils.import_oci("recording the commit in the job run's tags")
        client = driver_utils.oci_client("data_science.DataScienceClient", "job run tags")
        time.sleep(max(0.0, started + METADATA_MIN_WAIT_SECONDS - time.time()))
        current = client.get_job_run(job_run_ocid).data.freeform_tags or {}
        current.update(tags)
        details = oci.data_science.models.UpdateJobRunDetails(freeform_tags=current)
        client.update_job_run(job_run_ocid, details,
                              retry_strategy=oci.retry.DEFAULT_RETRY_STRATEGY)
    except Exception as err:  # noqa: B902 - metadata must never fail the job
        logger.warning("job run tags not updated: %s", err)


def main():
    started = time.time()
    url = env("GIT_URL")
    clone_dir, sha = fetch_repo(url, env("GIT_BRANCH"), env("GIT_COMMIT"),
                                env("GIT_SECRET_OCID"), env("CODE_DIR"))
    run_from_clone(clone_dir)
    outputs = driver_utils.copy_outputs()
    job_run_ocid = env("JOB_RUN_OCID")
    if job_run_ocid and "SKIP_METADATA_UPDATE" not in os.environ:
        update_job_run_tags(job_run_ocid, metadata_tags(url, sha, outputs), started)


if __name__ == "__main__":
    driver_utils.main_guard(main)

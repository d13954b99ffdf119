"""Helpers shared by the driver tests: a fake decompressed artifact in a temp dir, and
running a driver in it as the service would (a fresh process, cwd = the artifact root)."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

DRIVERS_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "drivers"))
if DRIVERS_DIR not in sys.path:  # unit tests of single functions import the drivers
    sys.path.insert(0, DRIVERS_DIR)
sys.dont_write_bytecode = True  # no __pycache__ in drivers/, which is embedded as it is

# Variables of the machine running the tests that would change what a driver does.
_DRIVER_VARIABLES = [
    "CODE_DIR", "CODE_ENTRYPOINT", "ENTRY_FUNCTION", "WORKING_DIR", "PYTHON_PATH",
    "OUTPUT_DIR", "OUTPUT_URI", "JOB_RUN_NOTEBOOK", "NOTEBOOK_EXCLUDE_TAGS",
    "NOTEBOOK_ENCODING", "GIT_URL", "GIT_BRANCH", "GIT_COMMIT", "GIT_ENTRYPOINT",
    "GIT_SECRET_OCID", "JOB_RUN_OCID", "JOB_OCID", "SKIP_METADATA_UPDATE", "OCI__LAUNCH_CMD",
    "OCI__WORKER_COUNT", "NODE_COUNT", "INITIAL_CLUSTER_SIZE", "MAIN_JOB_RUN_OCID",
    "OCI__RUNTIME_URI", "OCI__PIP_PKG", "OCI__PIP_REQUIREMENTS", "OCI__INPUT_MAPPINGS",
    "OCI__METRICS_NAMESPACE", "CONDA_PREFIX", "PYTHONPATH", "OCI_LOG_LEVEL",
    "DSJOB_NOTEBOOK_ENGINE", "CLUSTER_NODES_METADATA_FILE", "NODE_RANK", "LD_PRELOAD",
]


def write(path, text, mode=None):
    parent = os.path.dirname(path)
    if parent and not os.path.isdir(parent):
        os.makedirs(parent)
    with open(path, "w") as stream:
        stream.write(text)
    if mode is not None:
        os.chmod(path, mode)
    return path


def read(path):
    with open(path) as stream:
        return stream.read()


class DriverTestCase(unittest.TestCase):
    """Each test gets ``self.tmp`` (removed afterwards) and ``self.artifact`` under it."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="dsjob-driver-test-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.home = os.path.join(self.tmp, "home")
        os.makedirs(self.home)
        self.artifact = os.path.join(self.tmp, "decompressed_artifact")
        os.makedirs(os.path.join(self.artifact, "code"))
        for name in os.listdir(DRIVERS_DIR):
            if name.endswith((".py", ".c")):
                shutil.copy(os.path.join(DRIVERS_DIR, name), self.artifact)

    def code(self, relpath, text, mode=None):
        """Write a user file under the artifact's code/ folder."""
        return write(os.path.join(self.artifact, "code", relpath), text, mode)

    def run_driver(self, driver, env=None, args=(), python=None, path_prefix=None):
        """Run ``driver`` as the service would; returns the CompletedProcess."""
        child_env = dict(os.environ)
        for name in _DRIVER_VARIABLES:
            child_env.pop(name, None)
        child_env["HOME"] = self.home
        child_env["PYTHONDONTWRITEBYTECODE"] = "1"
        if path_prefix:
            child_env["PATH"] = path_prefix + os.pathsep + child_env.get("PATH", "")
        child_env.update(env or {})
        return subprocess.run(
            [python or sys.executable, driver] + list(args), cwd=self.artifact, env=child_env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
            timeout=120)

    def no_oci_path(self):
        """A PYTHONPATH folder whose ``oci`` package fails to import, as if not installed."""
        folder = os.path.join(self.tmp, "no_oci")
        write(os.path.join(folder, "oci", "__init__.py"), "raise ImportError('no oci here')\n")
        return folder

    def assertExit(self, result, code):
        self.assertEqual(result.returncode, code,
                         "exit %d, wanted %d\nstdout:\n%s\nstderr:\n%s"
                         % (result.returncode, code, result.stdout, result.stderr))

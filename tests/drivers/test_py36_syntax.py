"""The drivers must stay importable on the job image's old Pythons (3.6+)."""
import ast
import glob
import os
import re
import shutil
import subprocess
import sys
import unittest

from driver_test_support import DRIVERS_DIR

# Standard-library names or arguments newer than 3.6 that ast.parse cannot catch.
NEWER_THAN_36 = [
    (r"capture_output\s*=", "subprocess capture_output= (3.7)"),
    (r"\btext\s*=\s*True", "subprocess text= (3.7)"),
    (r"shlex\.join", "shlex.join (3.8)"),
    (r"\.removeprefix\(|\.removesuffix\(", "str.removeprefix (3.9)"),
    (r"from __future__ import annotations", "postponed annotations (3.7)"),
    (r"\bdataclasses\b", "dataclasses (3.7)"),
    (r"importlib\.metadata", "importlib.metadata (3.8)"),
    (r"dirs_exist_ok", "copytree dirs_exist_ok (3.8)"),
    (r"asyncio\.run\(", "asyncio.run (3.7)"),
]


def python36():
    """A working Python 3.6 on this machine (pyenv or PATH), or None."""
    candidates = sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.6*/bin/python3")))
    candidates += [p for p in [shutil.which("python3.6")] if p]
    for python in candidates:
        check = "import sys; sys.exit(sys.version_info[:2] != (3, 6))"
        if subprocess.call([python, "-c", check], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL) == 0:
            return python
    return None


PYTHON36 = python36()


def python_sources():
    return sorted(os.path.join(DRIVERS_DIR, n) for n in os.listdir(DRIVERS_DIR)
                  if n.endswith(".py"))


class Python36Compatibility(unittest.TestCase):
    @unittest.skipIf(sys.version_info < (3, 8), "feature_version needs Python 3.8+")
    def test_grammar_is_python_36(self):
        for path in python_sources():
            with open(path) as stream:
                source = stream.read()
            try:
                ast.parse(source, path, feature_version=(3, 6))
            except SyntaxError as err:
                self.fail("%s:%s: not Python 3.6 syntax: %s" % (path, err.lineno, err.msg))

    def test_no_newer_library_calls(self):
        for path in python_sources():
            with open(path) as stream:
                for number, line in enumerate(stream, 1):
                    for pattern, what in NEWER_THAN_36:
                        if re.search(pattern, line):
                            self.fail("%s:%d: uses %s" % (path, number, what))

    @unittest.skipIf(PYTHON36 is None, "no Python 3.6 here")
    def test_drivers_import_on_python_36(self):
        modules = [os.path.basename(p)[:-3] for p in python_sources()]
        script = "import %s" % ", ".join(modules)
        subprocess.check_call([PYTHON36, "-c", script], cwd=DRIVERS_DIR,
                              env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))

    def test_every_driver_has_a_version_line(self):
        for path in python_sources():
            with open(path) as stream:
                self.assertIn("dsjob-driver-version:", stream.readline(), path)

    def test_only_standard_library_at_import(self):
        optional = {"oci", "nbclient", "nbformat", "torch", "psutil", "git", "requests"}
        for path in python_sources():
            with open(path) as stream:
                tree = ast.parse(stream.read(), path)
            for node in tree.body:  # module level only: lazy imports sit in functions
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                for name in names:
                    self.assertNotIn(name.split(".")[0], optional,
                                     "%s imports %s at module level" % (path, name))


if __name__ == "__main__":
    unittest.main()

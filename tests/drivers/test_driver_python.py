"""driver_python.py: runpy semantics, entry functions, exit codes, working dir, python
path, shell entrypoints and outputs, each run in a fresh process as the service would."""
import json
import os
import unittest

from driver_test_support import DriverTestCase, read, write

REPORT = """
import json, os, sys
print("REPORT " + json.dumps({"name": __name__, "argv": sys.argv, "cwd": os.getcwd(),
                              "path": sys.path}))
"""


def report_of(result):
    for line in result.stdout.splitlines():
        if line.startswith("REPORT "):
            return json.loads(line[len("REPORT "):])
    raise AssertionError("no REPORT line in:\n" + result.stdout + result.stderr)


class RunpySemantics(DriverTestCase):
    def test_script_runs_as_main_with_job_arguments(self):
        self.code("train.py", REPORT)
        result = self.run_driver("driver_python.py", {"CODE_ENTRYPOINT": "train.py"},
                                 ["--epochs", "10", "my model"])
        self.assertExit(result, 0)
        report = report_of(result)
        self.assertEqual(report["name"], "__main__")
        self.assertEqual(report["argv"], [os.path.join(self.artifact, "code", "train.py"),
                                          "--epochs", "10", "my model"])
        self.assertEqual(report["cwd"], os.path.join(self.artifact, "code"))

    def test_script_folder_not_on_path_without_working_dir(self):
        self.code("pkg/helper.py", "VALUE = 1\n")
        self.code("pkg/main.py", "import helper\n")
        result = self.run_driver("driver_python.py", {"CODE_ENTRYPOINT": "pkg/main.py"})
        self.assertExit(result, 1)
        self.assertIn("ModuleNotFoundError", result.stderr)

    def test_working_dir_is_cwd_and_on_path(self):
        self.code("pkg/helper.py", "VALUE = 'from helper'\n")
        self.code("pkg/main.py", "import helper\nprint(helper.VALUE)\n" + REPORT)
        result = self.run_driver("driver_python.py",
                                 {"CODE_ENTRYPOINT": "main.py", "WORKING_DIR": "pkg"})
        self.assertExit(result, 0)
        self.assertIn("from helper", result.stdout)
        working_dir = os.path.join(self.artifact, "code", "pkg")
        self.assertEqual(report_of(result)["cwd"], working_dir)
        self.assertIn(working_dir, report_of(result)["path"])

    def test_python_path_relative_to_working_dir_adds_code_dir(self):
        self.code("src/job/main.py", "import lib_mod, top\nprint(lib_mod.X, top.Y)\n" + REPORT)
        self.code("src/lib/lib_mod.py", "X = 'lib'\n")
        self.code("top.py", "Y = 'top'\n")
        result = self.run_driver("driver_python.py", {
            "CODE_ENTRYPOINT": "job/main.py", "WORKING_DIR": "src", "PYTHON_PATH": "lib"})
        self.assertExit(result, 0)
        self.assertIn("lib top", result.stdout)
        path = report_of(result)["path"]
        self.assertIn(os.path.join(self.artifact, "code", "src", "lib"), path)
        self.assertIn(os.path.join(self.artifact, "code"), path)

    def test_code_dir_not_added_without_python_path(self):
        self.code("src/main.py", REPORT)
        result = self.run_driver("driver_python.py",
                                 {"CODE_ENTRYPOINT": "main.py", "WORKING_DIR": "src"})
        self.assertExit(result, 0)
        self.assertNotIn(os.path.join(self.artifact, "code"), report_of(result)["path"])

    def test_code_dir_variable(self):
        write(os.path.join(self.artifact, "elsewhere", "run.py"), REPORT)
        result = self.run_driver("driver_python.py",
                                 {"CODE_DIR": "elsewhere", "CODE_ENTRYPOINT": "run.py"})
        self.assertExit(result, 0)
        self.assertEqual(report_of(result)["cwd"], os.path.join(self.artifact, "elsewhere"))

    def test_directory_entrypoint_runs_its_main(self):
        self.code("app/__main__.py", "print('app main')\n")
        result = self.run_driver("driver_python.py", {"CODE_ENTRYPOINT": "app"})
        self.assertExit(result, 0)
        self.assertIn("app main", result.stdout)


class EntryFunction(DriverTestCase):
    SOURCE = """
import json
def train(*args, **kwargs):
    print("CALLED " + json.dumps([__name__, list(args), kwargs]))
if __name__ == "__main__":
    print("MAIN BLOCK RAN")
"""

    def test_function_gets_positional_and_keyword_arguments(self):
        self.code("train.py", self.SOURCE)
        result = self.run_driver("driver_python.py",
                                 {"CODE_ENTRYPOINT": "train.py", "ENTRY_FUNCTION": "train"},
                                 ["a", "--k", "v", "--flag"])
        self.assertExit(result, 0)
        self.assertIn('CALLED ["module", ["a"], {"k": "v", "flag": null}]', result.stdout)
        self.assertNotIn("MAIN BLOCK RAN", result.stdout)

    def test_missing_function_is_a_clear_error(self):
        self.code("train.py", self.SOURCE)
        result = self.run_driver("driver_python.py",
                                 {"CODE_ENTRYPOINT": "train.py", "ENTRY_FUNCTION": "nope"})
        self.assertExit(result, 1)
        self.assertIn("ENTRY_FUNCTION 'nope' is not a function", result.stderr)


class ExitCodes(DriverTestCase):
    def test_sys_exit_code_is_the_job_exit_code(self):
        self.code("x.py", "import sys\nsys.exit(3)\n")
        self.assertExit(self.run_driver("driver_python.py", {"CODE_ENTRYPOINT": "x.py"}), 3)

    def test_exception_exits_1_with_traceback(self):
        self.code("x.py", "raise RuntimeError('boom')\n")
        result = self.run_driver("driver_python.py", {"CODE_ENTRYPOINT": "x.py"})
        self.assertExit(result, 1)
        self.assertIn("RuntimeError: boom", result.stderr)

    def test_shell_entrypoint_exit_code_and_arguments(self):
        self.code("run.sh", "#!/bin/sh\necho \"args:$1|$2\"\nexit 7\n", mode=0o644)
        result = self.run_driver("driver_python.py", {"CODE_ENTRYPOINT": "run.sh"},
                                 ["a b", "c"])
        self.assertExit(result, 7)
        self.assertIn("args:a b|c", result.stdout)

    def test_shell_entrypoint_without_shebang_runs_with_sh(self):
        self.code("run.sh", "echo no shebang\n", mode=0o644)
        result = self.run_driver("driver_python.py", {"CODE_ENTRYPOINT": "run.sh"})
        self.assertExit(result, 0)
        self.assertIn("no shebang", result.stdout)

    def test_missing_entrypoint(self):
        result = self.run_driver("driver_python.py", {"CODE_ENTRYPOINT": "absent.py"})
        self.assertExit(result, 1)
        self.assertIn("absent.py does not exist", result.stderr)

    def test_no_entrypoint(self):
        result = self.run_driver("driver_python.py")
        self.assertExit(result, 1)
        self.assertIn("set CODE_ENTRYPOINT", result.stderr)

    def test_missing_working_dir(self):
        self.code("x.py", "")
        result = self.run_driver("driver_python.py",
                                 {"CODE_ENTRYPOINT": "x.py", "WORKING_DIR": "nope"})
        self.assertExit(result, 1)
        self.assertIn("check WORKING_DIR", result.stderr)


class CondaUnpack(DriverTestCase):
    def test_conda_unpack_runs_when_on_path(self):
        bin_dir = os.path.join(self.tmp, "bin")
        marker = os.path.join(self.tmp, "unpacked")
        write(os.path.join(bin_dir, "conda-unpack"), "#!/bin/sh\ntouch '%s'\n" % marker, 0o755)
        self.code("x.py", "")
        result = self.run_driver("driver_python.py", {"CODE_ENTRYPOINT": "x.py"},
                                 path_prefix=bin_dir)
        self.assertExit(result, 0)
        self.assertTrue(os.path.exists(marker))


class Outputs(DriverTestCase):
    WRITER = """
import os
os.makedirs("out/sub")
open("out/a.txt", "w").write("A")
open("out/sub/b.txt", "w").write("B")
"""

    def run_with_outputs(self, uri, extra=None, source=None):
        self.code("x.py", source or self.WRITER)
        variables = {"CODE_ENTRYPOINT": "x.py", "OUTPUT_DIR": "out", "OUTPUT_URI": uri}
        variables.update(extra or {})
        return self.run_driver("driver_python.py", variables)

    def assertCopied(self, dest):
        self.assertEqual(read(os.path.join(dest, "a.txt")), "A")
        self.assertEqual(read(os.path.join(dest, "sub", "b.txt")), "B")

    def test_file_uri(self):
        dest = os.path.join(self.tmp, "results")
        self.assertExit(self.run_with_outputs("file://" + dest), 0)
        self.assertCopied(dest)

    def test_plain_path_with_variable_expansion(self):
        result = self.run_with_outputs("${RESULTS}/run-$RUN", {"RESULTS": self.tmp, "RUN": "7"})
        self.assertExit(result, 0)
        self.assertCopied(os.path.join(self.tmp, "run-7"))

    def test_unknown_variable_left_as_written(self):
        result = self.run_with_outputs(os.path.join(self.tmp, "$NOT_SET_ANYWHERE"))
        self.assertExit(result, 0)
        self.assertCopied(os.path.join(self.tmp, "$NOT_SET_ANYWHERE"))

    def test_file_uri_with_a_host_fails(self):
        result = self.run_with_outputs("file://server/share")
        self.assertExit(result, 1)
        self.assertIn("names another host", result.stderr)

    def test_unknown_scheme_fails(self):
        result = self.run_with_outputs("s3://bucket/x")
        self.assertExit(result, 1)
        self.assertIn("unsupported scheme", result.stderr)

    def test_oci_without_sdk_fails_clearly(self):
        result = self.run_with_outputs("oci://bucket@namespace/prefix",
                                       {"PYTHONPATH": self.no_oci_path()})
        self.assertExit(result, 1)
        self.assertIn("needs the OCI Python SDK", result.stderr)

    def test_outputs_not_copied_when_the_script_fails(self):
        dest = os.path.join(self.tmp, "results")
        result = self.run_with_outputs("file://" + dest,
                                       source=self.WRITER + "raise SystemExit(2)\n")
        self.assertExit(result, 2)
        self.assertFalse(os.path.exists(dest))

    def test_missing_output_dir_only_logs(self):
        dest = os.path.join(self.tmp, "results")
        result = self.run_with_outputs("file://" + dest, source="pass\n")
        self.assertExit(result, 0)
        self.assertIn("does not exist; no outputs copied", result.stderr)


if __name__ == "__main__":
    unittest.main()

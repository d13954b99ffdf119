"""driver_notebook.py: exclude tags, encoding, a failing cell (outputs copied, then exit 1),
both engines (the stdlib one always; nbclient when some Python here can run it)."""
import json
import os
import subprocess
import sys
import unittest

from driver_test_support import DriverTestCase, read, write


def make_notebook(cells):
    """cells: (source, tags) pairs of code cells."""
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
            "cells": [{"cell_type": "code", "execution_count": None, "id": "c%d" % i,
                       "metadata": {"tags": tags}, "outputs": [], "source": source}
                      for i, (source, tags) in enumerate(cells)]}


def python_with_nbclient():
    """An interpreter that can import nbclient, nbformat and ipykernel, or None."""
    for python in (sys.executable, "/usr/bin/python3"):
        if os.path.exists(python) and subprocess.call(
                [python, "-c", "import nbclient, nbformat, ipykernel"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
            return python
    return None


NBCLIENT_PYTHON = python_with_nbclient()

CELLS = [
    ("import os\nopen('result.txt', 'w').write('written')\nprint('first cell')", []),
    ("print('SKIPPED CELL')", ["skip"]),
    ("x = 20 + 22\nx", ["keep"]),
    ("print('after %d' % x)", []),
]


class NotebookDriver(DriverTestCase):
    engine = "stdlib"
    python = None

    def run_notebook_job(self, cells, extra=None, encoding="utf-8", name="nb/job.ipynb"):
        path = self.code(name, "")
        with open(path, "w", encoding=encoding) as stream:
            json.dump(make_notebook(cells), stream, ensure_ascii=False)
        variables = {"JOB_RUN_NOTEBOOK": name, "NOTEBOOK_EXCLUDE_TAGS": '["skip", "debug"]',
                     "DSJOB_NOTEBOOK_ENGINE": self.engine,
                     "OUTPUT_URI": "file://" + os.path.join(self.tmp, "out")}
        variables.update(extra or {})
        return self.run_driver("driver_notebook.py", variables, python=self.python), path

    def executed(self, path, encoding="utf-8"):
        with open(path, encoding=encoding) as stream:
            return json.load(stream)

    def test_runs_cells_skips_excluded_and_copies_outputs(self):
        result, path = self.run_notebook_job(CELLS)
        self.assertExit(result, 0)
        self.assertIn("first cell", result.stdout)
        self.assertIn("42", result.stdout)
        self.assertIn("after 42", result.stdout)
        self.assertNotIn("SKIPPED CELL", result.stdout)
        out = os.path.join(self.tmp, "out")
        self.assertEqual(read(os.path.join(out, "result.txt")), "written")
        self.assertTrue(os.path.exists(os.path.join(out, "job.ipynb")))
        cells = self.executed(path)["cells"]
        self.assertEqual(cells[1]["outputs"], [])
        results = [o for o in cells[2]["outputs"] if o["output_type"] == "execute_result"]
        self.assertEqual("".join(results[0]["data"]["text/plain"]), "42")  # str or list

    def test_failing_cell_copies_outputs_then_exits_1(self):
        result, path = self.run_notebook_job([
            ("open('partial.txt', 'w').write('p')", []),
            ("raise ValueError('bad cell')", []),
            ("print('NEVER')", []),
        ])
        self.assertExit(result, 1)
        self.assertIn("bad cell", result.stderr)
        self.assertNotIn("NEVER", result.stdout)
        self.assertEqual(read(os.path.join(self.tmp, "out", "partial.txt")), "p")
        errors = [o for o in self.executed(path)["cells"][1]["outputs"]
                  if o["output_type"] == "error"]
        self.assertEqual(errors[0]["ename"], "ValueError")

    def test_encoding(self):
        result, path = self.run_notebook_job([("print('caf\u00e9 ok')", [])],
                                             {"NOTEBOOK_ENCODING": "latin-1"}, encoding="latin-1")
        self.assertExit(result, 0)
        self.assertIn("caf\u00e9 ok", result.stdout)
        self.executed(path, encoding="latin-1")

    def test_output_dir(self):
        result, _ = self.run_notebook_job(
            [("open('o.txt', 'w').write('o')", [])],
            {"OUTPUT_DIR": os.path.join(self.tmp, "work")})
        self.assertExit(result, 0)
        self.assertEqual(read(os.path.join(self.tmp, "out", "o.txt")), "o")
        self.assertTrue(os.path.exists(os.path.join(self.tmp, "work", "job.ipynb")))

    def test_bad_exclude_tags(self):
        result, _ = self.run_notebook_job(CELLS, {"NOTEBOOK_EXCLUDE_TAGS": "skip"})
        self.assertExit(result, 1)
        self.assertIn("not a JSON list of strings", result.stderr)

    def test_missing_notebook(self):
        result = self.run_driver("driver_notebook.py", {"JOB_RUN_NOTEBOOK": "nope.ipynb"},
                                 python=self.python)
        self.assertExit(result, 1)
        self.assertIn("nope.ipynb does not exist", result.stderr)


class StdlibEngineOnly(DriverTestCase):
    def run_cells(self, cells):
        self.code("nb.ipynb", json.dumps(make_notebook(cells)))
        return self.run_driver("driver_notebook.py", {
            "JOB_RUN_NOTEBOOK": "nb.ipynb", "DSJOB_NOTEBOOK_ENGINE": "stdlib"})

    def test_shell_lines_run(self):
        result = self.run_cells([("!echo from shell\nif True:\n    !echo indented", [])])
        self.assertExit(result, 0)
        self.assertIn("from shell\nindented", result.stdout)

    def test_magic_is_refused_by_name(self):
        result = self.run_cells([("%matplotlib inline", [])])
        self.assertExit(result, 1)
        self.assertIn("cell 1 uses the IPython magic '%matplotlib'", result.stderr)

    def test_one_namespace_named_main_and_sibling_imports(self):
        self.code("helper.py", "NAME = 'helper'\n")
        result = self.run_cells([("import helper\ny = __name__", []), ("print(y, helper.NAME)", [])])
        self.assertExit(result, 0)
        self.assertIn("__main__ helper", result.stdout)


@unittest.skipIf(NBCLIENT_PYTHON is None, "no Python here imports nbclient, nbformat, ipykernel")
class NbclientEngine(NotebookDriver):
    engine = "nbclient"
    python = NBCLIENT_PYTHON


class NotebookAsPythonEntrypoint(DriverTestCase):
    def test_ipynb_entrypoint_failure_does_not_fail_the_job(self):
        self.code("nb.ipynb", json.dumps(make_notebook([
            ("open('ran.txt', 'w').write('r')", []), ("raise KeyError('k')", [])])))
        result = self.run_driver("driver_python.py", {
            "CODE_ENTRYPOINT": "nb.ipynb", "DSJOB_NOTEBOOK_ENGINE": "stdlib"})
        self.assertExit(result, 0)
        self.assertTrue(os.path.exists(os.path.join(self.artifact, "code", "ran.txt")))
        self.assertIn("the job continues", result.stderr)


if __name__ == "__main__":
    unittest.main()

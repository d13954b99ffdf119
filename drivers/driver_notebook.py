# dsjob-driver-version: 1
"""Job-side driver for dsjob's notebook runtime (JOB_RUN_ENTRYPOINT=driver_notebook.py).

Executes ``code/$JOB_RUN_NOTEBOOK``, skipping cells tagged with one of
NOTEBOOK_EXCLUDE_TAGS, writes the executed notebook back, copies the output folder to
OUTPUT_URI, then exits 1 if a cell failed. Two engines:

* ``nbclient`` (with nbformat and a ``python3`` Jupyter kernel) when importable;
* otherwise a standard-library runner: code cells run in order in one namespace
  (``__name__ == "__main__"``, cwd = the notebook's working folder), ``!cmd`` lines run
  through /bin/sh, other IPython magics are refused, stdout/stderr and the value of a
  final expression are recorded as outputs. No kernel, no rich display.

DSJOB_NOTEBOOK_ENGINE=nbclient|stdlib forces one engine (default: auto).
"""
import ast
import builtins
import json
import os
import subprocess
import sys
import traceback

import driver_utils
from driver_utils import DriverError, env, logger


class CellError(Exception):
    """A cell raised; carries what the job log and the final error line show."""


# --------------------------------------------------------------------------------------
# Notebook files and cells

def read_notebook_json(path, encoding):
    """The notebook as a dict (nbformat 4), or a DriverError saying what is wrong."""
    try:
        with open(path, encoding=encoding) as stream:
            notebook = json.load(stream)
    except (OSError, ValueError) as err:
        raise DriverError("cannot read notebook %s (encoding %s): %s" % (path, encoding, err))
    if not isinstance(notebook, dict) or notebook.get("nbformat", 0) < 4:
        raise DriverError("%s is not an nbformat 4 notebook; convert it with "
                          "'jupyter nbconvert --to notebook --nbformat 4'" % path)
    return notebook


def write_notebook_json(notebook, path, encoding):
    """Write the notebook as nbformat does (indent 1, sorted keys, final newline)."""
    with open(path, "w", encoding=encoding) as stream:
        stream.write(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False))
        stream.write("\n")


def cell_source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def is_excluded(cell, exclude_tags):
    tags = cell.get("metadata", {}).get("tags", [])
    return any(tag in exclude_tags for tag in tags)


def output_text(value):
    return "".join(value) if isinstance(value, list) else value


def print_cell_outputs(cell, streams=True):
    """Print a cell's stream outputs and text/plain results, as ADS's driver does."""
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream" and streams:
            sys.stdout.write(output_text(output.get("text", "")))
        elif kind == "execute_result":
            text = output_text(output.get("data", {}).get("text/plain", ""))
            if text:
                sys.stdout.write(text + "\n")
    sys.stdout.flush()


# --------------------------------------------------------------------------------------
# Engine 1: nbclient

def nbclient_available():
    try:
        import nbclient  # noqa: F401
        import nbformat  # noqa: F401
    except ImportError:
        return False
    return True


def execute_with_nbclient(path, kernel_dir, exclude_tags, encoding):
    """Run the notebook in a ``python3`` kernel; returns (notebook node, CellError or None)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    with open(path, encoding=encoding) as stream:
        notebook = nbformat.read(stream, as_version=4)
    client = NotebookClient(notebook, kernel_name="python3",
                            resources={"metadata": {"path": kernel_dir}})
    error = None
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code" or is_excluded(cell, exclude_tags):
                continue
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as err:
                error = CellError("cell %d failed:\n%s" % (index + 1, err))
                break
            finally:
                print_cell_outputs(cell)
    return notebook, error


def write_nbclient_notebook(notebook, path, encoding):
    import nbformat
    with open(path, "w", encoding=encoding) as stream:
        nbformat.write(notebook, stream)


# --------------------------------------------------------------------------------------
# Engine 2: the standard library

class OutputRecorder(object):
    """A text stream that writes through to ``stream`` and records ``stream`` outputs."""

    def __init__(self, stream, name, outputs):
        self.stream = stream
        self.name = name
        self.outputs = outputs

    def write(self, text):
        self.stream.write(text)
        if self.outputs and self.outputs[-1].get("name") == self.name:
            self.outputs[-1]["text"] += text
        elif text:
            self.outputs.append({"output_type": "stream", "name": self.name, "text": text})
        return len(text)

    def flush(self):
        self.stream.flush()

    def isatty(self):
        return False


def run_shell_line(command):
    """``!command`` in a cell: /bin/sh, output into the cell's stdout."""
    process = subprocess.Popen(command, shell=True, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, universal_newlines=True,
                               env=driver_utils.command_env())
    for line in process.stdout:
        sys.stdout.write(line)
    return process.wait()


def translate_magics(source, cell_number):
    """Turn ``!cmd`` lines into shell calls; refuse other IPython magics by name."""
    lines = []
    for line in source.splitlines():
        stripped = line.lstrip()
        indent = line[:len(line) - len(stripped)]
        if stripped.startswith("!"):
            line = "%s_dsjob_shell(%r)" % (indent, stripped[1:])
        elif stripped.startswith("%"):
            raise CellError(
                "cell %d uses the IPython magic %r, which the standard-library notebook "
                "runner cannot run: install nbclient, nbformat and ipykernel in the job's "
                "Python, or remove the magic" % (cell_number, stripped.split()[0]))
        lines.append(line)
    return "\n".join(lines)


def run_cell_code(source, name, namespace):
    """exec the cell; the value of a final expression is returned (None otherwise)."""
    tree = ast.parse(source, name)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = tree.body.pop()
    exec(compile(tree, name, "exec"), namespace)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), name, "eval"), namespace)


def error_output(err):
    lines = traceback.format_exception(type(err), err, err.__traceback__)
    return {"output_type": "error", "ename": type(err).__name__, "evalue": str(err),
            "traceback": [line.rstrip("\n") for line in lines]}


def execute_cell_stdlib(cell, cell_number, execution_count, namespace):
    """Run one code cell, filling its outputs; raises CellError when it fails."""
    outputs = []
    cell["outputs"] = outputs
    cell["execution_count"] = execution_count
    real_stdout, real_stderr = sys.stdout, sys.stderr
    sys.stdout = OutputRecorder(real_stdout, "stdout", outputs)
    sys.stderr = OutputRecorder(real_stderr, "stderr", outputs)
    try:
        source = translate_magics(cell_source(cell), cell_number)
        value = run_cell_code(source, "<cell %d>" % cell_number, namespace)
    except CellError as err:
        outputs.append(error_output(err))
        raise
    except (Exception, SystemExit) as err:
        outputs.append(error_output(err))
        real_stderr.write("\n".join(outputs[-1]["traceback"]) + "\n")
        raise CellError("cell %d raised %s: %s" % (cell_number, type(err).__name__, err))
    finally:
        sys.stdout, sys.stderr = real_stdout, real_stderr
    if value is not None:
        outputs.append({"output_type": "execute_result", "execution_count": execution_count,
                        "data": {"text/plain": repr(value)}, "metadata": {}})


def execute_with_stdlib(path, kernel_dir, exclude_tags, encoding):
    """Run the code cells in order in one namespace; returns (notebook, CellError or None)."""
    notebook = read_notebook_json(path, encoding)
    namespace = {"__name__": "__main__", "__builtins__": builtins,
                 "_dsjob_shell": run_shell_line}
    saved_cwd, saved_path = os.getcwd(), list(sys.path)
    os.chdir(kernel_dir)
    sys.path.insert(0, kernel_dir)  # a Jupyter kernel can import from its cwd too
    error = None
    count = 0
    try:
        for number, cell in enumerate(notebook.get("cells", []), 1):
            if cell.get("cell_type") != "code" or is_excluded(cell, exclude_tags):
                continue
            count += 1
            try:
                execute_cell_stdlib(cell, number, count, namespace)
            except CellError as err:
                error = err
                break
            print_cell_outputs(cell, streams=False)
    finally:
        os.chdir(saved_cwd)
        sys.path[:] = saved_path
    return notebook, error


# --------------------------------------------------------------------------------------
# Running a notebook

def choose_engine():
    wanted = env("DSJOB_NOTEBOOK_ENGINE", "auto")
    if wanted not in ("auto", "nbclient", "stdlib"):
        raise DriverError("DSJOB_NOTEBOOK_ENGINE=%s: use auto, nbclient or stdlib" % wanted)
    if wanted == "nbclient" and not nbclient_available():
        raise DriverError("DSJOB_NOTEBOOK_ENGINE=nbclient but nbclient/nbformat cannot be "
                          "imported by %s" % sys.executable)
    if wanted == "auto":
        return "nbclient" if nbclient_available() else "stdlib"
    return wanted


def run_notebook(path, working_dir=None, exclude_tags=None, encoding=None):
    """Execute the notebook; returns the failing cell's CellError, or None.

    The code runs with cwd = ``working_dir`` (default: the current directory), and the
    executed notebook is written to ``working_dir/<name>`` (default: back in place).
    """
    encoding = encoding or env("NOTEBOOK_ENCODING", "utf-8")
    exclude_tags = list(exclude_tags or [])
    kernel_dir = os.path.abspath(working_dir or os.getcwd())
    if not os.path.isdir(kernel_dir):
        os.makedirs(kernel_dir)
    engine = choose_engine()
    logger.info("running notebook %s with %s (excluded tags: %s)", path, engine, exclude_tags)
    if engine == "nbclient":
        notebook, error = execute_with_nbclient(path, kernel_dir, exclude_tags, encoding)
        write = write_nbclient_notebook
    else:
        notebook, error = execute_with_stdlib(path, kernel_dir, exclude_tags, encoding)
        write = write_notebook_json
    target = os.path.join(kernel_dir, os.path.basename(path)) if working_dir else path
    write(notebook, target, encoding)
    if error is not None:
        logger.error("%s", error)
    return error


def exclude_tags_from_env():
    """NOTEBOOK_EXCLUDE_TAGS: a JSON list of tag strings (default: none)."""
    value = env("NOTEBOOK_EXCLUDE_TAGS", "[]")
    try:
        tags = json.loads(value)
    except ValueError:
        tags = None
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise DriverError("NOTEBOOK_EXCLUDE_TAGS=%s is not a JSON list of strings, "
                          "e.g. [\"skip\", \"debug\"]" % value)
    return tags


def notebook_path():
    """``<driver dir>/code/$JOB_RUN_NOTEBOOK`` (CODE_DIR is not used here, as in ADS)."""
    name = env("JOB_RUN_NOTEBOOK")
    if not name:
        raise DriverError("JOB_RUN_NOTEBOOK is not set: it names the notebook under code/")
    path = os.path.join(driver_utils.DRIVER_DIR, driver_utils.USER_CODE_DIR, name)
    if not os.path.isfile(path):
        raise DriverError("notebook %s does not exist (JOB_RUN_NOTEBOOK=%s)" % (path, name))
    return path


def main():
    driver_utils.conda_unpack()
    path = notebook_path()
    output_dir = os.path.abspath(env("OUTPUT_DIR") or os.path.dirname(path))
    error = run_notebook(path, working_dir=output_dir, exclude_tags=exclude_tags_from_env())
    driver_utils.copy_outputs(output_dir=output_dir)
    if error is not None:
        raise DriverError("notebook %s failed (outputs were copied first): %s" % (path, error))


if __name__ == "__main__":
    driver_utils.main_guard(main)

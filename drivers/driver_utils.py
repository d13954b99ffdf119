# dsjob-driver-version: 1
"""Shared job-side helpers of dsjob's drivers.

Written for dsjob from the driver contract in docs/drivers.md; standard library only at
import time and valid Python 3.6 syntax (the job image's Python may be old). Optional
packages (the ``oci`` SDK) are imported inside the functions that need them.
"""
import errno
import importlib.util
import logging
import os
import runpy
import shlex
import shutil
import stat
import subprocess
import sys

DRIVER_DIR = os.path.dirname(os.path.abspath(__file__))
USER_CODE_DIR = "code"

logger = logging.getLogger("dsjob.driver")


class DriverError(Exception):
    """A problem the user can fix; reported as one line on stderr, exit status 1."""


# --------------------------------------------------------------------------------------
# Logging and process exit

def setup_logging():
    """Log to stderr at OCI_LOG_LEVEL with a recognisable prefix.

    The default, WARNING, keeps a job's output as quiet as under ADS's drivers.
    """
    level_name = os.environ.get("OCI_LOG_LEVEL", "").strip().upper() or "WARNING"
    level = logging.getLevelName(level_name)
    unknown = not isinstance(level, int)
    if unknown:
        level = logging.WARNING
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("dsjob-driver: %(levelname)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    if unknown:
        logger.warning("OCI_LOG_LEVEL=%s is not a logging level; using WARNING", level_name)


def main_guard(main):
    """Run a driver's main(); a DriverError becomes one clear line and exit status 1.

    Other exceptions keep Python's traceback and exit status 1, as ADS's drivers do, and a
    SystemExit from user code passes through so the job ends with the user's code.
    """
    setup_logging()
    try:
        main()
    except DriverError as err:
        sys.stderr.write("dsjob-driver: error: %s\n" % err)
        sys.stderr.flush()
        sys.exit(1)


def env(name, default=None):
    """An environment variable, with empty values treated as unset (as ADS does)."""
    value = os.environ.get(name)
    return value if value else default


# --------------------------------------------------------------------------------------
# Code directory, working directory, python path

def code_dir():
    """The user's code: ``<driver dir>/$CODE_DIR`` (default ``code``; absolute wins)."""
    return os.path.join(DRIVER_DIR, env("CODE_DIR", USER_CODE_DIR))


def set_working_dir(base_dir):
    """chdir to ``base_dir/$WORKING_DIR`` (or ``base_dir``) and add it to sys.path."""
    working_dir = os.path.abspath(os.path.join(base_dir, env("WORKING_DIR", "")))
    if not os.path.isdir(working_dir):
        raise DriverError(
            "working directory %s does not exist: check WORKING_DIR (%r), it is relative to %s"
            % (working_dir, env("WORKING_DIR", ""), base_dir))
    os.chdir(working_dir)
    if working_dir not in sys.path:
        sys.path.append(working_dir)
    logger.debug("working directory: %s", working_dir)
    return working_dir


def setup_python_path(base_dir):
    """Append ``PYTHON_PATH`` entries (``:``-separated) and ``base_dir`` to sys.path.

    As ADS: nothing at all happens when PYTHON_PATH is empty, and relative entries are
    taken relative to the current (working) directory.
    """
    value = env("PYTHON_PATH")
    if not value:
        return []
    added = []
    for entry in value.split(":") + [base_dir]:
        if not entry:
            continue
        path = os.path.abspath(entry)
        if path not in sys.path:
            sys.path.append(path)
            added.append(path)
    logger.debug("python path added: %s", added)
    return added


# --------------------------------------------------------------------------------------
# Commands, conda and pip

def conda_prefix():
    """The conda environment this Python belongs to, or None (``<prefix>/bin/python*``)."""
    bin_dir = os.path.dirname(sys.executable)
    prefix = os.path.dirname(bin_dir)
    if os.path.basename(bin_dir) == "bin" and os.path.isdir(os.path.join(prefix, "conda-meta")):
        return prefix
    return env("CONDA_PREFIX")


def command_env():
    """The environment for child processes: ours, with the conda env's bin/ first on PATH.

    ADS prefixes every command with ``conda activate``; putting ``<prefix>/bin`` first and
    setting CONDA_PREFIX has the same effect for running programs, without a shell.
    """
    child_env = dict(os.environ)
    prefix = conda_prefix()
    if prefix:
        bin_dir = os.path.join(prefix, "bin")
        path = child_env.get("PATH", "")
        if bin_dir not in path.split(os.pathsep):
            child_env["PATH"] = bin_dir + (os.pathsep + path if path else "")
        child_env["CONDA_PREFIX"] = prefix
    return child_env


def run_command(argv, check=True, cwd=None, extra_env=None):
    """Run ``argv`` (a list, no shell) with output inherited; returns the exit code.

    A script without a ``#!`` line cannot be exec'd (ENOEXEC); like a shell would, it is
    then run with /bin/sh. ``check`` exits the driver with the command's code on failure.
    """
    child_env = command_env()
    if extra_env:
        child_env.update(extra_env)
    logger.info(">>> %s", " ".join(shlex.quote(a) for a in argv))
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        code = subprocess.call(argv, env=child_env, cwd=cwd)
    except OSError as err:
        if err.errno != errno.ENOEXEC:
            raise DriverError("cannot run %s: %s" % (argv[0], err.strerror))
        code = subprocess.call(["/bin/sh"] + list(argv), env=child_env, cwd=cwd)
    if code < 0:
        code = 128 - code  # killed by a signal: report it the way a shell does
    if check and code != 0:
        logger.error("command exited with status %d: %s", code, argv[0])
        sys.exit(code)
    return code


def find_program(name):
    """``name`` on the child's PATH (conda env first), or None."""
    return shutil.which(name, path=command_env().get("PATH"))


def conda_unpack():
    """Run ``conda-unpack`` when it is on PATH (a conda-pack env); failure only logs."""
    program = find_program("conda-unpack")
    if not program:
        logger.debug("conda-unpack not found; skipped")
        return
    code = run_command([program], check=False)
    if code != 0:
        logger.warning("conda-unpack exited with status %d; continuing", code)


def install_pip_requirements():
    """``pip install -r $OCI__PIP_REQUIREMENTS`` when set; a failure ends the job."""
    requirements = env("OCI__PIP_REQUIREMENTS")
    if requirements:
        run_command([sys.executable, "-m", "pip", "install", "-r", requirements])


def install_pip_packages():
    """``pip install`` the shell-split ``OCI__PIP_PKG`` when set; a failure ends the job."""
    packages = env("OCI__PIP_PKG")
    if packages:
        run_command([sys.executable, "-m", "pip", "install"] + shlex.split(packages))


# --------------------------------------------------------------------------------------
# Entry function arguments

def parse_entry_function_args(argv):
    """Split job arguments into (args, kwargs) for ENTRY_FUNCTION, by ADS's rules.

    ``--name`` (more than two characters) opens a keyword whose value is None until the
    next plain argument fills it; a plain argument with no open keyword is positional;
    ``--`` alone is positional. A repeated keyword keeps its last value.
    """
    args = []
    kwargs = {}
    open_key = None
    for arg in argv:
        if arg.startswith("--") and len(arg) > 2:
            open_key = arg[2:]
            kwargs[open_key] = None
        elif open_key is not None:
            kwargs[open_key] = arg
            open_key = None
        else:
            args.append(arg)
    return args, kwargs


# --------------------------------------------------------------------------------------
# Running the entrypoint

def resolve_entrypoint(entrypoint):
    """The entrypoint as an absolute path (relative to the working dir), checked to exist."""
    if not entrypoint:
        raise DriverError("no entrypoint: set CODE_ENTRYPOINT (the file to run, relative "
                          "to the working directory)")
    path = os.path.abspath(entrypoint)
    if not os.path.exists(path):
        raise DriverError("entrypoint %s does not exist (entrypoint %r, working directory %s)"
                          % (path, entrypoint, os.getcwd()))
    return path


def run_entry_function(path, function_name, argv):
    """Load ``path`` as module ``module`` (no __main__ block) and call the function."""
    spec = importlib.util.spec_from_file_location("module", path)
    if spec is None or spec.loader is None:
        raise DriverError("cannot load %s as a Python module for ENTRY_FUNCTION" % path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    function = getattr(module, function_name, None)
    if not callable(function):
        raise DriverError("ENTRY_FUNCTION %r is not a function defined in %s"
                          % (function_name, path))
    args, kwargs = parse_entry_function_args(argv)
    logger.debug("calling %s(*%r, **%r)", function_name, args, kwargs)
    return function(*args, **kwargs)


def run_python(path):
    """Run a .py file, a directory or a .zip as ``__main__`` with sys.argv[0] = path."""
    runpy.run_path(path, run_name="__main__")


def make_executable(path):
    """Add the exec bits ADS adds (uploads through fsspec lose them); errors ignored."""
    try:
        mode = os.stat(path).st_mode
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    except OSError as err:
        logger.debug("chmod +x %s failed: %s", path, err)


def run_executable(path, argv):
    """Run a shell script or binary with the job arguments; its failure ends the job."""
    make_executable(path)
    run_command([path] + list(argv))


def run_notebook_entrypoint(path):
    """A .ipynb entrypoint: executed in place; a failing cell does not fail the job (ADS)."""
    import json
    import driver_notebook
    exclude_tags = json.loads(env("NOTEBOOK_EXCLUDE_TAGS", "[]"))
    error = driver_notebook.run_notebook(path, exclude_tags=exclude_tags)
    if error is not None:
        logger.error("notebook %s failed: %s (the job continues, as ADS's)", path, error)


def run_entrypoint(entrypoint, entry_function=None, argv=None):
    """Run the user's entrypoint by its kind, as ADS's ``run()`` does."""
    argv = sys.argv[1:] if argv is None else argv
    path = resolve_entrypoint(entrypoint)
    if entry_function:
        return run_entry_function(path, entry_function, argv)
    if path.endswith(".ipynb"):
        return run_notebook_entrypoint(path)
    if os.path.isdir(path) or path.endswith(".py") or path.endswith(".zip"):
        return run_python(path)
    return run_executable(path, argv)


# --------------------------------------------------------------------------------------
# Outputs

def expand_output_uri(uri):
    """$VAR and ${VAR} from the job environment; unknown names are left as written."""
    return os.path.expandvars(uri)


def list_output_files(output_dir):
    """(absolute path, relative path with ``/``) of every file below output_dir, sorted."""
    files = []
    for root, dirs, names in os.walk(output_dir):
        dirs.sort()
        for name in sorted(names):
            full = os.path.join(root, name)
            rel = os.path.relpath(full, output_dir).replace(os.sep, "/")
            files.append((full, rel))
    return files


def copy_outputs_to_dir(files, dest_dir):
    """Copy the files under dest_dir keeping the tree; returns the destination paths."""
    copied = []
    for full, rel in files:
        target = os.path.join(dest_dir, *rel.split("/"))
        parent = os.path.dirname(target)
        if not os.path.isdir(parent):
            os.makedirs(parent)
        shutil.copy2(full, target)
        copied.append(target)
    return copied


def local_path(uri):
    """The path of a ``file://`` URI or a plain path, or None for other schemes."""
    from urllib.parse import unquote, urlparse
    if uri.startswith("file:"):
        parsed = urlparse(uri)
        if parsed.netloc not in ("", "localhost"):
            raise DriverError("%s names another host; use file:///absolute/path" % uri)
        return unquote(parsed.path)
    if "://" in uri:
        return None
    return os.path.abspath(uri)


def copy_outputs(output_dir=None, output_uri=None):
    """Copy OUTPUT_DIR's files to OUTPUT_URI: ``oci://``, ``file://`` or a plain path.

    Returns the list of destinations (``oci://bucket@namespace/key`` or paths), or None
    when nothing was to be copied. As ADS: a missing OUTPUT_DIR is logged, not fatal.
    """
    output_dir = env("OUTPUT_DIR") if output_dir is None else output_dir
    output_uri = env("OUTPUT_URI") if output_uri is None else output_uri
    if not output_dir:
        logger.debug("OUTPUT_DIR not set; no outputs to copy")
        return None
    output_dir = os.path.abspath(output_dir)
    if not os.path.isdir(output_dir):
        logger.error("output directory %s does not exist; no outputs copied", output_dir)
        return None
    if not output_uri:
        logger.debug("OUTPUT_URI not set; outputs stay in %s", output_dir)
        return None
    uri = expand_output_uri(output_uri)
    files = list_output_files(output_dir)
    dest_dir = local_path(uri)
    if dest_dir is not None:
        copied = copy_outputs_to_dir(files, dest_dir)
    elif uri.startswith("oci://"):
        copied = upload_outputs_to_oci(files, uri)
    else:
        raise DriverError("OUTPUT_URI %s: unsupported scheme; use oci://bucket@namespace/prefix, "
                          "file:///absolute/path or a plain path" % uri)
    logger.info("copied %d output file(s) from %s to %s", len(copied), output_dir, uri)
    return copied


# --------------------------------------------------------------------------------------
# OCI (optional SDK)

def import_oci(feature):
    """The ``oci`` module, or a DriverError saying which feature needs it."""
    try:
        import oci
    except ImportError:
        raise DriverError("%s needs the OCI Python SDK, which this Python cannot import: "
                          "use a conda pack that has it or 'pip install oci'" % feature)
    return oci


def oci_client(client_class_name, feature):
    """An OCI SDK client, authenticated as ADS's drivers choose.

    API key (OCI_CONFIG_LOCATION, OCI_CONFIG_PROFILE) when OCI_IAM_TYPE=api_key or no
    resource principal is available; else the job run's resource principal.
    """
    oci = import_oci(feature)
    module_name, class_name = client_class_name.rsplit(".", 1)
    client_class = getattr(getattr(oci, module_name), class_name)
    use_api_key = (env("OCI_IAM_TYPE") == "api_key"
                   or not env("OCI_RESOURCE_PRINCIPAL_VERSION"))
    if use_api_key:
        config = oci.config.from_file(
            env("OCI_CONFIG_LOCATION", oci.config.DEFAULT_LOCATION),
            env("OCI_CONFIG_PROFILE", oci.config.DEFAULT_PROFILE))
        return client_class(config)
    signer = oci.auth.signers.get_resource_principals_signer()
    return client_class(config={}, signer=signer)


def parse_oci_uri(uri):
    """``oci://bucket@namespace/prefix`` → (bucket, namespace, prefix without slashes)."""
    from urllib.parse import urlparse
    parsed = urlparse(uri)
    bucket, _, namespace = parsed.netloc.partition("@")
    if not bucket or not namespace:
        raise DriverError("%s is not of the form oci://bucket@namespace/prefix" % uri)
    return bucket, namespace, parsed.path.strip("/")


def upload_outputs_to_oci(files, uri):
    """put_object each file as ``prefix/relpath``; returns ``oci://bucket@ns/key`` URIs."""
    bucket, namespace, prefix = parse_oci_uri(uri)
    client = oci_client("object_storage.ObjectStorageClient", "OUTPUT_URI " + uri)
    uploaded = []
    for full, rel in files:
        key = prefix + "/" + rel if prefix else rel
        with open(full, "rb") as stream:
            client.put_object(namespace, bucket, key, stream)
        uploaded.append("oci://%s@%s/%s" % (bucket, namespace, key))
    return uploaded

# dsjob-driver-version: 1
"""Job-side driver for dsjob's pyTorchDistributed runtime (JOB_RUN_ENTRYPOINT=driver_pytorch.py).

One node only: fetches the code (OCI__RUNTIME_URI git repository, else ``code/``), sets
the working dir and python path, installs pip dependencies, copies inputs, then starts
``torchrun`` (or the OCI__LAUNCH_CMD's deepspeed / accelerate / other command) for this
node and copies the outputs. Finding the other nodes of a multi-node job needs the OCI
services (job run logs, the cluster metadata) and is refused with a clear message.
"""
import json
import os
import shlex
import shutil
import socket
import sys

import driver_utils
from driver_utils import DriverError, env, logger

RENDEZVOUS_PORT = "29400"
DEFAULT_RDZV_TIMEOUT = "600"


# --------------------------------------------------------------------------------------
# This node

def node_count():
    """INITIAL_CLUSTER_SIZE, NODE_COUNT, else OCI__WORKER_COUNT + 1 (default one node)."""
    for name, offset in (("INITIAL_CLUSTER_SIZE", 0), ("NODE_COUNT", 0),
                         ("OCI__WORKER_COUNT", 1)):
        value = env(name)
        if value is None:
            continue
        try:
            count = int(value) + offset
        except ValueError:
            raise DriverError("%s=%s is not a whole number" % (name, value))
        if count < 1:
            raise DriverError("%s=%s gives %d nodes" % (name, value, count))
        return count
    return 1


def refuse_multi_node(nodes):
    if nodes > 1 or env("MAIN_JOB_RUN_OCID"):
        raise DriverError(
            "this job asks for %d nodes; dsjob's driver runs one node only, because finding "
            "the other nodes needs the OCI services (the host job run's logs or the cluster "
            "metadata) and ADS. Set replicas to 1 to run it here, or package ADS's own drivers "
            "with 'dsjob artifact --driver-dir'" % max(nodes, 2))


def self_ip():
    """This host's address as its name resolves (ADS's fallback without JOB_OCID)."""
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"


def gpu_count():
    """torch.cuda.device_count() when torch imports, else 0."""
    try:
        import torch
        return int(torch.cuda.device_count())
    except Exception:  # noqa: B902 - no torch, no CUDA or a broken install: no GPUs
        return 0


# --------------------------------------------------------------------------------------
# Code, dependencies, inputs

def fetch_code():
    """Clone OCI__RUNTIME_URI into the code dir when it is set; returns the code dir."""
    base_dir = driver_utils.code_dir()
    url = env("OCI__RUNTIME_URI")
    if url:
        import driver_oci
        driver_oci.fetch_repo(url, env("OCI__RUNTIME_GIT_BRANCH"),
                              env("OCI__RUNTIME_GIT_COMMIT"),
                              env("OCI__RUNTIME_GIT_SECRET_ID"), base_dir)
    return base_dir


def input_target(source, dest):
    """Where one input lands: inside ``dest`` when it ends with ``/``, else ``dest``."""
    if dest.endswith("/"):
        return os.path.join(dest, os.path.basename(source.rstrip("/")))
    return dest


def copy_local_input(path, target):
    if os.path.isdir(path):
        shutil.copytree(path, target)
    else:
        shutil.copy2(path, target)


def download_input(url, target):
    from urllib.request import urlopen
    with urlopen(url) as response, open(target, "wb") as stream:
        shutil.copyfileobj(response, stream)


def copy_oci_input(uri, target):
    """One object, or every object under a prefix ending in ``/`` (needs the oci SDK)."""
    bucket, namespace, key = driver_utils.parse_oci_uri(uri)
    client = driver_utils.oci_client("object_storage.ObjectStorageClient", "input " + uri)
    if not uri.endswith("/"):
        names = [(key, target)]
    else:
        listing = client.list_objects(namespace, bucket, prefix=key + "/", fields="name")
        names = [(o.name, os.path.join(target, os.path.relpath(o.name, key)))
                 for o in listing.data.objects if not o.name.endswith("/")]
    for name, path in names:
        if not os.path.isdir(os.path.dirname(path)):
            os.makedirs(os.path.dirname(path))
        response = client.get_object(namespace, bucket, name)
        with open(path, "wb") as stream:
            for chunk in response.data.raw.stream(1024 * 1024, decode_content=False):
                stream.write(chunk)


def copy_inputs():
    """OCI__INPUT_MAPPINGS: a JSON object ``{source: destination}``."""
    value = env("OCI__INPUT_MAPPINGS")
    if not value:
        return
    try:
        mappings = json.loads(value)
    except ValueError as err:
        raise DriverError("OCI__INPUT_MAPPINGS is not JSON: %s" % err)
    for source, dest in sorted(mappings.items()):
        target = os.path.abspath(input_target(source, dest))
        parent = os.path.dirname(target)
        if not os.path.isdir(parent):
            os.makedirs(parent)
        logger.info("input %s -> %s", source, target)
        local = driver_utils.local_path(source)
        if local is not None:
            copy_local_input(local, target)
        elif source.startswith("oci://"):
            copy_oci_input(source, target)
        elif source.split("://", 1)[0] in ("http", "https", "ftp"):
            download_input(source, target)
        else:
            raise DriverError("OCI__INPUT_MAPPINGS source %s: unsupported scheme; use oci://, "
                              "http(s)://, ftp://, file:// or a path" % source)


# --------------------------------------------------------------------------------------
# The launch command

def has_flag(tokens, *names):
    return any(t == n or t.startswith(n + "=") for t in tokens for n in names)


def missing_flags(tokens, wanted):
    """``wanted`` = [(value, names...)]: the values whose flag the user did not give."""
    return [value for value, names in wanted if not has_flag(tokens, *names)]


def program(name):
    path = driver_utils.find_program(name)
    if not path:
        raise DriverError("%s is not on PATH: install it in the job's conda pack (PyTorch "
                          "provides torchrun)" % name)
    return path


def entry_and_arguments():
    entrypoint = env("CODE_ENTRYPOINT")
    if not entrypoint:
        raise DriverError("neither OCI__LAUNCH_CMD nor CODE_ENTRYPOINT is set: nothing to run")
    return [entrypoint] + sys.argv[1:]


def torchrun_argv(user_args, ip, gpus):
    flags = missing_flags(user_args, [
        ("--nnode=1", ("--nnode", "--nnodes")),
        ("--nproc_per_node=%d" % max(gpus, 1), ("--nproc_per_node", "--nproc-per-node")),
        ("--rdzv_backend=c10d", ("--rdzv_backend", "--rdzv-backend")),
        ("--rdzv_endpoint=%s:%s" % (ip, RENDEZVOUS_PORT), ("--rdzv_endpoint", "--rdzv-endpoint")),
        ("--rdzv_conf=read_timeout=%s" % env("OCI__RDZV_TIMEOUT", DEFAULT_RDZV_TIMEOUT),
         ("--rdzv_conf", "--rdzv-conf")),
    ])
    return [program("torchrun")] + flags + user_args


def accelerate_argv(user_args, ip, gpus):
    """``accelerate launch ...`` with one machine's flags added where absent."""
    if user_args[:1] != ["launch"]:
        return [program("accelerate")] + user_args
    flags = missing_flags(user_args, [
        ("--num_processes=%d" % max(gpus, 1), ("--num_processes",)),
        ("--num_machines=1", ("--num_machines",)),
        ("--machine_rank=0", ("--machine_rank",)),
        ("--main_process_ip=%s" % ip, ("--main_process_ip",)),
        ("--main_process_port=%s" % RENDEZVOUS_PORT, ("--main_process_port",)),
    ])
    return [program("accelerate"), "launch"] + flags + user_args[1:]


def launch(ip, gpus):
    """The argv and extra environment that start this node's training."""
    tokens = shlex.split(env("OCI__LAUNCH_CMD", ""))
    head = tokens[0] if tokens else "torchrun"
    rest = tokens[1:] if tokens else entry_and_arguments()
    if head == "torchrun":
        return torchrun_argv(rest, ip, gpus), {}
    if head == "deepspeed":
        return [program("deepspeed")] + rest, {}
    if head == "accelerate":
        return accelerate_argv(rest, ip, gpus), {}
    single_node = {"WORLD_SIZE": "1", "RANK": "0", "MASTER_ADDR": ip,
                   "MASTER_PORT": RENDEZVOUS_PORT}
    return tokens, single_node


def start_metrics(gpus):
    """GPU metrics to OCI Monitoring when OCI__METRICS_NAMESPACE is set and GPUs exist."""
    namespace = env("OCI__METRICS_NAMESPACE")
    if not namespace or gpus == 0:
        return
    try:
        driver_utils.import_oci("GPU metrics (OCI__METRICS_NAMESPACE)")
    except DriverError as err:
        logger.warning("%s; metrics not collected", err)
        return
    import multiprocessing
    import oci_metrics
    process = multiprocessing.Process(target=oci_metrics.collect_metrics, args=(namespace,))
    process.daemon = True
    process.start()


def main():
    refuse_multi_node(node_count())
    ip = self_ip()
    print("Distributed Training HOST IP: %s" % ip)
    sys.stdout.flush()
    gpus = gpu_count()
    start_metrics(gpus)
    base_dir = fetch_code()
    driver_utils.set_working_dir(base_dir)
    driver_utils.setup_python_path(base_dir)
    driver_utils.install_pip_requirements()
    driver_utils.install_pip_packages()
    copy_inputs()
    argv, extra_env = launch(ip, gpus)
    driver_utils.run_command(argv, extra_env=extra_env)
    driver_utils.copy_outputs()


if __name__ == "__main__":
    driver_utils.main_guard(main)

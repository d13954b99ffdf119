# dsjob-driver-version: 1
"""GPU metrics of a job run, posted to OCI Monitoring (needs the oci SDK and nvidia-smi).

driver_pytorch.py starts ``collect_metrics(namespace)`` in a daemon process when
OCI__METRICS_NAMESPACE is set and GPUs are visible. Every minute it reads nvidia-smi and
posts one datapoint per GPU and metric, with dimensions ``job_run_ocid`` and ``gpu``, in
the compartment JOB_RUN_COMPARTMENT_OCID. Only parsing and building the data are
standard-library code; posting imports ``oci``.
"""
import datetime
import os
import subprocess
import time

INTERVAL_SECONDS = 60

# nvidia-smi query field -> metric name posted
GPU_FIELDS = [
    ("utilization.gpu", "gpu.utilization"),
    ("memory.used", "gpu.memory_used"),
    ("memory.total", "gpu.memory_total"),
    ("temperature.gpu", "gpu.temperature"),
    ("power.draw", "gpu.power_draw"),
]


def read_nvidia_smi():
    """nvidia-smi's CSV (index first, then GPU_FIELDS), without header or units."""
    fields = ",".join(["index"] + [field for field, _ in GPU_FIELDS])
    return subprocess.check_output(
        ["nvidia-smi", "--query-gpu=" + fields, "--format=csv,noheader,nounits"],
        universal_newlines=True)


def parse_gpu_stats(text):
    """[{"gpu": "0", "gpu.utilization": 93.0, ...}]; values nvidia-smi cannot give are left out."""
    stats = []
    for line in text.splitlines():
        values = [v.strip() for v in line.split(",")]
        if len(values) != len(GPU_FIELDS) + 1:
            continue
        gpu = {"gpu": values[0]}
        for (_, name), value in zip(GPU_FIELDS, values[1:]):
            try:
                gpu[name] = float(value)
            except ValueError:  # "[N/A]", "[Not Supported]"
                pass
        stats.append(gpu)
    return stats


def metric_points(stats, namespace, compartment, job_run_ocid, timestamp):
    """Plain dicts in the shape of OCI Monitoring's MetricDataDetails, one per GPU and metric."""
    points = []
    for gpu in stats:
        for _, name in GPU_FIELDS:
            if name not in gpu:
                continue
            points.append({
                "namespace": namespace, "compartment_id": compartment, "name": name,
                "dimensions": {"job_run_ocid": job_run_ocid, "gpu": gpu["gpu"]},
                "datapoints": [{"timestamp": timestamp, "value": gpu[name]}],
            })
    return points


def monitoring_client():
    """A MonitoringClient on the telemetry-ingestion endpoint of the job's region."""
    import driver_utils
    client = driver_utils.oci_client("monitoring.MonitoringClient", "GPU metrics")
    region = os.environ.get("OCI_RESOURCE_PRINCIPAL_REGION") or client.base_client.config.get(
        "region", "")
    client.base_client.set_region(region)
    client.base_client.endpoint = client.base_client.endpoint.replace("telemetry.",
                                                                      "telemetry-ingestion.")
    return client


def post_points(client, points):
    import oci
    models = oci.monitoring.models
    details = [models.MetricDataDetails(
        namespace=p["namespace"], compartment_id=p["compartment_id"], name=p["name"],
        dimensions=p["dimensions"],
        datapoints=[models.Datapoint(timestamp=d["timestamp"], value=d["value"])
                    for d in p["datapoints"]]) for p in points]
    client.post_metric_data(models.PostMetricDataDetails(metric_data=details))


def collect_metrics(namespace, interval=INTERVAL_SECONDS):
    """Read and post every ``interval`` seconds until the process is ended."""
    compartment = os.environ.get("JOB_RUN_COMPARTMENT_OCID")
    job_run_ocid = os.environ.get("JOB_RUN_OCID", "local")
    if not compartment:
        print("dsjob-driver: WARNING: JOB_RUN_COMPARTMENT_OCID not set; GPU metrics not posted")
        return
    client = monitoring_client()
    while True:
        try:
            now = datetime.datetime.now(datetime.timezone.utc)
            points = metric_points(parse_gpu_stats(read_nvidia_smi()), namespace,
                                   compartment, job_run_ocid, now)
            if points:
                post_points(client, points)
        except Exception as err:  # noqa: B902 - metrics must never end the job
            print("dsjob-driver: WARNING: GPU metrics not posted: %s" % err)
        time.sleep(interval)

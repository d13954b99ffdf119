"""A CreateJob answer {"body", ...} -> the job as `oci data-science job get`
prints it: the body with the service's fields, kebab-case keys outside the
free-form mappings, every unset field null, wrapped in {"data", "etag"}."""
import json
import re
import sys

FREE_FORM = {"environmentVariables", "freeformTags", "definedTags", "systemTags"}


def kebab(value):
    if isinstance(value, list):
        return [kebab(v) for v in value]
    if not isinstance(value, dict):
        return value
    return {re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", k).lower(): v if k in FREE_FORM else kebab(v)
            for k, v in value.items()}


job = dict(json.load(open(sys.argv[1]))["body"])
job.update({"id": "ocid1.datasciencejob.oc1.iad.zzzz", "lifecycleState": "ACTIVE",
            "lifecycleDetails": None, "timeCreated": "2026-01-02T03:04:05.678Z",
            "createdBy": "ocid1.user.oc1..yyyy", "description": None, "systemTags": {}})
for key in ("freeformTags", "definedTags"):
    job.setdefault(key, {})
for key in ("jobConfigurationDetails", "jobInfrastructureConfigurationDetails",
            "jobEnvironmentConfigurationDetails", "jobNodeConfigurationDetails",
            "jobLogConfigurationDetails", "jobStorageMountConfigurationDetailsList"):
    job.setdefault(key, None)
print(json.dumps({"data": kebab(job), "etag": "0123abcd"}, indent=2))

/* What only `dsjob validate` checks: the OCI service's own limits, which the
 * reference leaves to the API to reject when the job is created. */
#include <string.h>

#include "util/diag.h"
#include "job/job_parts.h"
#include "util/utf8.h"

#define INFRA "spec.infrastructure.spec."
#define MAX_NAME_CHARS 255
#define MIN_BLOCK_STORAGE_GB 50
#define MAX_BLOCK_STORAGE_GB 10240
#define MAX_OCPUS 128.0
#define MAX_MEMORY_GB 1024.0

static size_t chars(struct str s)
{
	size_t n = 0;
	for (size_t i = 0; i < s.len; i++)
		n += ((unsigned char)s.ptr[i] & 0xC0) != 0x80;
	return n;
}

static void check_name(struct job_ctx *j, const struct node *body)
{
	const struct node *name = map_get(body, "displayName");
	if (node_is_str(name) && chars(name->u.str) > MAX_NAME_CHARS)
		job_problem(j, NULL, "spec.name", PY_VALUE_ERROR,
			    "the job name is %zu characters long; OCI allows at most %d",
			    chars(name->u.str), MAX_NAME_CHARS);
}

static void check_infra(struct job_ctx *j, const struct node *body)
{
	const struct node *infra = map_get(body, "jobInfrastructureConfigurationDetails");
	const struct node *size = infra ? map_get(infra, "blockStorageSizeInGBs") : NULL;
	if (size && size->kind == NODE_INT &&
	    (size->u.integer.i64 < MIN_BLOCK_STORAGE_GB ||
	     size->u.integer.i64 > MAX_BLOCK_STORAGE_GB))
		job_problem(j, NULL, INFRA "blockStorageSize", PY_VALUE_ERROR,
			    "block storage of %lld GB is outside what OCI allows (%d to %d GB)",
			    (long long)size->u.integer.i64, MIN_BLOCK_STORAGE_GB,
			    MAX_BLOCK_STORAGE_GB);
	const struct node *cfg = infra ? map_get(infra, "jobShapeConfigDetails") : NULL;
	const struct node *ocpus = cfg ? map_get(cfg, "ocpus") : NULL;
	const struct node *mem = cfg ? map_get(cfg, "memoryInGBs") : NULL;
	if (ocpus && ocpus->u.real > MAX_OCPUS)
		job_problem(j, NULL, INFRA "shapeConfigDetails.ocpus", PY_VALUE_ERROR,
			    "%g OCPUs is more than any flex shape offers (%g)", ocpus->u.real,
			    MAX_OCPUS);
	if (mem && mem->u.real > MAX_MEMORY_GB)
		job_problem(j, NULL, INFRA "shapeConfigDetails.memoryInGBs", PY_VALUE_ERROR,
			    "%g GB of memory is more than any flex shape offers (%g GB)",
			    mem->u.real, MAX_MEMORY_GB);
	/* flex shapes allow 1 to 64 GB of memory per OCPU */
	if (ocpus && mem && (mem->u.real > 64.0 * ocpus->u.real || mem->u.real < ocpus->u.real))
		job_problem(j, NULL, INFRA "shapeConfigDetails", PY_VALUE_ERROR,
			    "%g GB for %g OCPUs: flex shapes take 1 to 64 GB per OCPU", mem->u.real,
			    ocpus->u.real);
}

void job_check_limits(struct job_ctx *j, const struct node *body)
{
	if (!body)
		return;
	check_name(j, body);
	check_infra(j, body);
}

/* The OCI service's own limits, which the reference leaves to the API to
 * reject when the job is created. translate and validate both check them, so
 * the two never disagree about a file: an error where the API certainly
 * rejects the body (and no conformance vector has the reference send it), a
 * warning where it may not. */
#include <stdarg.h>
#include <string.h>

#include "job/job_parts.h"
#include "util/diag.h"
#include "util/utf8.h"

#define INFRA "spec.infrastructure.spec."
#define MAX_NAME_CHARS 255
#define MIN_BLOCK_STORAGE_GB 50
#define MAX_BLOCK_STORAGE_GB 10240
#define MAX_OCPUS 128.0
#define MAX_MEMORY_GB 1024.0
#define MAX_GB_PER_OCPU 64.0

static size_t chars(struct str s)
{
	size_t n = 0;
	for (size_t i = 0; i < s.len; i++)
		n += ((unsigned char)s.ptr[i] & 0xC0) != 0x80;
	return n;
}

static int check_name(struct job_ctx *j, const struct node *body, const struct node *spec)
{
	const struct node *name = map_get(body, "displayName");
	if (!node_is_str(name) || chars(name->u.str) <= MAX_NAME_CHARS)
		return 0;
	const struct node *at = map_get(spec, "name");
	return job_problem(j, at ? at : spec, "spec.name", PY_VALUE_ERROR,
			   "the job name is %zu characters long; OCI allows at most %d",
			   chars(name->u.str), MAX_NAME_CHARS);
}

/* The node the user wrote for `key` of the shape config, for its position. */
static const struct node *written(const struct node *ispec, const char *key)
{
	const struct node *cfg = map_get(ispec, "shapeConfigDetails");
	const struct node *v = cfg && cfg->kind == NODE_MAP ? map_get(cfg, key) : NULL;
	return v ? v : cfg;
}

/* The infrastructure, or a multi-node job's (ADS 2.15): its node group's. */
static const struct node *infrastructure(const struct node *body)
{
	const struct node *infra = map_get(body, "jobInfrastructureConfigurationDetails");
	const struct node *nodes = map_get(body, "jobNodeConfigurationDetails");
	const struct node *groups = nodes ? map_get(nodes, "jobNodeGroupConfigurationDetailsList")
					  : NULL;
	if (infra || !groups || groups->kind != NODE_SEQ || groups->u.seq.count == 0)
		return infra;
	return map_get(groups->u.seq.items[0], "jobInfrastructureConfigurationDetails");
}

static int check_infra(struct job_ctx *j, const struct node *body, const struct node *ispec)
{
	const struct node *infra = infrastructure(body);
	const struct node *size = infra ? map_get(infra, "blockStorageSizeInGBs") : NULL;
	int rc = 0;
	if (size && size->kind == NODE_INT &&
	    (size->u.integer.i64 < MIN_BLOCK_STORAGE_GB ||
	     size->u.integer.i64 > MAX_BLOCK_STORAGE_GB))
		rc = job_problem(
			j, map_get(ispec, "blockStorageSize"), INFRA "blockStorageSize",
			PY_VALUE_ERROR,
			"block storage of %lld GB is outside what OCI allows (%d to %d GB)",
			(long long)size->u.integer.i64, MIN_BLOCK_STORAGE_GB, MAX_BLOCK_STORAGE_GB);
	const struct node *cfg = infra ? map_get(infra, "jobShapeConfigDetails") : NULL;
	const struct node *ocpus = cfg ? map_get(cfg, "ocpus") : NULL;
	const struct node *mem = cfg ? map_get(cfg, "memoryInGBs") : NULL;
	if (!rc && ocpus && ocpus->u.real > MAX_OCPUS)
		rc = job_problem(j, written(ispec, "ocpus"), INFRA "shapeConfigDetails.ocpus",
				 PY_VALUE_ERROR, "%g OCPUs is more than any flex shape offers (%g)",
				 ocpus->u.real, MAX_OCPUS);
	if (!rc && mem && mem->u.real > MAX_MEMORY_GB)
		rc = job_problem(j, written(ispec, "memoryInGBs"),
				 INFRA "shapeConfigDetails.memoryInGBs", PY_VALUE_ERROR,
				 "%g GB of memory is more than any flex shape offers (%g GB)",
				 mem->u.real, MAX_MEMORY_GB);
	/* conformance vectors have the reference send 1 OCPU with 128 GB: a warning */
	if (!rc && ocpus && mem &&
	    (mem->u.real > MAX_GB_PER_OCPU * ocpus->u.real || mem->u.real < ocpus->u.real))
		job_warning(j, written(ispec, "memoryInGBs"), INFRA "shapeConfigDetails",
			    "%g GB of memory for %g OCPU(s): flex shapes take 1 to %g GB per OCPU, "
			    "so the API "
			    "is likely to reject this",
			    mem->u.real, ocpus->u.real, MAX_GB_PER_OCPU);
	return rc;
}

int job_check_limits(struct job_ctx *j, const struct node *body, const struct node *spec,
		     const struct node *ispec)
{
	if (!body)
		return 0;
	int rc = check_name(j, body, spec);
	return rc ? rc : check_infra(j, body, ispec);
}

/* The DataScienceJob infrastructure spec -> jobInfrastructureConfigurationDetails
 * and jobLogConfigurationDetails, as the reference's DataScienceJob and DSCJob
 * build them and the OCI SDK serializes them. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/diag.h"
#include "job/job_parts.h"
#include "runtime/runtime.h"

#define SPEC "spec.infrastructure.spec."
#define DEFAULT_BLOCK_STORAGE_GB 50

/* DataScienceJob.attribute_map keys: these are never renamed. */
static const char *const camel_keys[] = {
	"projectId",
	"compartmentId",
	"displayName",
	"jobType",
	"jobInfrastructureType",
	"shapeName",
	"blockStorageSize",
	"subnetId",
	"shapeConfigDetails",
	"logId",
	"logGroupId",
	"storageMount",
	"freeformTags",
	"definedTags",
	"memoryInGBs",
	"ocpus",
	NULL,
};

/* Lower-cased alias -> key: the attribute map's snake_case names and the API
 * payload's names (standardize_spec's snake_to_camel_map). */
static const struct {
	const char *lower;
	const char *camel;
} aliases[] = {
	{"project_id", "projectId"},
	{"compartment_id", "compartmentId"},
	{"display_name", "displayName"},
	{"job_type", "jobType"},
	{"job_infrastructure_type", "jobInfrastructureType"},
	{"shape_name", "shapeName"},
	{"block_storage_size", "blockStorageSize"},
	{"block_storage_size_in_gbs", "blockStorageSize"},
	{"subnet_id", "subnetId"},
	{"shape_config_details", "shapeConfigDetails"},
	{"job_shape_config_details", "shapeConfigDetails"},
	{"log_id", "logId"},
	{"log_group_id", "logGroupId"},
	{"storage_mount", "storageMount"},
	{"freeform_tags", "freeformTags"},
	{"defined_tags", "definedTags"},
	{"memory_in_gbs", "memoryInGBs"},
	{"ocpus", "ocpus"},
};

/* The keys shape_config reads. */
const char *const job_shape_config_keys[] = {"ocpus", "memoryInGBs", "cpuBaseline", NULL};

static bool is_camel_key(struct str k)
{
	for (size_t i = 0; camel_keys[i]; i++)
		if (str_eq(k, camel_keys[i]))
			return true;
	return false;
}

static const char *alias_target(struct str k)
{
	char lower[64];
	if (k.len >= sizeof(lower))
		return NULL;
	for (size_t i = 0; i < k.len; i++)
		lower[i] = (char)tolower((unsigned char)k.ptr[i]);
	lower[k.len] = '\0';
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(lower, aliases[i].lower) == 0)
			return aliases[i].camel;
	return NULL;
}

bool job_infra_key_known(struct str k)
{
	return is_camel_key(k) || alias_target(k);
}

const char *job_infra_key_to_camel(struct str k)
{
	return is_camel_key(k) ? NULL : alias_target(k);
}

const char *job_infra_key_nth(size_t i)
{
	size_t n_camel = sizeof(camel_keys) / sizeof(camel_keys[0]) - 1;
	if (i < n_camel)
		return camel_keys[i];
	i -= n_camel;
	return i < sizeof(aliases) / sizeof(aliases[0]) ? aliases[i].lower : NULL;
}

int job_infra_standardize(struct job_ctx *j, const struct node *spec, const char *path,
			  struct node **out)
{
	struct node *std = node_new(j->a, NODE_MAP, spec->line, spec->col);
	if (!std)
		return diag_nomem(j->err);
	for (size_t i = 0; i < spec->u.map.count; i++)
		if (map_push(j->a, std, spec->u.map.items[i].key, spec->u.map.items[i].value))
			return diag_nomem(j->err);
	/* as the reference: a renamed key is applied after the others, so the
	 * alias wins over the camelCase key */
	for (size_t i = 0; i < spec->u.map.count; i++) {
		const struct node *k = spec->u.map.items[i].key;
		struct node *v = spec->u.map.items[i].value;
		if (k->kind != NODE_STR) {
			job_problem(j, k, path, PY_ATTRIBUTE_ERROR,
				    "infrastructure keys must be strings, got %s",
				    describe_value(j->a, k));
			return DSJ_EINPUT;
		}
		const char *camel = is_camel_key(k->u.str) ? NULL : alias_target(k->u.str);
		if (!camel)
			continue;
		if (v->kind == NODE_MAP) {
			int rc = job_infra_standardize(j, v, path, &v);
			if (rc)
				return rc;
		}
		map_remove(std, k->u.str.ptr);
		if (map_set(j->a, std, camel, v))
			return diag_nomem(j->err);
	}
	*out = std;
	return 0;
}

static bool is_one_of(const struct node *v, const char *const *names)
{
	for (size_t i = 0; names[i]; i++)
		if (str_eq(v->u.str, names[i]))
			return true;
	return false;
}

static const char *const infra_types[] = {"STANDALONE", "ME_STANDALONE", "MULTI_NODE", "EMPTY",
					  NULL};
static const char *const cpu_baselines[] = {"BASELINE_1_8", "BASELINE_1_2", "BASELINE_1_1", NULL};

/* A string-valued field: NULL when falsy; a problem when not a string. */
static int string_field(struct job_ctx *j, const struct node *spec, const char *key,
			struct node **out)
{
	struct node *v = map_get(spec, key);
	*out = NULL;
	if (!node_truthy(v))
		return 0;
	if (v->kind != NODE_STR) {
		char path[DSJ_ERROR_PATH_MAX];
		snprintf(path, sizeof(path), SPEC "%s", key);
		/* ADS 2.8 fails on shapeName.endswith(...) (2.15 checks str(shape)), elsewhere
		 * the SDK's type check fails */
		bool ends_with = strcmp(key, "shapeName") == 0 && j->opts->ads == DSJ_ADS_2_8;
		return job_problem(j, v, path, ends_with ? PY_ATTRIBUTE_ERROR : PY_TYPE_ERROR,
				   "expected a string, got %s", describe_value(j->a, v));
	}
	*out = v;
	return 0;
}

static int infra_type(struct job_ctx *j, const struct node *spec, bool has_subnet,
		      const char **type)
{
	struct node *v = map_get(spec, "jobInfrastructureType");
	*type = "ME_STANDALONE";
	if (!node_truthy(v))
		v = NULL;
	else if (v->kind != NODE_STR || !is_one_of(v, infra_types))
		return job_problem(j, v, SPEC "jobInfrastructureType", PY_VALUE_ERROR,
				   "%s is not an infrastructure type: expected STANDALONE, "
				   "ME_STANDALONE, MULTI_NODE or EMPTY (the API would receive "
				   "UNKNOWN_ENUM_VALUE)",
				   describe_value(j->a, v));
	else
		*type = v->u.str.ptr;
	/* ADS has no setting for the type: a subnet means STANDALONE */
	if (has_subnet)
		*type = "STANDALONE";
	return 0;
}

static int shape_number(struct job_ctx *j, struct node *cfg, const struct node *details,
			const char *key)
{
	struct node *v = map_get(details, key);
	if (!v || v->kind == NODE_NULL)
		return 0;
	char path[DSJ_ERROR_PATH_MAX];
	snprintf(path, sizeof(path), SPEC "shapeConfigDetails.%s", key);
	double d;
	if (v->kind == NODE_INT && v->u.integer.fits)
		d = (double)v->u.integer.i64;
	else if (v->kind == NODE_FLOAT && isfinite(v->u.real))
		d = v->u.real;
	else
		return job_problem(j, v, path, PY_VALUE_ERROR, "expected a number, got %s",
				   describe_value(j->a, v));
	if (d <= 0)
		return job_problem(j, v, path, PY_VALUE_ERROR, "expected a positive number, got %s",
				   describe_value(j->a, v));
	return map_set(j->a, cfg, key, node_new_float(j->a, d)) ? diag_nomem(j->err) : 0;
}

/* jobShapeConfigDetails: floats, as the API types them; only on Flex shapes. */
static int shape_config(struct job_ctx *j, const struct node *spec, const struct node *shape,
			struct node **out)
{
	struct node *details = map_get(spec, "shapeConfigDetails");
	*out = NULL;
	if (!node_truthy(details))
		return 0;
	if (details->kind != NODE_MAP)
		return job_problem(j, details, SPEC "shapeConfigDetails", PY_TYPE_ERROR,
				   "expected a mapping {ocpus, memoryInGBs}, got %s",
				   describe_value(j->a, details));
	size_t n = shape ? shape->u.str.len : 0;
	if (n < 4 || memcmp(shape->u.str.ptr + n - 4, "Flex", 4) != 0)
		return job_problem(j, details, SPEC "shapeConfigDetails", PY_VALUE_ERROR,
				   "Shape config is not required for non flex shape from user end "
				   "(shapeConfigDetails applies only to shapes whose name ends in "
				   "\"Flex\", not to %s).",
				   shape ? shape->u.str.ptr : "an unset shapeName");
	struct node *cfg = node_new(j->a, NODE_MAP, 0, 0);
	if (!cfg)
		return diag_nomem(j->err);
	int rc = shape_number(j, cfg, details, "ocpus");
	if (!rc)
		rc = shape_number(j, cfg, details, "memoryInGBs");
	struct node *base = map_get(details, "cpuBaseline");
	if (!rc && base && base->kind != NODE_NULL) {
		if (base->kind != NODE_STR || !is_one_of(base, cpu_baselines))
			rc = job_problem(
				j, base, SPEC "shapeConfigDetails.cpuBaseline", PY_VALUE_ERROR,
				"expected BASELINE_1_8, BASELINE_1_2 or BASELINE_1_1, got %s",
				describe_value(j->a, base));
		else if (map_set(j->a, cfg, "cpuBaseline", base))
			rc = diag_nomem(j->err);
	}
	/* keys it does not know (OCPUS, memory) leave the SDK's model empty, and
	 * the reference sends it so: {} */
	if (!rc)
		*out = cfg;
	return rc;
}

static int block_storage(struct job_ctx *j, const struct node *spec, struct node **out)
{
	struct node *v = map_get(spec, "blockStorageSize");
	if (!node_truthy(v)) {
		*out = node_new_int(j->a, DEFAULT_BLOCK_STORAGE_GB);
		return *out ? 0 : diag_nomem(j->err);
	}
	*out = NULL;
	if (v->kind != NODE_INT || !v->u.integer.fits || v->u.integer.i64 <= 0 ||
	    v->u.integer.i64 > INT32_MAX)
		return job_problem(j, v, SPEC "blockStorageSize", PY_VALUE_ERROR,
				   "expected a positive whole number of GB, got %s",
				   describe_value(j->a, v));
	*out = v;
	return 0;
}

static int put(struct job_ctx *j, struct node *map, const char *key, struct node *v)
{
	return v && map_set(j->a, map, key, v) ? diag_nomem(j->err) : 0;
}

int job_infra_config(struct job_ctx *j, const struct node *spec, struct node **out)
{
	struct node *subnet, *shape, *cfg = NULL, *size = NULL;
	const char *type = NULL;
	int rc = string_field(j, spec, "subnetId", &subnet);
	rc = rc ? rc : infra_type(j, spec, subnet != NULL, &type);
	rc = rc ? rc : string_field(j, spec, "shapeName", &shape);
	rc = rc ? rc : shape_config(j, spec, shape, &cfg);
	rc = rc ? rc : block_storage(j, spec, &size);
	if (rc)
		return rc;
	struct node *infra = node_new(j->a, NODE_MAP, 0, 0);
	if (!infra || !type)
		return infra ? 0 : diag_nomem(j->err);
	rc = put(j, infra, "jobInfrastructureType", node_new_cstr(j->a, type));
	/* EMPTY carries nothing but its type (the SDK's EmptyJobInfrastructureConfigurationDetails)
	 */
	if (!rc && strcmp(type, "EMPTY") != 0) {
		rc = put(j, infra, "shapeName", shape);
		rc = rc ? rc : put(j, infra, "blockStorageSizeInGBs", size);
		rc = rc ? rc : put(j, infra, "jobShapeConfigDetails", cfg);
		if (!rc && strcmp(type, "STANDALONE") == 0)
			rc = put(j, infra, "subnetId", subnet);
	}
	*out = infra;
	return rc;
}

int job_log_config(struct job_ctx *j, const struct node *spec, struct node **out)
{
	struct node *log, *group;
	*out = NULL;
	int rc = string_field(j, spec, "logId", &log);
	rc = rc ? rc : string_field(j, spec, "logGroupId", &group);
	if (rc || (!log && !group))
		return rc;
	if (log && !group)
		return job_problem(
			j, log, SPEC "logId", "ResourceNotFoundError",
			"Unable to determine log group ID for Log (%s). The log resource "
			"may not exist or You may not have the required permission. Try to "
			"avoid this by specifying the log group ID (logGroupId: finding it "
			"needs the OCI API, which dsjob does not call).",
			log->u.str.ptr);
	struct node *cfg = node_new(j->a, NODE_MAP, 0, 0);
	if (!cfg)
		return diag_nomem(j->err);
	rc = put(j, cfg, "enableLogging", node_new_bool(j->a, true));
	rc = rc ? rc : put(j, cfg, "enableAutoLogCreation", node_new_bool(j->a, log == NULL));
	rc = rc ? rc : put(j, cfg, "logGroupId", group);
	rc = rc ? rc : put(j, cfg, "logId", log);
	*out = cfg;
	return rc;
}

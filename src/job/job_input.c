/* A Job in any of its printed forms -> the REST form the extraction reads.
 * The OCI SDK's model classes are the table below (camelCase names, as the
 * REST API spells them; the kebab-case and snake_case spellings follow from
 * them), with what each attribute holds: a leaf value, a free-form mapping
 * whose keys are data (environment variables, tags: never renamed), a nested
 * model object, or a list of them. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "job/job_input.h"
#include "runtime/convert.h"
#include "util/diag.h"

enum attr_kind {
	ATTR_LEAF,	  /* a value (strings, numbers, lists of strings) */
	ATTR_FREE_MAP,	  /* a mapping whose keys are data */
	ATTR_OBJECT,	  /* a model object */
	ATTR_OBJECT_LIST, /* a list of model objects */
};

struct model;

struct model_attr {
	const char *camel;
	enum attr_kind kind;
	const struct model *model; /* ATTR_OBJECT / ATTR_OBJECT_LIST */
};

struct model {
	const char *name; /* the SDK class, for messages */
	const struct model_attr *attrs;
};

static const struct model_attr probe_attrs[] = {
	{"jobProbeCheckType", ATTR_LEAF, NULL},	    {"command", ATTR_LEAF, NULL},
	{"failureThreshold", ATTR_LEAF, NULL},	    {"periodInSeconds", ATTR_LEAF, NULL},
	{"initialDelayInSeconds", ATTR_LEAF, NULL}, {NULL, ATTR_LEAF, NULL},
};
static const struct model probe = {"JobProbeDetails", probe_attrs};

static const struct model_attr config_attrs[] = {
	{"jobType", ATTR_LEAF, NULL},
	{"environmentVariables", ATTR_FREE_MAP, NULL},
	{"commandLineArguments", ATTR_LEAF, NULL},
	{"maximumRuntimeInMinutes", ATTR_LEAF, NULL},
	{"startupProbeDetails", ATTR_OBJECT, &probe},
	{NULL, ATTR_LEAF, NULL},
};
static const struct model config = {"JobConfigurationDetails", config_attrs};

static const struct model_attr environment_attrs[] = {
	{"jobEnvironmentType", ATTR_LEAF, NULL},
	{"image", ATTR_LEAF, NULL},
	{"cmd", ATTR_LEAF, NULL},
	{"entrypoint", ATTR_LEAF, NULL},
	{"imageDigest", ATTR_LEAF, NULL},
	{"imageSignatureId", ATTR_LEAF, NULL},
	{NULL, ATTR_LEAF, NULL},
};
static const struct model environment = {"JobEnvironmentConfigurationDetails", environment_attrs};

static const struct model_attr shape_attrs[] = {
	{"ocpus", ATTR_LEAF, NULL},
	{"memoryInGBs", ATTR_LEAF, NULL},
	{"cpuBaseline", ATTR_LEAF, NULL},
	{NULL, ATTR_LEAF, NULL},
};
static const struct model shape = {"JobShapeConfigDetails", shape_attrs};

static const struct model_attr infra_attrs[] = {
	{"jobInfrastructureType", ATTR_LEAF, NULL},
	{"shapeName", ATTR_LEAF, NULL},
	{"subnetId", ATTR_LEAF, NULL},
	{"blockStorageSizeInGBs", ATTR_LEAF, NULL},
	{"jobShapeConfigDetails", ATTR_OBJECT, &shape},
	{NULL, ATTR_LEAF, NULL},
};
static const struct model infra = {"JobInfrastructureConfigurationDetails", infra_attrs};

static const struct model_attr log_attrs[] = {
	{"enableLogging", ATTR_LEAF, NULL},
	{"enableAutoLogCreation", ATTR_LEAF, NULL},
	{"logGroupId", ATTR_LEAF, NULL},
	{"logId", ATTR_LEAF, NULL},
	{NULL, ATTR_LEAF, NULL},
};
static const struct model log_config = {"JobLogConfigurationDetails", log_attrs};

static const struct model_attr mount_attrs[] = {
	{"storageType", ATTR_LEAF, NULL},
	{"destinationDirectoryName", ATTR_LEAF, NULL},
	{"destinationPath", ATTR_LEAF, NULL},
	{"namespace", ATTR_LEAF, NULL},
	{"bucket", ATTR_LEAF, NULL},
	{"prefix", ATTR_LEAF, NULL},
	{"mountTargetId", ATTR_LEAF, NULL},
	{"exportId", ATTR_LEAF, NULL},
	{NULL, ATTR_LEAF, NULL},
};
static const struct model mount = {"StorageMountConfigurationDetails", mount_attrs};

static const struct model_attr network_attrs[] = {
	{"jobNetworkType", ATTR_LEAF, NULL},
	{"subnetId", ATTR_LEAF, NULL},
	{NULL, ATTR_LEAF, NULL},
};
static const struct model network = {"JobNetworkConfiguration", network_attrs};

static const struct model_attr group_attrs[] = {
	{"name", ATTR_LEAF, NULL},
	{"replicas", ATTR_LEAF, NULL},
	{"minimumSuccessReplicas", ATTR_LEAF, NULL},
	{"jobConfigurationDetails", ATTR_OBJECT, &config},
	{"jobEnvironmentConfigurationDetails", ATTR_OBJECT, &environment},
	{"jobInfrastructureConfigurationDetails", ATTR_OBJECT, &infra},
	{NULL, ATTR_LEAF, NULL},
};
static const struct model group = {"JobNodeGroupConfigurationDetails", group_attrs};

static const struct model_attr node_attrs[] = {
	{"jobNodeType", ATTR_LEAF, NULL},
	{"startupOrder", ATTR_LEAF, NULL},
	{"maximumRuntimeInMinutes", ATTR_LEAF, NULL},
	{"jobNetworkConfiguration", ATTR_OBJECT, &network},
	{"jobNodeGroupConfigurationDetailsList", ATTR_OBJECT_LIST, &group},
	{NULL, ATTR_LEAF, NULL},
};
static const struct model node_config = {"JobNodeConfigurationDetails", node_attrs};

static const struct model_attr job_attrs[] = {
	{"id", ATTR_LEAF, NULL},
	{"timeCreated", ATTR_LEAF, NULL},
	{"createdBy", ATTR_LEAF, NULL},
	{"projectId", ATTR_LEAF, NULL},
	{"compartmentId", ATTR_LEAF, NULL},
	{"displayName", ATTR_LEAF, NULL},
	{"description", ATTR_LEAF, NULL},
	{"lifecycleState", ATTR_LEAF, NULL},
	{"lifecycleDetails", ATTR_LEAF, NULL},
	{"jobConfigurationDetails", ATTR_OBJECT, &config},
	{"jobEnvironmentConfigurationDetails", ATTR_OBJECT, &environment},
	{"jobInfrastructureConfigurationDetails", ATTR_OBJECT, &infra},
	{"jobLogConfigurationDetails", ATTR_OBJECT, &log_config},
	{"jobNodeConfigurationDetails", ATTR_OBJECT, &node_config},
	{"jobStorageMountConfigurationDetailsList", ATTR_OBJECT_LIST, &mount},
	{"freeformTags", ATTR_FREE_MAP, NULL},
	{"definedTags", ATTR_FREE_MAP, NULL},
	{"systemTags", ATTR_FREE_MAP, NULL},
	{NULL, ATTR_LEAF, NULL},
};
static const struct model job_model = {"Job", job_attrs};

/* camelCase -> separated: a separator before each capital that follows a
 * lower-case letter or a digit, everything lower-cased (memoryInGBs ->
 * memory-in-gbs), as the SDK's attribute names are made. */
static bool spelled_with(const char *camel, struct str key, char sep)
{
	size_t k = 0;
	for (size_t i = 0; camel[i]; i++) {
		unsigned char c = (unsigned char)camel[i];
		if (isupper(c) && i > 0 &&
		    (islower((unsigned char)camel[i - 1]) ||
		     isdigit((unsigned char)camel[i - 1]))) {
			if (k >= key.len || key.ptr[k] != sep)
				return false;
			k++;
		}
		if (k >= key.len || key.ptr[k] != (char)tolower(c))
			return false;
		k++;
	}
	return k == key.len;
}

bool job_input_key_is(const char *camel, struct str key)
{
	return str_eq(key, camel) || spelled_with(camel, key, '-') || spelled_with(camel, key, '_');
}

static const struct model_attr *find_attr(const struct model *m, const struct node *key)
{
	if (key->kind != NODE_STR)
		return NULL;
	for (const struct model_attr *at = m->attrs; at->camel; at++)
		if (job_input_key_is(at->camel, key->u.str))
			return at;
	return NULL;
}

static const char *kind_text(const struct node *v)
{
	switch (v->kind) {
	case NODE_MAP:
		return "an object";
	case NODE_SEQ:
		return "a list";
	case NODE_STR:
		return "a string";
	case NODE_BOOL:
		return "a boolean";
	case NODE_INT:
	case NODE_FLOAT:
		return "a number";
	default:
		return node_type_name(v);
	}
}

static int wrong_kind(struct dsj_error *err, const struct node *v, const char *path,
		      const char *want, const struct model *m)
{
	return diag_node(err, DSJ_EINPUT, v, path, PY_TYPE_ERROR,
			 "expected %s (%s), got %s: this is not an OCI Job", want, m->name,
			 kind_text(v));
}

static int normalize_object(struct arena *a, const struct model *m, struct node *in,
			    const char *path, struct node **out, struct dsj_error *err);

static int normalize_value(struct arena *a, const struct model_attr *at, struct node *v,
			   const char *path, struct node **out, struct dsj_error *err)
{
	*out = v;
	if (at->kind == ATTR_OBJECT) {
		if (v->kind != NODE_MAP)
			return wrong_kind(err, v, path, "an object", at->model);
		return normalize_object(a, at->model, v, path, out, err);
	}
	if (at->kind != ATTR_OBJECT_LIST)
		return 0;
	if (v->kind != NODE_SEQ)
		return wrong_kind(err, v, path, "a list", at->model);
	struct node *list = node_new(a, NODE_SEQ, v->line, v->col);
	if (!list)
		return diag_nomem(err);
	for (size_t i = 0; i < v->u.seq.count; i++) {
		char sub[DSJ_ERROR_PATH_MAX];
		snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
		struct node *item = v->u.seq.items[i], *done = NULL;
		if (item->kind != NODE_MAP)
			return wrong_kind(err, item, sub, "an object", at->model);
		int rc = normalize_object(a, at->model, item, sub, &done, err);
		if (rc)
			return rc;
		if (seq_push(a, list, done))
			return diag_nomem(err);
	}
	*out = list;
	return 0;
}

/* Known attributes get their camelCase name; a null is an unset field (the CLI
 * prints every unset one) and is left out; unknown keys are kept as written. */
static int normalize_object(struct arena *a, const struct model *m, struct node *in,
			    const char *path, struct node **out, struct dsj_error *err)
{
	struct node *obj = node_new(a, NODE_MAP, in->line, in->col);
	if (!obj)
		return diag_nomem(err);
	for (size_t i = 0; i < in->u.map.count; i++) {
		struct node *key = in->u.map.items[i].key;
		struct node *v = in->u.map.items[i].value;
		const struct model_attr *at = find_attr(m, key);
		if (v->kind == NODE_NULL)
			continue;
		if (!at) {
			if (map_set_node(a, obj, key, v))
				return diag_nomem(err);
			continue;
		}
		char sub[DSJ_ERROR_PATH_MAX];
		snprintf(sub, sizeof(sub), "%s%s%s", path, path[0] ? "." : "", at->camel);
		struct node *done = NULL;
		int rc = normalize_value(a, at, v, sub, &done, err);
		if (rc)
			return rc;
		if (map_set(a, obj, at->camel, done))
			return diag_nomem(err);
	}
	*out = obj;
	return 0;
}

static bool has_job_field(const struct node *m)
{
	for (size_t i = 0; i < m->u.map.count; i++)
		if (find_attr(&job_model, m->u.map.items[i].key))
			return true;
	return false;
}

static int one_job(struct arena *a, struct node *v, const char *path, struct node *jobs,
		   struct dsj_error *err)
{
	if (v->kind != NODE_MAP)
		return diag_node(err, DSJ_EINPUT, v, path, PY_VALUE_ERROR,
				 "expected a Job object, got %s", node_type_name(v));
	if (!has_job_field(v))
		return diag_node(err, DSJ_EINPUT, v, path, PY_VALUE_ERROR,
				 "this is not an OCI Job: it has none of the Job's fields "
				 "(jobConfigurationDetails, projectId, ...)");
	struct node *job = NULL;
	int rc = normalize_object(a, &job_model, v, path, &job, err);
	if (rc)
		return rc;
	return seq_push(a, jobs, job) ? diag_nomem(err) : 0;
}

/* What `oci ... get` / `list` print: {"data": ..., "etag"?, "opc-next-page"?}. */
static struct node *unwrap(struct node *root, const char **path)
{
	*path = "";
	if (root->kind != NODE_MAP || has_job_field(root))
		return root;
	long i = map_find(root, "data", 4);
	if (i < 0)
		return root;
	*path = "data";
	return root->u.map.items[i].value;
}

int job_input_normalize(struct arena *a, struct node *root, struct node **jobs, bool *is_list,
			struct dsj_error *err)
{
	const char *path;
	struct node *data = unwrap(root, &path);
	struct node *list = node_new(a, NODE_SEQ, 0, 0);
	if (!list)
		return diag_nomem(err);
	*jobs = list;
	*is_list = data->kind == NODE_SEQ;
	if (!*is_list)
		return one_job(a, data, path, list, err);
	if (data->u.seq.count == 0)
		return diag_node(err, DSJ_EINPUT, data, path, PY_VALUE_ERROR,
				 "an empty list: there is no OCI Job to extract");
	for (size_t i = 0; i < data->u.seq.count; i++) {
		char sub[DSJ_ERROR_PATH_MAX];
		snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
		int rc = one_job(a, data->u.seq.items[i], sub, list, err);
		if (rc)
			return rc;
	}
	return 0;
}

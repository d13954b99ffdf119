/* GetJob JSON (as a tree) -> the job as the reference's Job.to_dict gives it:
 * {"kind": "job", "spec": {"name", "id"?, "infrastructure", "runtime"}}. The
 * infrastructure spec holds what DataScienceJob._update_from_dsc_model reads
 * back from the OCI SDK model (only the fields the SDK's infrastructure class
 * for that type has); the job's tags go to the runtime. */
#include <math.h>
#include <string.h>

#include "util/diag.h"
#include "job/job.h"
#include "job/job_parts.h"
#include "runtime/convert.h"

#define INFRA_PATH "jobInfrastructureConfigurationDetails"

static struct node *sub_map(const struct node *m, const char *key)
{
	struct node *v = m ? map_get(m, key) : NULL;
	return v && v->kind == NODE_MAP ? v : NULL;
}

static int copy_truthy(struct arena *a, struct node *spec, const char *key, const struct node *from,
		       const char *from_key, struct dsj_error *err)
{
	struct node *v = from ? map_get(from, from_key) : NULL;
	if (!node_truthy(v))
		return 0;
	return map_set(a, spec, key, v) ? diag_nomem(err) : 0;
}

static const char *enum_value(const struct node *v, const char *const *known)
{
	for (size_t i = 0; known[i]; i++)
		if (str_eq(v->u.str, known[i]))
			return known[i];
	return "UNKNOWN_ENUM_VALUE";
}

static int job_type(struct arena *a, struct node *spec, const struct node *job,
		    struct dsj_error *err)
{
	static const char *const types[] = {"DEFAULT", "EMPTY", NULL};
	const struct node *jcd = sub_map(job, "jobConfigurationDetails");
	const struct node *v = jcd ? map_get(jcd, "jobType") : NULL;
	const char *type = node_is_str(v) && v->u.str.len ? enum_value(v, types) : "DEFAULT";
	return map_set(a, spec, "jobType", node_new_cstr(a, type)) ? diag_nomem(err) : 0;
}

/* The API types ocpus and memoryInGBs as floats. */
static int shape_config(struct arena *a, struct node *spec, const struct node *infra,
			struct dsj_error *err)
{
	static const char *const keys[] = {"memoryInGBs", "ocpus", NULL};
	const struct node *details = sub_map(infra, "jobShapeConfigDetails");
	if (!details)
		return 0;
	struct node *cfg = node_new(a, NODE_MAP, 0, 0);
	if (!cfg)
		return diag_nomem(err);
	for (size_t i = 0; keys[i]; i++) {
		const struct node *v = map_get(details, keys[i]);
		if (!node_truthy(v))
			continue;
		if (!(v->kind == NODE_INT && v->u.integer.fits) && v->kind != NODE_FLOAT)
			return diag_node(err, DSJ_EINPUT, v, INFRA_PATH ".jobShapeConfigDetails",
					 PY_TYPE_ERROR, "%s: expected a number, got %s", keys[i],
					 node_type_name(v));
		double d = v->kind == NODE_INT ? (double)v->u.integer.i64 : v->u.real;
		if (map_set(a, cfg, keys[i], node_new_float(a, d)))
			return diag_nomem(err);
	}
	if (cfg->u.map.count && map_set(a, spec, "shapeConfigDetails", cfg))
		return diag_nomem(err);
	return 0;
}

static int block_storage(struct arena *a, struct node *spec, const struct node *infra,
			 struct dsj_error *err)
{
	struct node *v = map_get(infra, "blockStorageSizeInGBs");
	if (!node_truthy(v))
		return 0;
	if (v->kind != NODE_INT)
		return diag_node(err, DSJ_EINPUT, v, INFRA_PATH ".blockStorageSizeInGBs",
				 PY_TYPE_ERROR, "expected a whole number of GB, got %s",
				 node_type_name(v));
	return map_set(a, spec, "blockStorageSize", v) ? diag_nomem(err) : 0;
}

static int infrastructure(struct arena *a, struct node *spec, const struct node *job,
			  struct dsj_error *err)
{
	static const char *const types[] = {"STANDALONE", "ME_STANDALONE", "MULTI_NODE", "EMPTY",
					    NULL};
	const struct node *infra = sub_map(job, INFRA_PATH);
	const struct node *t = infra ? map_get(infra, "jobInfrastructureType") : NULL;
	if (!node_is_str(t) || !t->u.str.len)
		return 0;
	const char *type = enum_value(t, types);
	if (map_set(a, spec, "jobInfrastructureType", node_new_cstr(a, type)))
		return diag_nomem(err);
	/* the SDK's EMPTY and unknown types carry nothing else; only STANDALONE a subnet */
	if (!strcmp(type, "EMPTY") || !strcmp(type, "UNKNOWN_ENUM_VALUE"))
		return 0;
	int rc = copy_truthy(a, spec, "shapeName", infra, "shapeName", err);
	rc = rc ? rc : block_storage(a, spec, infra, err);
	if (!rc && !strcmp(type, "STANDALONE"))
		rc = copy_truthy(a, spec, "subnetId", infra, "subnetId", err);
	return rc ? rc : shape_config(a, spec, infra, err);
}

static int storage_mounts(struct arena *a, const struct dsj_options *opts, struct node *spec,
			  const struct node *job, struct dsj_error *err)
{
	const struct node *list = map_get(job, "jobStorageMountConfigurationDetailsList");
	if (!node_truthy(list) || list->kind != NODE_SEQ)
		return 0;
	struct node *mounts = node_new(a, NODE_SEQ, 0, 0);
	if (!mounts)
		return diag_nomem(err);
	for (size_t i = 0; i < list->u.seq.count; i++) {
		struct node *item = NULL;
		int rc = job_storage_extract(a, opts, list->u.seq.items[i], &item, err);
		if (rc)
			return rc;
		if (item && seq_push(a, mounts, item))
			return diag_nomem(err);
	}
	return map_set(a, spec, "storageMount", mounts) ? diag_nomem(err) : 0;
}

static int infra_spec(struct arena *a, const struct dsj_options *opts, const struct node *job,
		      struct node **out, struct dsj_error *err)
{
	struct node *spec = node_new(a, NODE_MAP, 0, 0);
	if (!spec)
		return diag_nomem(err);
	const struct node *log = sub_map(job, "jobLogConfigurationDetails");
	int rc = copy_truthy(a, spec, "projectId", job, "projectId", err);
	rc = rc ? rc : copy_truthy(a, spec, "compartmentId", job, "compartmentId", err);
	rc = rc ? rc : copy_truthy(a, spec, "displayName", job, "displayName", err);
	rc = rc ? rc : job_type(a, spec, job, err);
	rc = rc ? rc : infrastructure(a, spec, job, err);
	rc = rc ? rc : copy_truthy(a, spec, "logId", log, "logId", err);
	rc = rc ? rc : copy_truthy(a, spec, "logGroupId", log, "logGroupId", err);
	rc = rc ? rc : storage_mounts(a, opts, spec, job, err);
	*out = spec;
	return rc;
}

static int assemble(struct arena *a, const struct node *job, struct node *ispec,
		    struct node *runtime, struct node **out)
{
	struct node *infra = node_new(a, NODE_MAP, 0, 0);
	struct node *spec = node_new(a, NODE_MAP, 0, 0);
	struct node *root = node_new(a, NODE_MAP, 0, 0);
	struct node *name = map_get(job, "displayName");
	struct node *id = map_get(job, "id");
	if (!infra || !spec || !root ||
	    map_set(a, infra, "kind", node_new_cstr(a, "infrastructure")) ||
	    map_set(a, infra, "type", node_new_cstr(a, "dataScienceJob")) ||
	    map_set(a, infra, "spec", ispec) ||
	    map_set(a, spec, "name", name ? name : node_new(a, NODE_NULL, 0, 0)) ||
	    (node_truthy(id) && map_set(a, spec, "id", id)) ||
	    map_set(a, spec, "infrastructure", infra) || map_set(a, spec, "runtime", runtime) ||
	    map_set(a, root, "kind", node_new_cstr(a, "job")) || map_set(a, root, "spec", spec))
		return -1;
	*out = root;
	return 0;
}

int job_extract(struct arena *a, const struct dsj_options *opts, struct node *job,
		struct node **out, struct dsj_error *err)
{
	/* the reference reads fields off whatever it got: anything but an
	 * object is a job with no fields */
	if (!job || job->kind != NODE_MAP)
		job = node_new(a, NODE_MAP, 0, 0);
	if (!job)
		return diag_nomem(err);
	struct node *ispec = NULL, *runtime = NULL;
	int rc = infra_spec(a, opts, job, &ispec, err);
	if (rc)
		return rc;
	/* the artifact's name comes from the service by job id: none without one */
	const char *artifact =
		node_truthy(map_get(job, "id")) ? (opts->artifact ? opts->artifact : "") : "None";
	if ((rc = runtime_extract(&runtime, job, a, opts, artifact, err)))
		return rc;
	return assemble(a, job, ispec, runtime, out) ? diag_nomem(err) : 0;
}

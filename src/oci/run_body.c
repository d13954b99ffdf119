/* The CreateJobRun body: the job's project, compartment and id, and the
 * run-level overrides (name, environment variables, arguments), as ADS's
 * DataScienceJob.run() sends them. */
#include <stdlib.h>
#include <string.h>

#include "doc/json.h"
#include "oci/oci.h"
#include "util/diag.h"

static int copy_member(struct arena *a, struct node *body, const struct node *job, const char *from,
		       const char *to, struct dsj_error *err)
{
	const struct node *v = json_walk(job, from);
	if (!v || v->kind != NODE_STR || !ocid_ok(v->u.str.ptr))
		return oci_fail(err, DSJ_EINPUT, "the job has no %s OCID", from);
	return map_set(a, body, to, node_new_str(a, v->u.str.ptr, v->u.str.len)) ? diag_nomem(err)
										 : 0;
}

static int env_map(struct arena *a, struct node **out, const struct dsj_oci_run_overrides *ov,
		   struct dsj_error *err)
{
	*out = node_new(a, NODE_MAP, 0, 0);
	if (!*out)
		return diag_nomem(err);
	for (size_t i = 0; i < ov->env_count; i++) {
		const char *kv = ov->env[i];
		const char *eq = strchr(kv, '=');
		if (!eq || eq == kv)
			return oci_fail(err, DSJ_EUSAGE, "--env takes NAME=VALUE, not '%.200s'",
					kv);
		char *name = arena_strndup(a, kv, (size_t)(eq - kv));
		if (!name || map_set(a, *out, name, node_new_cstr(a, eq + 1)))
			return diag_nomem(err);
	}
	return 0;
}

static int overrides(struct arena *a, struct node *body, const struct dsj_oci_run_overrides *ov,
		     struct dsj_error *err)
{
	if (ov->name && map_set(a, body, "displayName", node_new_cstr(a, ov->name)))
		return diag_nomem(err);
	if (!ov->env_count && !ov->args)
		return 0;
	struct node *o = node_new(a, NODE_MAP, 0, 0), *env = NULL;
	if (!o || map_set(a, o, "jobType", node_new_cstr(a, "DEFAULT")))
		return diag_nomem(err);
	if (ov->env_count) {
		int rc = env_map(a, &env, ov, err);
		if (rc)
			return rc;
		if (map_set(a, o, "environmentVariables", env))
			return diag_nomem(err);
	}
	if (ov->args && map_set(a, o, "commandLineArguments", node_new_cstr(a, ov->args)))
		return diag_nomem(err);
	return map_set(a, body, "jobConfigurationOverrideDetails", o) ? diag_nomem(err) : 0;
}

static int build(struct arena *a, struct buf *b, const struct node *job,
		 const struct dsj_oci_run_overrides *ov, struct dsj_error *err)
{
	struct node *body = node_new(a, NODE_MAP, 0, 0);
	if (!body)
		return diag_nomem(err);
	int rc = copy_member(a, body, job, "projectId", "projectId", err);
	if (!rc)
		rc = copy_member(a, body, job, "compartmentId", "compartmentId", err);
	if (!rc)
		rc = copy_member(a, body, job, "id", "jobId", err);
	if (!rc && ov)
		rc = overrides(a, body, ov, err);
	if (!rc && json_write(b, body, JSON_PRETTY, err))
		rc = DSJ_EINPUT;
	return rc;
}

DSJ_API int dsj_oci_run_body(char **out, size_t *out_len, const char *job_json, size_t len,
			     const struct dsj_oci_run_overrides *ov, struct dsj_error *err)
{
	diag_clear(err);
	*out = NULL;
	if (ov && (ov->version < 1 || ov->version > DSJ_OCI_OPTIONS_VERSION))
		return oci_fail(err, DSJ_EUSAGE, "dsj_oci_run_overrides: unknown version");
	struct arena a;
	struct dsj_limits lim;
	struct node *root = NULL;
	arena_init(&a, 0);
	limits_resolve(&lim, NULL);
	struct buf b;
	buf_init(&b, 0);
	int rc = json_read(&root, job_json, len, &a, &lim, 0, err);
	if (!rc) {
		const struct node *data = json_walk(root, "data");
		rc = build(&a, &b, data ? data : root, ov, err);
	}
	if (!rc && !(*out = buf_detach(&b, out_len)))
		rc = diag_nomem(err);
	buf_free(&b);
	arena_free(&a);
	return rc;
}

#define REPLICAS_MAX 1000

DSJ_API int dsj_oci_job_replicas(const char *job_json, size_t len)
{
	static const char *paths[] = {
		"jobConfigurationDetails.environmentVariables.OCI__WORKER_COUNT",
		"data.jobConfigurationDetails.environmentVariables.OCI__WORKER_COUNT"};
	struct arena a;
	const struct node *job = answer_read(&a, job_json, len);
	char *count = json_pick_at(job, paths[0]);
	if (!count)
		count = json_pick_at(job, paths[1]);
	arena_free(&a);
	if (!count)
		return 1;
	char *end = NULL;
	long n = strtol(count, &end, 10);
	int ok = *count && !*end && n >= 0 && n < REPLICAS_MAX;
	free(count);
	return ok ? (int)n + 1 : 1;
}

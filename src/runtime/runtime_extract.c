/* OCI Job (as a tree) -> runtime: the extraction manager. The type is chosen by
 * the variables the job has (the first type in priority order whose signature
 * matches), then that handler alone reads a copy of them. */
#include <string.h>

#include "py/shlex.h"
#include "runtime/container_native.h"
#include "runtime/convert.h"
#include "runtime/runtime.h"
#include "util/diag.h"

static struct node *job_config(struct node *job, const char *key)
{
	struct node *jcd = map_get(job, "jobConfigurationDetails");
	return jcd && jcd->kind == NODE_MAP ? map_get(jcd, key) : NULL;
}

static int put_if_truthy(struct extract_ctx *x, const char *key, struct node *v)
{
	return node_truthy(v) ? spec_put(x, key, v) : 0;
}

static int extract_args(struct extract_ctx *x)
{
	struct node *line = job_config(x->job, "commandLineArguments");
	if (!node_truthy(line))
		return 0;
	if (line->kind != NODE_STR)
		return diag_node(x->err, DSJ_EINPUT, line,
				 "jobConfigurationDetails.commandLineArguments", PY_TYPE_ERROR,
				 "expected a string, got %s", node_type_name(line));
	struct node *args = NULL;
	const char *msg = NULL;
	int rc = shlex_split(x->a, line->u.str.ptr, line->u.str.len, &args, &msg);
	if (rc)
		return rc == -1 ? diag_node(x->err, DSJ_EINPUT, line,
					    "jobConfigurationDetails.commandLineArguments",
					    PY_VALUE_ERROR, "%s", msg)
				: diag_nomem(x->err);
	return spec_put(x, "args", args);
}

/* The part of extraction every handler shares: tags, args, maximum runtime. */
static int extract_common(struct extract_ctx *x)
{
	int rc = put_if_truthy(x, "freeformTags", map_get(x->job, "freeformTags"));
	if (!rc)
		rc = put_if_truthy(x, "definedTags", map_get(x->job, "definedTags"));
	if (!rc)
		rc = extract_args(x);
	if (!rc)
		rc = put_if_truthy(x, "maximumRuntimeInMinutes",
				   job_config(x->job, "maximumRuntimeInMinutes"));
	return rc;
}

/* Leftover variables -> env: [{name, value}, ...] */
static int format_env(struct extract_ctx *x)
{
	if (x->envs->u.map.count == 0)
		return 0;
	struct node *list = node_new(x->a, NODE_SEQ, 0, 0);
	if (!list)
		return diag_nomem(x->err);
	for (size_t i = 0; i < x->envs->u.map.count; i++) {
		struct node *item = node_new(x->a, NODE_MAP, 0, 0);
		if (!item || map_set(x->a, item, "name", x->envs->u.map.items[i].key) ||
		    map_set(x->a, item, "value", x->envs->u.map.items[i].value) ||
		    seq_push(x->a, list, item))
			return diag_nomem(x->err);
	}
	return spec_put(x, "env", list);
}

static int extract_as(struct extract_ctx *x, const struct runtime_type *rt, struct node *envs)
{
	x->envs = envs ? node_clone(x->a, envs) : node_new(x->a, NODE_MAP, 0, 0);
	x->spec = node_new(x->a, NODE_MAP, 0, 0);
	if (!x->envs || !x->spec)
		return diag_nomem(x->err);
	int rc = extract_common(x);
	if (!rc)
		rc = runtime_types_tried_before(rt, x);
	if (!rc)
		rc = rt->extract(x);
	if (!rc)
		rc = format_env(x);
	return rc;
}

static int make_runtime(struct node **out, struct arena *a, const char *type, struct node *spec)
{
	struct node *rt = node_new(a, NODE_MAP, 0, 0);
	if (!rt || map_set(a, rt, "kind", node_new_cstr(a, "runtime")) ||
	    map_set(a, rt, "type", node_new_cstr(a, type)) || map_set(a, rt, "spec", spec))
		return -1;
	*out = rt;
	return 0;
}

/* ADS 2.15 also knows a container by the service's own container config and a
 * pyTorchDistributed job by NODE_COUNT; jobs made by ADS 2.8 read as 2.8 did
 * (a CONTAINER_* container stays a container, OCI__WORKER_COUNT decides). */
static const struct runtime_type *type_for_job(const struct node *job, const struct node *envs,
					       const struct dsj_options *opts)
{
	const struct runtime_type *rt = runtime_type_for_job(envs);
	if (opts->ads != DSJ_ADS_2_15 || strcmp(rt->name, "container") == 0)
		return rt;
	if (container_native_config(job))
		return runtime_type_find("container", strlen("container"));
	if (pytorch_node_count(envs) && strcmp(rt->name, "pyTorchDistributed") != 0)
		return runtime_type_find("pyTorchDistributed", strlen("pyTorchDistributed"));
	return rt;
}

int runtime_extract(struct node **runtime, struct node *job, struct arena *a,
		    const struct dsj_options *opts, const char *artifact, struct dsj_error *err)
{
	if (!job || job->kind != NODE_MAP)
		return diag_node(err, DSJ_EINPUT, job, "", PY_ATTRIBUTE_ERROR,
				 "expected a Job object, got %s", node_type_name(job));
	struct node *envs = job_config(job, "environmentVariables");
	if (!node_truthy(envs))
		envs = NULL;
	else if (envs->kind != NODE_MAP)
		return diag_node(err, DSJ_EINPUT, envs,
				 "jobConfigurationDetails.environmentVariables", PY_TYPE_ERROR,
				 "expected a mapping, got %s", node_type_name(envs));
	struct extract_ctx x = {.a = a,
				.opts = opts,
				.job = job,
				.err = err,
				.artifact = artifact ? artifact : "None"};
	const struct runtime_type *rt = type_for_job(job, envs, opts);
	int rc = extract_as(&x, rt, envs);
	if (rc)
		return rc;
	return make_runtime(runtime, a, rt->name, x.spec) ? diag_nomem(err) : 0;
}

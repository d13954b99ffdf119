/* The job as an artifact build needs it: the payload translate makes (artifact
 * type and source, environment, arguments) and the runtime spec of the YAML
 * (keys the payload does not carry, such as a notebook's entrypoint). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artifact/artifact.h"
#include "doc/json.h"
#include "doc/yaml_reader.h"
#include "util/diag.h"

static const char *str_or_null(const struct node *n)
{
	return node_is_str(n) ? n->u.str.ptr : NULL;
}

/* The job's configuration; for an ADS 2.15 multi-node job, its first node
 * group's (a local run is one node). */
static const struct node *job_configuration(const struct node *body)
{
	const struct node *jcd = map_get(body, "jobConfigurationDetails");
	const struct node *nodes = jcd ? NULL : map_get(body, "jobNodeConfigurationDetails");
	const struct node *groups = nodes && nodes->kind == NODE_MAP
					    ? map_get(nodes, "jobNodeGroupConfigurationDetailsList")
					    : NULL;
	if (groups && groups->kind == NODE_SEQ && groups->u.seq.count &&
	    groups->u.seq.items[0]->kind == NODE_MAP)
		jcd = map_get(groups->u.seq.items[0], "jobConfigurationDetails");
	return jcd && jcd->kind == NODE_MAP ? jcd : NULL;
}

static int read_payload(struct art_job *j, const char *input, size_t len,
			const struct dsj_options *o, struct dsj_error *err)
{
	struct dsj_options opts = DSJ_OPTIONS_INIT;
	if (o)
		opts = *o;
	opts.output = DSJ_FORMAT_JSON;
	opts.job_form = DSJ_JOB_FORM_API;
	char *text = NULL;
	size_t text_len = 0;
	int rc = dsj_translate(&text, &text_len, NULL, input, len, &opts, err);
	if (rc)
		return rc;
	struct node *root = NULL;
	struct dsj_limits lim;
	limits_resolve(&lim, NULL);
	lim.max_input_bytes = text_len + 1;
	lim.max_scalar_bytes = text_len + 1;
	rc = json_read(&root, text, text_len, &j->arena, &lim, 0, err);
	free(text);
	if (rc)
		return rc;
	const struct node *body = map_get(root, "body") ? map_get(root, "body") : root;
	const struct node *jcd = job_configuration(body);
	j->container = map_get(body, "jobEnvironmentConfigurationDetails");
	const struct node *art = map_get(root, "artifact");
	j->env = jcd ? map_get(jcd, "environmentVariables") : NULL;
	j->args = jcd ? str_or_null(map_get(jcd, "commandLineArguments")) : NULL;
	const struct node *max = jcd ? map_get(jcd, "maximumRuntimeInMinutes") : NULL;
	j->max_minutes =
		max && max->kind == NODE_INT && max->u.integer.fits ? max->u.integer.i64 : 0;
	j->artifact_type = art ? str_or_null(map_get(art, "type")) : NULL;
	j->source = art ? str_or_null(map_get(art, "source")) : NULL;
	return 0;
}

/* The runtime of a runtime YAML is the document; of a job YAML, spec.runtime. */
static void find_runtime(struct art_job *j, const struct node *root)
{
	const struct node *rt = root;
	const struct node *kind = root->kind == NODE_MAP ? map_get(root, "kind") : NULL;
	j->spec_path = "spec";
	if (node_is_str(kind) && str_eq(kind->u.str, "job")) {
		const struct node *spec = map_get(root, "spec");
		rt = spec && spec->kind == NODE_MAP ? map_get(spec, "runtime") : NULL;
		j->spec_path = "spec.runtime.spec";
	}
	if (!rt || rt->kind != NODE_MAP)
		return;
	j->type = str_or_null(map_get(rt, "type"));
	const struct node *spec = map_get(rt, "spec");
	j->spec = spec && spec->kind == NODE_MAP ? spec : NULL;
}

int art_job_load(struct art_job *j, const char *input, size_t len, const struct dsj_options *o,
		 struct dsj_error *err)
{
	memset(j, 0, sizeof(*j));
	arena_init(&j->arena, 0);
	j->ads_2_15 = o && o->ads == DSJ_ADS_2_15;
	int rc = read_payload(j, input, len, o, err);
	if (rc)
		return rc;
	struct node *root = NULL;
	struct dsj_limits lim;
	limits_resolve(&lim, o ? &o->limits : NULL);
	rc = yaml_read(&root, input, len, &j->arena, &lim, err);
	if (rc)
		return rc;
	find_runtime(j, root);
	return 0;
}

void art_job_free(struct art_job *j)
{
	arena_free(&j->arena);
}

const char *art_job_env(const struct art_job *j, const char *name)
{
	return j->env ? str_or_null(map_get(j->env, name)) : NULL;
}

const struct node *art_job_spec(const struct art_job *j, const char *camel, const char *snake)
{
	if (!j->spec)
		return NULL;
	const struct node *n = snake ? map_get(j->spec, snake) : NULL;
	return n ? n : map_get(j->spec, camel);
}

static void problem_at(const struct art_job *j, struct dsj_error *e, int code, const char *key,
		       const char *fmt, va_list ap)
{
	const struct node *at = key ? art_job_spec(j, key, NULL) : NULL;
	char path[DSJ_ERROR_PATH_MAX];
	snprintf(path, sizeof(path), "%s.%s", j->spec_path, key ? key : "");
	diag_vnode(e, code, at, key ? path : NULL, PY_VALUE_ERROR, fmt, ap);
}

int art_job_fail(const struct art_job *j, struct dsj_error *err, const char *key, const char *fmt,
		 ...)
{
	va_list ap;
	va_start(ap, fmt);
	problem_at(j, err, DSJ_EINPUT, key, fmt, ap);
	va_end(ap);
	return DSJ_EINPUT;
}

void art_job_warn(const struct art_job *j, dsj_report_fn warn, void *ctx, const char *key,
		  const char *fmt, ...)
{
	if (!warn)
		return;
	struct dsj_error w;
	diag_clear(&w);
	va_list ap;
	va_start(ap, fmt);
	problem_at(j, &w, DSJ_OK, key, fmt, ap);
	va_end(ap);
	w.code = DSJ_OK;
	warn(&w, ctx);
}

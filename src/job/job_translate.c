/* Job YAML (kind: job) -> {"body": CreateJob request body, "artifact"}: the
 * reference's Job.from_dict, DataScienceJob.create and DSCJob.create, stopped
 * where the request would go to the OCI API. */
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "py/pyrepr.h"
#include "job/job.h"
#include "job/job_parts.h"
#include "runtime/runtime.h"
#include "runtime/convert.h"
#include "job/job_multi_node.h"
#include "runtime/container_native.h"

#define INFRA "spec.infrastructure"
#define SPEC INFRA ".spec."

/* A problem after which nothing more can be checked. */
static int fatal(struct job_ctx *j, const struct node *at, const char *path, const char *type,
		 const char *msg)
{
	job_problem(j, at, path, type, "%s", msg);
	return DSJ_EINPUT;
}

/* The keys split_document and job_translate read. */
/* apiVersion: the ADS documentation's examples have it, and ADS ignores it */
const char *const job_doc_keys[] = {"kind", "spec", "apiVersion", NULL};
const char *const job_spec_keys[] = {"name", "id", "infrastructure", "runtime", NULL};
const char *const job_infra_doc_keys[] = {"kind", "type", "spec", NULL};

struct job_parts {
	struct node *spec;    /* the job's spec */
	struct node *infra;   /* spec.infrastructure (a mapping) */
	struct node *ispec;   /* its spec, standardized */
	struct node *runtime; /* spec.runtime */
};

static int infra_parts(struct job_ctx *j, struct job_parts *p)
{
	struct node *type = map_get(p->infra, "type");
	if (!type || type->kind != NODE_STR || !str_eq(type->u.str, "dataScienceJob")) {
		bool flow = type && type->kind == NODE_STR && str_eq(type->u.str, "dataFlow");
		struct buf b; /* str(type), as the reference's f-string gives it */
		buf_init(&b, 64);
		if (!type || py_str(&b, type))
			buf_puts(&b, type ? describe_value(j->a, type) : "None");
		job_problem(j, type ? type : p->infra, INFRA ".type", PY_NOT_IMPLEMENTED,
			    flow ? "Infrastructure type: dataFlow is not supported: dsjob converts "
				   "Data Science jobs only (type: dataScienceJob)."
				 : "Infrastructure type: %s is not supported.",
			    buf_cstr(&b));
		buf_free(&b);
		return DSJ_EINPUT;
	}
	struct node *ispec = map_get(p->infra, "spec");
	if (!ispec || ispec->kind == NODE_NULL)
		ispec = node_new(j->a, NODE_MAP, p->infra->line, p->infra->col);
	if (!ispec)
		return diag_nomem(j->err);
	if (ispec->kind != NODE_MAP)
		return fatal(j, ispec, INFRA ".spec", PY_TYPE_ERROR,
			     "expected a mapping of infrastructure settings");
	return job_infra_standardize(j, ispec, INFRA ".spec", &p->ispec);
}

/* The job's spec is missing or not a mapping: most often bad indentation. */
static int spec_not_a_mapping(struct job_ctx *j, const struct node *doc, const struct node *spec)
{
	long at = map_find(doc, "spec", 4);
	const struct node *outside = NULL;
	for (size_t i = 0; i < doc->u.map.count && !outside; i++) {
		const struct node *k = doc->u.map.items[i].key;
		for (const char *const *name = job_spec_keys; *name && k->kind == NODE_STR; name++)
			if (str_eq(k->u.str, *name))
				outside = k;
	}
	char also[160] = "";
	if (outside)
		snprintf(also, sizeof(also), ", and %s (line %u) is one of its keys",
			 outside->u.str.ptr, outside->line);
	if (at < 0)
		job_problem(
			j, outside ? outside : doc, "spec", PY_ATTRIBUTE_ERROR,
			"a job needs `spec:`, a mapping with name, infrastructure and runtime%s: "
			"put them under `spec:`, indented",
			also);
	else
		job_problem(j, spec && spec->kind != NODE_NULL ? spec : doc->u.map.items[at].key,
			    "spec", PY_ATTRIBUTE_ERROR,
			    "`spec` must be a mapping with name, infrastructure and runtime, got "
			    "%s%s; check the indentation of the lines below line %u",
			    describe_value(j->a, spec), also, doc->u.map.items[at].key->line);
	return DSJ_EINPUT;
}

/* A runtime document (kind: runtime, or a `type` and no kind) where a job is needed. */
static bool is_runtime_document(const struct node *doc)
{
	const struct node *kind = map_get(doc, "kind");
	if (kind && kind->kind == NODE_STR)
		return str_eq(kind->u.str, "runtime");
	return map_get(doc, "type") != NULL;
}

static int split_document(struct job_ctx *j, struct node *doc, struct job_parts *p)
{
	if (!doc || doc->kind != NODE_MAP)
		return fatal(j, doc, "", PY_VALUE_ERROR,
			     "The config data for initializing the job is invalid.");
	p->spec = map_get(doc, "spec");
	if (!p->spec || p->spec->kind != NODE_MAP)
		return spec_not_a_mapping(j, doc, p->spec);
	p->infra = map_get(p->spec, "infrastructure");
	p->runtime = map_get(p->spec, "runtime");
	if (p->infra && p->infra->kind != NODE_MAP)
		return fatal(j, p->infra, INFRA, PY_ATTRIBUTE_ERROR,
			     "expected an infrastructure mapping {kind, type, spec}");
	if (!p->infra)
		return fatal(j, p->spec, INFRA, PY_ATTRIBUTE_ERROR,
			     "a job needs an infrastructure (kind: infrastructure, type: "
			     "dataScienceJob)");
	int rc = infra_parts(j, p);
	if (rc)
		return rc;
	if (!node_truthy(p->runtime))
		return fatal(j, p->spec, "spec.runtime", PY_VALUE_ERROR, "Set a valid runtime.");
	return 0;
}

/* jobType DEFAULT keeps the runtime's configuration; EMPTY carries only its type. */
static int job_configuration(struct job_ctx *j, const struct node *ispec, struct node *payload,
			     struct node **out)
{
	struct node *type = map_get(ispec, "jobType");
	*out = payload ? map_get(payload, "jobConfigurationDetails") : NULL;
	if (!node_truthy(type) || (type->kind == NODE_STR && str_eq(type->u.str, "DEFAULT")))
		return 0;
	if (type->kind != NODE_STR || !str_eq(type->u.str, "EMPTY"))
		return job_problem(j, type, SPEC "jobType", PY_VALUE_ERROR,
				   "%s is not a job type: expected DEFAULT or EMPTY (the API would "
				   "receive UNKNOWN_ENUM_VALUE)",
				   describe_value(j->a, type));
	struct node *empty = node_new(j->a, NODE_MAP, 0, 0);
	if (!empty || map_set(j->a, empty, "jobType", type))
		return diag_nomem(j->err);
	*out = empty;
	return 0;
}

static int check_tag_map(struct job_ctx *j, const struct node *tags, const char *path, int depth)
{
	if (tags->kind != NODE_MAP)
		return job_problem(j, tags, path, PY_TYPE_ERROR, "expected a mapping, got %s",
				   describe_value(j->a, tags));
	for (size_t i = 0; i < tags->u.map.count; i++) {
		const struct node *k = tags->u.map.items[i].key;
		const struct node *v = tags->u.map.items[i].value;
		char sub[DSJ_ERROR_PATH_MAX];
		if (k->kind != NODE_STR)
			return job_problem(j, k, path, PY_TYPE_ERROR,
					   "tag names must be strings, got %s",
					   describe_value(j->a, k));
		snprintf(sub, sizeof(sub), "%s.%s", path, k->u.str.ptr);
		int rc = 0;
		if (depth > 0)
			rc = check_tag_map(j, v, sub, depth - 1);
		else if (v->kind != NODE_STR && (depth < 0 || !is_json_value(v)))
			rc = job_problem(j, v, sub, PY_TYPE_ERROR,
					 depth < 0 ? "expected a string, got %s"
						   : "expected a JSON value, got %s",
					 describe_value(j->a, v));
		if (rc)
			return rc;
	}
	return 0;
}

/* Runtime tags replace the infrastructure's, kind by kind, when not empty. */
static int tags(struct job_ctx *j, const struct node *ispec, struct node *payload, const char *key,
		struct node *body)
{
	struct node *v = payload ? map_get(payload, key) : NULL;
	if (!node_truthy(v)) {
		v = map_get(ispec, key);
		if (!node_truthy(v))
			return 0;
		char path[DSJ_ERROR_PATH_MAX];
		snprintf(path, sizeof(path), SPEC "%s", key);
		/* freeform values must be strings (-1); defined: namespace -> {name: value} */
		int rc = check_tag_map(j, v, path, strcmp(key, "definedTags") == 0 ? 1 : -1);
		if (rc || j->problems)
			return rc;
	}
	return map_set(j->a, body, key, v) ? diag_nomem(j->err) : 0;
}

static int required_id(struct job_ctx *j, const struct node *ispec, const char *key,
		       const char *what, struct node **out)
{
	struct node *v = map_get(ispec, key);
	*out = NULL;
	char path[DSJ_ERROR_PATH_MAX];
	snprintf(path, sizeof(path), SPEC "%s", key);
	if (!node_truthy(v))
		return job_problem(j, v ? v : ispec, path, PY_VALUE_ERROR,
				   "Specify %s ID for data science job.", what);
	if (v->kind != NODE_STR)
		return job_problem(j, v, path, PY_TYPE_ERROR, "expected an OCID string, got %s",
				   describe_value(j->a, v));
	*out = v;
	return 0;
}

struct body_fields {
	struct node *project, *compartment, *name, *jcd, *infra, *log, *mounts;
};

static int assemble(struct job_ctx *j, const struct body_fields *f, struct node **body)
{
	struct node *b = node_new(j->a, NODE_MAP, 0, 0);
	if (!b)
		return diag_nomem(j->err);
	const char *keys[] = {"projectId",
			      "compartmentId",
			      "displayName",
			      "jobConfigurationDetails",
			      "jobInfrastructureConfigurationDetails",
			      "jobLogConfigurationDetails",
			      "jobStorageMountConfigurationDetailsList"};
	struct node *values[] = {f->project, f->compartment, f->name,  f->jcd,
				 f->infra,   f->log,	     f->mounts};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (values[i] && map_set(j->a, b, keys[i], values[i]))
			return diag_nomem(j->err);
	*body = b;
	return 0;
}

/* The runtime's payload; in validate mode its first problem is reported and
 * the infrastructure is still checked. */
static int translate_runtime(struct job_ctx *j, struct node *runtime, struct node **payload)
{
	struct dsj_error e;
	diag_clear(&e);
	*payload = NULL;
	int rc = runtime_translate(payload, runtime, j->a, j->opts, j->limits, "spec.runtime.", &e);
	if (!rc || rc == DSJ_ENOMEM || !j->report) {
		if (rc && !diag_is_set(j->err))
			*j->err = e;
		return rc;
	}
	/* validate: every problem of the runtime, its warnings given once */
	struct dsj_options quiet = *j->opts;
	quiet.warn = NULL;
	*payload = NULL;
	return runtime_validate(runtime, j->a, &quiet, j->limits, "spec.runtime.", j->report,
				j->report_ctx, &j->problems);
}

static int infrastructure_fields(struct job_ctx *j, struct job_parts *p, struct node *payload,
				 struct body_fields *f)
{
	int rc = job_log_config(j, p->ispec, &f->log);
	rc = rc ? rc : job_configuration(j, p->ispec, payload, &f->jcd);
	rc = rc ? rc : job_infra_config(j, p->ispec, &f->infra);
	rc = rc ? rc : job_storage_translate(j, map_get(p->ispec, "storageMount"), &f->mounts);
	rc = rc ? rc : required_id(j, p->ispec, "compartmentId", "compartment", &f->compartment);
	rc = rc ? rc : required_id(j, p->ispec, "projectId", "project", &f->project);
	return rc;
}

static int make_answer(struct job_ctx *j, struct node *body, struct node *payload,
		       struct node **answer)
{
	struct node *out = node_new(j->a, NODE_MAP, 0, 0);
	if (!out || map_set(j->a, out, "body", body) ||
	    map_set(j->a, out, "artifact", map_get(payload, "artifact")))
		return diag_nomem(j->err);
	*answer = out;
	return 0;
}

/* ADS 2.15's container: the SDK model's part of the runtime's environment. */
static int environment(struct job_ctx *j, const struct node *payload, struct node *body)
{
	const struct node *cfg =
		payload ? map_get(payload, "jobEnvironmentConfigurationDetails") : NULL;
	struct node *model = NULL;
	if (!cfg)
		return 0;
	if (job_environment_body(j->a, cfg, &model) ||
	    map_set(j->a, body, "jobEnvironmentConfigurationDetails", model))
		return diag_nomem(j->err);
	return 0;
}

int job_translate(struct job_ctx *j, struct node *doc, struct node **answer)
{
	struct job_parts p = {0};
	struct body_fields f = {0};
	struct node *payload = NULL, *body = NULL;
	if (doc && doc->kind == NODE_MAP && is_runtime_document(doc))
		return fatal(
			j, doc, "spec.infrastructure", PY_ATTRIBUTE_ERROR,
			"this is a runtime YAML (kind: runtime), and a job is needed here: a job "
			"has `kind: job`, the runtime under spec.runtime and the infrastructure "
			"under spec.infrastructure");
	job_keys_check(j, doc);
	int rc = split_document(j, doc, &p);
	if (p.ispec) /* warnings only: whatever fails later */
		job_check_api_needs(j, p.ispec);
	rc = rc ? rc : translate_runtime(j, p.runtime, &payload);
	if (!rc)
		rc = job_display_name(j, map_get(p.spec, "name"), p.runtime,
				      payload ? map_get(payload, "artifact") : NULL, &f.name);
	rc = rc ? rc : infrastructure_fields(j, &p, payload, &f);
	rc = rc ? rc : assemble(j, &f, &body);
	rc = rc ? rc : tags(j, p.ispec, payload, "freeformTags", body);
	rc = rc ? rc : tags(j, p.ispec, payload, "definedTags", body);
	rc = rc ? rc : environment(j, payload, body);
	rc = rc ? rc : job_multi_node(j, p.ispec, p.runtime, body);
	if (!rc)
		rc = job_check_limits(j, body, p.spec, p.ispec);
	if (rc || j->problems)
		return rc ? rc : DSJ_EINPUT;
	return make_answer(j, body, payload, answer);
}

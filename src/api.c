/* The public entry points: parse, convert, write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "doc/json.h"
#include "doc/yaml_reader.h"
#include "doc/yaml_writer.h"
#include "dsjob.h"
#include "job/job.h"
#include "job/job_input.h"
#include "job/job_node_group.h"
#include "job/job_unmapped.h"
#include "runtime/convert.h"
#include "util/buf.h"
#include "util/diag.h"

const char *dsj_version(void)
{
	return DSJ_VERSION;
}

void dsj_free(void *p)
{
	free(p);
}

void dsj_options_init(struct dsj_options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->output = DSJ_FORMAT_JSON;
}

/* Everything one conversion owns; released by session_end. */
struct session {
	struct arena arena;
	struct dsj_options opts;
	struct dsj_limits limits;
	char cwd[4096];
	struct dsj_error scratch; /* used when the caller passes no error struct */
	struct dsj_error *err;
};

static void session_begin(struct session *s, const struct dsj_options *opts, struct dsj_error *err)
{
	if (opts)
		s->opts = *opts;
	else
		dsj_options_init(&s->opts);
	limits_resolve(&s->limits, &s->opts.limits);
	arena_init(&s->arena, 0);
	if (!s->opts.cwd)
		s->opts.cwd = getcwd(s->cwd, sizeof(s->cwd)) ? s->cwd : "/";
	if (!s->opts.home)
		s->opts.home = getenv("HOME") ? getenv("HOME") : "/";
	s->err = err ? err : &s->scratch;
	diag_clear(s->err);
}

static void session_end(struct session *s)
{
	arena_free(&s->arena);
}

static int check_size(struct session *s, size_t len)
{
	if (len > s->limits.max_input_bytes)
		return diag_at(s->err, DSJ_ELIMIT, 0, 0, NULL, "LimitError",
			       "input of %zu bytes exceeds the limit of %zu bytes", len,
			       s->limits.max_input_bytes);
	return 0;
}

static int cmp_keys(const void *pa, const void *pb)
{
	const struct node *a = ((const struct node_pair *)pa)->key;
	const struct node *b = ((const struct node_pair *)pb)->key;
	if (a->kind != NODE_STR || b->kind != NODE_STR)
		return (int)a->kind - (int)b->kind;
	size_t n = a->u.str.len < b->u.str.len ? a->u.str.len : b->u.str.len;
	int c = memcmp(a->u.str.ptr, b->u.str.ptr, n);
	if (c)
		return c;
	return a->u.str.len < b->u.str.len ? -1 : a->u.str.len > b->u.str.len;
}

/* Mapping keys in code point order, as PyYAML's dump writes them. */
static void sort_keys(struct node *n)
{
	if (n->kind == NODE_SEQ) {
		for (size_t i = 0; i < n->u.seq.count; i++)
			sort_keys(n->u.seq.items[i]);
	} else if (n->kind == NODE_MAP) {
		map_sort(n, cmp_keys);
		for (size_t i = 0; i < n->u.map.count; i++)
			sort_keys(n->u.map.items[i].value);
	}
}

static int write_output(struct session *s, const struct node *root, char **out, size_t *out_len)
{
	struct buf b;
	buf_init(&b, 0);
	int rc;
	switch (s->opts.output) {
	case DSJ_FORMAT_YAML:
		rc = yaml_write(&b, root);
		break;
	case DSJ_FORMAT_JSON_LINE:
		rc = json_write(&b, root, 0, s->err);
		break;
	default:
		rc = json_write(&b, root, JSON_PRETTY, s->err);
		if (!rc)
			buf_putc(&b, '\n');
		break;
	}
	if (rc || b.failed) {
		buf_free(&b);
		return diag_is_set(s->err) ? s->err->code : diag_nomem(s->err);
	}
	*out = buf_detach(&b, out_len);
	return *out ? 0 : diag_nomem(s->err);
}

static int read_yaml(struct session *s, const char *input, size_t len, struct node **root)
{
	int rc = check_size(s, len);
	if (rc)
		return rc;
	if (len == 0)
		return diag_at(s->err, DSJ_EINPUT, 1, 1, NULL, PY_VALUE_ERROR,
			       "the input is empty: expected a runtime or job YAML document");
	return yaml_read(root, input, len, &s->arena, &s->limits, s->err);
}

static bool is_job_document(const struct node *root)
{
	const struct node *kind = root && root->kind == NODE_MAP ? map_get(root, "kind") : NULL;
	return kind && kind->kind == NODE_STR && str_eq(kind->u.str, "job");
}

static void job_ctx_init(struct job_ctx *j, struct session *s)
{
	memset(j, 0, sizeof(*j));
	j->a = &s->arena;
	j->opts = &s->opts;
	j->limits = &s->limits;
	j->err = s->err;
	j->now = s->opts.now ? (time_t)s->opts.now : time(NULL);
}

/* The job answer in the form asked for; *artifact_source gets the source. */
static int job_in_session(struct session *s, struct node *root, struct node **answer,
			  const char **artifact_source)
{
	struct job_ctx j;
	job_ctx_init(&j, s);
	int rc = job_translate(&j, root, answer);
	if (rc)
		return rc;
	const struct node *art = map_get(*answer, "artifact");
	const struct node *src = art ? map_get(art, "source") : NULL;
	if (artifact_source && node_is_str(src) && src->u.str.len)
		*artifact_source = src->u.str.ptr;
	if (s->opts.job_form == DSJ_JOB_FORM_OCI_CLI &&
	    job_oci_cli_form(&s->arena, map_get(*answer, "body"), answer))
		return diag_nomem(s->err);
	return 0;
}

static int translate_in_session(struct session *s, const char *input, size_t len,
				struct node **payload, const char **artifact_source)
{
	struct node *root = NULL;
	int rc = read_yaml(s, input, len, &root);
	if (rc)
		return rc;
	if (s->opts.level == DSJ_LEVEL_JOB ||
	    (s->opts.level == DSJ_LEVEL_AUTO && is_job_document(root)))
		return job_in_session(s, root, payload, artifact_source);
	return runtime_translate(payload, root, &s->arena, &s->opts, &s->limits, "", s->err);
}

static int translate_to_text(char **out, size_t *out_len, char **artifact, const char *input,
			     size_t input_len, struct dsj_options *opts, struct dsj_error *err)
{
	struct session s;
	session_begin(&s, opts, err);
	*out = NULL;
	if (artifact)
		*artifact = NULL;
	struct node *payload = NULL;
	const char *source = NULL;
	int rc = translate_in_session(&s, input, input_len, &payload, &source);
	if (!rc)
		rc = write_output(&s, payload, out, out_len);
	if (!rc && artifact && source && !(*artifact = strdup(source)))
		rc = diag_nomem(s.err);
	if (rc && *out) {
		free(*out);
		*out = NULL;
	}
	session_end(&s);
	return rc;
}

/* The caller's options, or the defaults when it passes none. */
static struct dsj_options options_or_default(const struct dsj_options *opts)
{
	struct dsj_options o;
	if (opts)
		o = *opts;
	else
		dsj_options_init(&o);
	return o;
}

int dsj_translate(char **out, size_t *out_len, const char *input, size_t input_len,
		  const struct dsj_options *opts, struct dsj_error *err)
{
	struct dsj_options o = options_or_default(opts);
	return translate_to_text(out, out_len, NULL, input, input_len, &o, err);
}

int dsj_job_translate(char **out, size_t *out_len, char **artifact, const char *input,
		      size_t input_len, const struct dsj_options *opts, struct dsj_error *err)
{
	struct dsj_options o = options_or_default(opts);
	o.level = DSJ_LEVEL_JOB;
	return translate_to_text(out, out_len, artifact, input, input_len, &o, err);
}

struct validate_sink {
	dsj_report_fn report;
	void *ctx;
	size_t count;
};

static void count_and_pass(const struct dsj_error *e, void *ctx)
{
	struct validate_sink *sink = ctx;
	sink->count++;
	if (sink->report)
		sink->report(e, sink->ctx);
}

int dsj_validate(size_t *problems, const char *input, size_t input_len,
		 const struct dsj_options *opts, dsj_report_fn report, void *ctx)
{
	struct session s;
	struct validate_sink sink = {.report = report, .ctx = ctx};
	session_begin(&s, opts, NULL);
	struct node *root = NULL, *answer = NULL;
	int rc = read_yaml(&s, input, input_len, &root);
	if (!rc && is_job_document(root)) {
		struct job_ctx j;
		job_ctx_init(&j, &s);
		j.report = count_and_pass;
		j.report_ctx = &sink;
		rc = job_translate(&j, root, &answer);
		if (rc && rc != DSJ_ENOMEM && !diag_is_set(s.err))
			rc = 0; /* every problem was reported */
	} else if (!rc) {
		rc = runtime_translate(&answer, root, &s.arena, &s.opts, &s.limits, "", s.err);
	}
	if (rc && rc != DSJ_ENOMEM)
		count_and_pass(s.err, &sink), rc = 0;
	*problems = sink.count;
	session_end(&s);
	return rc;
}

static bool has_infrastructure(const struct node *job)
{
	return job && job->kind == NODE_MAP &&
	       (map_get(job, "jobInfrastructureConfigurationDetails") || map_get(job, "projectId"));
}

static int extract_job(struct session *s, struct node *job, struct node **out)
{
	struct node_group group;
	int rc = node_group_flatten(&s->arena, &s->opts, job, &job, &group, s->err);
	if (rc)
		return rc;
	bool whole = s->opts.level == DSJ_LEVEL_JOB ||
		     (s->opts.level == DSJ_LEVEL_AUTO && has_infrastructure(job));
	job_warn_unmapped(&s->opts, job, whole);
	rc = whole ? job_extract(&s->arena, &s->opts, job, out, s->err)
		   : runtime_extract(out, job, &s->arena, &s->opts, s->opts.artifact, s->err);
	if (!rc)
		rc = node_group_finish(&s->arena, &group, *out, s->err);
	if (!rc)
		sort_keys(whole ? *out : map_get(*out, "spec"));
	return rc;
}

/* One answer, or with a job list (*stream) a list of answers. */
static int extract_in_session(struct session *s, const char *input, size_t len, struct node **out,
			      bool *stream, bool one_job)
{
	int rc = check_size(s, len);
	if (rc)
		return rc;
	struct node *root = NULL, *jobs = NULL;
	if ((rc = json_read(&root, input, len, &s->arena, &s->limits, 0, s->err)) ||
	    (rc = job_input_normalize(&s->arena, root, &jobs, stream, s->err)))
		return rc;
	if (!*stream)
		return extract_job(s, jobs->u.seq.items[0], out);
	if (one_job)
		return diag_node(s->err, DSJ_EINPUT, root, "", PY_VALUE_ERROR,
				 "a list of %zu jobs, not one job: 'dsjob extract' gives one "
				 "document per job",
				 jobs->u.seq.count);
	for (size_t i = 0; i < jobs->u.seq.count; i++)
		if ((rc = extract_job(s, jobs->u.seq.items[i], &jobs->u.seq.items[i])))
			return rc;
	*out = jobs;
	return 0;
}

/* A job list as YAML: a stream of documents; as JSON: an array. */
static int write_stream(struct session *s, const struct node *list, char **out, size_t *out_len)
{
	if (s->opts.output != DSJ_FORMAT_YAML)
		return write_output(s, list, out, out_len);
	struct buf b;
	buf_init(&b, 0);
	int rc = 0;
	for (size_t i = 0; i < list->u.seq.count && !rc; i++) {
		buf_puts(&b, "---\n");
		rc = yaml_write(&b, list->u.seq.items[i]);
	}
	if (rc || b.failed) {
		buf_free(&b);
		return diag_nomem(s->err);
	}
	*out = buf_detach(&b, out_len);
	if (!*out && !(*out = calloc(1, 1)))
		return diag_nomem(s->err);
	return 0;
}

static int extract_to_text(char **out, size_t *out_len, const char *input, size_t input_len,
			   const struct dsj_options *opts, bool one_job, struct dsj_error *err)
{
	struct session s;
	session_begin(&s, opts, err);
	*out = NULL;
	struct node *result = NULL;
	bool stream = false;
	int rc = extract_in_session(&s, input, input_len, &result, &stream, one_job);
	if (!rc)
		rc = stream ? write_stream(&s, result, out, out_len)
			    : write_output(&s, result, out, out_len);
	session_end(&s);
	return rc;
}

int dsj_extract(char **out, size_t *out_len, const char *input, size_t input_len,
		const struct dsj_options *opts, struct dsj_error *err)
{
	return extract_to_text(out, out_len, input, input_len, opts, false, err);
}

int dsj_job_extract(char **out, size_t *out_len, const char *input, size_t input_len,
		    const struct dsj_options *opts, struct dsj_error *err)
{
	struct dsj_options o = options_or_default(opts);
	o.level = DSJ_LEVEL_JOB;
	return extract_to_text(out, out_len, input, input_len, &o, true, err);
}

int dsj_error_format(const struct dsj_error *err, const char *file, char *buf, size_t size)
{
	char loc[64] = "";
	if (err->line)
		snprintf(loc, sizeof(loc), ":%u:%u", err->line, err->column);
	return snprintf(buf, size, "%s%s: %s%s%s", file ? file : "-", loc, err->path,
			err->path[0] ? ": " : "", err->message);
}

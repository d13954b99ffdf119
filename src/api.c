/* The public entry points: parse, convert, write. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api_reuse.h"
#include "diff/job_diff.h"
#include "doc/json.h"
#include "doc/yaml_reader.h"
#include "doc/yaml_writer.h"
#include "dsjob.h"
#include "explain/explain.h"
#include "job/job.h"
#include "job/job_input.h"
#include "job/job_node_group.h"
#include "job/job_unmapped.h"
#include "runtime/convert.h"
#include "schema/schema.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/textpos.h"

const char *dsj_version(void)
{
	return DSJ_VERSION;
}

void dsj_free(void *p)
{
	free(p);
}

/* The size of struct dsj_options in `version`: 1 ends before `ads`. */
static size_t options_size(unsigned int version)
{
	return version == 1 ? offsetof(struct dsj_options, ads) : sizeof(struct dsj_options);
}

int dsj_options_init(struct dsj_options *opts, unsigned int version)
{
	if (!opts || version < 1 || version > DSJ_OPTIONS_VERSION)
		return DSJ_EUSAGE;
	/* a caller built for an older version has the smaller struct: write only
	 * the fields of its version */
	struct dsj_options defaults = DSJ_OPTIONS_INIT;
	defaults.version = version;
	memcpy(opts, &defaults, options_size(version));
	return 0;
}

/* Everything one conversion owns; released by session_end. */
struct session {
	struct arena arena;
	struct dsj_options opts;
	struct dsj_limits limits;
	char cwd[4096];
	struct dsj_error scratch; /* used when the caller passes no error struct */
	struct dsj_error *err;
	/* the text problems are located in, for dsj_error.offset */
	const char *input;
	size_t input_len;
	enum textpos_lines lines;
	dsj_report_fn caller_warn; /* opts.warn passes through session_warn */
	void *caller_warn_ctx;
};

/* Fills in the byte offset of a problem's line and column. */
static void locate(const struct session *s, struct dsj_error *e)
{
	e->offset = e->line && s->input
			    ? textpos_offset(s->input, s->input_len, e->line, e->column, s->lines)
			    : 0;
}

static void session_warn(const struct dsj_error *w, void *ctx)
{
	const struct session *s = ctx;
	struct dsj_error located = *w;
	locate(s, &located);
	s->caller_warn(&located, s->caller_warn_ctx);
}

/* Checks the call and sets up; call session_end afterwards in any case. */
static int session_begin(struct session *s, const struct dsj_options *opts, struct dsj_error *err,
			 const char *input, size_t input_len, enum textpos_lines lines)
{
	/* read only the fields of the caller's version; the rest keep their defaults */
	s->opts = (struct dsj_options)DSJ_OPTIONS_INIT;
	if (opts && opts->version >= 1 && opts->version <= DSJ_OPTIONS_VERSION)
		memcpy(&s->opts, opts, options_size(opts->version));
	else if (opts)
		s->opts.version = opts->version; /* options_check reports it */
	limits_resolve(&s->limits, &s->opts.limits);
	arena_init(&s->arena, 0);
	s->err = err ? err : &s->scratch;
	diag_clear(s->err);
	s->input = input;
	s->input_len = input_len;
	s->lines = lines;
	s->caller_warn = s->opts.warn;
	s->caller_warn_ctx = s->opts.warn_ctx;
	if (s->opts.warn) {
		s->opts.warn = session_warn;
		s->opts.warn_ctx = s;
	}
	int rc = options_check(&s->opts, s->err);
	if (rc)
		return rc;
	if (!input && input_len)
		return diag_at(s->err, DSJ_EUSAGE, 0, 0, NULL, PY_VALUE_ERROR,
			       "the input is NULL but its length is %zu", input_len);
	if (!s->opts.cwd) {
		if (!getcwd(s->cwd, sizeof(s->cwd)))
			return diag_at(
				s->err, DSJ_ESYSTEM, 0, 0, NULL, "OSError",
				"cannot tell the current directory (%s): set dsj_options.cwd",
				strerror(errno));
		s->opts.cwd = s->cwd;
	}
	if (!s->opts.home)
		s->opts.home = getenv("HOME") ? getenv("HOME") : "/";
	return 0;
}

/* Ends a session that returned rc: locates the problem, frees the arena. */
static int session_end(struct session *s, int rc)
{
	if (rc)
		locate(s, s->err);
	arena_free(&s->arena);
	return rc;
}

static int null_out(struct dsj_error *err, const char *name)
{
	diag_clear(err);
	return diag_at(err, DSJ_EUSAGE, 0, 0, NULL, PY_VALUE_ERROR, "%s is NULL", name);
}

static int check_size(struct session *s)
{
	if (s->input_len > s->limits.max_input_bytes)
		return diag_at(s->err, DSJ_ELIMIT, 0, 0, NULL, "LimitError",
			       "input of %zu bytes exceeds the limit of %zu bytes", s->input_len,
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

/* The answer in the form asked for, appended to b. */
static int write_into(struct session *s, const struct node *root, struct buf *b)
{
	int rc;
	switch (s->opts.output) {
	case DSJ_FORMAT_YAML:
		rc = yaml_write(b, root);
		break;
	case DSJ_FORMAT_JSON_LINE:
		rc = json_write(b, root, 0, s->err);
		break;
	default:
		rc = json_write(b, root, JSON_PRETTY, s->err);
		if (!rc)
			buf_putc(b, '\n');
		break;
	}
	if (rc || b->failed)
		return diag_is_set(s->err) ? s->err->code : diag_nomem(s->err);
	return 0;
}

static int write_output(struct session *s, const struct node *root, char **out, size_t *out_len)
{
	struct buf b;
	buf_init(&b, 0);
	int rc = write_into(s, root, &b);
	if (rc) {
		buf_free(&b);
		return rc;
	}
	*out = buf_detach(&b, out_len);
	return *out ? 0 : diag_nomem(s->err);
}

static int read_yaml(struct session *s, struct node **root)
{
	int rc = check_size(s);
	if (rc)
		return rc;
	if (s->input_len == 0)
		return diag_at(s->err, DSJ_EINPUT, 1, 1, NULL, PY_VALUE_ERROR,
			       "the input is empty: expected a runtime or job YAML document");
	return yaml_read(root, s->input, s->input_len, &s->arena, &s->limits, s->err);
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

/* The job answer in the form asked for. */
static int job_in_session(struct session *s, struct node *root, struct node **answer)
{
	struct job_ctx j;
	job_ctx_init(&j, s);
	return job_translate(&j, root, answer);
}

/* The payload's (or the job answer's) artifact.source, NULL when it has none. */
static const char *artifact_source(const struct node *payload)
{
	const struct node *art = map_get(payload, "artifact");
	const struct node *src = art ? map_get(art, "source") : NULL;
	return node_is_str(src) && src->u.str.len ? src->u.str.ptr : NULL;
}

/* *doc (may be NULL) receives the YAML tree the payload's nodes point into. */
static int translate_in_session(struct session *s, struct node **payload, const char **source,
				struct node **doc)
{
	struct node *root = NULL;
	int rc = read_yaml(s, &root);
	if (doc)
		*doc = root;
	if (rc)
		return rc;
	if (s->opts.level == DSJ_LEVEL_RUNTIME ||
	    (s->opts.level == DSJ_LEVEL_AUTO && !is_job_document(root))) {
		rc = runtime_translate(payload, root, &s->arena, &s->opts, &s->limits, "", s->err);
		*source = rc ? NULL : artifact_source(*payload);
		return rc;
	}
	if ((rc = job_in_session(s, root, payload)))
		return rc;
	*source = artifact_source(*payload);
	if (s->opts.job_form == DSJ_JOB_FORM_OCI_CLI &&
	    job_oci_cli_form(&s->arena, map_get(*payload, "body"), payload))
		return diag_nomem(s->err);
	return 0;
}

int dsj_translate(char **out, size_t *out_len, char **artifact, const char *input, size_t input_len,
		  const struct dsj_options *opts, struct dsj_error *err)
{
	if (artifact)
		*artifact = NULL;
	if (!out)
		return null_out(err, "out");
	*out = NULL;
	struct session s;
	struct node *payload = NULL;
	const char *source = NULL;
	int rc = session_begin(&s, opts, err, input, input_len, TEXTPOS_YAML);
	if (!rc)
		rc = translate_in_session(&s, &payload, &source, NULL);
	if (!rc)
		rc = write_output(&s, payload, out, out_len);
	if (!rc && artifact && source && !(*artifact = strdup(source)))
		rc = diag_nomem(s.err);
	if (rc && *out) {
		free(*out);
		*out = NULL;
	}
	return session_end(&s, rc);
}

int dsj_explain(char **out, size_t *out_len, const char *input, size_t input_len,
		const struct dsj_options *opts, struct dsj_error *err)
{
	if (!out)
		return null_out(err, "out");
	*out = NULL;
	struct session s;
	struct node *payload = NULL, *root = NULL;
	const char *source = NULL;
	int rc = session_begin(&s, opts, err, input, input_len, TEXTPOS_YAML);
	s.opts.job_form = DSJ_JOB_FORM_API; /* the fields are explained in the API's form */
	if (!rc)
		rc = translate_in_session(&s, &payload, &source, &root);
	struct buf b;
	buf_init(&b, 0);
	if (!rc && !explain_answer(&b, &s.arena, root, payload))
		rc = diag_nomem(s.err);
	if (!rc && !(*out = buf_detach(&b, out_len)))
		rc = diag_nomem(s.err);
	buf_free(&b);
	return session_end(&s, rc);
}

struct validate_sink {
	const struct session *session;
	dsj_report_fn report;
	void *ctx;
	size_t count;
};

static void count_and_pass(const struct dsj_error *e, void *ctx)
{
	struct validate_sink *sink = ctx;
	sink->count++;
	if (!sink->report)
		return;
	struct dsj_error located = *e;
	locate(sink->session, &located);
	sink->report(&located, sink->ctx);
}

static int validate_in_session(struct session *s, struct validate_sink *sink)
{
	struct node *root = NULL, *answer = NULL;
	int rc = read_yaml(s, &root);
	if (rc)
		return rc;
	if (!is_job_document(root)) {
		size_t problems = 0;
		return runtime_validate(root, &s->arena, &s->opts, &s->limits, "", count_and_pass,
					sink, &problems);
	}
	struct job_ctx j;
	job_ctx_init(&j, s);
	j.report = count_and_pass;
	j.report_ctx = sink;
	rc = job_translate(&j, root, &answer);
	if (rc && rc != DSJ_ENOMEM && !diag_is_set(s->err))
		rc = 0; /* every problem was reported */
	return rc;
}

int dsj_validate(size_t *problems, const char *input, size_t input_len,
		 const struct dsj_options *opts, dsj_report_fn report, void *ctx)
{
	struct session s;
	struct validate_sink sink = {.session = &s, .report = report, .ctx = ctx};
	int rc = session_begin(&s, opts, NULL, input, input_len, TEXTPOS_YAML);
	if (!rc && !problems)
		rc = null_out(s.err, "problems");
	if (!rc)
		rc = validate_in_session(&s, &sink);
	if (rc && rc != DSJ_ENOMEM)
		count_and_pass(s.err, &sink);
	if (rc == DSJ_EINPUT || rc == DSJ_ELIMIT)
		rc = 0; /* a problem of the input, reported */
	if (problems)
		*problems = sink.count;
	return session_end(&s, rc);
}

static bool has_infrastructure(const struct node *job)
{
	return job && job->kind == NODE_MAP &&
	       (map_get(job, "jobInfrastructureConfigurationDetails") || map_get(job, "projectId"));
}

/* One of dsj_job_diff's inputs, parsed; `what` names it in errors. */
static int diff_input(struct session *s, const char *text, size_t len, const char *what,
		      struct node **out)
{
	s->input = text;
	s->input_len = len;
	int rc = json_read(out, text, len, &s->arena, &s->limits, 0, s->err);
	if (!rc && (*out)->kind != NODE_MAP)
		rc = diag_node(s->err, DSJ_EINPUT, *out, NULL, PY_VALUE_ERROR,
			       "expected a JSON object, got %s", node_type_name(*out));
	if (rc && s->err->path[0] == '\0')
		snprintf(s->err->path, sizeof(s->err->path), "%s", what);
	return rc;
}

int dsj_job_diff(char **out, size_t *out_len, size_t *changes, const char *created,
		 size_t created_len, const char *existing, size_t existing_len,
		 struct dsj_error *err)
{
	if (!out || !changes)
		return null_out(err, out ? "changes" : "out");
	*out = NULL;
	*changes = 0;
	struct session s;
	struct node *body = NULL, *job = NULL;
	int rc = session_begin(&s, NULL, err, created, created_len, TEXTPOS_JSON);
	if (!rc)
		rc = diff_input(&s, created, created_len, "created", &body);
	if (!rc)
		rc = diff_input(&s, existing, existing_len, "existing", &job);
	if (!rc && map_get(body, "body"))
		body = map_get(body, "body");
	/* the forms extract reads: the Job, {"data": Job}, snake_case names */
	struct node *jobs = NULL;
	bool list = false;
	if (!rc && !(rc = job_input_normalize(&s.arena, job, &jobs, &list, s.err))) {
		if (jobs->u.seq.count != 1)
			rc = diag_node(s.err, DSJ_EINPUT, job, "existing", PY_VALUE_ERROR,
				       "a list of %zu jobs: diff compares with one job",
				       jobs->u.seq.count);
		else
			job = jobs->u.seq.items[0];
	}
	struct buf b;
	buf_init(&b, 0);
	if (!rc && !job_diff(&b, body, job, changes))
		rc = diag_nomem(s.err);
	if (!rc && !(*out = buf_detach(&b, out_len)))
		rc = diag_nomem(s.err);
	buf_free(&b);
	return session_end(&s, rc);
}

/* Job or runtime YAML, which extract is sometimes given by mistake. */
static bool is_yaml_document(struct session *s)
{
	struct dsj_error scratch;
	struct node *root = NULL;
	diag_clear(&scratch);
	if (yaml_read(&root, s->input, s->input_len, &s->arena, &s->limits, &scratch))
		return false;
	return root && root->kind == NODE_MAP && (map_get(root, "kind") || map_get(root, "spec"));
}

static void append_message(struct dsj_error *e, const char *text)
{
	size_t n = strlen(e->message);
	snprintf(e->message + n, sizeof(e->message) - n, "%s", text);
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
static int extract_in_session(struct session *s, struct node **out, bool *stream)
{
	int rc = check_size(s);
	if (rc)
		return rc;
	struct node *root = NULL, *jobs = NULL;
	if ((rc = json_read(&root, s->input, s->input_len, &s->arena, &s->limits, 0, s->err))) {
		if (rc == DSJ_EINPUT && is_yaml_document(s))
			append_message(s->err, " (this is YAML; did you mean `dsjob translate`?)");
		return rc;
	}
	if ((rc = job_input_normalize(&s->arena, root, &jobs, stream, s->err)))
		return rc;
	if (!*stream)
		return extract_job(s, jobs->u.seq.items[0], out);
	/* a batch answer is one line for one job */
	if (s->opts.output == DSJ_FORMAT_JSON_LINE)
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

int dsj_extract(char **out, size_t *out_len, const char *input, size_t input_len,
		const struct dsj_options *opts, struct dsj_error *err)
{
	if (!out)
		return null_out(err, "out");
	*out = NULL;
	struct session s;
	struct node *result = NULL;
	bool stream = false;
	int rc = session_begin(&s, opts, err, input, input_len, TEXTPOS_JSON);
	if (!rc)
		rc = extract_in_session(&s, &result, &stream);
	if (!rc)
		rc = stream ? write_stream(&s, result, out, out_len)
			    : write_output(&s, result, out, out_len);
	return session_end(&s, rc);
}

int dsj_error_format(const struct dsj_error *err, const char *file, char *buf, size_t size)
{
	char loc[64] = "";
	if (err->line)
		snprintf(loc, sizeof(loc), ":%u:%u", err->line, err->column);
	return snprintf(buf, size, "%s%s: %s%s%s", file ? file : "-", loc, err->path,
			err->path[0] ? ": " : "", err->message);
}

int dsj_schema(char **out, size_t *out_len, int strict)
{
	if (!out)
		return DSJ_EUSAGE;
	*out = NULL;
	struct arena a;
	arena_init(&a, 0);
	struct node *root = NULL;
	struct buf b;
	buf_init(&b, 0);
	struct dsj_error err;
	diag_clear(&err);
	int rc = schema_build(&root, &a, strict != 0) || json_write(&b, root, JSON_PRETTY, &err) ||
				 !buf_putc(&b, '\n')
			 ? DSJ_ENOMEM
			 : 0;
	if (!rc && !(*out = buf_detach(&b, out_len)))
		rc = DSJ_ENOMEM;
	buf_free(&b);
	arena_free(&a);
	return rc;
}

int api_convert_reusing(enum api_op op, struct arena *arena, struct buf *out, const char *input,
			size_t input_len, const struct dsj_options *opts, struct dsj_error *err)
{
	struct session s;
	int rc = session_begin(&s, opts, err, input, input_len,
			       op == API_EXTRACT ? TEXTPOS_JSON : TEXTPOS_YAML);
	s.arena = *arena; /* the caller's blocks, kept for the next conversion */
	struct node *result = NULL;
	const char *source = NULL;
	bool stream = false; /* a job list: an error in JSON_LINE output */
	if (!rc)
		rc = op == API_EXTRACT ? extract_in_session(&s, &result, &stream)
				       : translate_in_session(&s, &result, &source, NULL);
	if (!rc)
		rc = write_into(&s, result, out);
	if (rc)
		locate(&s, s.err);
	*arena = s.arena;
	return rc;
}

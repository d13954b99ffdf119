/* Batch mode: one JSON request per line, one JSON answer per line. A batch
 * session keeps one arena and one output buffer for all its requests: the
 * request is decoded, converted and answered on memory the previous request
 * used (and the working directory is looked up once). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api_reuse.h"
#include "doc/json.h"
#include "dsjob.h"
#include "util/buf.h"
#include "util/diag.h"

struct dsj_batch {
	struct dsj_options defaults;
	struct dsj_limits request_limits;
	struct arena arena;
	struct buf out;
	char cwd[4096];
	struct buf extra;   /* "id" and "warnings" members to add to the answer */
	struct buf spare;   /* decorate's answer, swapped with `out` */
	size_t warnings;    /* how many are in `extra`'s warnings list */
	bool want_warnings; /* the request asked for them ("warnings": true) */
};

/* opts.warn of a request that asked for warnings: each as a JSON object in
 * b->extra's list ({"type", "message", "path", "line", "column"}). */
static void collect_warning(const struct dsj_error *w, void *ctx)
{
	struct dsj_batch *b = ctx;
	struct arena a;
	arena_init(&a, 0);
	struct node *o = node_new(&a, NODE_MAP, 0, 0);
	if (o && !map_set(&a, o, "message", node_new_cstr(&a, w->message)) &&
	    (!w->path[0] || !map_set(&a, o, "path", node_new_cstr(&a, w->path))) &&
	    (!w->line || (!map_set(&a, o, "line", node_new_int(&a, w->line)) &&
			  !map_set(&a, o, "column", node_new_int(&a, w->column))))) {
		if (!b->warnings && b->extra.len)
			buf_puts(&b->extra, ", ");
		buf_puts(&b->extra, b->warnings++ ? ", " : "\"warnings\": [");
		json_write(&b->extra, o, 0, NULL);
	}
	arena_free(&a);
}

/* The request's "id", any JSON value, as text into b->extra ("" when none). */
static void echo_id(struct dsj_batch *b, const struct node *req)
{
	const struct node *id = req && req->kind == NODE_MAP ? map_get(req, "id") : NULL;
	if (!id)
		return;
	buf_puts(&b->extra, "\"id\": ");
	if (json_write(&b->extra, id, 0, NULL))
		buf_puts(&b->extra, "null");
}

/* Adds b->extra's members at the front of the answer object in b->out. */
static int decorate(struct dsj_batch *b)
{
	if (b->warnings)
		buf_putc(&b->extra, ']');
	if (!b->extra.len || b->out.len < 2 || b->out.data[0] != '{')
		return b->extra.failed ? DSJ_ENOMEM : 0;
	struct buf *joined = &b->spare;
	buf_reset(joined);
	buf_putc(joined, '{');
	buf_append(joined, b->extra.data, b->extra.len);
	if (b->out.len > 2)
		buf_puts(joined, ", ");
	buf_append(joined, b->out.data + 1, b->out.len - 1);
	if (joined->failed || b->extra.failed)
		return DSJ_ENOMEM;
	/* the joined answer becomes `out`; the old one is the next spare */
	struct buf answer = b->out;
	b->out = *joined;
	*joined = answer;
	return 0;
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

static int error_answer(struct buf *out, struct arena *a, const struct dsj_error *e)
{
	struct node *err = node_new(a, NODE_MAP, 0, 0);
	struct node *root = node_new(a, NODE_MAP, 0, 0);
	buf_reset(out);
	if (err && root &&
	    !map_set(a, err, "type", node_new_cstr(a, e->type[0] ? e->type : "Error")) &&
	    !map_set(a, err, "message", node_new_cstr(a, e->message)) &&
	    (!e->path[0] || !map_set(a, err, "path", node_new_cstr(a, e->path))) &&
	    (!e->line || (!map_set(a, err, "line", node_new_int(a, e->line)) &&
			  !map_set(a, err, "column", node_new_int(a, e->column)))) &&
	    !map_set(a, root, "error", err) && !json_write(out, root, 0, NULL) && !out->failed)
		return 0;
	return DSJ_ENOMEM;
}

/* Reads an optional string field: NULL for absent or null. */
static int string_field(const struct node *req, const char *key, const char **out,
			struct dsj_error *e)
{
	const struct node *v = map_get(req, key);
	*out = NULL;
	if (!v || v->kind == NODE_NULL)
		return 0;
	if (v->kind != NODE_STR || memchr(v->u.str.ptr, '\0', v->u.str.len))
		return diag_node(e, DSJ_EUSAGE, v, key, "ValueError", "expected a string");
	*out = v->u.str.ptr;
	return 0;
}

static int answer(struct dsj_batch *b, const struct node *req, struct dsj_error *e)
{
	struct dsj_options opts = b->defaults;
	opts.output = DSJ_FORMAT_JSON_LINE;
	const struct node *op = map_get(req, "op");
	const struct node *input = map_get(req, "input");
	if (!op || op->kind != NODE_STR)
		return diag_node(e, DSJ_EUSAGE, req, "op", "ValueError", "missing \"op\"");
	if (!input || input->kind != NODE_STR)
		return diag_node(e, DSJ_EUSAGE, req, "input", "ValueError",
				 "missing \"input\" text");
	int rc = string_field(req, "region", &opts.region, e);
	if (!rc)
		rc = string_field(req, "artifact", &opts.artifact, e);
	const char *ads = NULL;
	if (!rc)
		rc = string_field(req, "ads", &ads, e);
	if (!rc && ads && dsj_ads_parse(&opts.ads, ads))
		rc = diag_node(e, DSJ_EUSAGE, map_get(req, "ads"), "ads", "ValueError",
			       "unknown ADS release \"%.40s\": expected 2.8 or 2.15", ads);
	const struct node *warnings = map_get(req, "warnings");
	if (!rc && warnings && warnings->kind != NODE_BOOL && warnings->kind != NODE_NULL)
		rc = diag_node(e, DSJ_EUSAGE, warnings, "warnings", "ValueError",
			       "expected true or false");
	if (rc)
		return rc;
	if (warnings && warnings->kind == NODE_BOOL && warnings->u.boolean) {
		opts.warn = collect_warning;
		opts.warn_ctx = b;
	}
	/* the runtime ops convert runtimes whatever the document's kind, as ADS */
	opts.job_form = DSJ_JOB_FORM_API;
	enum api_op what;
	if (str_eq(op->u.str, "translate") || str_eq(op->u.str, "job-translate")) {
		what = API_TRANSLATE;
	} else if (str_eq(op->u.str, "extract") || str_eq(op->u.str, "job-extract")) {
		what = API_EXTRACT;
	} else {
		return diag_node(e, DSJ_EUSAGE, op, "op", "ValueError",
				 "unknown op \"%.40s\": expected translate, extract, job-translate "
				 "or job-extract",
				 op->u.str.ptr);
	}
	opts.level = op->u.str.ptr[0] == 'j' ? DSJ_LEVEL_JOB : DSJ_LEVEL_RUNTIME;
	return api_convert_reusing(what, &b->arena, &b->out, input->u.str.ptr, input->u.str.len,
				   &opts, e);
}

int dsj_batch_new(struct dsj_batch **batch, const struct dsj_options *defaults)
{
	struct dsj_error e;
	diag_clear(&e);
	if (!batch || (defaults && options_check(defaults, &e)))
		return DSJ_EUSAGE;
	struct dsj_batch *b = calloc(1, sizeof(*b));
	if (!(*batch = b))
		return DSJ_ENOMEM;
	b->defaults = defaults ? *defaults : (struct dsj_options)DSJ_OPTIONS_INIT;
	/* looked up once; when it fails each request answers with the error */
	if (!b->defaults.cwd && getcwd(b->cwd, sizeof(b->cwd)))
		b->defaults.cwd = b->cwd;
	if (!b->defaults.home)
		b->defaults.home = getenv("HOME") ? getenv("HOME") : "/";
	limits_resolve(&b->request_limits, &b->defaults.limits);
	/* the request wraps the input in a JSON string: allow for escaping */
	b->request_limits.max_scalar_bytes = b->request_limits.max_input_bytes;
	b->request_limits.max_input_bytes = b->request_limits.max_input_bytes * 6 + 1024;
	arena_init(&b->arena, 0);
	buf_init(&b->out, 0);
	buf_init(&b->extra, 0);
	buf_init(&b->spare, 0);
	return 0;
}

void dsj_batch_free(struct dsj_batch *b)
{
	if (!b)
		return;
	arena_free(&b->arena);
	buf_free(&b->out);
	buf_free(&b->extra);
	buf_free(&b->spare);
	free(b);
}

int dsj_batch_next(struct dsj_batch *b, const char **out, size_t *out_len, const char *request,
		   size_t request_len)
{
	struct dsj_error e;
	diag_clear(&e);
	if (!b || !out || !out_len || (!request && request_len))
		return DSJ_EUSAGE;
	struct node *req = NULL;
	*out = NULL;
	*out_len = 0;
	arena_reset(&b->arena);
	buf_reset(&b->out);
	buf_reset(&b->extra);
	b->warnings = 0;
	int rc =
		blank(request, request_len)
			? diag_at(&e, DSJ_EUSAGE, 1, 1, "", "ValueError",
				  "an empty line: expected a JSON request {\"op\", \"input\", ...}")
			: json_read(&req, request, request_len, &b->arena, &b->request_limits, 0,
				    &e);
	if (!rc && req->kind != NODE_MAP)
		rc = diag_node(&e, DSJ_EUSAGE, req, "", "ValueError", "a request is a JSON object");
	if (!rc)
		echo_id(b, req);
	if (!rc)
		rc = answer(b, req, &e);
	if (rc == DSJ_ENOMEM && !e.message[0])
		return DSJ_ENOMEM;
	if (rc) {
		arena_reset(&b->arena);
		if (error_answer(&b->out, &b->arena, &e))
			return DSJ_ENOMEM;
	}
	if (b->out.failed || decorate(b))
		return DSJ_ENOMEM;
	*out = b->out.len ? b->out.data : "";
	*out_len = b->out.len;
	return 0;
}

int dsj_batch_answer(char **out, size_t *out_len, const char *request, size_t request_len,
		     const struct dsj_options *defaults)
{
	if (!out)
		return DSJ_EUSAGE;
	*out = NULL;
	struct dsj_batch *b = NULL;
	int rc = dsj_batch_new(&b, defaults);
	if (rc)
		return rc;
	const char *text;
	size_t len;
	rc = dsj_batch_next(b, &text, &len, request, request_len);
	/* the answer is b->out's: hand its memory over rather than copy it */
	if (!rc && !(*out = buf_detach(&b->out, out_len)))
		rc = DSJ_ENOMEM;
	dsj_batch_free(b);
	return rc;
}

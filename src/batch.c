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
};

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
	if (rc)
		return rc;
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
	return 0;
}

void dsj_batch_free(struct dsj_batch *b)
{
	if (!b)
		return;
	arena_free(&b->arena);
	buf_free(&b->out);
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
	int rc = json_read(&req, request, request_len, &b->arena, &b->request_limits, 0, &e);
	if (!rc && req->kind != NODE_MAP)
		rc = diag_node(&e, DSJ_EUSAGE, req, "", "ValueError", "a request is a JSON object");
	if (!rc)
		rc = answer(b, req, &e);
	if (rc == DSJ_ENOMEM && !e.message[0])
		return DSJ_ENOMEM;
	if (rc) {
		arena_reset(&b->arena);
		if (error_answer(&b->out, &b->arena, &e))
			return DSJ_ENOMEM;
	}
	if (b->out.failed)
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
	if (!rc) {
		*out = malloc(len + 1);
		if (*out) {
			memcpy(*out, text, len);
			(*out)[len] = '\0';
			*out_len = len;
		} else {
			rc = DSJ_ENOMEM;
		}
	}
	dsj_batch_free(b);
	return rc;
}

/* Batch mode: one JSON request per line, one JSON answer per line. */
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "dsjob.h"
#include "doc/json.h"

static int error_answer(char **out, size_t *out_len, const struct dsj_error *e)
{
	struct arena a;
	arena_init(&a, 0);
	struct node *err = node_new(&a, NODE_MAP, 0, 0);
	struct node *root = node_new(&a, NODE_MAP, 0, 0);
	struct buf b;
	buf_init(&b, 0);
	int rc = -1;
	if (err && root &&
	    !map_set(&a, err, "type", node_new_cstr(&a, e->type[0] ? e->type : "Error")) &&
	    !map_set(&a, err, "message", node_new_cstr(&a, e->message)) &&
	    (!e->path[0] || !map_set(&a, err, "path", node_new_cstr(&a, e->path))) &&
	    (!e->line || (!map_set(&a, err, "line", node_new_int(&a, e->line)) &&
			  !map_set(&a, err, "column", node_new_int(&a, e->column)))) &&
	    !map_set(&a, root, "error", err) && !json_write(&b, root, 0, NULL) && !b.failed) {
		*out = buf_detach(&b, out_len);
		rc = *out ? 0 : -1;
	}
	buf_free(&b);
	arena_free(&a);
	return rc ? DSJ_ENOMEM : 0;
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

static int answer(char **out, size_t *out_len, const struct node *req,
		  const struct dsj_options *defaults, struct dsj_error *e)
{
	struct dsj_options opts = defaults ? *defaults : (struct dsj_options)DSJ_OPTIONS_INIT;
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
	const char *text = input->u.str.ptr;
	size_t len = input->u.str.len;
	/* the runtime ops convert runtimes whatever the document's kind, as ADS */
	opts.level = DSJ_LEVEL_RUNTIME;
	opts.job_form = DSJ_JOB_FORM_API;
	if (str_eq(op->u.str, "translate"))
		return dsj_translate(out, out_len, NULL, text, len, &opts, e);
	if (str_eq(op->u.str, "extract"))
		return dsj_extract(out, out_len, text, len, &opts, e);
	opts.level = DSJ_LEVEL_JOB;
	if (str_eq(op->u.str, "job-translate"))
		return dsj_translate(out, out_len, NULL, text, len, &opts, e);
	if (str_eq(op->u.str, "job-extract"))
		return dsj_extract(out, out_len, text, len, &opts, e);
	return diag_node(e, DSJ_EUSAGE, op, "op", "ValueError",
			 "unknown op \"%.40s\": expected translate, extract, job-translate or "
			 "job-extract",
			 op->u.str.ptr);
}

int dsj_batch_answer(char **out, size_t *out_len, const char *request, size_t request_len,
		     const struct dsj_options *defaults)
{
	struct dsj_error e;
	diag_clear(&e);
	if (!out)
		return DSJ_EUSAGE;
	*out = NULL;
	if (defaults && options_check(defaults, &e))
		return DSJ_EUSAGE;
	struct arena a;
	arena_init(&a, 0);
	struct dsj_limits limits;
	limits_resolve(&limits, defaults ? &defaults->limits : NULL);
	/* the request wraps the input in a JSON string: allow for escaping */
	limits.max_scalar_bytes = limits.max_input_bytes;
	limits.max_input_bytes = limits.max_input_bytes * 6 + 1024;
	struct node *req = NULL;
	int rc = json_read(&req, request, request_len, &a, &limits, 0, &e);
	if (!rc && req->kind != NODE_MAP)
		rc = diag_node(&e, DSJ_EUSAGE, req, "", "ValueError", "a request is a JSON object");
	if (!rc)
		rc = answer(out, out_len, req, defaults, &e);
	arena_free(&a);
	if (rc == 0)
		return 0;
	if (rc == DSJ_ENOMEM && !e.message[0])
		return DSJ_ENOMEM;
	return error_answer(out, out_len, &e);
}

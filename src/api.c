/* The public entry points: parse, convert, write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "dsjob.h"
#include "json.h"
#include "translate.h"
#include "yaml_reader.h"
#include "yaml_writer.h"

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

static int translate_in_session(struct session *s, const char *input, size_t len, struct node **payload)
{
	int rc = check_size(s, len);
	if (rc)
		return rc;
	if (len == 0)
		return diag_at(s->err, DSJ_EINPUT, 1, 1, NULL, PY_VALUE_ERROR,
			       "the input is empty: expected a runtime YAML document");
	struct node *root = NULL;
	if ((rc = yaml_read(&root, input, len, &s->arena, &s->limits, s->err)))
		return rc;
	return runtime_translate(payload, root, &s->arena, &s->opts, &s->limits, "", s->err);
}

int dsj_translate(char **out, size_t *out_len, const char *input, size_t input_len,
		  const struct dsj_options *opts, struct dsj_error *err)
{
	struct session s;
	session_begin(&s, opts, err);
	*out = NULL;
	struct node *payload = NULL;
	int rc = translate_in_session(&s, input, input_len, &payload);
	if (!rc)
		rc = write_output(&s, payload, out, out_len);
	session_end(&s);
	return rc;
}

/* The Job itself, or what `oci data-science job get` wraps in {"data": ...}. */
static struct node *unwrap_job(struct node *root)
{
	struct node *data = root && root->kind == NODE_MAP ? map_get(root, "data") : NULL;
	if (data && data->kind == NODE_MAP && !map_get(root, "jobConfigurationDetails"))
		return data;
	return root;
}

static int extract_in_session(struct session *s, const char *input, size_t len, struct node **runtime)
{
	int rc = check_size(s, len);
	if (rc)
		return rc;
	struct node *root = NULL;
	if ((rc = json_read(&root, input, len, &s->arena, &s->limits, 0, s->err)))
		return rc;
	if ((rc = runtime_extract(runtime, unwrap_job(root), &s->arena, &s->opts, s->opts.artifact,
				  s->err)))
		return rc;
	sort_keys(map_get(*runtime, "spec"));
	return 0;
}

int dsj_extract(char **out, size_t *out_len, const char *input, size_t input_len,
		const struct dsj_options *opts, struct dsj_error *err)
{
	struct session s;
	session_begin(&s, opts, err);
	*out = NULL;
	struct node *runtime = NULL;
	int rc = extract_in_session(&s, input, input_len, &runtime);
	if (!rc)
		rc = write_output(&s, runtime, out, out_len);
	session_end(&s);
	return rc;
}

int dsj_error_format(const struct dsj_error *err, const char *file, char *buf, size_t size)
{
	char loc[64] = "";
	if (err->line)
		snprintf(loc, sizeof(loc), ":%u:%u", err->line, err->column);
	return snprintf(buf, size, "%s%s: %s%s%s", file ? file : "-", loc, err->path,
			err->path[0] ? ": " : "", err->message);
}

#include "util/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/utf8.h"

/* Drops the pieces of characters that a cut left (a "%.40s" of a longer
 * string, a message longer than its field), so that a problem's text stays
 * valid UTF-8 for the JSON and YAML written from it. The texts come from
 * inputs already checked to be UTF-8: anything invalid here is such a cut. */
static void drop_cut_characters(char *text)
{
	unsigned char *s = (unsigned char *)text;
	size_t len = strlen(text), out = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = s[i] < 0x80 ? 1 : utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			i++;
			continue;
		}
		memmove(s + out, s + i, n);
		out += n;
		i += n;
	}
	s[out] = '\0';
}

static void copy_field(char *dst, size_t size, const char *src)
{
	if (!src)
		src = "";
	size_t n = strlen(src);
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
	if (n < strlen(src))
		drop_cut_characters(dst);
}

static int diag_vset(struct dsj_error *err, int code, unsigned line, unsigned col, const char *path,
		     const char *type, const char *fmt, va_list ap)
{
	if (!err || diag_is_set(err))
		return code;
	err->code = code;
	err->line = line;
	err->column = col;
	copy_field(err->path, sizeof(err->path), path);
	copy_field(err->type, sizeof(err->type), type);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	drop_cut_characters(err->message);
	return code;
}

int diag_node(struct dsj_error *err, int code, const struct node *at, const char *path,
	      const char *type, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = diag_vset(err, code, at ? at->line : 0, at ? at->col : 0, path, type, fmt, ap);
	va_end(ap);
	return rc;
}

int diag_vnode(struct dsj_error *err, int code, const struct node *at, const char *path,
	       const char *type, const char *fmt, va_list ap)
{
	return diag_vset(err, code, at ? at->line : 0, at ? at->col : 0, path, type, fmt, ap);
}

int diag_at(struct dsj_error *err, int code, unsigned line, unsigned col, const char *path,
	    const char *type, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = diag_vset(err, code, line, col, path, type, fmt, ap);
	va_end(ap);
	return rc;
}

int diag_nomem(struct dsj_error *err)
{
	return diag_at(err, DSJ_ENOMEM, 0, 0, NULL, "MemoryError", "out of memory");
}

bool diag_is_set(const struct dsj_error *err)
{
	return err && err->code != 0;
}

void diag_clear(struct dsj_error *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

struct dsj_limits dsj_limits_default(void)
{
	return (struct dsj_limits){
		.max_input_bytes = (size_t)16 << 20,
		.max_depth = 256,
		.max_nodes = 1000000,
		.max_scalar_bytes = (size_t)1 << 20,
		.max_env_vars = 10000,
	};
}

void limits_resolve(struct dsj_limits *out, const struct dsj_limits *in)
{
	*out = dsj_limits_default();
	if (!in)
		return;
	if (in->max_input_bytes)
		out->max_input_bytes = in->max_input_bytes;
	if (in->max_depth)
		out->max_depth =
			in->max_depth < DSJ_MAX_DEPTH_CAP ? in->max_depth : DSJ_MAX_DEPTH_CAP;
	if (in->max_nodes)
		out->max_nodes = in->max_nodes;
	if (in->max_scalar_bytes)
		out->max_scalar_bytes = in->max_scalar_bytes;
	if (in->max_env_vars)
		out->max_env_vars = in->max_env_vars;
}

static int enum_in_range(struct dsj_error *err, const char *field, int value, int last)
{
	if (value >= 0 && value <= last)
		return 0;
	return diag_at(err, DSJ_EUSAGE, 0, 0, NULL, PY_VALUE_ERROR,
		       "dsj_options.%s is %d, not one of its enum's values (0 to %d)", field, value,
		       last);
}

int options_check(const struct dsj_options *o, struct dsj_error *err)
{
	if (o->version < 1 || o->version > DSJ_OPTIONS_VERSION)
		return diag_at(err, DSJ_EUSAGE, 0, 0, NULL, PY_VALUE_ERROR,
			       "struct dsj_options has version %u, this library knows 1 to %d: "
			       "set it with DSJ_OPTIONS_INIT or dsj_options_init()",
			       o->version, DSJ_OPTIONS_VERSION);
	int rc = enum_in_range(err, "output", (int)o->output, DSJ_FORMAT_JSON_LINE);
	if (!rc)
		rc = enum_in_range(err, "level", (int)o->level, DSJ_LEVEL_JOB);
	if (!rc)
		rc = enum_in_range(err, "job_form", (int)o->job_form, DSJ_JOB_FORM_OCI_CLI);
	if (!rc)
		rc = enum_in_range(err, "ads", (int)o->ads, DSJ_ADS_2_15);
	return rc;
}

const char *dsj_strerror(int code)
{
	switch (code) {
	case DSJ_OK:
		return "success";
	case DSJ_EINPUT:
		return "the input is not a valid runtime or job";
	case DSJ_ENOMEM:
		return "out of memory";
	case DSJ_ELIMIT:
		return "an input limit was exceeded";
	case DSJ_EUSAGE:
		return "the library was called wrongly";
	case DSJ_ESYSTEM:
		return "a system call failed";
	default:
		return "unknown error code";
	}
}

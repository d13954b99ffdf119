/* ADS's EnvVarInterpolation (configparser ExtendedInterpolation whose lookup
 * errors are swallowed), run over one section named "envs". The recursion
 * mirrors _interpolate_some line by line so that the odd cases (an undefined
 * name ends only the innermost value, the depth error names the innermost
 * option) come out the same. */
#include "py/envinterp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "py/pystrrepr.h"
#include "util/buf.h"
#include "util/strindex.h"

#define MAX_INTERPOLATION_DEPTH 10
/* All interpolated values together may not exceed this: references nest ten
 * deep, so a small input could otherwise expand without bound. */
#define OUTPUT_BUDGET ((size_t)256 << 20)

struct interp {
	const struct str *names;
	const struct str *values;
	size_t n;
	bool *has_dollar;	      /* values[i] contains '$' */
	const struct strindex *index; /* over names */

	struct buf accum;
	struct env_interp_error *e;
};

struct name_probe {
	const struct str *names;
	struct str key;
};

static bool name_is(const void *ctx, size_t pos)
{
	const struct name_probe *p = ctx;
	const struct str *s = &p->names[pos];
	return s->len == p->key.len && (s->len == 0 || memcmp(s->ptr, p->key.ptr, s->len) == 0);
}

static long lookup(const struct interp *in, const char *name, size_t len)
{
	struct name_probe p = {in->names, {name, len}};
	return strindex_find(in->index, strindex_hash(STRINDEX_SEED, name, len), name_is, &p);
}

static void set_message(struct interp *in, const char *type, struct buf *msg)
{
	in->e->type = type;
	const char *text = buf_cstr(msg);
	size_t len = msg->failed ? 0 : msg->len;
	size_t cap = sizeof(in->e->message) - 1;
	if (len > cap) {
		len = cap;
		/* do not cut a UTF-8 character in two */
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(in->e->message, text, len);
	in->e->message[len] = '\0';
}

static int syntax_error(struct interp *in, const char *what, const char *s, size_t len)
{
	struct buf msg;
	buf_init(&msg, 4096);
	buf_puts(&msg, what);
	py_str_repr(&msg, s, len);
	set_message(in, "InterpolationSyntaxError", &msg);
	buf_free(&msg);
	return -1;
}

static int depth_error(struct interp *in, struct str option, struct str rest)
{
	struct str rawval = rest;
	long idx = lookup(in, option.ptr, option.len);
	if (idx >= 0)
		rawval = in->values[idx];
	struct buf msg;
	buf_init(&msg, 4096);
	buf_puts(&msg, "Recursion limit exceeded in value substitution: option ");
	py_str_repr(&msg, option.ptr, option.len);
	buf_printf(&msg,
		   " in section 'envs' contains an interpolation key which cannot be "
		   "substituted in %d steps. Raw value: ",
		   MAX_INTERPOLATION_DEPTH);
	py_str_repr(&msg, rawval.ptr, rawval.len);
	set_message(in, "InterpolationDepthError", &msg);
	buf_free(&msg);
	return -1;
}

static int interpolate_some(struct interp *in, struct str option, struct str rest, int depth)
{
	if (depth > MAX_INTERPOLATION_DEPTH)
		return depth_error(in, option, rest);
	const char *p = rest.ptr, *end = rest.ptr + rest.len;
	while (p < end) {
		const char *dollar = memchr(p, '$', (size_t)(end - p));
		if (!dollar) {
			buf_append(&in->accum, p, (size_t)(end - p));
			break;
		}
		buf_append(&in->accum, p, (size_t)(dollar - p));
		p = dollar;
		char c = p + 1 < end ? p[1] : '\0';
		if (p + 1 < end && c == '$') {
			buf_putc(&in->accum, '$');
			p += 2;
		} else if (p + 1 < end && c == '{') {
			/* _KEYCRE: \$\{([^}]+)\} */
			const char *close =
				p + 2 < end ? memchr(p + 2, '}', (size_t)(end - p - 2)) : NULL;
			if (!close || close == p + 2)
				return syntax_error(in, "Bad interpolation variable reference ", p,
						    (size_t)(end - p));
			const char *key = p + 2;
			size_t key_len = (size_t)(close - key);
			const char *after = close + 1;
			const char *colon = memchr(key, ':', key_len);
			long idx = -1;
			struct str opt = {key, key_len};
			if (!colon) {
				idx = lookup(in, key, key_len);
			} else {
				const char *rest_key = colon + 1;
				size_t rest_len = key_len - (size_t)(rest_key - key);
				if (memchr(rest_key, ':', rest_len))
					return syntax_error(in, "More than one ':' found: ", after,
							    (size_t)(end - after));
				/* Only our own section exists; any other (DEFAULT
				 * included) has no options, so the lookup fails. */
				size_t sect_len = (size_t)(colon - key);
				opt = (struct str){rest_key, rest_len};
				if (sect_len == 4 && memcmp(key, "envs", 4) == 0)
					idx = lookup(in, rest_key, rest_len);
			}
			if (idx < 0) {
				buf_append(&in->accum, p, (size_t)(end - p));
				break;
			}
			p = after;
			opt = in->names[idx];
			if (in->has_dollar[idx]) {
				int rc = interpolate_some(in, opt, in->values[idx], depth + 1);
				if (rc != 0)
					return rc;
			} else {
				buf_append(&in->accum, in->values[idx].ptr, in->values[idx].len);
			}
		} else {
			buf_putc(&in->accum, '$');
			p += 1;
		}
		if (in->accum.failed)
			return -2;
	}
	return in->accum.failed ? -2 : 0;
}

int env_interpolate(struct arena *a, const struct str *names, const struct str *values, size_t n,
		    struct str *out, struct env_interp_error *e)
{
	struct strindex index;
	if (strindex_init(&index, a, n))
		goto nomem;
	for (size_t i = 0; i < n; i++)
		if (strindex_add(&index, a,
				 strindex_hash(STRINDEX_SEED, names[i].ptr, names[i].len), i))
			goto nomem;
	return env_interpolate_indexed(a, names, values, n, &index, out, e);
nomem:
	e->type = NULL;
	e->index = 0;
	snprintf(e->message, sizeof(e->message), "out of memory");
	return -2;
}

int env_interpolate_indexed(struct arena *a, const struct str *names, const struct str *values,
			    size_t n, const struct strindex *index, struct str *out,
			    struct env_interp_error *e)
{
	struct interp in = {.names = names, .values = values, .n = n, .index = index, .e = e};
	e->type = NULL;
	e->message[0] = '\0';
	e->index = 0;
	in.has_dollar = arena_alloc_uninit(a, (n ? n : 1) * sizeof(*in.has_dollar));
	int rc = 0;
	if (!in.has_dollar) {
		rc = -2;
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		in.has_dollar[i] = values[i].len && memchr(values[i].ptr, '$', values[i].len);
	size_t budget = OUTPUT_BUDGET;
	buf_init(&in.accum, budget); /* one buffer for every value, its maximum what is left */
	for (size_t i = 0; i < n; i++) {
		if (!in.has_dollar[i]) {
			out[i] = values[i].ptr ? values[i] : (struct str){"", 0};
			continue;
		}
		if (budget == 0) {
			rc = -2;
		} else {
			buf_reset(&in.accum);
			in.accum.max = budget;
			rc = interpolate_some(&in, names[i], values[i], 1);
			size_t len = in.accum.len;
			budget -= len;
			char *copy = rc ? NULL : arena_strndup(a, buf_cstr(&in.accum), len);
			if (!rc && !copy)
				rc = -2;
			out[i] = (struct str){copy, len};
		}
		if (rc != 0) {
			e->index = i;
			if (rc == -2) {
				e->type = NULL;
				snprintf(e->message, sizeof(e->message),
					 "out of memory (interpolated values too large)");
			}
			break;
		}
	}
	buf_free(&in.accum);
done:
	return rc;
}

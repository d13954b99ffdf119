/* Node tree -> JSON text, byte for byte what Python's json.dumps writes. */
#include <math.h>
#include <string.h>

#include "doc/json.h"
#include "py/pyrepr.h"
#include "util/diag.h"
#include "util/utf8.h"

struct writer {
	struct buf *out;
	unsigned flags;
	struct dsj_error *err;
};

static const char hex_digits[] = "0123456789abcdef";

static void put_u16(struct buf *b, uint32_t v)
{
	char esc[6] = {'\\',
		       'u',
		       hex_digits[(v >> 12) & 0xF],
		       hex_digits[(v >> 8) & 0xF],
		       hex_digits[(v >> 4) & 0xF],
		       hex_digits[v & 0xF]};
	buf_append(b, esc, sizeof(esc));
}

/* The two-character escape of c, or 0 when it has none. */
static char short_escape(unsigned char c)
{
	switch (c) {
	case '"':
		return '"';
	case '\\':
		return '\\';
	case '\n':
		return 'n';
	case '\r':
		return 'r';
	case '\t':
		return 't';
	case '\b':
		return 'b';
	case '\f':
		return 'f';
	default:
		return 0;
	}
}

/* A non-ASCII character as ensure_ascii writes it: \uXXXX, or a surrogate
 * pair above U+FFFF. Returns the bytes it used. */
static size_t put_ascii_escape(struct buf *b, const unsigned char *s, size_t len)
{
	uint32_t cp;
	size_t n = utf8_decode(s, len, &cp);
	if (n == 0) {
		/* Not UTF-8 (trees from our readers always are): keep the byte's
		 * value, as a latin-1 reading would. */
		put_u16(b, s[0]);
		return 1;
	}
	if (cp >= 0x10000) {
		cp -= 0x10000;
		put_u16(b, 0xD800 | (cp >> 10));
		put_u16(b, 0xDC00 | (cp & 0x3FF));
	} else {
		put_u16(b, cp);
	}
	return n;
}

/* Bytes written as they are: bit 0 without ensure_ascii, bit 1 with it (all
 * but control characters, '"' and '\\'; with ensure_ascii, ASCII only). */
// clang-format off
static const unsigned char plain_bytes[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	3, 3, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};
// clang-format on

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Where the bytes needing no escape from i on end (len if they all do not):
 * 16 at a time with SSE2, then by the table. */
static size_t plain_end(const unsigned char *s, size_t i, size_t len, bool ascii)
{
#if defined(__SSE2__)
	const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\');
	const __m128i below = _mm_set1_epi8(0x1f), del = _mm_set1_epi8(0x7f);
	for (; i + 16 <= len; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i stop = _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, slash));
		/* ascii: plain is 0x20..0x7e (signed compares: bytes from 0x80 are
		 * negative); else any byte from 0x20 (unsigned max(x, 0x1f) != 0x1f) */
		__m128i plain =
			ascii ? _mm_and_si128(_mm_cmpgt_epi8(x, below), _mm_cmplt_epi8(x, del))
			      : _mm_xor_si128(_mm_cmpeq_epi8(_mm_max_epu8(x, below), below),
					      _mm_set1_epi8(-1));
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(stop, _mm_xor_si128(plain, _mm_set1_epi8(-1))));
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	const unsigned char mask = ascii ? 2 : 1;
	while (i < len && (plain_bytes[s[i]] & mask))
		i++;
	return i;
}

static void put_string(struct buf *b, const char *str, size_t len, bool ascii)
{
	const unsigned char *s = (const unsigned char *)str;
	const unsigned char mask = ascii ? 2 : 1;
	size_t i = plain_end(s, 0, len, ascii), run = 0;
	if (i == len) { /* the common case: nothing to escape, one copy */
		char *p = buf_extend(b, len + 2);
		if (p) {
			p[0] = '"';
			memcpy(p + 1, s, len);
			p[len + 1] = '"';
		}
		return;
	}
	buf_putc(b, '"');
	while (i < len) {
		unsigned char c = s[i];
		if (plain_bytes[c] & mask) {
			i = plain_end(s, i + 1, len, ascii);
			continue;
		}
		buf_append(b, s + run, i - run);
		char e = short_escape(c);
		if (e) {
			char esc[2] = {'\\', e};
			buf_append(b, esc, 2);
			i++;
		} else if (c < 0x80) {
			put_u16(b, c);
			i++;
		} else {
			i += put_ascii_escape(b, s + i, len - i);
		}
		run = i;
	}
	buf_append(b, s + run, i - run);
	buf_putc(b, '"');
}

static void put_float(struct buf *b, double v)
{
	if (isnan(v)) {
		buf_puts(b, "NaN");
	} else if (isinf(v)) {
		buf_puts(b, v > 0 ? "Infinity" : "-Infinity");
	} else {
		char text[40];
		int n = py_float_repr(text, sizeof(text), v);
		buf_append(b, text, (size_t)n);
	}
}

static void newline(struct writer *w, size_t level)
{
	buf_putc(w->out, '\n');
	for (size_t i = 0; i < level; i++)
		buf_append(w->out, "  ", 2);
}

/* Between members: ", " on one line; "," and a new line when pretty. */
static void separator(struct writer *w, size_t index, size_t level)
{
	if (w->flags & JSON_PRETTY) {
		if (index)
			buf_putc(w->out, ',');
		newline(w, level);
	} else if (index) {
		buf_append(w->out, ", ", 2);
	}
}

/* A dict key as json.dumps converts it. */
static int write_key(struct writer *w, const struct node *k)
{
	bool ascii = w->flags & JSON_ASCII;
	switch (k->kind) {
	case NODE_STR:
		put_string(w->out, k->u.str.ptr, k->u.str.len, ascii);
		return 0;
	case NODE_INT:
	case NODE_FLOAT:
	case NODE_BOOL:
	case NODE_NULL:
		buf_putc(w->out, '"');
		if (k->kind == NODE_INT)
			buf_append(w->out, k->u.integer.text.ptr, k->u.integer.text.len);
		else if (k->kind == NODE_FLOAT)
			put_float(w->out, k->u.real);
		else if (k->kind == NODE_BOOL)
			buf_puts(w->out, k->u.boolean ? "true" : "false");
		else
			buf_puts(w->out, "null");
		buf_putc(w->out, '"');
		return 0;
	default:
		return diag_node(w->err, DSJ_EINPUT, k, NULL, PY_TYPE_ERROR,
				 "keys must be str, int, float, bool or None, not %s",
				 node_type_name(k));
	}
}

static int write_value(struct writer *w, const struct node *n, size_t level);

static int write_seq(struct writer *w, const struct node *n, size_t level)
{
	buf_putc(w->out, '[');
	for (size_t i = 0; i < n->u.seq.count; i++) {
		separator(w, i, level + 1);
		if (write_value(w, n->u.seq.items[i], level + 1))
			return DSJ_EINPUT;
	}
	if ((w->flags & JSON_PRETTY) && n->u.seq.count)
		newline(w, level);
	buf_putc(w->out, ']');
	return 0;
}

static int write_map(struct writer *w, const struct node *n, size_t level)
{
	buf_putc(w->out, '{');
	for (size_t i = 0; i < n->u.map.count; i++) {
		separator(w, i, level + 1);
		if (write_key(w, n->u.map.items[i].key))
			return DSJ_EINPUT;
		buf_append(w->out, ": ", 2);
		if (write_value(w, n->u.map.items[i].value, level + 1))
			return DSJ_EINPUT;
	}
	if ((w->flags & JSON_PRETTY) && n->u.map.count)
		newline(w, level);
	buf_putc(w->out, '}');
	return 0;
}

static int write_value(struct writer *w, const struct node *n, size_t level)
{
	if (!n) {
		buf_puts(w->out, "null");
		return 0;
	}
	switch (n->kind) {
	case NODE_NULL:
		buf_puts(w->out, "null");
		return 0;
	case NODE_BOOL:
		buf_puts(w->out, n->u.boolean ? "true" : "false");
		return 0;
	case NODE_INT:
		buf_append(w->out, n->u.integer.text.ptr, n->u.integer.text.len);
		return 0;
	case NODE_FLOAT:
		put_float(w->out, n->u.real);
		return 0;
	case NODE_STR:
		put_string(w->out, n->u.str.ptr, n->u.str.len, w->flags & JSON_ASCII);
		return 0;
	case NODE_SEQ:
		return write_seq(w, n, level);
	case NODE_MAP:
		return write_map(w, n, level);
	case NODE_DATE:
	case NODE_DATETIME:
	case NODE_BINARY:
		break;
	}
	return diag_node(w->err, DSJ_EINPUT, n, NULL, PY_TYPE_ERROR,
			 "Object of type %s is not JSON serializable", node_type_name(n));
}

int json_write(struct buf *out, const struct node *n, unsigned flags, struct dsj_error *err)
{
	struct writer w = {out, flags, err};
	int rc = write_value(&w, n, 0);
	if (rc)
		return rc;
	if (out->failed)
		return diag_nomem(err);
	return 0;
}

int py_json_dumps(struct buf *out, const struct node *n, struct dsj_error *err)
{
	return json_write(out, n, JSON_ASCII, err);
}

/* Strict JSON -> node tree, with the messages and positions of Python's
 * json.loads (its C scanner). The input is checked as UTF-8 first, as Python
 * decodes before it parses; after that the scanner may trust the bytes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/json.h"
#include "util/diag.h"
#include "util/utf8.h"

#define JSON_ERROR "JSONDecodeError"
#define LIMIT_ERROR "LimitError"
/* The reader recurses once per level: whatever limit the caller sets, stay
 * well inside an ordinary thread stack (also under sanitizers). */
#define DEPTH_CAP 10000

struct reader {
	const unsigned char *s;
	size_t len;
	struct arena *a;
	struct dsj_limits lim;
	unsigned flags;
	struct dsj_error *err;
	size_t depth, nodes;
	/* Position bookkeeping for nodes: line of the current line, where it
	 * starts, and a cached (byte, column) point on it so that columns, which
	 * count characters, cost linear time overall. */
	uint32_t line;
	size_t line_start, mark_pos, mark_col;
	bool ascii;		 /* no byte >= 0x80: a column is a byte offset */
	int rc;			 /* the first failure */
	uint32_t lone_surrogate; /* the first unpaired \uXXXX, 0 if none */
	size_t lone_surrogate_pos;
};

/* Where byte pos is as Python's JSONDecodeError counts it: line, column and
 * character offset, in characters (code points), lines ending at '\n' only. */
static void locate(const struct reader *r, size_t pos, unsigned *line, unsigned *col, size_t *chars)
{
	*line = 1;
	*col = 1;
	*chars = 0;
	for (size_t i = 0; i < pos && i < r->len; i++) {
		if ((r->s[i] & 0xC0) == 0x80)
			continue;
		++*chars;
		++*col;
		if (r->s[i] == '\n') {
			++*line;
			*col = 1;
		}
	}
}

static int fail(struct reader *r, size_t pos, const char *msg)
{
	unsigned line, col;
	size_t chars;
	locate(r, pos, &line, &col, &chars);
	diag_at(r->err, DSJ_EINPUT, line, col, NULL, JSON_ERROR, "%s: line %u column %u (char %zu)",
		msg, line, col, chars);
	return r->rc = DSJ_EINPUT;
}

static int fail_limit(struct reader *r, size_t pos, const char *what, size_t limit)
{
	unsigned line, col;
	size_t chars;
	locate(r, pos, &line, &col, &chars);
	diag_at(r->err, DSJ_ELIMIT, line, col, NULL, LIMIT_ERROR, "%s exceeds the limit of %zu",
		what, limit);
	return r->rc = DSJ_ELIMIT;
}

static int fail_nomem(struct reader *r)
{
	diag_nomem(r->err);
	return r->rc = DSJ_ENOMEM;
}

/* The column (1-based, in characters) of byte pos on the current line. */
static uint32_t column_of(struct reader *r, size_t pos)
{
	if (r->ascii)
		return (uint32_t)(pos - r->line_start + 1);
	if (pos < r->mark_pos) {
		r->mark_pos = r->line_start;
		r->mark_col = 0;
	}
	for (size_t i = r->mark_pos; i < pos; i++)
		r->mark_col += (r->s[i] & 0xC0) != 0x80;
	r->mark_pos = pos;
	return (uint32_t)(r->mark_col + 1);
}

static size_t skip_ws(struct reader *r, size_t pos)
{
	while (pos < r->len) {
		unsigned char c = r->s[pos];
		if (c == '\n') {
			r->line++;
			r->line_start = r->mark_pos = pos + 1;
			r->mark_col = 0;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			break;
		}
		pos++;
	}
	return pos;
}

static struct node *new_node(struct reader *r, enum node_kind kind, size_t pos)
{
	if (++r->nodes > r->lim.max_nodes) {
		fail_limit(r, pos, "number of nodes", r->lim.max_nodes);
		return NULL;
	}
	struct node *n = node_new(r->a, kind, r->line, column_of(r, pos));
	if (!n)
		fail_nomem(r);
	return n;
}

/* --- strings --- */

static int hex4(const unsigned char *p, uint32_t *out)
{
	uint32_t v = 0;
	for (int i = 0; i < 4; i++) {
		unsigned char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* A \uXXXX escape whose backslash is at *pos, joined with a following low
 * surrogate escape as Python does; advances *pos past what it used. */
static int unicode_escape(struct reader *r, size_t *pos, uint32_t *cp)
{
	size_t u = *pos + 1;
	if (u + 5 >= r->len || hex4(r->s + u + 1, cp))
		return fail(r, u, "Invalid \\uXXXX escape");
	*pos = u + 5;
	if (*cp >= 0xD800 && *cp <= 0xDBFF && *pos + 6 < r->len && r->s[*pos] == '\\' &&
	    r->s[*pos + 1] == 'u') {
		uint32_t low;
		if (hex4(r->s + *pos + 2, &low))
			return fail(r, *pos + 1, "Invalid \\uXXXX escape");
		if (low >= 0xDC00 && low <= 0xDFFF) {
			*cp = 0x10000 + ((*cp - 0xD800) << 10) + (low - 0xDC00);
			*pos += 6;
		}
	}
	if (*cp >= 0xD800 && *cp <= 0xDFFF) {
		/* Python takes it; UTF-8 cannot hold it. Failing only once the
		 * document is otherwise read keeps Python's message for inputs
		 * that are broken elsewhere too. */
		if (!r->lone_surrogate) {
			r->lone_surrogate = *cp;
			r->lone_surrogate_pos = u - 1;
		}
		*cp = 0xFFFD;
	}
	return 0;
}

/* The escape whose backslash is at *pos, decoded at *dst. */
static int escape(struct reader *r, size_t *pos, char **dst)
{
	unsigned char c = r->s[*pos + 1];
	if (c == 'u') {
		uint32_t cp = 0;
		if (unicode_escape(r, pos, &cp))
			return DSJ_EINPUT;
		*dst += utf8_encode(cp, *dst);
		return 0;
	}
	/* clang-format off */
	static const char simple[256] = {
		['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['b'] = '\b',
		['f'] = '\f', ['n'] = '\n', ['r'] = '\r', ['t'] = '\t',
	};
	/* clang-format on */
	if (!simple[c])
		return fail(r, *pos, "Invalid \\escape");
	*(*dst)++ = simple[c];
	*pos += 2;
	return 0;
}

/* Bytes that end a plain run inside a string: the quote, the backslash and
 * the control characters. */
/* clang-format off */
static const unsigned char string_stop[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1,
};
/* clang-format on */

#if defined(__SSE2__)
#include <emmintrin.h>

/* The stop bytes among the 16 at p, one bit each (bit i for p[i]). */
static inline unsigned stop_mask16(const unsigned char *p)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i quote = _mm_cmpeq_epi8(x, _mm_set1_epi8('"'));
	__m128i slash = _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'));
	/* unsigned x <= 0x1f: max(x, 0x1f) == 0x1f */
	__m128i ctrl = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1f)), _mm_set1_epi8(0x1f));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, slash), ctrl));
}
#endif

/* Where the plain run from pos ends: 16 bytes at a time with SSE2, else
 * eight at a time while none of them is a stop byte (a zero byte of x ^
 * quote or x ^ backslash, or one under 0x20); then byte by byte. */
static size_t plain_run(const struct reader *r, size_t pos)
{
#if defined(__SSE2__)
	while (pos + 16 <= r->len) {
		unsigned m = stop_mask16(r->s + pos);
		if (m)
			return pos + (size_t)__builtin_ctz(m);
		pos += 16;
	}
#else
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	while (pos + 8 <= r->len) {
		uint64_t x;
		memcpy(&x, r->s + pos, 8);
		uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
		uint64_t stop = ((q - ones) & ~q) | ((b - ones) & ~b) | ((x - ones * 0x20) & ~x);
		if (stop & high) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* borrows run upward: the lowest flagged byte is a real stop */
			return pos + ((size_t)__builtin_ctzll(stop & high) >> 3);
#else
			break;
#endif
		}
		pos += 8;
	}
#endif
	while (pos < r->len && !string_stop[r->s[pos]])
		pos++;
	return pos;
}

/* Copies the plain run from *pos to *dst (advancing both) up to its stop
 * byte or the input's end. With SSE2 it moves 16 bytes at a time and may
 * write up to 15 bytes past the run: the caller leaves PLAIN_COPY_SLACK
 * bytes of room beyond the decoded text. */
#define PLAIN_COPY_SLACK 16
static void plain_copy(const struct reader *r, size_t *pos, char **dst)
{
	size_t p = *pos;
	char *d = *dst;
#if defined(__SSE2__)
	while (p + 16 <= r->len) {
		_mm_storeu_si128((__m128i *)(void *)d,
				 _mm_loadu_si128((const __m128i *)(const void *)(r->s + p)));
		unsigned m = stop_mask16(r->s + p);
		if (m) {
			size_t k = (size_t)__builtin_ctz(m);
			*pos = p + k;
			*dst = d + k;
			return;
		}
		p += 16;
		d += 16;
	}
#endif
	size_t end = plain_run(r, p);
	memcpy(d, r->s + p, end - p);
	*pos = end;
	*dst = d + (end - p);
}

/* The closing quote of a string with escapes, from pos (or len). */
static size_t closing_quote(const struct reader *r, size_t pos)
{
	for (;;) {
		const unsigned char *q = memchr(r->s + pos, '"', r->len - pos);
		if (!q)
			return r->len;
		size_t at = (size_t)(q - r->s), slashes = 0;
		while (at - slashes > pos && r->s[at - slashes - 1] == '\\')
			slashes++;
		if (slashes % 2 == 0)
			return at;
		pos = at + 1;
	}
}

/* The string whose opening quote is at begin; on success *end is past the
 * closing quote and *out the decoded text (in the arena). A string without
 * escapes is copied once; one with escapes is decoded straight into room the
 * size of its raw text, which its decoding never exceeds. */
static int scan_string(struct reader *r, size_t begin, size_t *end, struct str *out)
{
	size_t pos = plain_run(r, begin + 1);
	if (pos < r->len && r->s[pos] == '"') {
		size_t n = pos - begin - 1;
		if (n > r->lim.max_scalar_bytes)
			return fail_limit(r, begin, "string length", r->lim.max_scalar_bytes);
		out->ptr = arena_strndup(r->a, (const char *)r->s + begin + 1, n);
		out->len = n;
		*end = pos + 1;
		return out->ptr ? 0 : fail_nomem(r);
	}
	size_t room = closing_quote(r, pos) - begin;
	char *text = arena_alloc_uninit(r->a, room + PLAIN_COPY_SLACK);
	if (!text)
		return fail_nomem(r);
	size_t run = pos - begin - 1;
	memcpy(text, r->s + begin + 1, run);
	char *dst = text + run;
	for (;;) {
		if (pos >= r->len || (r->s[pos] == '\\' && pos + 1 >= r->len))
			return fail(r, begin, "Unterminated string starting at");
		if (r->s[pos] == '"')
			break;
		if (r->s[pos] < 0x20)
			return fail(r, pos, "Invalid control character at");
		if (escape(r, &pos, &dst))
			return DSJ_EINPUT;
		plain_copy(r, &pos, &dst);
	}
	size_t n = (size_t)(dst - text);
	if (n > r->lim.max_scalar_bytes)
		return fail_limit(r, begin, "string length", r->lim.max_scalar_bytes);
	text[n] = '\0';
	out->ptr = text;
	out->len = n;
	*end = pos + 1;
	return 0;
}

static int parse_string(struct reader *r, size_t pos, size_t *end, struct node **out)
{
	struct node *n = new_node(r, NODE_STR, pos);
	if (!n)
		return DSJ_EINPUT;
	*out = n;
	return scan_string(r, pos, end, &n->u.str);
}

/* --- numbers --- */

static size_t digits(const struct reader *r, size_t pos)
{
	while (pos < r->len && r->s[pos] >= '0' && r->s[pos] <= '9')
		pos++;
	return pos;
}

/* Python's NUMBER_RE, -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?, at pos: its end
 * (pos when nothing matches) and whether it has a fraction or exponent. */
static size_t match_number(const struct reader *r, size_t pos, bool *is_float)
{
	size_t p = pos + (pos < r->len && r->s[pos] == '-');
	*is_float = false;
	if (p >= r->len || r->s[p] < '0' || r->s[p] > '9')
		return pos;
	p = r->s[p] == '0' ? p + 1 : digits(r, p);
	if (p + 1 < r->len && r->s[p] == '.' && r->s[p + 1] >= '0' && r->s[p + 1] <= '9') {
		p = digits(r, p + 1);
		*is_float = true;
	}
	if (p < r->len && (r->s[p] == 'e' || r->s[p] == 'E')) {
		size_t e = p + 1;
		if (e < r->len && (r->s[e] == '+' || r->s[e] == '-'))
			e++;
		if (e < r->len && r->s[e] >= '0' && r->s[e] <= '9') {
			p = digits(r, e);
			*is_float = true;
		}
	}
	return p;
}

static struct node *new_int(struct reader *r, size_t pos, const char *text, size_t n)
{
	if (n == 2 && text[0] == '-' && text[1] == '0')
		text++, n--;
	if (++r->nodes > r->lim.max_nodes) {
		fail_limit(r, pos, "number of nodes", r->lim.max_nodes);
		return NULL;
	}
	uint32_t col = column_of(r, pos);
	struct node *node = node_new_int_text(r->a, text, n);
	if (!node) {
		fail_nomem(r);
		return NULL;
	}
	node->line = r->line;
	node->col = col;
	return node;
}

static struct node *new_float(struct reader *r, size_t pos, const char *text, size_t n)
{
	struct node *node = new_node(r, NODE_FLOAT, pos);
	if (!node)
		return NULL;
	char *copy = arena_strndup(r->a, text, n); /* strtod needs the NUL */
	if (!copy) {
		fail_nomem(r);
		return NULL;
	}
	node->u.real = strtod(copy, NULL);
	return node;
}

static int parse_number(struct reader *r, size_t pos, size_t *end, struct node **out)
{
	bool is_float;
	size_t stop = match_number(r, pos, &is_float);
	if (stop == pos)
		return fail(r, pos, "Expecting value");
	size_t n = stop - pos;
	if (n > r->lim.max_scalar_bytes)
		return fail_limit(r, pos, "number length", r->lim.max_scalar_bytes);
	const char *text = (const char *)r->s + pos;
	*out = is_float ? new_float(r, pos, text, n) : new_int(r, pos, text, n);
	*end = stop;
	return *out ? 0 : r->rc;
}

/* --- literals --- */

static bool has_word(const struct reader *r, size_t pos, const char *word)
{
	size_t n = strlen(word);
	return r->len - pos >= n && memcmp(r->s + pos, word, n) == 0;
}

/* null, true, false, and with JSON_READ_NONFINITE NaN, Infinity, -Infinity.
 * Returns 1 when none of them is at pos. */
static int parse_literal(struct reader *r, size_t pos, size_t *end, struct node **out)
{
	static const struct {
		const char *word;
		enum node_kind kind;
		double value;
		bool nonfinite;
	} words[] = {
		{"null", NODE_NULL, 0, false},
		{"true", NODE_BOOL, 1, false},
		{"false", NODE_BOOL, 0, false},
		{"NaN", NODE_FLOAT, NAN, true},
		{"Infinity", NODE_FLOAT, INFINITY, true},
		{"-Infinity", NODE_FLOAT, -INFINITY, true},
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (words[i].nonfinite && !(r->flags & JSON_READ_NONFINITE))
			continue;
		if (!has_word(r, pos, words[i].word))
			continue;
		struct node *n = new_node(r, words[i].kind, pos);
		if (!n)
			return DSJ_EINPUT;
		if (words[i].kind == NODE_BOOL)
			n->u.boolean = words[i].value != 0;
		else if (words[i].kind == NODE_FLOAT)
			n->u.real = words[i].value;
		*end = pos + strlen(words[i].word);
		*out = n;
		return 0;
	}
	return 1;
}

/* --- containers --- */

static int parse_value(struct reader *r, size_t pos, size_t *end, struct node **out);

static int enter(struct reader *r, size_t pos)
{
	size_t max = r->lim.max_depth < DEPTH_CAP ? r->lim.max_depth : DEPTH_CAP;
	if (++r->depth > max)
		return fail_limit(r, pos, "nesting depth", max);
	return 0;
}

/* Python dict assignment: a repeated key keeps its first place and takes the
 * new value. Big objects find keys through the map's hash index. */
static int object_set(struct reader *r, struct node *map, struct node *key, struct node *value)
{
	long i = map_find(map, key->u.str.ptr, key->u.str.len);
	if (i >= 0) {
		map->u.map.items[i].value = value;
		return 0;
	}
	return map_push(r->a, map, key, value) ? fail_nomem(r) : 0;
}

/* One "key": value member at p, set in map; *end is past the value. */
static int object_member(struct reader *r, struct node *map, size_t p, size_t *end)
{
	struct node *key = NULL, *value = NULL;
	if (p >= r->len || r->s[p] != '"')
		return fail(r, p, "Expecting property name enclosed in double quotes");
	if (parse_string(r, p, &p, &key))
		return DSJ_EINPUT;
	p = skip_ws(r, p);
	if (p >= r->len || r->s[p] != ':')
		return fail(r, p, "Expecting ':' delimiter");
	p = skip_ws(r, p + 1);
	if (parse_value(r, p, end, &value) || object_set(r, map, key, value))
		return DSJ_EINPUT;
	return 0;
}

/* One array item at p, pushed on seq; *end is past it. */
static int array_item(struct reader *r, struct node *seq, size_t p, size_t *end)
{
	struct node *item;
	if (parse_value(r, p, end, &item))
		return DSJ_EINPUT;
	return seq_push(r->a, seq, item) ? fail_nomem(r) : 0;
}

/* An array (NODE_SEQ, [...]) or an object (NODE_MAP, {...}) at pos. */
static int parse_container(struct reader *r, enum node_kind kind, size_t pos, size_t *end,
			   struct node **out)
{
	const char close = kind == NODE_SEQ ? ']' : '}';
	struct node *n = new_node(r, kind, pos);
	if (!n || enter(r, pos))
		return DSJ_EINPUT;
	size_t p = skip_ws(r, pos + 1);
	if (p >= r->len || r->s[p] != close) {
		for (;;) {
			if (kind == NODE_SEQ ? array_item(r, n, p, &p) : object_member(r, n, p, &p))
				return DSJ_EINPUT;
			p = skip_ws(r, p);
			if (p < r->len && r->s[p] == close)
				break;
			if (p >= r->len || r->s[p] != ',')
				return fail(r, p, "Expecting ',' delimiter");
			p = skip_ws(r, p + 1);
		}
	}
	r->depth--;
	*end = p + 1;
	*out = n;
	return 0;
}

static int parse_value(struct reader *r, size_t pos, size_t *end, struct node **out)
{
	if (pos >= r->len)
		return fail(r, pos, "Expecting value");
	switch (r->s[pos]) {
	case '"':
		return parse_string(r, pos, end, out);
	case '{':
		return parse_container(r, NODE_MAP, pos, end, out);
	case '[':
		return parse_container(r, NODE_SEQ, pos, end, out);
	default:
		break;
	}
	int rc = parse_literal(r, pos, end, out);
	return rc <= 0 ? rc : parse_number(r, pos, end, out);
}

static const char *utf8_reason(const unsigned char *s, size_t len, size_t bad)
{
	if (bad == len && s[0] >= 0xC2 && s[0] <= 0xF4)
		return "unexpected end of data";
	if (bad == 1 && (s[0] < 0xC2 || s[0] > 0xF4))
		return "invalid start byte";
	return "invalid continuation byte";
}

/* Python decodes the bytes before it parses: a UnicodeDecodeError with the
 * byte range its decoder reports. */
static int check_utf8(struct reader *r)
{
	size_t i = 0;
	uint32_t cp;
	size_t n;
	r->ascii = true;
	while (i < r->len) {
		uint64_t x;
		if (i + 8 <= r->len && (memcpy(&x, r->s + i, 8), !(x & 0x8080808080808080ull))) {
			i += 8;
			continue;
		}
		if (r->s[i] < 0x80) {
			i++;
			continue;
		}
		r->ascii = false;
		if (!(n = utf8_decode(r->s + i, r->len - i, &cp)))
			break;
		i += n;
	}
	if (i == r->len)
		return 0;
	size_t bad = utf8_valid_prefix(r->s + i, r->len - i);
	const char *why = utf8_reason(r->s + i, r->len - i, bad);
	unsigned line, col;
	size_t chars;
	locate(r, i, &line, &col, &chars);
	r->rc = DSJ_EINPUT;
	if (bad == 1)
		return diag_at(r->err, DSJ_EINPUT, line, col, NULL, "UnicodeDecodeError",
			       "'utf-8' codec can't decode byte 0x%02x in position %zu: %s",
			       r->s[i], i, why);
	return diag_at(r->err, DSJ_EINPUT, line, col, NULL, "UnicodeDecodeError",
		       "'utf-8' codec can't decode bytes in position %zu-%zu: %s", i, i + bad - 1,
		       why);
}

static int read_document(struct reader *r, struct node **out)
{
	if (r->len > r->lim.max_input_bytes) {
		diag_at(r->err, DSJ_ELIMIT, 0, 0, NULL, LIMIT_ERROR,
			"input size exceeds the limit of %zu bytes", r->lim.max_input_bytes);
		return r->rc = DSJ_ELIMIT;
	}
	if (check_utf8(r))
		return r->rc;
	if (has_word(r, 0, "\xEF\xBB\xBF"))
		return fail(r, 0, "Unexpected UTF-8 BOM (decode using utf-8-sig)");
	size_t end;
	if (parse_value(r, skip_ws(r, 0), &end, out))
		return r->rc ? r->rc : DSJ_EINPUT;
	end = skip_ws(r, end);
	if (end != r->len)
		return fail(r, end, "Extra data");
	if (r->lone_surrogate) {
		char msg[80];
		snprintf(msg, sizeof(msg),
			 "Unpaired surrogate \\u%04x cannot be represented in UTF-8",
			 (unsigned)r->lone_surrogate);
		return fail(r, r->lone_surrogate_pos, msg);
	}
	return 0;
}

int json_read(struct node **out, const char *input, size_t len, struct arena *a,
	      const struct dsj_limits *lim, unsigned flags, struct dsj_error *err)
{
	struct reader r = {
		.s = (const unsigned char *)(input ? input : ""),
		.len = input ? len : 0,
		.a = a,
		.flags = flags,
		.err = err,
		.line = 1,
	};
	limits_resolve(&r.lim, lim);
	*out = NULL;
	int rc = read_document(&r, out);
	if (rc)
		*out = NULL;
	return rc;
}

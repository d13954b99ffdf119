/* Constructing values: SafeConstructor's construct_yaml_int, _float, _bool,
 * _timestamp, _binary and _str, with the Python errors they raise. */
#include "doc/yaml_construct.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "doc/yaml_scan.h"
#include "util/bigdec.h"
#include "util/diag.h"

static int value_error(struct dsj_error *err, const struct node *n, const char *type,
		       const char *msg)
{
	return diag_node(err, DSJ_EINPUT, n, NULL, type, "%s", msg);
}

/* A malloc'd, NUL-terminated copy of s without '_' (the constructors drop them). */
static char *strip_underscores(const char *s, size_t n, size_t *out_len)
{
	char *t = malloc(n + 1);
	if (!t)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '_')
			t[k++] = s[i];
	t[k] = '\0';
	*out_len = k;
	return t;
}

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_space((*s)[*n - 1]))
		(*n)--;
}

static int digit_value(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A' + 10;
	return 99;
}

#define ERR_BAD_INT 1
#define ERR_TOO_BIG 2

/* int(s, base) for ASCII digits (Python also takes surrounding whitespace and
 * the base's 0b/0o/0x prefix), accumulated into b. */
static int python_int(struct bigdec *b, const char *s, size_t n, unsigned base)
{
	trim(&s, &n);
	static const char *const prefixes[] = {[2] = "0b", [8] = "0o", [16] = "0x"};
	if (base != 10 && n >= 2 && s[0] == '0' && (s[1] | 0x20) == prefixes[base][1]) {
		s += 2;
		n -= 2;
	}
	if (n == 0)
		return ERR_BAD_INT;
	if (base == 10 && n > BIGDEC_MAX_DIGITS)
		return ERR_TOO_BIG;
	for (size_t i = 0; i < n; i++) {
		int d = digit_value(s[i]);
		if (d >= (int)base)
			return ERR_BAD_INT;
		if (bigdec_mul_add(b, base, (uint32_t)d))
			return ERR_TOO_BIG;
	}
	return 0;
}

/* Python's construct_yaml_int on the underscore-free text t. */
static int int_value(struct bigdec *b, bool *negative, const char *t, size_t n)
{
	bigdec_init(b);
	*negative = n && t[0] == '-';
	if (n && (t[0] == '-' || t[0] == '+')) {
		t++;
		n--;
	}
	if (n == 1 && t[0] == '0')
		return 0;
	if (n >= 2 && t[0] == '0' && t[1] == 'b')
		return python_int(b, t + 2, n - 2, 2);
	if (n >= 2 && t[0] == '0' && t[1] == 'x')
		return python_int(b, t + 2, n - 2, 16);
	if (n >= 1 && t[0] == '0')
		return python_int(b, t, n, 8);
	const char *colon = memchr(t, ':', n);
	if (!colon)
		return python_int(b, t, n, 10);
	int rc = python_int(b, t, (size_t)(colon - t), 10);
	while (rc == 0) {
		const char *part = colon + 1;
		colon = memchr(part, ':', n - (size_t)(part - t));
		size_t len = colon ? (size_t)(colon - part) : n - (size_t)(part - t);
		struct bigdec digit;
		bigdec_init(&digit);
		rc = python_int(&digit, part, len, 10);
		if (rc == 0 && digit.n > 1)
			rc = ERR_TOO_BIG; /* a part over 1e9: not worth supporting */
		if (rc == 0)
			rc = bigdec_mul_add(b, 60, digit.n ? digit.limb[0] : 0) ? ERR_TOO_BIG : 0;
		if (!colon)
			break;
	}
	return rc;
}

/* The text of an int or float without its '_' (malloc'd; the caller frees);
 * Python fails on what is left empty by indexing its first character. */
static int number_text(struct node *n, const char *s, size_t len, char **t, size_t *tlen,
		       struct dsj_error *err)
{
	*t = strip_underscores(s, len, tlen);
	if (!*t)
		return diag_nomem(err);
	if (*tlen == 0) {
		free(*t);
		return value_error(err, n, "IndexError", "string index out of range");
	}
	return 0;
}

static int construct_int(struct node *n, struct arena *a, const char *s, size_t len,
			 struct dsj_error *err)
{
	size_t tlen;
	char *t;
	int rc = number_text(n, s, len, &t, &tlen, err);
	if (rc)
		return rc;
	struct bigdec b;
	bool negative;
	rc = int_value(&b, &negative, t, tlen);
	free(t);
	if (rc == ERR_BAD_INT)
		return diag_node(err, DSJ_EINPUT, n, NULL, PY_VALUE_ERROR,
				 "invalid literal for int(): '%.*s'", len > 60 ? 60 : (int)len, s);
	if (rc == ERR_TOO_BIG)
		return value_error(err, n, PY_VALUE_ERROR,
				   "Exceeds the limit (4300 digits) for integer string conversion");
	char text[BIGDEC_LIMBS * 9 + 2];
	int tl = bigdec_to_text(&b, text + 1, sizeof(text) - 1);
	if (tl < 0 || tl > BIGDEC_MAX_DIGITS)
		return value_error(err, n, PY_VALUE_ERROR,
				   "Exceeds the limit (4300 digits) for integer string conversion");
	bool minus = negative && !(tl == 1 && text[1] == '0');
	text[0] = '-';
	struct node *v = node_new_int_text(a, minus ? text : text + 1, (size_t)tl + minus);
	if (!v)
		return diag_nomem(err);
	n->kind = NODE_INT;
	n->u.integer = v->u.integer;
	return 0;
}

/* Python float() syntax, after lower(): [sign] (digits [. digits] | . digits)
 * [e [sign] digits] | [sign] (inf | infinity | nan), whitespace around. */
static bool python_float_syntax(const char *s, size_t n)
{
	trim(&s, &n);
	struct cur c = {s, 0, n};
	accept(&c, "-+");
	struct cur word = c;
	if (accept_word(&word, "infinity") || accept_word(&word, "inf") ||
	    accept_word(&word, "nan"))
		return at_end(&word);
	size_t digits = accept_run(&c, DIGITS);
	if (accept(&c, "."))
		digits += accept_run(&c, DIGITS);
	if (digits == 0)
		return false;
	if (accept(&c, "e")) {
		accept(&c, "-+");
		if (accept_run(&c, DIGITS) == 0)
			return false;
	}
	return at_end(&c);
}

static bool python_float(const char *s, size_t n, double *out)
{
	if (!python_float_syntax(s, n))
		return false;
	char *copy = malloc(n + 1);
	if (!copy)
		return false;
	memcpy(copy, s, n);
	copy[n] = '\0';
	char *end;
	*out = strtod(copy, &end);
	while (is_space(*end))
		end++;
	bool ok = *end == '\0';
	free(copy);
	return ok;
}

static bool sexagesimal_float(const char *t, size_t n, double *out)
{
	/* Python sums the parts from the last one up: value += part * 60**k */
	double value = 0.0, base = 1.0;
	size_t end = n;
	for (;;) {
		size_t start = end;
		while (start > 0 && t[start - 1] != ':')
			start--;
		double part;
		if (!python_float(t + start, end - start, &part))
			return false;
		value += part * base;
		base *= 60;
		if (start == 0)
			break;
		end = start - 1;
	}
	*out = value;
	return true;
}

static bool float_value(char *t, size_t n, double *out)
{
	for (size_t i = 0; i < n; i++)
		if (t[i] >= 'A' && t[i] <= 'Z')
			t[i] = (char)(t[i] - 'A' + 'a');
	double sign = 1.0;
	if (n && t[0] == '-')
		sign = -1.0;
	if (n && (t[0] == '-' || t[0] == '+')) {
		t++;
		n--;
	}
	if (n == 4 && memcmp(t, ".inf", 4) == 0) {
		*out = sign * INFINITY;
		return true;
	}
	if (n == 4 && memcmp(t, ".nan", 4) == 0) {
		*out = NAN;
		return true;
	}
	double v;
	bool ok = memchr(t, ':', n) ? sexagesimal_float(t, n, &v) : python_float(t, n, &v);
	*out = sign * v;
	return ok;
}

static int construct_float(struct node *n, const char *s, size_t len, struct dsj_error *err)
{
	size_t tlen;
	char *t;
	int rc = number_text(n, s, len, &t, &tlen, err);
	if (rc)
		return rc;
	double v;
	bool ok = float_value(t, tlen, &v);
	free(t);
	if (!ok)
		return diag_node(err, DSJ_EINPUT, n, NULL, PY_VALUE_ERROR,
				 "could not convert string to float: '%.*s'",
				 len > 60 ? 60 : (int)len, s);
	n->kind = NODE_FLOAT;
	n->u.real = v;
	return 0;
}

static int construct_bool(struct node *n, const char *s, size_t len, struct dsj_error *err)
{
	static const char *const words[] = {"yes", "no", "true", "false", "on", "off"};
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		size_t wl = strlen(words[w]);
		bool same = wl == len;
		for (size_t i = 0; same && i < len; i++)
			same = (char)(s[i] | 0x20) == words[w][i] && (s[i] & 0x80) == 0;
		if (same) {
			n->kind = NODE_BOOL;
			n->u.boolean = w % 2 == 0;
			return 0;
		}
	}
	return diag_node(err, DSJ_EINPUT, n, NULL, PY_KEY_ERROR,
			 "'%.*s' is not a boolean: !!bool takes yes, no, true, false, on or off",
			 len > 60 ? 60 : (int)len, s);
}

static bool leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

/* Python's checks, in the order datetime.timezone() and datetime() make them. */
static const char *stamp_problem(const struct yaml_stamp *t)
{
	if (t->has_tz && !t->tz_utc && t->tz_hour * 60 + t->tz_minute >= 24 * 60)
		return "offset must be a timedelta strictly between -timedelta(hours=24) "
		       "and timedelta(hours=24).";
	if (t->year < 1)
		return "year 0 is out of range";
	if (t->month < 1 || t->month > 12)
		return "month must be in 1..12";
	if (t->day < 1 || t->day > days_in_month(t->year, t->month))
		return "day is out of range for month";
	if (t->hour > 23)
		return "hour must be in 0..23";
	if (t->minute > 59)
		return "minute must be in 0..59";
	if (t->second > 59)
		return "second must be in 0..59";
	return NULL;
}

static int construct_timestamp(struct node *n, const char *s, size_t len, struct dsj_error *err)
{
	struct yaml_stamp t;
	if (!yaml_parse_stamp(s, len, &t))
		return diag_node(err, DSJ_EINPUT, n, NULL, PY_ATTRIBUTE_ERROR,
				 "'%.*s' is not a timestamp: !!timestamp takes 2001-12-14 or "
				 "2001-12-14T21:59:43Z",
				 len > 60 ? 60 : (int)len, s);
	const char *problem = stamp_problem(&t);
	if (problem)
		return value_error(err, n, PY_VALUE_ERROR, problem);
	n->kind = t.has_time ? NODE_DATETIME : NODE_DATE;
	n->u.time = (struct node_time){.year = t.year, .month = t.month, .day = t.day};
	if (!t.has_time)
		return 0;
	n->u.time.hour = t.hour;
	n->u.time.minute = t.minute;
	n->u.time.second = t.second;
	n->u.time.microsecond = t.microsecond;
	n->u.time.has_tz = t.has_tz;
	if (t.has_tz && !t.tz_utc)
		n->u.time.tz_minutes = t.tz_sign * (t.tz_hour * 60 + t.tz_minute);
	return 0;
}

static int b64_value(unsigned char ch)
{
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A';
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a' + 26;
	if (ch >= '0' && ch <= '9')
		return ch - '0' + 52;
	if (ch == '+')
		return 62;
	if (ch == '/')
		return 63;
	return -1;
}

/* binascii.a2b_base64 in its default (non-strict) mode: other characters are
 * skipped, decoding stops at complete padding. Returns the output length, -1
 * for "Incorrect padding", -2 for a lone trailing character. */
static long base64_decode(unsigned char *dst, const char *src, size_t n)
{
	size_t out = 0;
	int quad = 0, pads = 0;
	unsigned left = 0;
	for (size_t i = 0; i < n; i++) {
		if (src[i] == '=') {
			if (quad >= 2 && quad + ++pads >= 4)
				return (long)out;
			continue;
		}
		int v = b64_value((unsigned char)src[i]);
		if (v < 0)
			continue;
		pads = 0;
		if (quad == 1)
			dst[out++] = (unsigned char)((left << 2) | ((unsigned)v >> 4));
		else if (quad == 2)
			dst[out++] = (unsigned char)((left << 4) | ((unsigned)v >> 2));
		else if (quad == 3)
			dst[out++] = (unsigned char)((left << 6) | (unsigned)v);
		left = (unsigned)v & (0x3fu >> (2 * quad)); /* the bits not yet written */
		quad = (quad + 1) % 4;
	}
	if (quad == 1)
		return -2;
	return quad ? -1 : (long)out;
}

static int construct_binary(struct node *n, struct arena *a, const char *s, size_t len,
			    struct dsj_error *err)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return diag_node(err, DSJ_EINPUT, n, NULL, "ConstructorError",
					 "failed to convert base64 data into ascii");
	unsigned char *dst = arena_alloc(a, len / 4 * 3 + 4);
	if (!dst)
		return diag_nomem(err);
	long got = base64_decode(dst, s, len);
	if (got < 0)
		return diag_node(err, DSJ_EINPUT, n, NULL, "ConstructorError",
				 "failed to decode base64 data: %s",
				 got == -1 ? "Incorrect padding"
					   : "Invalid base64-encoded string: number of data "
					     "characters cannot be 1 more than a multiple of 4");
	dst[got] = '\0';
	n->kind = NODE_BINARY;
	n->u.str.ptr = (const char *)dst;
	n->u.str.len = (size_t)got;
	return 0;
}

static int construct_str(struct node *n, struct arena *a, const char *s, size_t len,
			 struct dsj_error *err)
{
	char *copy = arena_strndup(a, s, len);
	if (!copy)
		return diag_nomem(err);
	n->kind = NODE_STR;
	n->u.str.ptr = copy;
	n->u.str.len = len;
	return 0;
}

int yaml_construct_scalar(struct node *n, struct arena *a, enum yaml_tag tag, const char *s,
			  size_t len, struct dsj_error *err)
{
	switch (tag) {
	case YTAG_NULL:
		n->kind = NODE_NULL;
		return 0;
	case YTAG_BOOL:
		return construct_bool(n, s, len, err);
	case YTAG_INT:
		return construct_int(n, a, s, len, err);
	case YTAG_FLOAT:
		return construct_float(n, s, len, err);
	case YTAG_TIMESTAMP:
		return construct_timestamp(n, s, len, err);
	case YTAG_BINARY:
		return construct_binary(n, a, s, len, err);
	case YTAG_STR:
	case YTAG_MERGE:
	case YTAG_VALUE:
		break;
	}
	return construct_str(n, a, s, len, err);
}

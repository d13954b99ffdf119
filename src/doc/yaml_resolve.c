#include "doc/yaml_resolve.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/bigdec.h"
#include "util/diag.h"

/* ---- hand-written matchers for PyYAML's resolver regexes ---- */

struct cur {
	const char *s;
	size_t i, n;
};

static bool at_end(const struct cur *c)
{
	return c->i == c->n;
}

static bool peek_in(const struct cur *c, const char *set)
{
	if (c->i >= c->n)
		return false;
	for (const char *p = set; *p; p++)
		if (*p == c->s[c->i])
			return true;
	return false;
}

static bool accept(struct cur *c, const char *set)
{
	if (!peek_in(c, set))
		return false;
	c->i++;
	return true;
}

static size_t accept_run(struct cur *c, const char *set)
{
	size_t start = c->i;
	while (accept(c, set))
		;
	return c->i - start;
}

static bool accept_word(struct cur *c, const char *w)
{
	size_t len = strlen(w);
	if (c->n - c->i < len || memcmp(c->s + c->i, w, len) != 0)
		return false;
	c->i += len;
	return true;
}

#define DIGITS "0123456789"
#define DIGITS_ "0123456789_"

/* (?::[0-5]?[0-9])+ */
static bool match_sexagesimal_groups(struct cur *c)
{
	size_t groups = 0;
	while (c->i + 1 < c->n && c->s[c->i] == ':') {
		struct cur t = *c;
		t.i++;
		if (peek_in(&t, "012345") && t.i + 1 < t.n && strchr(DIGITS, t.s[t.i + 1]) &&
		    t.s[t.i + 1] != '\0')
			t.i += 2;
		else if (!accept(&t, DIGITS))
			break;
		*c = t;
		groups++;
	}
	return groups > 0;
}

/* (?:[eE][-+][0-9]+)? then end */
static bool match_exponent_end(struct cur *c)
{
	if (accept(c, "eE")) {
		if (!accept(c, "-+") || accept_run(c, DIGITS) == 0)
			return false;
	}
	return at_end(c);
}

static bool match_float(const char *s, size_t n)
{
	struct cur c = {s, 0, n};
	if (accept(&c, ".")) {
		if (accept_word(&c, "inf") || accept_word(&c, "Inf") || accept_word(&c, "INF") ||
		    accept_word(&c, "nan") || accept_word(&c, "NaN") || accept_word(&c, "NAN"))
			return at_end(&c);
		return accept(&c, DIGITS) && (accept_run(&c, DIGITS_), match_exponent_end(&c));
	}
	accept(&c, "-+");
	if (accept(&c, ".")) {
		return accept_word(&c, "inf") || accept_word(&c, "Inf") || accept_word(&c, "INF")
			       ? at_end(&c)
			       : false;
	}
	if (!accept(&c, DIGITS))
		return false;
	accept_run(&c, DIGITS_);
	if (accept(&c, ".")) {
		accept_run(&c, DIGITS_);
		return match_exponent_end(&c);
	}
	if (!match_sexagesimal_groups(&c) || !accept(&c, "."))
		return false;
	accept_run(&c, DIGITS_);
	return at_end(&c);
}

static bool match_int(const char *s, size_t n)
{
	struct cur c = {s, 0, n};
	accept(&c, "-+");
	struct cur body = c;
	if (accept_word(&c, "0b"))
		return accept_run(&c, "01_") > 0 && at_end(&c);
	c = body;
	if (accept_word(&c, "0x"))
		return accept_run(&c, "0123456789abcdefABCDEF_") > 0 && at_end(&c);
	c = body;
	if (accept(&c, "0"))
		return at_end(&c) || (accept_run(&c, "01234567_") > 0 && at_end(&c));
	if (!accept(&c, "123456789"))
		return false;
	accept_run(&c, DIGITS_);
	if (at_end(&c))
		return true;
	return match_sexagesimal_groups(&c) && at_end(&c);
}

/* Every plain scalar starting with one of their first letters is checked
 * against these words, so compare without strlen: a word matches when its
 * first n bytes are s and its byte n ends it (strncmp stops at the word's end;
 * plain scalars hold no NUL). */
static bool match_one_of(const char *s, size_t n, const char *const *words)
{
	if (n > 5) /* the longest bool or null word */
		return false;
	for (; *words; words++)
		if (strncmp(*words, s, n) == 0 && (*words)[n] == '\0')
			return true;
	return false;
}

static bool match_bool(const char *s, size_t n)
{
	static const char *const words[] = {"yes",  "Yes",  "YES",   "no",    "No",    "NO", "true",
					    "True", "TRUE", "false", "False", "FALSE", "on", "On",
					    "ON",   "off",  "Off",   "OFF",   NULL};
	return match_one_of(s, n, words);
}

static bool match_null(const char *s, size_t n)
{
	static const char *const words[] = {"~", "null", "Null", "NULL", "", NULL};
	return match_one_of(s, n, words);
}

/* ---- timestamps ---- */

struct stamp {
	int year, month, day;
	bool has_time;
	int hour, minute, second, microsecond;
	bool has_tz, tz_utc;
	int tz_sign, tz_hour, tz_minute;
	size_t month_digits, day_digits;
};

static int take_number(struct cur *c, size_t min, size_t max, size_t *count)
{
	int v = 0;
	size_t k = 0;
	while (k < max && peek_in(c, DIGITS)) {
		v = v * 10 + (c->s[c->i] - '0');
		c->i++;
		k++;
	}
	if (count)
		*count = k;
	return k < min ? -1 : v;
}

/* (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))? then end */
static bool parse_tz_end(struct cur *c, struct stamp *t)
{
	struct cur save = *c;
	accept_run(c, " \t");
	if (accept(c, "Z")) {
		t->has_tz = t->tz_utc = true;
	} else if (peek_in(c, "-+")) {
		t->tz_sign = c->s[c->i++] == '-' ? -1 : 1;
		t->tz_hour = take_number(c, 1, 2, NULL);
		if (t->tz_hour < 0)
			return false;
		struct cur colon = *c;
		if (accept(c, ":")) {
			t->tz_minute = take_number(c, 2, 2, NULL);
			if (t->tz_minute < 0) {
				*c = colon;
				t->tz_minute = 0;
			}
		}
		t->has_tz = true;
	} else {
		*c = save;
	}
	return at_end(c);
}

static bool parse_time_end(struct cur *c, struct stamp *t)
{
	if (!accept(c, "Tt") && accept_run(c, " \t") == 0)
		return false;
	t->has_time = true;
	t->hour = take_number(c, 1, 2, NULL);
	if (t->hour < 0 || !accept(c, ":"))
		return false;
	t->minute = take_number(c, 2, 2, NULL);
	if (t->minute < 0 || !accept(c, ":"))
		return false;
	t->second = take_number(c, 2, 2, NULL);
	if (t->second < 0)
		return false;
	if (accept(c, ".")) {
		size_t digits = 0;
		while (peek_in(c, DIGITS)) {
			if (digits < 6)
				t->microsecond = t->microsecond * 10 + (c->s[c->i] - '0');
			digits++;
			c->i++;
		}
		for (; digits < 6; digits++)
			t->microsecond *= 10;
	}
	return parse_tz_end(c, t);
}

/* The constructor's timestamp regex (date parts may have one digit). */
static bool parse_stamp(const char *s, size_t n, struct stamp *t)
{
	struct cur c = {s, 0, n};
	memset(t, 0, sizeof(*t));
	t->year = take_number(&c, 4, 4, NULL);
	if (t->year < 0 || !accept(&c, "-"))
		return false;
	t->month = take_number(&c, 1, 2, &t->month_digits);
	if (t->month < 0 || !accept(&c, "-"))
		return false;
	t->day = take_number(&c, 1, 2, &t->day_digits);
	if (t->day < 0)
		return false;
	return at_end(&c) || parse_time_end(&c, t);
}

static bool match_timestamp(const char *s, size_t n)
{
	struct stamp t;
	if (!parse_stamp(s, n, &t))
		return false;
	return t.has_time || (t.month_digits == 2 && t.day_digits == 2);
}

/* Which resolvers a plain scalar's first character can start (PyYAML keys
 * its implicit resolvers by first character). A NUL byte counts for all of
 * them, as it did when these were strchr() sets. */
enum { F_BOOL = 1, F_FLOAT = 2, F_INT = 4, F_NULL = 8, F_DIGIT = 16 };

static unsigned first_char_class(char c)
{
	switch (c) {
	case '\0':
		return F_BOOL | F_FLOAT | F_INT | F_NULL | F_DIGIT;
	case 'y':
	case 'Y':
	case 't':
	case 'T':
	case 'f':
	case 'F':
	case 'o':
	case 'O':
		return F_BOOL;
	case 'n':
	case 'N':
		return F_BOOL | F_NULL;
	case '~':
		return F_NULL;
	case '.':
		return F_FLOAT;
	case '-':
	case '+':
		return F_FLOAT | F_INT;
	case '0':
	case '1':
	case '2':
	case '3':
	case '4':
	case '5':
	case '6':
	case '7':
	case '8':
	case '9':
		return F_FLOAT | F_INT | F_DIGIT;
	default:
		return 0;
	}
}

enum yaml_tag yaml_resolve_plain(const char *s, size_t n)
{
	if (n == 0)
		return YTAG_NULL;
	char first = s[0];
	unsigned cls = first_char_class(first);
	if ((cls & F_BOOL) && match_bool(s, n))
		return YTAG_BOOL;
	if ((cls & F_FLOAT) && match_float(s, n))
		return YTAG_FLOAT;
	if ((cls & F_INT) && match_int(s, n))
		return YTAG_INT;
	if (first == '<' && n == 2 && s[1] == '<')
		return YTAG_MERGE;
	if ((cls & F_NULL) && match_null(s, n))
		return YTAG_NULL;
	if ((cls & F_DIGIT) && match_timestamp(s, n))
		return YTAG_TIMESTAMP;
	if (first == '=' && n == 1)
		return YTAG_VALUE;
	return YTAG_STR;
}

/* ---- constructors ---- */

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
static const char *stamp_problem(const struct stamp *t)
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
	struct stamp t;
	if (!parse_stamp(s, len, &t))
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

/* Choosing the tag: PyYAML's implicit resolvers (YAML 1.1 regexes) as
 * hand-written matchers over the scalar's bytes. */
#include "doc/yaml_resolve_tag.h"

#include <stdbool.h>
#include <string.h>

#include "doc/yaml_scan.h"

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

/* YAML 1.1 spells each bool and null word three ways ("true", "True",
 * "TRUE"): s (n bytes) is one of the spellings of the lowercase `word` (wn
 * bytes). Every plain scalar starting with a word's first letter is checked,
 * so the length decides most of them and there are no string calls. */
static bool is_spelling_of(const char *s, size_t n, const char *word, size_t wn)
{
	if (n != wn)
		return false;
	bool lower = true, capital = true, upper = true;
	for (size_t i = 0; i < n && (lower || capital || upper); i++) {
		char up = (char)(word[i] - 'a' + 'A');
		lower = lower && s[i] == word[i];
		upper = upper && s[i] == up;
		capital = capital && s[i] == (i ? word[i] : up);
	}
	return lower || capital || upper;
}
#define SPELLING_OF(s, n, word) is_spelling_of(s, n, word, sizeof(word) - 1)

/* yes/no, true/false, on/off, each in its three spellings */
static bool match_bool(const char *s, size_t n)
{
	switch (s[0]) {
	case 'y':
	case 'Y':
		return SPELLING_OF(s, n, "yes");
	case 'n':
	case 'N':
		return SPELLING_OF(s, n, "no");
	case 't':
	case 'T':
		return SPELLING_OF(s, n, "true");
	case 'f':
	case 'F':
		return SPELLING_OF(s, n, "false");
	case 'o':
	case 'O':
		return SPELLING_OF(s, n, "on") || SPELLING_OF(s, n, "off");
	default:
		return false;
	}
}

/* ~, null (three spellings), or nothing at all */
static bool match_null(const char *s, size_t n)
{
	return n == 0 || (n == 1 && s[0] == '~') || SPELLING_OF(s, n, "null");
}

/* ---- timestamps ---- */

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
static bool parse_tz_end(struct cur *c, struct yaml_stamp *t)
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

static bool parse_time_end(struct cur *c, struct yaml_stamp *t)
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

bool yaml_parse_stamp(const char *s, size_t n, struct yaml_stamp *t)
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
	struct yaml_stamp t;
	if (!yaml_parse_stamp(s, n, &t))
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

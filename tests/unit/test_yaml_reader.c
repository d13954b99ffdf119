#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc/yaml_reader.h"
#include "py/pyrepr.h"

/* A Python-like rendering of a tree: floats by repr (so 1000.0 vs 1000),
 * strings in single quotes, dates as date(...), bytes as b'...'. */
static void render(struct buf *b, const struct node *n)
{
	char f[40];
	const struct node_time *t = &n->u.time;
	switch (n->kind) {
	case NODE_NULL:
		buf_puts(b, "None");
		break;
	case NODE_BOOL:
		buf_puts(b, n->u.boolean ? "True" : "False");
		break;
	case NODE_INT:
		buf_append(b, n->u.integer.text.ptr, n->u.integer.text.len);
		break;
	case NODE_FLOAT:
		py_float_repr(f, sizeof(f), n->u.real);
		buf_puts(b, f);
		break;
	case NODE_STR:
	case NODE_BINARY:
		buf_puts(b, n->kind == NODE_BINARY ? "b'" : "'");
		buf_append(b, n->u.str.ptr, n->u.str.len);
		buf_putc(b, '\'');
		break;
	case NODE_DATE:
		buf_printf(b, "date(%d,%d,%d)", t->year, t->month, t->day);
		break;
	case NODE_DATETIME:
		buf_printf(b, "dt(%d,%d,%d,%d,%d,%d,%d", t->year, t->month, t->day, t->hour,
			   t->minute, t->second, t->microsecond);
		if (t->has_tz)
			buf_printf(b, ",tz=%d", t->tz_minutes);
		buf_putc(b, ')');
		break;
	case NODE_SEQ:
		buf_putc(b, '[');
		for (size_t i = 0; i < n->u.seq.count; i++) {
			if (i)
				buf_puts(b, ", ");
			render(b, n->u.seq.items[i]);
		}
		buf_putc(b, ']');
		break;
	case NODE_MAP:
		buf_putc(b, '{');
		for (size_t i = 0; i < n->u.map.count; i++) {
			if (i)
				buf_puts(b, ", ");
			render(b, n->u.map.items[i].key);
			buf_puts(b, ": ");
			render(b, n->u.map.items[i].value);
		}
		buf_putc(b, '}');
		break;
	}
}

static void check_len(const char *yaml, size_t len, const char *want)
{
	struct arena a;
	arena_init(&a, 0);
	struct dsj_error err;
	memset(&err, 0, sizeof(err));
	struct node *root;
	int rc = yaml_read(&root, yaml, len, &a, NULL, &err);
	if (rc != 0)
		fail_msg("%s: unexpected %s: %s", yaml, err.type, err.message);
	struct buf b;
	buf_init(&b, 0);
	render(&b, root);
	if (strcmp(buf_cstr(&b), want) != 0)
		fail_msg("%s: got %s, want %s", yaml, buf_cstr(&b), want);
	buf_free(&b);
	arena_free(&a);
}

static void check(const char *yaml, const char *want)
{
	check_len(yaml, strlen(yaml), want);
}

/* Reads one error; returns it for further checks. */
static struct dsj_error read_error_limits(const char *yaml, size_t len,
					  const struct dsj_limits *lim, int code, const char *type)
{
	struct arena a;
	arena_init(&a, 0);
	struct dsj_error err;
	memset(&err, 0, sizeof(err));
	struct node *root;
	int rc = yaml_read(&root, yaml, len, &a, lim, &err);
	arena_free(&a);
	if (rc != code || err.code != code || strcmp(err.type, type) != 0)
		fail_msg("%.60s: got %d %s (%s), want %d %s", yaml, rc, err.type, err.message, code,
			 type);
	return err;
}

static struct dsj_error read_error(const char *yaml, int code, const char *type)
{
	return read_error_limits(yaml, strlen(yaml), NULL, code, type);
}

static void test_ints(void **state)
{
	(void)state;
	check("010", "8");
	check("0o10", "'0o10'");
	check("08", "'08'");
	check("0x1F", "31");
	check("0b101", "5");
	check("1:30", "90");
	check("-1:30", "-90");
	check("1_000", "1000");
	check("0_", "0");
	check("-0", "0");
	check("+12", "12");
	check("0b", "'0b'");
	check("1:60", "'1:60'");
	check("12345678901234567890123", "12345678901234567890123");
	check("-12345678901234567890123", "-12345678901234567890123");
	check("0x_FFFF_FFFF_FFFF_FFFF_FF", "4722366482869645213695");
	check("077777777777777777777777777", "302231454903657293676543");
	check("!!int '42'", "42");
	check("!!int 0o10", "8");
}

static void test_floats(void **state)
{
	(void)state;
	check("1e3", "'1e3'");
	check("1.0e+3", "1000.0");
	check("1.5e3", "'1.5e3'");
	check("1.5e+3", "1500.0");
	check(".5", "0.5");
	check("+.5", "'+.5'");
	check("1.", "1.0");
	check("1_0.5", "10.5");
	check("190:20:30.15", "685230.15");
	check(".NaN", "nan");
	check(".nan", "nan");
	check(".inf", "inf");
	check("-.inf", "-inf");
	check("+.INF", "inf");
	check(".iNf", "'.iNf'");
	check("!!float 1e3", "1000.0");
	check("!!float '1'", "1.0");
}

static void test_bools_and_nulls(void **state)
{
	(void)state;
	check("[Yes, yes, ON, off, No, TRUE, False]",
	      "[True, True, True, False, False, True, False]");
	check("[y, n, tRUE, nULL]", "['y', 'n', 'tRUE', 'nULL']");
	check("[~, null, Null, NULL, ]", "[None, None, None, None]");
	check("a:", "{'a': None}");
	check("!!bool 'On'", "True");
	check("!!null x", "None");
}

static void test_timestamps(void **state)
{
	(void)state;
	check("2001-12-14", "date(2001,12,14)");
	check("2001-1-14", "'2001-1-14'");
	check("!!timestamp 2001-1-2", "date(2001,1,2)");
	check("2001-12-14t21:59:43.10-05:00", "dt(2001,12,14,21,59,43,100000,tz=-300)");
	check("2001-12-14 21:59:43.10 -5", "dt(2001,12,14,21,59,43,100000,tz=-300)");
	check("2001-12-14T21:59:43Z", "dt(2001,12,14,21,59,43,0,tz=0)");
	check("2001-12-14 21:59:43", "dt(2001,12,14,21,59,43,0)");
	check("2001-12-14 1:02:03.1234567", "dt(2001,12,14,1,2,3,123456)");
	check("2000-02-29", "date(2000,2,29)");
	struct dsj_error e = read_error("2001-13-14", DSJ_EINPUT, "ValueError");
	assert_string_equal(e.message, "month must be in 1..12");
	read_error("2001-02-29", DSJ_EINPUT, "ValueError");
	read_error("2001-12-14T24:00:00", DSJ_EINPUT, "ValueError");
	read_error("2001-12-14T21:59:43+99", DSJ_EINPUT, "ValueError");
	read_error("!!timestamp x", DSJ_EINPUT, "AttributeError");
}

static void test_strings_and_tags(void **state)
{
	(void)state;
	check("['123', \"yes\", '', \"~\"]", "['123', 'yes', '', '~']");
	check("!!str 123", "'123'");
	check("! 123", "123"); /* the non-specific tag still resolves (PyYAML) */
	check("a: !", "{'a': None}");
	check("!!binary YWJj", "b'abc'");
	check("!!binary |\n  YWJj\n  ZGVm\n", "b'abcdef'");
	check("!!binary \"YW Jj=\"", "b'abc'");
	check("!!set {a, b}", "{'a': None, 'b': None}");
	check("!!omap [a: 1, b: 2]", "[['a', 1], ['b', 2]]");
	check("=: 1", "{'=': 1}");
	check("key: \"\\x41\\u00e9\"", "{'key': 'A\xc3\xa9'}");
	check("a: >\n  folded\n  text\n", "{'a': 'folded text\n'}");
	check_len("\"a\\0b\"", 6, "'a\0b'");
	struct dsj_error e =
		read_error("!!python/name:os.system x", DSJ_EINPUT, "ConstructorError");
	assert_string_equal(e.message, "could not determine a constructor for the tag "
				       "'tag:yaml.org,2002:python/name:os.system'");
	read_error("!foo x", DSJ_EINPUT, "ConstructorError");
	e = read_error("a: =", DSJ_EINPUT, "ConstructorError");
	assert_string_equal(
		e.message,
		"could not determine a constructor for the tag 'tag:yaml.org,2002:value'");
	read_error("a: <<", DSJ_EINPUT, "ConstructorError");
	read_error("!!seq x", DSJ_EINPUT, "ConstructorError");
	read_error("!!str [1]", DSJ_EINPUT, "ConstructorError");
	read_error("!!omap [a]", DSJ_EINPUT, "ConstructorError");
	read_error("!!int x", DSJ_EINPUT, "ValueError");
	read_error("!!int ''", DSJ_EINPUT, "IndexError");
	read_error("!!bool x", DSJ_EINPUT, "KeyError");
	read_error("!!binary YQ", DSJ_EINPUT, "ConstructorError");
}

static void test_mappings(void **state)
{
	(void)state;
	check("a: &x {k: 1}\nb: *x\n", "{'a': {'k': 1}, 'b': {'k': 1}}");
	check("base: &b {a: 1, b: 2}\nd:\n  <<: *b\n  b: 3\n  c: 4\n",
	      "{'base': {'a': 1, 'b': 2}, 'd': {'a': 1, 'b': 3, 'c': 4}}");
	check("x: {a: 1, <<: {b: 2, a: 0}}", "{'x': {'b': 2, 'a': 1}}");
	check("x: {<<: [{a: 1}, {a: 2, b: 3}], c: 4}", "{'x': {'a': 1, 'b': 3, 'c': 4}}");
	check("a: 1\nb: 2\na: 3\n", "{'a': 3, 'b': 2}");
	check("{1: a, 1.0: b, true: c}", "{1: 'c'}");
	check("{0: a, false: b, 0.0: c, '0': d}", "{0: 'c', '0': 'd'}");
	check("'<<': 1", "{'<<': 1}");
	/* a merge bringing in more keys than the mapping has pairs (found by fuzzing:
	 * the key index was sized for the pairs alone and filled up) */
	check("a: &x {k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7, k8: 8, k9: 9}\n"
	      "b: {<<: [*x, *x], z: 0}\n",
	      "{'a': {'k1': 1, 'k2': 2, 'k3': 3, 'k4': 4, 'k5': 5, 'k6': 6, 'k7': 7, 'k8': 8, "
	      "'k9': 9}, 'b': {'k1': 1, 'k2': 2, 'k3': 3, 'k4': 4, 'k5': 5, 'k6': 6, 'k7': 7, "
	      "'k8': 8, 'k9': 9, 'z': 0}}");
	read_error("[[1], 2]: x", DSJ_EINPUT, "ConstructorError");
	read_error("{{a: 1}: x}", DSJ_EINPUT, "ConstructorError");
	read_error("x: {<<: 1}", DSJ_EINPUT, "ConstructorError");
	read_error("x: {<<: [{a: 1}, 2]}", DSJ_EINPUT, "ConstructorError");
	read_error("a: &x 1\nb: &x 2\n", DSJ_EINPUT, "ComposerError");
	read_error("*x", DSJ_EINPUT, "ComposerError");
}

static void test_documents_and_positions(void **state)
{
	(void)state;
	check("", "None");
	check("# only a comment\n", "None");
	check("---\n", "None");
	check("%YAML 1.1\n---\nfoo\n...\n", "'foo'");
	struct arena a;
	arena_init(&a, 0);
	struct node *root;
	assert_int_equal(yaml_read(&root, "a:\n  - x\n  - yes\n", 17, &a, NULL, NULL), 0);
	struct node *seq = map_get(root, "a");
	assert_int_equal(seq->line, 2);
	assert_int_equal(seq->col, 3);
	assert_int_equal(seq->u.seq.items[1]->line, 3);
	assert_int_equal(seq->u.seq.items[1]->col, 5);
	arena_free(&a);

	struct dsj_error e = read_error("a: 1\n---\nb: 2\n", DSJ_EINPUT, "ComposerError");
	assert_string_equal(e.message, "expected a single document in the stream");
	assert_int_equal(e.line, 2);
}

static void test_syntax_errors(void **state)
{
	(void)state;
	struct dsj_error e = read_error("a:\n\tb: 1\n", DSJ_EINPUT, "ScannerError");
	assert_string_equal(e.message, "found character '\\t' that cannot start any token "
				       "(indent with spaces: YAML does not take tabs)");
	assert_int_equal(e.line, 2);
	assert_int_equal(e.column, 1);
	e = read_error("a: x: y\n", DSJ_EINPUT, "ScannerError");
	assert_string_equal(e.message,
			    "mapping values are not allowed in this context (a value "
			    "with ': ' in it: quote the value, or check the indentation)");
	e = read_error("a: 'unclosed\n", DSJ_EINPUT, "ScannerError");
	assert_int_equal(e.line, 2);
	assert_int_equal(e.column, 1);
	assert_non_null(strstr(e.message, "found unexpected end of stream"));
	read_error("- a\nb: c", DSJ_EINPUT, "ParserError");
	read_error("[1, 2", DSJ_EINPUT, "ParserError");
	e = read_error("a: \x01", DSJ_EINPUT, "ReaderError");
	assert_int_equal(e.line, 1);
	assert_int_equal(e.column, 4);
	read_error_limits("a: \0b", 5, NULL, DSJ_EINPUT, "ReaderError");
	read_error("a: \xff\xfe", DSJ_EINPUT, "ReaderError");
	/* a constructor error loses to a later syntax error, as in PyYAML */
	read_error("a: !foo x\nb: [", DSJ_EINPUT, "ParserError");
}

static char *repeat(const char *s, size_t times, const char *tail)
{
	size_t len = strlen(s), tl = strlen(tail);
	char *out = malloc(len * times + tl + 1);
	for (size_t i = 0; i < times; i++)
		memcpy(out + i * len, s, len);
	memcpy(out + len * times, tail, tl + 1);
	return out;
}

static void test_limits(void **state)
{
	(void)state;
	const char *bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
			   "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
			   "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
			   "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
			   "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
			   "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
			   "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
			   "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
			   "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
	read_error(bomb, DSJ_ELIMIT, "LimitError");

	char *deep = repeat("[", 100000, "");
	read_error(deep, DSJ_ELIMIT, "LimitError");
	free(deep);
	char *deep_map = repeat("{a: ", 300, "1");
	read_error(deep_map, DSJ_ELIMIT, "LimitError");
	free(deep_map);

	struct dsj_limits lim = {.max_scalar_bytes = 4};
	read_error_limits("abcde", 5, &lim, DSJ_ELIMIT, "LimitError");
	lim = (struct dsj_limits){.max_input_bytes = 4};
	read_error_limits("a: bc", 5, &lim, DSJ_ELIMIT, "LimitError");
	lim = (struct dsj_limits){.max_depth = 3};
	read_error_limits("a: &a [[1]]\nb: [*a]", 19, &lim, DSJ_ELIMIT, "LimitError");
	check("a: &a [[1]]\nb: [*a]", "{'a': [[1]], 'b': [[[1]]]}");
	read_error("&a [*a]", DSJ_ELIMIT, "LimitError");

	char *digits = repeat("1", 4301, "");
	read_error(digits, DSJ_EINPUT, "ValueError");
	free(digits);
}

/* Duplicate keys as a Python dict merges them: the last value wins under the
 * first key. Each case runs as a small map and as one with a hash index
 * (padding where the case has "@"), so both lookups must agree. */
struct dict_case {
	const char *yaml, *want;
};

static const struct dict_case dict_cases[] = {
#include "dict_keys_cases.h"
};

static void with_padding(struct buf *b, const char *text, bool pad, bool quoted)
{
	for (const char *p = text; *p; p++) {
		if (*p != '@') {
			buf_putc(b, *p);
			continue;
		}
		for (int i = 0; pad && i < 20; i++)
			buf_printf(b, quoted ? "'p%d': %d, " : "p%d: %d, ", i, i);
	}
}

static void test_duplicate_keys(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(dict_cases) / sizeof(dict_cases[0]); i++)
		for (int pad = 0; pad < 2; pad++) {
			struct buf yaml, want;
			buf_init(&yaml, 0);
			buf_init(&want, 0);
			buf_putc(&yaml, '{');
			with_padding(&yaml, dict_cases[i].yaml, pad, false);
			buf_putc(&yaml, '}');
			buf_putc(&want, '{');
			with_padding(&want, dict_cases[i].want, pad, true);
			buf_putc(&want, '}');
			check(buf_cstr(&yaml), buf_cstr(&want));
			buf_free(&yaml);
			buf_free(&want);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ints),
		cmocka_unit_test(test_floats),
		cmocka_unit_test(test_bools_and_nulls),
		cmocka_unit_test(test_timestamps),
		cmocka_unit_test(test_strings_and_tags),
		cmocka_unit_test(test_mappings),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_documents_and_positions),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

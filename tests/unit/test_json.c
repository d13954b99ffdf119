#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/diag.h"
#include "doc/json.h"
#include "test_rng.h"
#include "util/utf8.h"

/* --- helpers --- */

static struct arena arena;

static int setup(void **state)
{
	(void)state;
	arena_init(&arena, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	return 0;
}

static struct node *readn(const char *text, size_t len, unsigned flags)
{
	struct node *n = NULL;
	struct dsj_error err;
	diag_clear(&err);
	int rc = json_read(&n, text, len, &arena, NULL, flags, &err);
	if (rc)
		fail_msg("json_read(%s): %s", text, err.message);
	assert_non_null(n);
	return n;
}

static struct node *read_ok(const char *text)
{
	return readn(text, strlen(text), 0);
}

/* Reads text expecting a failure; checks code, type, message, line, column. */
static void check_fail_n(const char *text, size_t len, unsigned flags, const struct dsj_limits *lim,
			 int code, const char *type, const char *message, unsigned line,
			 unsigned col)
{
	struct node *n = (struct node *)&n;
	struct dsj_error err;
	diag_clear(&err);
	int rc = json_read(&n, text, len, &arena, lim, flags, &err);
	assert_int_equal(rc, code);
	if (code == DSJ_OK) {
		assert_non_null(n);
		return;
	}
	assert_null(n);
	assert_int_equal(err.code, code);
	assert_string_equal(err.type, type);
	if (message)
		assert_string_equal(err.message, message);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, col);
}

static void check_fail(const char *text, const char *message, unsigned line, unsigned col)
{
	check_fail_n(text, strlen(text), 0, NULL, DSJ_EINPUT, "JSONDecodeError", message, line,
		     col);
}

static char *write_str(const struct node *n, unsigned flags)
{
	static char text[4096];
	struct buf b;
	struct dsj_error err;
	diag_clear(&err);
	buf_init(&b, 0);
	int rc = json_write(&b, n, flags, &err);
	if (rc)
		fail_msg("json_write: %s", err.message);
	size_t len = strlen(buf_cstr(&b));
	assert_true(len < sizeof(text));
	memcpy(text, buf_cstr(&b), len + 1);
	buf_free(&b);
	return text;
}

/* json.dumps(json.loads(in)) == want */
static void check_dumps(const char *in, const char *want)
{
	struct node *n = readn(in, strlen(in), JSON_READ_NONFINITE);
	struct buf b;
	struct dsj_error err;
	diag_clear(&err);
	buf_init(&b, 0);
	assert_int_equal(py_json_dumps(&b, n, &err), 0);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

/* --- reader --- */

static void test_read_types(void **state)
{
	(void)state;
	struct node *n =
		read_ok(" {\"a\": [1, -2.5, \"x\", true, false, null], \"b\": {}, \"c\": []}\n");
	assert_int_equal(n->kind, NODE_MAP);
	assert_int_equal(n->u.map.count, 3);
	struct node *a = map_get(n, "a");
	assert_int_equal(a->kind, NODE_SEQ);
	assert_int_equal(a->u.seq.count, 6);
	assert_int_equal(a->u.seq.items[0]->kind, NODE_INT);
	assert_int_equal(a->u.seq.items[0]->u.integer.i64, 1);
	assert_true(a->u.seq.items[0]->u.integer.fits);
	assert_int_equal(a->u.seq.items[1]->kind, NODE_FLOAT);
	assert_true(a->u.seq.items[1]->u.real == -2.5);
	assert_int_equal(a->u.seq.items[2]->kind, NODE_STR);
	assert_string_equal(a->u.seq.items[2]->u.str.ptr, "x");
	assert_int_equal(a->u.seq.items[3]->kind, NODE_BOOL);
	assert_true(a->u.seq.items[3]->u.boolean);
	assert_false(a->u.seq.items[4]->u.boolean);
	assert_int_equal(a->u.seq.items[5]->kind, NODE_NULL);
	assert_int_equal(map_get(n, "b")->kind, NODE_MAP);
	assert_int_equal(map_get(n, "b")->u.map.count, 0);
	assert_int_equal(map_get(n, "c")->kind, NODE_SEQ);
	assert_int_equal(read_ok("\"\"")->u.str.len, 0);
	assert_int_equal(read_ok("\t\r\n 7 \t\r\n")->u.integer.i64, 7);
}

static void test_read_positions(void **state)
{
	(void)state;
	struct node *n = read_ok("{\n  \"k\": [1,\n   \"\xc3\xa9\", 3],\r\n \"z\":null}");
	assert_int_equal(n->line, 1);
	assert_int_equal(n->col, 1);
	struct node_pair *p = &n->u.map.items[0];
	assert_int_equal(p->key->line, 2);
	assert_int_equal(p->key->col, 3);
	assert_int_equal(p->value->line, 2);
	assert_int_equal(p->value->col, 8);
	struct node **it = p->value->u.seq.items;
	assert_int_equal(it[0]->col, 9);
	assert_int_equal(it[1]->line, 3);
	assert_int_equal(it[1]->col, 4);
	/* columns count characters, as Python does: "é" is one */
	assert_int_equal(it[2]->line, 3);
	assert_int_equal(it[2]->col, 9);
	assert_int_equal(n->u.map.items[1].key->line, 4);
	assert_int_equal(n->u.map.items[1].key->col, 2);
	assert_int_equal(n->u.map.items[1].value->col, 6);
}

static void test_read_numbers(void **state)
{
	(void)state;
	const char *big = "-123456789012345678901234567890";
	struct node *n = read_ok(big);
	assert_int_equal(n->kind, NODE_INT);
	assert_false(n->u.integer.fits);
	assert_string_equal(n->u.integer.text.ptr, big);
	n = read_ok("-0");
	assert_int_equal(n->kind, NODE_INT);
	assert_string_equal(n->u.integer.text.ptr, "0");
	assert_int_equal(n->u.integer.i64, 0);
	n = read_ok("-0.0");
	assert_int_equal(n->kind, NODE_FLOAT);
	assert_true(signbit(n->u.real));
	assert_int_equal(read_ok("1.0")->kind, NODE_FLOAT);
	assert_int_equal(read_ok("1")->kind, NODE_INT);
	assert_int_equal(read_ok("1e2")->kind, NODE_FLOAT);
	assert_true(read_ok("1E+2")->u.real == 100.0);
	assert_true(read_ok("25e-1")->u.real == 2.5);
	assert_true(isinf(read_ok("1e400")->u.real));
	assert_true(read_ok("-1e400")->u.real < 0);
	assert_true(read_ok("0.1")->u.real == 0.1);
	assert_int_equal(read_ok("9223372036854775807")->kind, NODE_INT);
	assert_string_equal(read_ok("9223372036854775807")->u.integer.text.ptr,
			    "9223372036854775807");
	check_fail("01", "Extra data: line 1 column 2 (char 1)", 1, 2);
	check_fail("1.", "Extra data: line 1 column 2 (char 1)", 1, 2);
	check_fail("1e", "Extra data: line 1 column 2 (char 1)", 1, 2);
	check_fail("[1.]", "Expecting ',' delimiter: line 1 column 3 (char 2)", 1, 3);
	check_fail("-", "Expecting value: line 1 column 1 (char 0)", 1, 1);
	check_fail("+1", "Expecting value: line 1 column 1 (char 0)", 1, 1);
	check_fail(".5", "Expecting value: line 1 column 1 (char 0)", 1, 1);
}

static void test_read_strings(void **state)
{
	(void)state;
	struct node *n = read_ok("\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00z\"");
	assert_int_equal(n->u.str.len, 19);
	assert_memory_equal(n->u.str.ptr, "a\"\\/\b\f\n\r\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z",
			    19);
	n = read_ok("\"\\u0000x\"");
	assert_int_equal(n->u.str.len, 2);
	assert_memory_equal(n->u.str.ptr, "\0x", 2);
	n = read_ok("\"\xf0\x9f\x98\x80 \x7f\"");
	assert_int_equal(n->u.str.len, 6);
	check_fail("\"\\ud800\"",
		   "Unpaired surrogate \\ud800 cannot be represented in UTF-8: line 1 column 2 "
		   "(char 1)",
		   1, 2);
	check_fail("\"\\udc00\\ud800\"", NULL, 1, 2);
	check_fail("\"\\ud800\\u0041\"", NULL, 1, 2);
	check_fail("\"ab\\udfff\"", NULL, 1, 4);
	/* a later syntax error is reported as Python reports it */
	check_fail("[\"\\ud800\", x]", "Expecting value: line 1 column 12 (char 11)", 1, 12);
}

static void test_read_duplicates(void **state)
{
	(void)state;
	struct node *n = read_ok("{\"a\": 1, \"b\": 2, \"a\": 3}");
	assert_int_equal(n->u.map.count, 2);
	assert_string_equal(n->u.map.items[0].key->u.str.ptr, "a");
	assert_int_equal(n->u.map.items[0].value->u.integer.i64, 3);
	assert_int_equal(n->u.map.items[1].value->u.integer.i64, 2);

	/* many keys: the hashed path, with repeats spread through it */
	struct buf b;
	buf_init(&b, 0);
	buf_putc(&b, '{');
	for (int i = 0; i < 3000; i++)
		buf_printf(&b, "%s\"k%d\": %d", i ? ", " : "", i % 1000, i);
	buf_putc(&b, '}');
	n = read_ok(buf_cstr(&b));
	assert_int_equal(n->u.map.count, 1000);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(n->u.map.items[i].value->u.integer.i64, 2000 + i);
	assert_string_equal(n->u.map.items[999].key->u.str.ptr, "k999");
	buf_free(&b);
}

static void test_read_big_object_linear(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	buf_putc(&b, '{');
	for (int i = 0; i < 100000; i++)
		buf_printf(&b, "%s\"key%d\":%d", i ? "," : "", i, i);
	buf_putc(&b, '}');
	struct node *n = read_ok(buf_cstr(&b));
	assert_int_equal(n->u.map.count, 100000);
	buf_free(&b);
}

static void test_read_errors(void **state)
{
	(void)state;
	check_fail("", "Expecting value: line 1 column 1 (char 0)", 1, 1);
	check_fail("  \n ", "Expecting value: line 2 column 2 (char 4)", 2, 2);
	check_fail("{",
		   "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)", 1,
		   2);
	check_fail("{'a': 1}",
		   "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)", 1,
		   2);
	check_fail("{\"a\":1,}",
		   "Expecting property name enclosed in double quotes: line 1 column 8 (char 7)", 1,
		   8);
	check_fail("[1,", "Expecting value: line 1 column 4 (char 3)", 1, 4);
	check_fail("[1,]", "Expecting value: line 1 column 4 (char 3)", 1, 4);
	check_fail("[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)", 1, 4);
	check_fail("{\"a\":1 \"b\":2}", "Expecting ',' delimiter: line 1 column 8 (char 7)", 1, 8);
	check_fail("{\"a\" 1}", "Expecting ':' delimiter: line 1 column 6 (char 5)", 1, 6);
	check_fail("\"abc", "Unterminated string starting at: line 1 column 1 (char 0)", 1, 1);
	check_fail("[\"\\", "Unterminated string starting at: line 1 column 2 (char 1)", 1, 2);
	check_fail("\"a\nb\"", "Invalid control character at: line 1 column 3 (char 2)", 1, 3);
	check_fail("\"a\tb\"", "Invalid control character at: line 1 column 3 (char 2)", 1, 3);
	check_fail("\"\\x\"", "Invalid \\escape: line 1 column 2 (char 1)", 1, 2);
	check_fail("\"\\u12\"", "Invalid \\uXXXX escape: line 1 column 3 (char 2)", 1, 3);
	check_fail("\"\\u12zz\"", "Invalid \\uXXXX escape: line 1 column 3 (char 2)", 1, 3);
	check_fail("\"\\ud800\\u12x4\"", "Invalid \\uXXXX escape: line 1 column 9 (char 8)", 1, 9);
	check_fail("1 2", "Extra data: line 1 column 3 (char 2)", 1, 3);
	check_fail("\"\xc3\xa9\" x", "Extra data: line 1 column 5 (char 4)", 1, 5);
	check_fail("\n\n  [x]", "Expecting value: line 3 column 4 (char 5)", 3, 4);
	check_fail("nul", "Expecting value: line 1 column 1 (char 0)", 1, 1);
	check_fail("True", "Expecting value: line 1 column 1 (char 0)", 1, 1);
	check_fail("\xef\xbb\xbf{}",
		   "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)", 1, 1);
	check_fail("[1]\f", "Extra data: line 1 column 4 (char 3)", 1, 4);
	check_fail("\v1", "Expecting value: line 1 column 1 (char 0)", 1, 1);
}

static void check_utf8_fail(const char *text, size_t len, const char *message, unsigned col)
{
	check_fail_n(text, len, 0, NULL, DSJ_EINPUT, "UnicodeDecodeError", message, 1, col);
}

static void test_read_bad_utf8(void **state)
{
	(void)state;
	check_utf8_fail("\xff", 1,
			"'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
			1);
	check_utf8_fail(
		"\"\xe2\x82\"", 4,
		"'utf-8' codec can't decode bytes in position 1-2: invalid continuation byte", 2);
	check_utf8_fail("\xe2\x82", 2,
			"'utf-8' codec can't decode bytes in position 0-1: unexpected end of data",
			1);
	/* overlong, encoded surrogate, above U+10FFFF, truncated 4-byte */
	check_utf8_fail("\xc0\xaf", 2,
			"'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte",
			1);
	check_utf8_fail(
		"\xe0\x80\x80", 3,
		"'utf-8' codec can't decode byte 0xe0 in position 0: invalid continuation byte", 1);
	check_utf8_fail(
		"\"\xed\xa0\x80\"", 5,
		"'utf-8' codec can't decode byte 0xed in position 1: invalid continuation byte", 2);
	check_utf8_fail(
		"\xf4\x90\x80\x80", 4,
		"'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte", 1);
	check_utf8_fail("\"\xc3\xa9\xf0\x9f\x98", 6,
			"'utf-8' codec can't decode bytes in position 3-5: unexpected end of data",
			3);
	check_utf8_fail("\xf5\x80\x80\x80", 4,
			"'utf-8' codec can't decode byte 0xf5 in position 0: invalid start byte",
			1);
}

static void test_read_nul_bytes(void **state)
{
	(void)state;
	check_fail_n("\"a\0b\"", 5, 0, NULL, DSJ_EINPUT, "JSONDecodeError",
		     "Invalid control character at: line 1 column 3 (char 2)", 1, 3);
	check_fail_n("1\0", 2, 0, NULL, DSJ_EINPUT, "JSONDecodeError",
		     "Extra data: line 1 column 2 (char 1)", 1, 2);
	check_fail_n("\0", 1, 0, NULL, DSJ_EINPUT, "JSONDecodeError", NULL, 1, 1);
	/* a length that stops before the NUL-terminated end */
	struct node *n = readn("[1, 2]garbage", 6, 0);
	assert_int_equal(n->u.seq.count, 2);
	check_fail_n("[1, 2]", 5, 0, NULL, DSJ_EINPUT, "JSONDecodeError",
		     "Expecting ',' delimiter: line 1 column 6 (char 5)", 1, 6);
	check_fail_n("\"\\u00", 5, 0, NULL, DSJ_EINPUT, "JSONDecodeError", NULL, 1, 3);
	check_fail_n("tru", 3, 0, NULL, DSJ_EINPUT, "JSONDecodeError", NULL, 1, 1);
	/* NULL input with length 0 */
	check_fail_n(NULL, 0, 0, NULL, DSJ_EINPUT, "JSONDecodeError", NULL, 1, 1);
}

static void test_read_nonfinite(void **state)
{
	(void)state;
	check_fail("NaN", "Expecting value: line 1 column 1 (char 0)", 1, 1);
	check_fail("[Infinity]", "Expecting value: line 1 column 2 (char 1)", 1, 2);
	check_fail("-Infinity", "Expecting value: line 1 column 1 (char 0)", 1, 1);
	const char *t = "[NaN, Infinity, -Infinity]";
	struct node *n = readn(t, strlen(t), JSON_READ_NONFINITE);
	assert_true(isnan(n->u.seq.items[0]->u.real));
	assert_true(isinf(n->u.seq.items[1]->u.real) && n->u.seq.items[1]->u.real > 0);
	assert_true(isinf(n->u.seq.items[2]->u.real) && n->u.seq.items[2]->u.real < 0);
	assert_int_equal(n->u.seq.items[2]->col, 17);
}

static void test_read_limits(void **state)
{
	(void)state;
	size_t deep = 100000;
	char *text = malloc(deep);
	assert_non_null(text);
	memset(text, '[', deep);
	check_fail_n(text, deep, 0, NULL, DSJ_ELIMIT, "LimitError",
		     "nesting depth exceeds the limit of 256", 1, 257);
	free(text);

	/* a caller's huge limit is capped where the stack is still safe */
	text = malloc(2 * deep);
	assert_non_null(text);
	memset(text, '[', deep);
	memset(text + deep, ']', deep);
	struct dsj_limits huge = {.max_depth = deep * 2, .max_input_bytes = deep * 4};
	check_fail_n(text, 2 * deep, 0, &huge, DSJ_ELIMIT, "LimitError",
		     "nesting depth exceeds the limit of 10000", 1, 10001);
	check_fail_n(text + deep - 5000, 10000, 0, &huge, DSJ_OK, "", NULL, 0, 0);
	free(text);

	struct dsj_limits lim = {.max_depth = 3};
	assert_non_null(readn("[[[1]]]", 7, 0));
	check_fail_n("[[[1]]]", 7, 0, &lim, DSJ_OK, "", NULL, 0, 0);
	check_fail_n("[[[[1]]]]", 9, 0, &lim, DSJ_ELIMIT, "LimitError", NULL, 1, 4);
	check_fail_n("[{\"a\":[{}]}]", 12, 0, &lim, DSJ_ELIMIT, "LimitError", NULL, 1, 8);

	lim = (struct dsj_limits){.max_nodes = 4};
	check_fail_n("[1, 2, 3]", 9, 0, &lim, DSJ_OK, "", NULL, 0, 0);
	check_fail_n("[1, 2, 3, 4]", 12, 0, &lim, DSJ_ELIMIT, "LimitError", NULL, 1, 11);
	lim = (struct dsj_limits){.max_scalar_bytes = 3};
	check_fail_n("[\"abc\"]", 7, 0, &lim, DSJ_OK, "", NULL, 0, 0);
	check_fail_n("[\"abcd\"]", 8, 0, &lim, DSJ_ELIMIT, "LimitError", NULL, 1, 2);
	check_fail_n("\"\\u00e9\\u00e9\"", 14, 0, &lim, DSJ_ELIMIT, "LimitError", NULL, 1, 1);
	check_fail_n("12345", 5, 0, &lim, DSJ_ELIMIT, "LimitError", NULL, 1, 1);
	lim = (struct dsj_limits){.max_input_bytes = 4};
	check_fail_n("[1 ]", 4, 0, &lim, DSJ_OK, "", NULL, 0, 0);
	check_fail_n("[1, 2]", 6, 0, &lim, DSJ_ELIMIT, "LimitError", NULL, 0, 0);
}

/* --- writer --- */

static void test_write_python_cases(void **state)
{
	(void)state;
	check_dumps("{\"a\": \"\xc3\xbcn\xc3\xaf\", \"b\": [1, 2.5, null, true], \"c\": {}}",
		    "{\"a\": \"\\u00fcn\\u00ef\", \"b\": [1, 2.5, null, true], \"c\": {}}");
	check_dumps("\"\xf0\x9f\x98\x80\"", "\"\\ud83d\\ude00\"");
	check_dumps("\"\\u001f\\u007f\\u0000\"", "\"\\u001f\\u007f\\u0000\"");
	check_dumps("\"q\\\" b\\\\ \\/ \\b\\f\\n\\r\\t\"", "\"q\\\" b\\\\ / \\b\\f\\n\\r\\t\"");
	check_dumps("[16.0, 1e-05, 1E16, 0.1, -0.0, 1e400, NaN, -Infinity, 123456789012345678901]",
		    "[16.0, 1e-05, 1e+16, 0.1, -0.0, Infinity, NaN, -Infinity, "
		    "123456789012345678901]");
	check_dumps("[]", "[]");
	check_dumps("{}", "{}");
	check_dumps("[[], {}, [[]]]", "[[], {}, [[]]]");
	check_dumps("\"\xe2\x82\xac\xef\xbf\xbf\"", "\"\\u20ac\\uffff\"");
}

static void test_write_utf8_raw(void **state)
{
	(void)state;
	struct node *n = read_ok("[\"\\u00fc\\u007f\\u001f\\ud83d\\ude00\", \"a\\\"\"]");
	assert_string_equal(write_str(n, 0),
			    "[\"\xc3\xbc\x7f\\u001f\xf0\x9f\x98\x80\", \"a\\\"\"]");
}

static void test_write_keys(void **state)
{
	(void)state;
	struct node *m = node_new(&arena, NODE_MAP, 0, 0);
	map_push(&arena, m, node_new_int(&arena, 1), node_new_int(&arena, 2));
	map_push(&arena, m, node_new_float(&arena, 1.5), node_new_int(&arena, 3));
	map_push(&arena, m, node_new_bool(&arena, true), node_new_int(&arena, 4));
	map_push(&arena, m, node_new_bool(&arena, false), node_new_int(&arena, 5));
	map_push(&arena, m, node_new(&arena, NODE_NULL, 0, 0), node_new_int(&arena, 6));
	map_push(&arena, m, node_new_float(&arena, INFINITY), node_new_int(&arena, 7));
	map_push(&arena, m, node_new_cstr(&arena, "\xc3\xa9"), node_new_int(&arena, 8));
	struct buf b;
	struct dsj_error err;
	diag_clear(&err);
	buf_init(&b, 0);
	assert_int_equal(py_json_dumps(&b, m, &err), 0);
	assert_string_equal(buf_cstr(&b), "{\"1\": 2, \"1.5\": 3, \"true\": 4, \"false\": 5, "
					  "\"null\": 6, \"Infinity\": 7, \"\\u00e9\": 8}");
	buf_free(&b);

	struct node *d = node_new(&arena, NODE_DATE, 3, 4);
	map_push(&arena, m, d, node_new_int(&arena, 9));
	buf_init(&b, 0);
	assert_int_equal(py_json_dumps(&b, m, &err), -1);
	assert_string_equal(err.type, "TypeError");
	assert_string_equal(err.message, "keys must be str, int, float, bool or None, not date");
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 4);
	buf_free(&b);
}

static void check_not_serializable(enum node_kind kind, const char *message)
{
	struct node *seq = node_new(&arena, NODE_SEQ, 0, 0);
	seq_push(&arena, seq, node_new_int(&arena, 1));
	seq_push(&arena, seq, node_new(&arena, kind, 7, 9));
	struct buf b;
	struct dsj_error err;
	diag_clear(&err);
	buf_init(&b, 0);
	assert_int_equal(json_write(&b, seq, JSON_PRETTY, &err), -1);
	assert_int_equal(err.code, DSJ_EINPUT);
	assert_string_equal(err.type, "TypeError");
	assert_string_equal(err.message, message);
	assert_int_equal(err.line, 7);
	assert_int_equal(err.column, 9);
	buf_free(&b);
}

static void test_write_not_serializable(void **state)
{
	(void)state;
	check_not_serializable(NODE_DATE, "Object of type date is not JSON serializable");
	check_not_serializable(NODE_DATETIME, "Object of type datetime is not JSON serializable");
	check_not_serializable(NODE_BINARY, "Object of type bytes is not JSON serializable");
}

static void test_write_pretty(void **state)
{
	(void)state;
	struct node *n =
		read_ok("{\"a\": [1, {}], \"b\": [], \"c\": {\"d\": null, \"e\": \"\xc3\xa9\"}}");
	assert_string_equal(write_str(n, JSON_PRETTY), "{\n"
						       "  \"a\": [\n"
						       "    1,\n"
						       "    {}\n"
						       "  ],\n"
						       "  \"b\": [],\n"
						       "  \"c\": {\n"
						       "    \"d\": null,\n"
						       "    \"e\": \"\xc3\xa9\"\n"
						       "  }\n"
						       "}");
	assert_string_equal(write_str(n, JSON_PRETTY | JSON_ASCII),
			    "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": [],\n  \"c\": {\n"
			    "    \"d\": null,\n    \"e\": \"\\u00e9\"\n  }\n}");
	assert_string_equal(write_str(read_ok("[]"), JSON_PRETTY), "[]");
	assert_string_equal(write_str(read_ok("3"), JSON_PRETTY), "3");
	assert_string_equal(
		write_str(n, 0),
		"{\"a\": [1, {}], \"b\": [], \"c\": {\"d\": null, \"e\": \"\xc3\xa9\"}}");
}

/* --- round trip --- */

static uint32_t random_code_point(void)
{
	switch (test_rng_below(5)) {
	case 0:
		return test_rng_below(0x20); /* control, NUL included */
	case 1:
		return 0x20 + test_rng_below(0x60);
	case 2:
		return 0x80 + test_rng_below(0x780);
	case 3: {
		uint32_t cp = 0x800 + test_rng_below(0x10000 - 0x800);
		return cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp;
	}
	default:
		return 0x10000 + test_rng_below(0x100000);
	}
}

static struct node *random_string(void)
{
	char text[64 * 4];
	size_t len = 0, count = test_rng_below(12);
	for (size_t i = 0; i < count; i++)
		len += utf8_encode(random_code_point(), text + len);
	return node_new_str(&arena, text, len);
}

static struct node *random_scalar(void)
{
	static const double floats[] = {
		0.0,   -0.0, 1.5, 1e-05, 1e16, 0.1, 123456.789, -2.5e-300, 1.7976931348623157e308,
		5e-324};
	switch (test_rng_below(6)) {
	case 0:
		return node_new(&arena, NODE_NULL, 0, 0);
	case 1:
		return node_new_bool(&arena, test_rng_below(2));
	case 2:
		return node_new_int(&arena, (int64_t)test_rng_below(2000000) - 1000000);
	case 3:
		if (test_rng_below(2))
			return node_new_float(&arena, floats[test_rng_below(10)]);
		return node_new_float(&arena, ((double)test_rng_below(1u << 30) - (1 << 29)) /
						      (1 + test_rng_below(1000)));
	case 4:
		return node_new_int_text(&arena, "-98765432109876543210123", 24);
	default:
		return random_string();
	}
}

static struct node *random_tree(int depth)
{
	uint32_t pick = depth > 4 ? 0 : test_rng_below(4);
	if (pick < 2)
		return random_scalar();
	struct node *n = node_new(&arena, pick == 2 ? NODE_SEQ : NODE_MAP, 0, 0);
	uint32_t count = test_rng_below(5);
	for (uint32_t i = 0; i < count; i++) {
		if (pick == 2) {
			seq_push(&arena, n, random_tree(depth + 1));
			continue;
		}
		struct node *key = random_string();
		map_set_node(&arena, n, key, random_tree(depth + 1));
	}
	return n;
}

static void round_trip(const struct node *tree, unsigned flags)
{
	struct buf b;
	struct dsj_error err;
	diag_clear(&err);
	buf_init(&b, 0);
	assert_int_equal(json_write(&b, tree, flags, &err), 0);
	struct node *back = NULL;
	int rc = json_read(&back, b.data, b.len, &arena, NULL, 0, &err);
	if (rc)
		fail_msg("re-read failed: %s\n%s", err.message, buf_cstr(&b));
	if (!node_equal(tree, back, true))
		fail_msg("round trip changed the tree: %s", buf_cstr(&b));
	buf_free(&b);
}

static void test_round_trip(void **state)
{
	(void)state;
	static const unsigned flag_sets[] = {0, JSON_ASCII, JSON_PRETTY, JSON_PRETTY | JSON_ASCII};
	test_rng_state = 0x9E3779B97F4A7C15u;
	for (int i = 0; i < 4000; i++)
		round_trip(random_tree(0), flag_sets[i % 4]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_positions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_duplicates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_big_object_linear, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_bad_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_nul_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_nonfinite, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_python_cases, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_utf8_raw, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_not_serializable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_pretty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "py/shlex.h"

struct split_case {
	const char *in;
	const char *err; /* NULL when split succeeds */
	size_t count;
	const char *tokens[8];
};

struct quote_case {
	const char *in;
	const char *want;
};

/* Expected values generated with Python 3.11.7: shlex.split / shlex.quote. */
static const struct split_case split_cases[] = {
	{"", NULL, 0, {NULL}},
	{"   ", NULL, 0, {NULL}},
	{"a", NULL, 1, {"a"}},
	{"a b", NULL, 2, {"a", "b"}},
	{"  a   b  ", NULL, 2, {"a", "b"}},
	{"a\011b\012c\015d", NULL, 4, {"a", "b", "c", "d"}},
	{"a 'b c' d", NULL, 3, {"a", "b c", "d"}},
	{"a \"b c\" d", NULL, 3, {"a", "b c", "d"}},
	{"a '' b", NULL, 3, {"a", "", "b"}},
	{"a \"\" b", NULL, 3, {"a", "", "b"}},
	{"''", NULL, 1, {""}},
	{"\"\"", NULL, 1, {""}},
	{"a'b c'd", NULL, 1, {"ab cd"}},
	{"a\"b\"c", NULL, 1, {"abc"}},
	{"a\\ b", NULL, 1, {"a b"}},
	{"a\\\012b", NULL, 1, {"a\012b"}},
	{"\\a", NULL, 1, {"a"}},
	{"'\\a'", NULL, 1, {"\\a"}},
	{"\"\\a\"", NULL, 1, {"\\a"}},
	{"\"\\\"\"", NULL, 1, {"\""}},
	{"\"\\\\\"", NULL, 1, {"\\"}},
	{"\"a\\$b\"", NULL, 1, {"a\\$b"}},
	{"'it'\"'\"'s'", NULL, 1, {"it's"}},
	{"#comment here", NULL, 2, {"#comment", "here"}},
	{"a#b # c", NULL, 3, {"a#b", "#", "c"}},
	{"$HOME ${X}", NULL, 2, {"$HOME", "${X}"}},
	{"'unterminated", "No closing quotation", 0, {NULL}},
	{"\"unterminated", "No closing quotation", 0, {NULL}},
	{"trailing\\", "No escaped character", 0, {NULL}},
	{"\"a\\", "No escaped character", 0, {NULL}},
	{"'a\\'", NULL, 1, {"a\\"}},
	{"a 'b", "No closing quotation", 0, {NULL}},
	{"h\303\251llo w\303\266rld", NULL, 2, {"h\303\251llo", "w\303\266rld"}},
	{"'\346\227\245\346\234\254 \350\252\236'",
	 NULL,
	 1,
	 {"\346\227\245\346\234\254 \350\252\236"}},
	{"x\\'y", NULL, 1, {"x'y"}},
	{"\"'\" '\"'", NULL, 2, {"'", "\""}},
	{"a\\\\b", NULL, 1, {"a\\b"}},
	{"\"\\\012\"", NULL, 1, {"\\\012"}},
	{"'\012'", NULL, 1, {"\012"}},
	{"-c 'import sys; print(sys.argv)'", NULL, 2, {"-c", "import sys; print(sys.argv)"}},
	{"--flag=value --other='a b'", NULL, 2, {"--flag=value", "--other=a b"}},
	{"\\\"", NULL, 1, {"\""}},
	{"\\'", NULL, 1, {"'"}},
	{"a\302\240b", NULL, 1, {"a\302\240b"}},
	{" \\  ", NULL, 1, {" "}},
	{"\"\"\"\"", NULL, 1, {""}},
	{"''''x", NULL, 1, {"x"}},
	{"a\"\"b", NULL, 1, {"ab"}},
	{"\\\\", NULL, 1, {"\\"}},
	{"\\\011", NULL, 1, {"\011"}},
};
static const struct quote_case quote_cases[] = {
	{"", "''"},
	{"abc", "abc"},
	{"a b", "'a b'"},
	{"it's", "'it'\"'\"'s'"},
	{"a_b@c%d+e=f:g,h.i/j-k", "a_b@c%d+e=f:g,h.i/j-k"},
	{"\303\251", "'\303\251'"},
	{"$HOME", "'$HOME'"},
	{"a\"b", "'a\"b'"},
	{"'", "''\"'\"''"},
	{"''", "''\"'\"''\"'\"''"},
	{"\012", "'\012'"},
	{"x*", "'x*'"},
	{"~", "'~'"},
	{"#", "'#'"},
	{"!", "'!'"},
	{"a\011b", "'a\011b'"},
	{"-", "-"},
	{"\346\227\245\346\234\254", "'\346\227\245\346\234\254'"},
};

static void test_split_python_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(split_cases) / sizeof(split_cases[0]); i++) {
		const struct split_case *c = &split_cases[i];
		struct arena a;
		arena_init(&a, 0);
		struct node *seq = NULL;
		const char *err = NULL;
		int rc = shlex_split(&a, c->in, strlen(c->in), &seq, &err);
		if (c->err) {
			assert_int_equal(rc, -1);
			assert_string_equal(err, c->err);
			assert_null(seq);
		} else {
			assert_int_equal(rc, 0);
			assert_non_null(seq);
			assert_int_equal(seq->kind, NODE_SEQ);
			assert_int_equal(seq->u.seq.count, c->count);
			for (size_t k = 0; k < c->count; k++) {
				struct node *t = seq->u.seq.items[k];
				assert_int_equal(t->kind, NODE_STR);
				assert_int_equal(t->u.str.len, strlen(c->tokens[k]));
				assert_memory_equal(t->u.str.ptr, c->tokens[k], t->u.str.len);
			}
		}
		arena_free(&a);
	}
}

static void test_split_embedded_nul(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct node *seq = NULL;
	const char *err = NULL;
	assert_int_equal(shlex_split(&a, "a\0b 'c\0'", 8, &seq, &err), 0);
	assert_int_equal(seq->u.seq.count, 2);
	assert_int_equal(seq->u.seq.items[0]->u.str.len, 3);
	assert_memory_equal(seq->u.seq.items[0]->u.str.ptr, "a\0b", 3);
	assert_int_equal(seq->u.seq.items[1]->u.str.len, 2);
	assert_memory_equal(seq->u.seq.items[1]->u.str.ptr, "c\0", 2);
	arena_free(&a);
}

static void test_quote_python_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(quote_cases) / sizeof(quote_cases[0]); i++) {
		struct buf b;
		buf_init(&b, 0);
		assert_int_equal(shlex_quote(&b, quote_cases[i].in, strlen(quote_cases[i].in)), 0);
		assert_string_equal(buf_cstr(&b), quote_cases[i].want);
		buf_free(&b);
	}
}

static void test_quote_every_ascii_byte(void **state)
{
	(void)state;
	/* Exactly these stay bare (Python: [^\w@%+=:,./-] with re.ASCII). */
	const char *safe =
		"%+,-./0123456789:=@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
	for (int c = 1; c < 256; c++) {
		char in = (char)c;
		struct buf b;
		buf_init(&b, 0);
		assert_int_equal(shlex_quote(&b, &in, 1), 0);
		bool bare = c < 128 && strchr(safe, c) != NULL;
		assert_int_equal(b.len, bare ? 1 : c == '\'' ? 7 : 3);
		buf_free(&b);
	}
}

static uint64_t rng_next(uint64_t *s)
{
	/* xorshift64* */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static const char *const fragments[] = {
	"a",
	"b",
	"Z",
	"0",
	"_",
	"-",
	"=",
	".",
	"/",
	":",
	" ",
	"  ",
	"\t",
	"\n",
	"\r",
	"'",
	"\"",
	"\\",
	"\\\\",
	"#",
	"$",
	"${X}",
	"*",
	"~",
	"!",
	";",
	"&",
	"|",
	"\xc3\xa9",
	"\xe6\x97\xa5",
	"\xf0\x9f\x98\x80",
	"\xc2\xa0",
	"''",
	"\"\"",
	"'\"'",
};

static void test_split_quote_roundtrip_property(void **state)
{
	(void)state;
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	size_t nfrag = sizeof(fragments) / sizeof(fragments[0]);
	struct buf args[6];
	for (int k = 0; k < 6; k++)
		buf_init(&args[k], 0);
	struct buf line;
	buf_init(&line, 0);
	for (long iter = 0; iter < 100000; iter++) {
		size_t nargs = (size_t)(rng_next(&seed) % 7);
		buf_reset(&line);
		for (size_t k = 0; k < nargs; k++) {
			buf_reset(&args[k]);
			size_t pieces = (size_t)(rng_next(&seed) % 7);
			for (size_t p = 0; p < pieces; p++)
				buf_puts(&args[k], fragments[rng_next(&seed) % nfrag]);
			if (k > 0)
				buf_putc(&line, ' ');
			assert_int_equal(
				shlex_quote(&line, args[k].data ? args[k].data : "", args[k].len),
				0);
		}
		struct arena a;
		arena_init(&a, 0);
		struct node *seq = NULL;
		const char *err = NULL;
		assert_int_equal(shlex_split(&a, line.data ? line.data : "", line.len, &seq, &err),
				 0);
		assert_int_equal(seq->u.seq.count, nargs);
		for (size_t k = 0; k < nargs; k++) {
			const struct node *t = seq->u.seq.items[k];
			assert_int_equal(t->u.str.len, args[k].len);
			if (args[k].len)
				assert_memory_equal(t->u.str.ptr, args[k].data, args[k].len);
		}
		arena_free(&a);
	}
	for (int k = 0; k < 6; k++)
		buf_free(&args[k]);
	buf_free(&line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_python_cases),
		cmocka_unit_test(test_split_embedded_nul),
		cmocka_unit_test(test_quote_python_cases),
		cmocka_unit_test(test_quote_every_ascii_byte),
		cmocka_unit_test(test_split_quote_roundtrip_property),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "py/envinterp.h"
#include "py/pystrrepr.h"

#define MAXV 12

struct interp_case {
	size_t n;
	const char *names[MAXV];
	const char *values[MAXV];
	const char *want[MAXV]; /* want[0] == NULL when an error is expected */
	const char *err_type;
	const char *err_message;
	size_t err_index;
};

/* Generated with Python 3.11.7 running ADS's EnvVarInterpolation. */
static const struct interp_case interp_cases[] = {
	{2, {"A", "B"}, {"plain", "x $ y $$ z $"}, {"plain", "x $ y $ z $"}, NULL, NULL, 0},
	{3,
	 {"A", "B", "C"},
	 {"1", "${A}/${A}", "${B}-${envs:A}"},
	 {"1", "1/1", "1/1-1"},
	 NULL,
	 NULL,
	 0},
	{3, {"A", "B", "C"}, {"${B}", "${C}", "end"}, {"end", "end", "end"}, NULL, NULL, 0},
	{2,
	 {"A", "B"},
	 {"pre ${MISSING} ${B} post", "b"},
	 {"pre ${MISSING} ${B} post", "b"},
	 NULL,
	 NULL,
	 0},
	{3,
	 {"A", "B", "C"},
	 {"${B}x${C}", "[${NOPE}]${C}", "c"},
	 {"[${NOPE}]${C}xc", "[${NOPE}]${C}", "c"},
	 NULL,
	 NULL,
	 0},
	{2, {"A", "B"}, {"${other:B}", "b"}, {"${other:B}", "b"}, NULL, NULL, 0},
	{2, {"A", "B"}, {"${DEFAULT:B}", "b"}, {"${DEFAULT:B}", "b"}, NULL, NULL, 0},
	{2, {"A", "B"}, {"${:B}|${envs:}", "b"}, {"${:B}|${envs:}", "b"}, NULL, NULL, 0},
	{2, {"A", "a"}, {"${a}", "lower"}, {"lower", "lower"}, NULL, NULL, 0},
	{1,
	 {"A"},
	 {"${A}"},
	 {NULL},
	 "InterpolationDepthError",
	 "Recursion limit exceeded in value substitution: option 'A' in section 'envs' contains an "
	 "interpolation key which cannot be substituted in 10 steps. Raw value: '${A}'",
	 0},
	{2,
	 {"A", "B"},
	 {"x${B}", "y${A}"},
	 {NULL},
	 "InterpolationDepthError",
	 "Recursion limit exceeded in value substitution: option 'A' in section 'envs' contains an "
	 "interpolation key which cannot be substituted in 10 steps. Raw value: 'x${B}'",
	 0},
	{2,
	 {"A", "B"},
	 {"ok", "${}"},
	 {NULL},
	 "InterpolationSyntaxError",
	 "Bad interpolation variable reference '${}'",
	 1},
	{1,
	 {"A"},
	 {"bad ${A"},
	 {NULL},
	 "InterpolationSyntaxError",
	 "Bad interpolation variable reference '${A'",
	 0},
	{1,
	 {"A"},
	 {"${a:b:c} tail 'q'"},
	 {NULL},
	 "InterpolationSyntaxError",
	 "More than one ':' found: \" tail 'q'\"",
	 0},
	{2, {"A", "B"}, {"$$${B}", "$$"}, {"$$", "$"}, NULL, NULL, 0},
	{2, {"A", "B"}, {"${B}", "$"}, {"$", "$"}, NULL, NULL, 0},
	{1,
	 {"A"},
	 {"it's \"${X\012\011\303\251\302\240\001"},
	 {NULL},
	 "InterpolationSyntaxError",
	 "Bad interpolation variable reference '${X\\n\\t\303\251\\xa0\\x01'",
	 0},
	{3,
	 {"P", "PATH", "HOME"},
	 {"/usr/bin", "${P}:${HOME}", "/home/u"},
	 {"/usr/bin", "/usr/bin:/home/u", "/home/u"},
	 NULL,
	 NULL,
	 0},
	{4,
	 {"A", "B", "C", "D"},
	 {"${B} and ${B}", "${C}${C}", "${D}", "d"},
	 {"dd and dd", "dd", "d", "d"},
	 NULL,
	 NULL,
	 0},
	{11,
	 {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"},
	 {"${B}", "${C}", "${D}", "${E}", "${F}", "${G}", "${H}", "${I}", "${J}", "${K}", "k$"},
	 {NULL},
	 "InterpolationDepthError",
	 "Recursion limit exceeded in value substitution: option 'K' in section 'envs' contains an "
	 "interpolation key which cannot be substituted in 10 steps. Raw value: 'k$'",
	 0},
	{12,
	 {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"},
	 {"${B}", "${C}", "${D}", "${E}", "${F}", "${G}", "${H}", "${I}", "${J}", "${K}", "${L}",
	  "l$"},
	 {NULL},
	 "InterpolationDepthError",
	 "Recursion limit exceeded in value substitution: option 'K' in section 'envs' contains an "
	 "interpolation key which cannot be substituted in 10 steps. Raw value: '${L}'",
	 0},
	{2,
	 {"X", "Y"},
	 {"${Y", "y"},
	 {NULL},
	 "InterpolationSyntaxError",
	 "Bad interpolation variable reference '${Y'",
	 0},
	{2, {"A", "B"}, {"${B}", "${x}}"}, {"${x}}", "${x}}"}, NULL, NULL, 0},
	{2, {"A", "$"}, {"${$}", "dollar"}, {"dollar", "dollar"}, NULL, NULL, 0},
	{1,
	 {"A"},
	 {"${envs:B:}"},
	 {NULL},
	 "InterpolationSyntaxError",
	 "More than one ':' found: ''",
	 0},
	{2, {"A", "with space"}, {"${with space}", "ws"}, {"ws", "ws"}, NULL, NULL, 0},
	{2,
	 {"A", "B"},
	 {"${B}", "${B}"},
	 {NULL},
	 "InterpolationDepthError",
	 "Recursion limit exceeded in value substitution: option 'B' in section 'envs' contains an "
	 "interpolation key which cannot be substituted in 10 steps. Raw value: '${B}'",
	 0},
};

static void test_interp_python_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(interp_cases) / sizeof(interp_cases[0]); i++) {
		const struct interp_case *c = &interp_cases[i];
		struct str names[MAXV], values[MAXV], out[MAXV];
		for (size_t k = 0; k < c->n; k++) {
			names[k] = (struct str){c->names[k], strlen(c->names[k])};
			values[k] = (struct str){c->values[k], strlen(c->values[k])};
		}
		struct arena a;
		arena_init(&a, 0);
		struct env_interp_error e;
		int rc = env_interpolate(&a, names, values, c->n, out, &e);
		if (c->err_type) {
			assert_int_equal(rc, -1);
			assert_string_equal(e.type, c->err_type);
			assert_string_equal(e.message, c->err_message);
			assert_int_equal(e.index, c->err_index);
		} else {
			assert_int_equal(rc, 0);
			for (size_t k = 0; k < c->n; k++) {
				assert_int_equal(out[k].len, strlen(c->want[k]));
				assert_string_equal(out[k].ptr, c->want[k]);
			}
		}
		arena_free(&a);
	}
}

static void test_interp_many_variables(void **state)
{
	(void)state;
	enum { N = 10000 };
	struct str *names = calloc(N, sizeof(*names));
	struct str *values = calloc(N, sizeof(*values));
	struct str *out = calloc(N, sizeof(*out));
	assert_non_null(names);
	assert_non_null(values);
	assert_non_null(out);
	struct arena a;
	arena_init(&a, 0);
	for (size_t i = 0; i < N; i++) {
		char tmp[64];
		int len = snprintf(tmp, sizeof(tmp), "VAR_%zu", i);
		names[i] = (struct str){arena_strndup(&a, tmp, (size_t)len), (size_t)len};
		/* odd ones refer to the previous (even, plain) one */
		if (i % 2)
			len = snprintf(tmp, sizeof(tmp), "<${VAR_%zu}>", i - 1);
		else
			len = snprintf(tmp, sizeof(tmp), "v%zu", i);
		values[i] = (struct str){arena_strndup(&a, tmp, (size_t)len), (size_t)len};
	}
	struct env_interp_error e;
	assert_int_equal(env_interpolate(&a, names, values, N, out, &e), 0);
	for (size_t i = 0; i < N; i++) {
		char want[64];
		if (i % 2)
			snprintf(want, sizeof(want), "<v%zu>", i - 1);
		else
			snprintf(want, sizeof(want), "v%zu", i);
		assert_string_equal(out[i].ptr, want);
	}
	arena_free(&a);
	free(names);
	free(values);
	free(out);
}

static void test_interp_fan_out(void **state)
{
	(void)state;
	/* Each level doubles: A0 = ${A1}${A1}, ..., A9 = "x$$": 2^9 copies of "x$". */
	struct str names[10], values[10], out[10];
	char name_text[10][4];
	for (int i = 0; i < 10; i++) {
		snprintf(name_text[i], sizeof(name_text[i]), "A%d", i);
		names[i] = (struct str){name_text[i], 2};
	}
	char value_text[9][16];
	for (int i = 0; i < 9; i++) {
		int len = snprintf(value_text[i], sizeof(value_text[i]), "${A%d}${A%d}", i + 1,
				   i + 1);
		values[i] = (struct str){value_text[i], (size_t)len};
	}
	values[9] = (struct str){"x$$", 3};
	struct arena a;
	arena_init(&a, 0);
	struct env_interp_error e;
	assert_int_equal(env_interpolate(&a, names, values, 10, out, &e), 0);
	assert_int_equal(out[0].len, 2 * 512);
	assert_memory_equal(out[0].ptr, "x$x$", 4);
	assert_string_equal(out[9].ptr, "x$");
	arena_free(&a);
}

static void test_interp_empty_and_nul(void **state)
{
	(void)state;
	struct str names[3] = {{"", 0}, {"B", 1}, {"C", 1}};
	struct str values[3] = {{NULL, 0}, {"${}x", 4}, {"a\0${}", 5}};
	struct str out[3];
	struct arena a;
	arena_init(&a, 0);
	struct env_interp_error e;
	/* "${}" never matches, so B fails even though a variable named "" exists */
	assert_int_equal(env_interpolate(&a, names, values, 3, out, &e), -1);
	assert_int_equal(e.index, 1);
	assert_string_equal(e.message, "Bad interpolation variable reference '${}x'");
	/* ${envs:} names the empty option, which exists here */
	values[1] = (struct str){"[${envs:}]", 10};
	values[0] = (struct str){"e", 1};
	assert_int_equal(env_interpolate(&a, names, values, 3, out, &e), -1);
	assert_int_equal(e.index, 2);
	assert_string_equal(e.message, "Bad interpolation variable reference '${}'");
	assert_string_equal(out[1].ptr, "[e]");
	arena_free(&a);
}

static void check_repr(const char *in, size_t len, const char *want)
{
	struct buf b;
	buf_init(&b, 0);
	assert_true(py_str_repr(&b, in, len));
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void test_py_str_repr(void **state)
{
	(void)state;
	/* expected values from Python 3.11.7 repr() */
	check_repr("", 0, "''");
	check_repr("abc", 3, "'abc'");
	check_repr("it's", 4, "\"it's\"");
	check_repr("say \"hi\"", 8, "'say \"hi\"'");
	check_repr("both ' and \"", 12, "'both \\' and \"'");
	check_repr("back\\slash", 10, "'back\\\\slash'");
	check_repr("\011\012\015\000\037\177", 6, "'\\t\\n\\r\\x00\\x1f\\x7f'");
	check_repr("\303\251\302\240\302\255\302\205", 8, "'\303\251\\xa0\\xad\\x85'");
	check_repr("\342\200\213\342\200\250\357\273\277\315\270", 11,
		   "'\\u200b\\u2028\\ufeff\\u0378'");
	check_repr("\360\237\230\200\363\240\200\201\364\217\277\277", 12,
		   "'\360\237\230\200\\U000e0001\\U0010ffff'");
	check_repr("\356\200\200\346\227\245\346\234\254", 9, "'\\ue000\346\227\245\346\234\254'");
	check_repr("\xff\xc3", 2, "'\\xff\\xc3'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_interp_python_cases),
		cmocka_unit_test(test_interp_many_variables),
		cmocka_unit_test(test_interp_fan_out),
		cmocka_unit_test(test_interp_empty_and_nul),
		cmocka_unit_test(test_py_str_repr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

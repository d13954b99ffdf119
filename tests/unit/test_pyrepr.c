#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "py/pyrepr.h"

static void check_repr(double v, const char *want)
{
	char got[40];
	py_float_repr(got, sizeof(got), v);
	assert_string_equal(got, want);
}

static void test_float_repr_python_cases(void **state)
{
	(void)state;
	check_repr(1500.0, "1500.0");
	check_repr(1e-05, "1e-05");
	check_repr(0.0001, "0.0001");
	check_repr(1e16, "1e+16");
	check_repr(1e15, "1000000000000000.0");
	check_repr(123456789012345678.0, "1.2345678901234568e+17");
	check_repr(0.1, "0.1");
	check_repr(0.1 + 0.2, "0.30000000000000004");
	check_repr(-2.5, "-2.5");
	check_repr(0.0, "0.0");
	check_repr(-0.0, "-0.0");
	check_repr(INFINITY, "inf");
	check_repr(-INFINITY, "-inf");
	check_repr(NAN, "nan");
	check_repr(1.5e300, "1.5e+300");
	check_repr(5e-324, "5e-324");
	check_repr(1.7976931348623157e308, "1.7976931348623157e+308");
	check_repr(0.00012, "0.00012");
	check_repr(12345.678, "12345.678");
	check_repr(100.0, "100.0");
}

static void check_str(const struct node *n, const char *want)
{
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(py_str(&b, n), 0);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void test_str_scalars(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	check_str(node_new(&a, NODE_NULL, 0, 0), "None");
	check_str(node_new_bool(&a, true), "True");
	check_str(node_new_bool(&a, false), "False");
	check_str(node_new_int(&a, -90), "-90");
	check_str(node_new_int_text(&a, "123456789012345678901234567890", 30),
		  "123456789012345678901234567890");
	check_str(node_new_float(&a, 1000.0), "1000.0");
	check_str(node_new_cstr(&a, "x y"), "x y");

	struct node *d = node_new(&a, NODE_DATE, 0, 0);
	d->u.time = (struct node_time){.year = 2001, .month = 12, .day = 14};
	check_str(d, "2001-12-14");
	struct node *dt = node_new(&a, NODE_DATETIME, 0, 0);
	dt->u.time = (struct node_time){2001, 12, 14, 21, 59, 43, 100000, true, -300};
	check_str(dt, "2001-12-14 21:59:43.100000-05:00");
	dt->u.time = (struct node_time){2001, 12, 14, 21, 59, 43, 0, true, 0};
	check_str(dt, "2001-12-14 21:59:43+00:00");
	dt->u.time = (struct node_time){2001, 12, 14, 21, 59, 43, 0, false, 0};
	check_str(dt, "2001-12-14 21:59:43");

	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(py_str(&b, node_new(&a, NODE_SEQ, 0, 0)), -1);
	buf_free(&b);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_float_repr_python_cases),
		cmocka_unit_test(test_str_scalars),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

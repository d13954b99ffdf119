/* textpos_offset: (line, column) back to a byte offset, lines broken as each
 * reader breaks them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/textpos.h"

static size_t yaml_at(const char *s, unsigned line, unsigned col)
{
	return textpos_offset(s, strlen(s), line, col, TEXTPOS_YAML);
}

static size_t json_at(const char *s, unsigned line, unsigned col)
{
	return textpos_offset(s, strlen(s), line, col, TEXTPOS_JSON);
}

static void test_first_line(void **state)
{
	(void)state;
	assert_int_equal(yaml_at("abc", 1, 1), 0);
	assert_int_equal(yaml_at("abc", 1, 3), 2);
	assert_int_equal(yaml_at("abc", 1, 9), 3); /* past the end: the length */
	assert_int_equal(yaml_at("abc", 7, 1), 3);
	assert_int_equal(json_at("", 1, 1), 0);
}

static void test_line_breaks(void **state)
{
	(void)state;
	const char *s = "a\nb\r\nc\rd\xC2\x85"
			"e\xE2\x80\xA8"
			"f\xE2\x80\xA9g";
	/* YAML (libyaml): \n, \r\n, \r, NEL, LS and PS each end a line */
	const char *want = "abcdefg";
	for (unsigned l = 1; l <= 7; l++)
		assert_int_equal(s[yaml_at(s, l, 1)], want[l - 1]);
	/* JSON: only \n; the rest is on the third line */
	assert_int_equal(s[json_at(s, 2, 1)], 'b');
	assert_int_equal(s[json_at(s, 2, 3)], '\n');
	assert_int_equal(s[json_at(s, 3, 3)], 'd');
	assert_int_equal(s[json_at(s, 3, 5)], 'e'); /* NEL is one column */
	assert_int_equal(json_at(s, 4, 1), strlen(s));
}

static void test_columns_count_characters(void **state)
{
	(void)state;
	const char *s = "x: \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80!";
	assert_int_equal(yaml_at(s, 1, 4), 3);	/* é */
	assert_int_equal(yaml_at(s, 1, 5), 5);	/* € */
	assert_int_equal(yaml_at(s, 1, 6), 8);	/* the emoji */
	assert_int_equal(yaml_at(s, 1, 7), 12); /* ! */
}

static void test_bom(void **state)
{
	(void)state;
	const char *s = "\xEF\xBB\xBFk: v\nz";
	/* libyaml's marks start after the BOM; JSON has none to skip */
	assert_int_equal(yaml_at(s, 1, 1), 3);
	assert_int_equal(s[yaml_at(s, 2, 1)], 'z');
	assert_int_equal(json_at(s, 1, 1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_line),
		cmocka_unit_test(test_line_breaks),
		cmocka_unit_test(test_columns_count_characters),
		cmocka_unit_test(test_bom),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

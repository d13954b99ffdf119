/* The exception type of a non-mapping runtime spec and of a non-string conda
 * uri, as ADS 2.8 raises them: `"env" in spec` in Runtime.__init__ (TypeError
 * on a number, or a string/list holding "env"), spec.keys() in
 * Builder._standardize_spec (AttributeError), urlparse() decoding a non-str
 * (AttributeError when truthy; a falsy one parses as "" and is reported as an
 * invalid URI under str(uri)); a falsy spec is {}. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "dsjob.h"

static int translate(const char *yaml, char **out, struct dsj_error *err)
{
	struct dsj_options o = DSJ_OPTIONS_INIT;
	o.cwd = "/";
	o.home = "/home/datascience";
	o.output = DSJ_FORMAT_JSON_LINE;
	o.region = "us-ashburn-1";
	size_t len;
	return dsj_translate(out, &len, NULL, yaml, strlen(yaml), &o, err);
}

static void expect_error(const char *yaml, const char *type, const char *message)
{
	char *out = NULL;
	struct dsj_error err;
	assert_int_equal(translate(yaml, &out, &err), DSJ_EINPUT);
	assert_null(out);
	assert_string_equal(err.type, type);
	if (message)
		assert_string_equal(err.message, message);
}

static void spec_as(const char *spec, const char *type)
{
	char yaml[256];
	snprintf(yaml, sizeof(yaml), "kind: runtime\ntype: python\nspec: %s\n", spec);
	expect_error(yaml, type, NULL);
}

static void test_non_mapping_spec(void **state)
{
	(void)state;
	spec_as("[a, b]", "AttributeError");	 /* 'list' object has no attribute 'keys' */
	spec_as("[a, env]", "TypeError");	 /* list indices must be integers */
	spec_as("outputURIs", "AttributeError"); /* no "env" in it: .keys() */
	spec_as("environment", "TypeError");	 /* string indices must be integers */
	spec_as("5", "TypeError");		 /* argument of type 'int' is not iterable */
	spec_as("true", "TypeError");
	spec_as("1.5", "TypeError");
	spec_as("!!binary aGVsbG8=", "TypeError"); /* a bytes-like object is required */
}

static void test_falsy_spec_is_empty(void **state)
{
	(void)state;
	char *none = NULL, *out = NULL;
	struct dsj_error err;
	assert_int_equal(translate("kind: runtime\ntype: python\n", &none, &err), 0);
	const char *falsy[] = {"0", "''", "[]", "false", "0.0", "{}"};
	for (size_t i = 0; i < sizeof(falsy) / sizeof(falsy[0]); i++) {
		char yaml[128];
		snprintf(yaml, sizeof(yaml), "kind: runtime\ntype: python\nspec: %s\n", falsy[i]);
		assert_int_equal(translate(yaml, &out, &err), 0);
		assert_string_equal(out, none);
		dsj_free(out);
	}
	dsj_free(none);
}

static void uri_as(const char *uri, const char *type, const char *shown)
{
	char yaml[256], message[256];
	snprintf(yaml, sizeof(yaml),
		 "kind: runtime\ntype: script\nspec:\n  conda:\n    type: published\n    uri: %s\n",
		 uri);
	if (shown)
		snprintf(message, sizeof(message),
			 "Invalid URI for custom conda pack: %s. A valid URI should have the "
			 "format: oci://your_bucket@namespace/object_name",
			 shown);
	expect_error(yaml, type, shown ? message : NULL);
}

static void test_conda_uri_not_a_string(void **state)
{
	(void)state;
	uri_as("123", "AttributeError", NULL); /* 'int' object has no attribute 'decode' */
	uri_as("[a]", "AttributeError", NULL);
	uri_as("{a: 1}", "AttributeError", NULL);
	uri_as("true", "AttributeError", NULL);
	uri_as("0", "ValueError", "0");
	uri_as("null", "ValueError", "None");
	uri_as("false", "ValueError", "False");
	uri_as("[]", "ValueError", "[]");
	uri_as("{}", "ValueError", "{}");
	uri_as("''", "ValueError", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_non_mapping_spec),
		cmocka_unit_test(test_falsy_spec_is_empty),
		cmocka_unit_test(test_conda_uri_not_a_string),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

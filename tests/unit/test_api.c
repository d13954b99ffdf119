/* The public API's contract: versioned options, DSJ_EUSAGE for wrong calls,
 * the byte offset of a problem, dsj_strerror, the defaults, the version macros,
 * one entry point per direction, and a failed getcwd. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "dsjob.h"

static const char runtime_yaml[] = "kind: runtime\n"
				   "type: python\n"
				   "spec:\n"
				   "  scriptPathURI: oci://b@ns/train.py\n"
				   "  conda: {type: service, slug: s1}\n";

static const char job_yaml[] = "kind: job\n"
			       "spec:\n"
			       "  name: j\n"
			       "  infrastructure:\n"
			       "    kind: infrastructure\n"
			       "    type: dataScienceJob\n"
			       "    spec:\n"
			       "      compartmentId: ocid1.compartment.oc1..c\n"
			       "      projectId: ocid1.datascienceproject.oc1.iad.p\n"
			       "      shapeName: VM.Standard2.1\n"
			       "  runtime:\n"
			       "    kind: runtime\n"
			       "    type: python\n"
			       "    spec:\n"
			       "      scriptPathURI: oci://b@ns/train.py\n"
			       "      conda: {type: service, slug: s1}\n";

static int translate(const char *yaml, const struct dsj_options *o, struct dsj_error *err)
{
	char *out = NULL;
	int rc = dsj_translate(&out, NULL, NULL, yaml, strlen(yaml), o, err);
	if (rc)
		assert_null(out);
	dsj_free(out);
	return rc;
}

static void test_options_init(void **state)
{
	(void)state;
	struct dsj_options o, init = DSJ_OPTIONS_INIT;
	memset(&o, 0xAB, sizeof(o));
	assert_int_equal(dsj_options_init(&o, DSJ_OPTIONS_VERSION), 0);
	assert_int_equal(o.version, DSJ_OPTIONS_VERSION);
	assert_int_equal(o.output, DSJ_FORMAT_JSON);
	assert_null(o.region);
	assert_null(o.warn);
	assert_int_equal(o.limits.max_input_bytes, 0);
	assert_memory_equal(&o, &init, sizeof(o));

	memset(&o, 0xAB, sizeof(o));
	struct dsj_options untouched = o;
	assert_int_equal(dsj_options_init(&o, 0), DSJ_EUSAGE);
	assert_int_equal(dsj_options_init(&o, DSJ_OPTIONS_VERSION + 1), DSJ_EUSAGE);
	assert_memory_equal(&o, &untouched, sizeof(o));
	assert_int_equal(dsj_options_init(NULL, DSJ_OPTIONS_VERSION), DSJ_EUSAGE);
}

/* Version 1 of struct dsj_options ends before `ads`: the library neither
 * writes nor reads it for a version 1 caller (ADS 2.8 answers). */
static void test_options_version_1(void **state)
{
	(void)state;
	struct dsj_options o;
	memset(&o, 0xAB, sizeof(o));
	assert_int_equal(dsj_options_init(&o, 1), 0);
	assert_int_equal(o.version, 1);
	assert_int_equal(o.output, DSJ_FORMAT_JSON);
	const unsigned char *tail = (const unsigned char *)&o.ads;
	for (size_t i = 0; i < sizeof(o.ads); i++)
		assert_int_equal(tail[i], 0xAB);
	o.ads = DSJ_ADS_2_15; /* bytes past a version 1 struct: not read */
	const char *container = "kind: runtime\ntype: container\nspec: {image: i}\n";
	char *out = NULL;
	struct dsj_error err;
	assert_int_equal(dsj_translate(&out, NULL, NULL, container, strlen(container), &o, &err),
			 0);
	assert_non_null(strstr(out, "CONTAINER_CUSTOM_IMAGE"));
	dsj_free(out);
	o.version = DSJ_OPTIONS_VERSION;
	assert_int_equal(dsj_translate(&out, NULL, NULL, container, strlen(container), &o, &err),
			 0);
	assert_non_null(strstr(out, "OCIR_CONTAINER"));
	dsj_free(out);
	o.ads = (enum dsj_ads)7;
	assert_int_equal(dsj_translate(&out, NULL, NULL, container, strlen(container), &o, &err),
			 DSJ_EUSAGE);
}

static void test_wrong_version_is_usage(void **state)
{
	(void)state;
	struct dsj_options o = {0}; /* never initialised: version 0 */
	struct dsj_error err;
	assert_int_equal(translate(runtime_yaml, &o, &err), DSJ_EUSAGE);
	assert_int_equal(err.code, DSJ_EUSAGE);
	assert_non_null(strstr(err.message, "version 0"));
	o.version = DSJ_OPTIONS_VERSION + 1;
	assert_int_equal(translate(runtime_yaml, &o, &err), DSJ_EUSAGE);
	char *out = (char *)&o;
	assert_int_equal(dsj_extract(&out, NULL, "{}", 2, &o, &err), DSJ_EUSAGE);
	assert_null(out);
}

static void test_unknown_enum_is_usage(void **state)
{
	(void)state;
	struct dsj_error err;
	struct dsj_options o = DSJ_OPTIONS_INIT;
	o.output = (enum dsj_format)7;
	assert_int_equal(translate(runtime_yaml, &o, &err), DSJ_EUSAGE);
	assert_non_null(strstr(err.message, "dsj_options.output is 7"));
	o.output = (enum dsj_format) - 1;
	assert_int_equal(translate(runtime_yaml, &o, &err), DSJ_EUSAGE);

	o = (struct dsj_options)DSJ_OPTIONS_INIT;
	o.level = (enum dsj_level)3;
	assert_int_equal(translate(runtime_yaml, &o, &err), DSJ_EUSAGE);
	assert_non_null(strstr(err.message, "dsj_options.level is 3"));

	o = (struct dsj_options)DSJ_OPTIONS_INIT;
	o.job_form = (enum dsj_job_form)2;
	assert_int_equal(translate(job_yaml, &o, &err), DSJ_EUSAGE);
	assert_non_null(strstr(err.message, "dsj_options.job_form is 2"));

	/* every value of each enum is taken */
	o = (struct dsj_options)DSJ_OPTIONS_INIT;
	for (int f = DSJ_FORMAT_JSON; f <= DSJ_FORMAT_JSON_LINE; f++) {
		o.output = (enum dsj_format)f;
		assert_int_equal(translate(runtime_yaml, &o, &err), 0);
	}
}

static void test_null_pointers_are_usage(void **state)
{
	(void)state;
	struct dsj_error err;
	assert_int_equal(
		dsj_translate(NULL, NULL, NULL, runtime_yaml, strlen(runtime_yaml), NULL, &err),
		DSJ_EUSAGE);
	assert_string_equal(err.message, "out is NULL");
	assert_int_equal(dsj_translate(NULL, NULL, NULL, "x", 1, NULL, NULL), DSJ_EUSAGE);
	assert_int_equal(dsj_extract(NULL, NULL, "{}", 2, NULL, &err), DSJ_EUSAGE);

	char *out = NULL;
	assert_int_equal(dsj_translate(&out, NULL, NULL, NULL, 5, NULL, &err), DSJ_EUSAGE);
	assert_non_null(strstr(err.message, "input is NULL"));
	assert_null(out);

	assert_int_equal(dsj_batch_answer(NULL, NULL, "{}", 2, NULL), DSJ_EUSAGE);
	struct dsj_options bad = {0};
	size_t len = 1;
	out = (char *)&bad;
	assert_int_equal(dsj_batch_answer(&out, &len, "{}", 2, &bad), DSJ_EUSAGE);
	assert_null(out);

	assert_int_equal(dsj_validate(NULL, runtime_yaml, strlen(runtime_yaml), NULL, NULL, NULL),
			 DSJ_EUSAGE);
}

static void count_report(const struct dsj_error *e, void *ctx)
{
	(void)e;
	++*(int *)ctx;
}

static void test_validate_reports_usage(void **state)
{
	(void)state;
	struct dsj_options o = DSJ_OPTIONS_INIT;
	o.output = (enum dsj_format)9;
	size_t problems = 0;
	int reported = 0;
	assert_int_equal(dsj_validate(&problems, runtime_yaml, strlen(runtime_yaml), &o,
				      count_report, &reported),
			 DSJ_EUSAGE);
	assert_int_equal(problems, 1);
	assert_int_equal(reported, 1);
}

static void test_strerror(void **state)
{
	(void)state;
	const int codes[] = {DSJ_OK, DSJ_EINPUT, DSJ_ENOMEM, DSJ_ELIMIT, DSJ_EUSAGE, DSJ_ESYSTEM};
	const size_t n = sizeof(codes) / sizeof(codes[0]);
	const char *unknown = dsj_strerror(-1000);
	assert_string_equal(unknown, "unknown error code");
	assert_string_equal(dsj_strerror(DSJ_ENOMEM), "out of memory");
	for (size_t i = 0; i < n; i++) {
		assert_non_null(dsj_strerror(codes[i]));
		assert_string_not_equal(dsj_strerror(codes[i]), unknown);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(dsj_strerror(codes[i]), dsj_strerror(codes[j]));
	}
	assert_string_equal(dsj_strerror(1), unknown);
}

static void test_limits_default(void **state)
{
	(void)state;
	struct dsj_limits d = dsj_limits_default();
	assert_int_equal(d.max_input_bytes, 16u << 20);
	assert_int_equal(d.max_depth, 256);
	assert_int_equal(d.max_nodes, 1000000);
	assert_int_equal(d.max_scalar_bytes, 1u << 20);
	assert_int_equal(d.max_env_vars, 10000);
	assert_true(d.max_depth <= DSJ_MAX_DEPTH_CAP);

	/* a zero field and the default are the same limit */
	struct dsj_options o = DSJ_OPTIONS_INIT;
	struct dsj_error err;
	o.limits.max_input_bytes = strlen(runtime_yaml) - 1;
	assert_int_equal(translate(runtime_yaml, &o, &err), DSJ_ELIMIT);
	o.limits = d;
	assert_int_equal(translate(runtime_yaml, &o, &err), 0);
}

static void test_version_macros(void **state)
{
	(void)state;
	char text[32];
	snprintf(text, sizeof(text), "%d.%d.%d", DSJ_VERSION_MAJOR, DSJ_VERSION_MINOR,
		 DSJ_VERSION_PATCH);
	assert_string_equal(text, DSJ_VERSION);
	assert_string_equal(dsj_version(), DSJ_VERSION);
	assert_int_equal(DSJ_VERSION_NUMBER,
			 DSJ_VERSION_MAJOR * 10000 + DSJ_VERSION_MINOR * 100 + DSJ_VERSION_PATCH);
}

/* The offset is of line:column in the input as given, bytes counted. */
static void test_error_offset_yaml(void **state)
{
	(void)state;
	struct dsj_error err;
	/* CRLF line ends, a BOM and a two-byte character before the column */
	const char yaml[] = "\xEF\xBB\xBFkind: runtime\r\n"
			    "type: python\r\n"
			    "spec:\r\n"
			    "  conda: {type: service, slug: s1}\r\n"
			    "  freeformTags: {\xC3\xA9: 5}\r\n";
	assert_int_equal(translate(yaml, NULL, &err), DSJ_EINPUT);
	assert_int_equal(err.line, 5);
	const char *at = strstr(yaml, "5}");
	assert_int_equal(err.offset, (size_t)(at - yaml));
	assert_int_equal(err.column, 21); /* é is one column */

	/* no location, no offset */
	struct dsj_options o = DSJ_OPTIONS_INIT;
	o.limits.max_input_bytes = 4;
	assert_int_equal(translate(yaml, &o, &err), DSJ_ELIMIT);
	assert_int_equal(err.line, 0);
	assert_int_equal(err.offset, 0);
}

static void test_error_offset_json(void **state)
{
	(void)state;
	struct dsj_error err;
	/* JSON breaks lines at \n only: a lone \r is whitespace on the same line */
	const char json[] = "{\"a\":\r [1,\n   \"\xC3\xA9\", ?]}";
	char *out = NULL;
	assert_int_equal(dsj_extract(&out, NULL, json, strlen(json), NULL, &err), DSJ_EINPUT);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.offset, (size_t)(strchr(json, '?') - json));
}

struct seen {
	int count;
	size_t offset;
	unsigned line;
};

static void remember(const struct dsj_error *e, void *ctx)
{
	struct seen *s = ctx;
	s->count++;
	s->offset = e->offset;
	s->line = e->line;
}

static void test_warning_and_problem_offsets(void **state)
{
	(void)state;
	const char yaml[] = "kind: runtime\n"
			    "type: container\n"
			    "spec:\n"
			    "  image: x\n"
			    "  env: [{name: JOB_OCID, value: v}]\n";
	struct seen warned = {0};
	struct dsj_options o = DSJ_OPTIONS_INIT;
	o.warn = remember;
	o.warn_ctx = &warned;
	assert_int_equal(translate(yaml, &o, NULL), 0);
	assert_int_equal(warned.count, 1);
	assert_int_equal(warned.line, 5);
	assert_int_equal(warned.offset, (size_t)(strstr(yaml, "JOB_OCID") - yaml));

	const char bad[] =
		"kind: runtime\ntype: python\nspec:\n  conda: {type: service, slug: 31}\n";
	struct seen problem = {0};
	size_t problems = 0;
	assert_int_equal(dsj_validate(&problems, bad, strlen(bad), NULL, remember, &problem), 0);
	assert_int_equal(problems, 1);
	assert_int_equal(problem.offset, (size_t)(strstr(bad, "31") - bad));
}

/* dsj_translate is the one entry for runtimes and jobs: the level chooses. */
static void test_one_translate(void **state)
{
	(void)state;
	struct dsj_options o = DSJ_OPTIONS_INIT;
	o.now = 1700000000;
	char *autom = NULL, *job = NULL, *artifact = NULL;
	struct dsj_error err;
	assert_int_equal(
		dsj_translate(&autom, NULL, &artifact, job_yaml, strlen(job_yaml), &o, &err), 0);
	assert_non_null(strstr(autom, "\"body\""));
	assert_string_equal(artifact, "oci://b@ns/train.py");
	dsj_free(artifact);
	o.level = DSJ_LEVEL_JOB;
	assert_int_equal(dsj_translate(&job, NULL, NULL, job_yaml, strlen(job_yaml), &o, &err), 0);
	assert_string_equal(autom, job);
	dsj_free(autom);
	dsj_free(job);

	/* a runtime document is not a job */
	assert_int_equal(translate(runtime_yaml, &o, &err), DSJ_EINPUT);
	/* a runtime's artifact too */
	o.level = DSJ_LEVEL_AUTO;
	char *out = NULL;
	artifact = (char *)&o;
	assert_int_equal(
		dsj_translate(&out, NULL, &artifact, runtime_yaml, strlen(runtime_yaml), &o, &err),
		0);
	assert_string_equal(artifact, "oci://b@ns/train.py");
	dsj_free(out);
	dsj_free(artifact);
}

/* Without opts->cwd the library asks getcwd; when that fails it says so
 * instead of resolving paths against "/". */
static void test_failed_getcwd(void **state)
{
	(void)state;
	char here[4096], dir[] = "/tmp/dsj-test-cwd-XXXXXX";
	assert_non_null(getcwd(here, sizeof(here)));
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(rmdir(dir), 0);
	const char yaml[] = "kind: runtime\ntype: script\nspec:\n  scriptPathURI: run.sh\n"
			    "  conda: {type: service, slug: s1}\n";
	struct dsj_error err;
	int rc = translate(yaml, NULL, &err);
	struct dsj_options o = DSJ_OPTIONS_INIT;
	o.cwd = "/work";
	char *out = NULL, *artifact = NULL;
	int rc_with_cwd = dsj_translate(&out, NULL, &artifact, yaml, strlen(yaml), &o, NULL);
	assert_int_equal(chdir(here), 0);
	assert_int_equal(rc, DSJ_ESYSTEM);
	assert_string_equal(err.type, "OSError");
	assert_non_null(strstr(err.message, "dsj_options.cwd"));
	assert_int_equal(rc_with_cwd, 0);
	assert_string_equal(artifact, "/work/run.sh");
	dsj_free(out);
	dsj_free(artifact);
}

/* The entry points of issue 12: explain, diff, schema; NULL outs are usage errors. */
static void test_explain_diff_schema(void **state)
{
	(void)state;
	const char *yaml = "kind: runtime\ntype: python\nspec:\n  entrypoint: a.py\n";
	struct dsj_options o = DSJ_OPTIONS_INIT;
	o.cwd = "/";
	struct dsj_error err;
	char *text = NULL;
	assert_int_equal(dsj_explain(&text, NULL, yaml, strlen(yaml), &o, &err), 0);
	assert_non_null(strstr(text, "environmentVariables.CODE_ENTRYPOINT = \"a.py\" ← "
				     "spec.entrypoint at 4:15"));
	dsj_free(text);
	assert_int_equal(dsj_explain(NULL, NULL, yaml, strlen(yaml), &o, &err), DSJ_EUSAGE);
	assert_int_equal(dsj_explain(&text, NULL, "spec: [", 7, &o, &err), DSJ_EINPUT);
	assert_null(text);

	const char *body = "{\"body\": {\"displayName\": \"new\", \"projectId\": \"p\"}}";
	const char *job = "{\"data\": {\"displayName\": \"old\", \"projectId\": \"p\", "
			  "\"compartmentId\": \"c\", \"lifecycleState\": \"ACTIVE\"}}";
	size_t changes = 0;
	assert_int_equal(
		dsj_job_diff(&text, NULL, &changes, body, strlen(body), job, strlen(job), &err), 0);
	assert_int_equal(changes, 2);
	assert_string_equal(text, "- compartmentId: \"c\"\n~ displayName: \"old\" -> \"new\"\n");
	dsj_free(text);
	assert_int_equal(dsj_job_diff(&text, NULL, &changes, body, strlen(body), "[", 1, &err),
			 DSJ_EINPUT);
	assert_string_equal(err.path, "existing");
	assert_int_equal(
		dsj_job_diff(&text, NULL, NULL, body, strlen(body), job, strlen(job), &err),
		DSJ_EUSAGE);

	assert_int_equal(dsj_schema(&text, NULL, 1), 0);
	assert_non_null(strstr(text, "\"additionalProperties\": false"));
	assert_non_null(strstr(text, "\"pyTorchDistributed\""));
	dsj_free(text);
	assert_int_equal(dsj_schema(NULL, NULL, 0), DSJ_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_init),
		cmocka_unit_test(test_options_version_1),
		cmocka_unit_test(test_wrong_version_is_usage),
		cmocka_unit_test(test_unknown_enum_is_usage),
		cmocka_unit_test(test_null_pointers_are_usage),
		cmocka_unit_test(test_validate_reports_usage),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_limits_default),
		cmocka_unit_test(test_version_macros),
		cmocka_unit_test(test_error_offset_yaml),
		cmocka_unit_test(test_error_offset_json),
		cmocka_unit_test(test_warning_and_problem_offsets),
		cmocka_unit_test(test_one_translate),
		cmocka_unit_test(test_failed_getcwd),
		cmocka_unit_test(test_explain_diff_schema),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The forms of a Job (src/job/job_input.c): attribute spellings, and the
 * normalization of a whole tree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "doc/json.h"
#include "job/job_input.h"
#include "util/buf.h"

/* The OCI SDK's own names (oci/data_science/models attribute_map) for the
 * attributes whose spelling is not plain: consecutive capitals, short words. */
static const struct {
	const char *camel, *kebab, *snake;
} spellings[] = {
	{"blockStorageSizeInGBs", "block-storage-size-in-gbs", "block_storage_size_in_gbs"},
	{"memoryInGBs", "memory-in-gbs", "memory_in_gbs"},
	{"ocpus", "ocpus", "ocpus"},
	{"id", "id", "id"},
	{"jobStorageMountConfigurationDetailsList", "job-storage-mount-configuration-details-list",
	 "job_storage_mount_configuration_details_list"},
	{"imageSignatureId", "image-signature-id", "image_signature_id"},
	{"maximumRuntimeInMinutes", "maximum-runtime-in-minutes", "maximum_runtime_in_minutes"},
};

static struct str s(const char *text)
{
	return (struct str){text, strlen(text)};
}

static void test_spellings(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++) {
		assert_true(job_input_key_is(spellings[i].camel, s(spellings[i].camel)));
		assert_true(job_input_key_is(spellings[i].camel, s(spellings[i].kebab)));
		assert_true(job_input_key_is(spellings[i].camel, s(spellings[i].snake)));
	}
	/* near misses are other keys */
	assert_false(job_input_key_is("memoryInGBs", s("memory-in-g-bs")));
	assert_false(job_input_key_is("memoryInGBs", s("memoryingbs")));
	assert_false(job_input_key_is("memoryInGBs", s("Memory_In_GBs")));
	assert_false(job_input_key_is("memoryInGBs", s("memory-in_gbs")));
	assert_false(job_input_key_is("id", s("")));
	assert_false(job_input_key_is("id", s("ids")));
}

/* Normalizes `json` and writes the result as one-line JSON into out. */
static int normalized(const char *json, char *out, size_t size, bool *is_list)
{
	struct arena a;
	arena_init(&a, 0);
	struct dsj_error err;
	memset(&err, 0, sizeof(err));
	struct node *root = NULL, *jobs = NULL;
	int rc = json_read(&root, json, strlen(json), &a, NULL, 0, &err);
	if (!rc)
		rc = job_input_normalize(&a, root, &jobs, is_list, &err);
	struct buf b;
	buf_init(&b, 0);
	if (!rc && !json_write(&b, jobs, 0, &err))
		snprintf(out, size, "%s", buf_cstr(&b));
	else
		snprintf(out, size, "error %u:%u %s", err.line, err.column, err.path);
	buf_free(&b);
	arena_free(&a);
	return rc;
}

static void test_forms(void **state)
{
	(void)state;
	char got[1024];
	bool list = false;
	/* the CLI's form: dashed names, nulls for unset fields, data keys kept */
	assert_int_equal(
		normalized("{\"data\": {\"project-id\": \"p\", \"description\": null, "
			   "\"job-configuration-details\": {\"job-type\": \"DEFAULT\", "
			   "\"environment-variables\": {\"my-var\": \"1\", \"job_type\": \"x\"}}, "
			   "\"freeform-tags\": {\"cost-center\": \"a\"}}, \"etag\": \"e\"}",
			   got, sizeof(got), &list),
		0);
	assert_false(list);
	assert_string_equal(got,
			    "[{\"projectId\": \"p\", \"jobConfigurationDetails\": {\"jobType\": "
			    "\"DEFAULT\", \"environmentVariables\": {\"my-var\": \"1\", "
			    "\"job_type\": \"x\"}}, \"freeformTags\": {\"cost-center\": \"a\"}}]");
	/* the SDK's form, nested objects and lists of objects */
	assert_int_equal(normalized("{\"job_infrastructure_configuration_details\": "
				    "{\"job_shape_config_details\": {\"memory_in_gbs\": 16}}, "
				    "\"job_storage_mount_configuration_details_list\": "
				    "[{\"destination_path\": \"/m\"}]}",
				    got, sizeof(got), &list),
			 0);
	assert_string_equal(got, "[{\"jobInfrastructureConfigurationDetails\": "
				 "{\"jobShapeConfigDetails\": {\"memoryInGBs\": 16}}, "
				 "\"jobStorageMountConfigurationDetailsList\": "
				 "[{\"destinationPath\": \"/m\"}]}]");
	/* a list: each job */
	assert_int_equal(normalized("{\"data\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}", got,
				    sizeof(got), &list),
			 0);
	assert_true(list);
	assert_string_equal(got, "[{\"id\": \"a\"}, {\"id\": \"b\"}]");
}

static void test_not_a_job(void **state)
{
	(void)state;
	char got[256];
	bool list;
	assert_int_not_equal(normalized("{}", got, sizeof(got), &list), 0);
	assert_int_not_equal(normalized("{\"data\": {\"name\": \"x\"}}", got, sizeof(got), &list),
			     0);
	assert_string_equal(got, "error 1:10 data");
	assert_int_not_equal(
		normalized("{\"jobConfigurationDetails\": 5}", got, sizeof(got), &list), 0);
	assert_string_equal(got, "error 1:29 jobConfigurationDetails");
	assert_int_not_equal(
		normalized(
			"{\"id\": \"j\", \"job-node-configuration-details\": "
			"{\"job-node-group-configuration-details-list\": [{\"replicas\": 2}, 7]}}",
			got, sizeof(got), &list),
		0);
	assert_string_equal(got, "error 1:111 jobNodeConfigurationDetails."
				 "jobNodeGroupConfigurationDetailsList[1]");
	assert_int_not_equal(normalized("{\"data\": []}", got, sizeof(got), &list), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spellings),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_not_a_job),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

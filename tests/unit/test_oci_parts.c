/* The pure parts of the OCI client: config profiles and inheritance, the retry
 * policy and its delays, run exit statuses, endpoints by realm, URL parts,
 * session-token expiry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "oci/http.h"
#include "oci/oci.h"
#include "oci/watch.h"

static const char *value(const struct config_profile *p, const char *key)
{
	const struct config_entry *e = config_get(p, key);
	return e ? e->value : NULL;
}

static void test_config_inheritance(void **state)
{
	(void)state;
	const char *text = "# comment\n[DEFAULT]\nuser = u0\nRegion: r0\n; other comment\n"
			   "[prod]\nuser=u1\n\n[DEFAULT]\ntenancy=t0\n[dev]\nuser=u2\n";
	struct config_profile p;
	struct dsj_error err = {0};
	assert_int_equal(config_parse(&p, text, strlen(text), "cfg", "prod", &err), 0);
	assert_string_equal(value(&p, "user"), "u1");
	assert_string_equal(value(&p, "region"), "r0"); /* keys are case-insensitive */
	assert_string_equal(value(&p, "tenancy"), "t0");
	assert_int_equal(config_get(&p, "user")->line, 7);
	config_free(&p);
	assert_int_equal(config_parse(&p, text, strlen(text), "cfg", "DEFAULT", &err), 0);
	assert_string_equal(value(&p, "user"), "u0");
	config_free(&p);
	assert_int_equal(config_parse(&p, text, strlen(text), "cfg", "prod2", &err),
			 DSJ_OCI_ECONFIG);
	assert_string_equal(err.message, "cfg: no profile [prod2]");
}

static void test_config_limits(void **state)
{
	(void)state;
	char text[4096] = "[DEFAULT]\n";
	for (int i = 0; i < 70; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text), "k%d=v\n", i);
	struct config_profile p;
	struct dsj_error err = {0};
	assert_int_equal(config_parse(&p, text, strlen(text), "cfg", "DEFAULT", &err),
			 DSJ_OCI_ECONFIG);
	assert_int_equal(err.line, 66);
	const char nul[] = "[DEFAULT]\nuser=a\0b\n";
	memset(&err, 0, sizeof(err));
	assert_int_equal(config_parse(&p, nul, sizeof(nul) - 1, "cfg", "DEFAULT", &err),
			 DSJ_OCI_ECONFIG);
	assert_string_equal(err.message, "cfg:2: a NUL byte in the line");
}

static void test_retry_policy(void **state)
{
	(void)state;
	assert_true(retry_should(429, NULL, 0));
	assert_true(retry_should(500, NULL, 0));
	assert_true(retry_should(503, NULL, 0));
	assert_true(retry_should(0, NULL, 1));
	assert_true(retry_should(409, "IncorrectState", 0));
	assert_true(retry_should(409, "LockConflict", 0));
	assert_false(retry_should(409, "Conflict", 0));
	assert_false(retry_should(400, NULL, 0));
	assert_false(retry_should(401, NULL, 0));
	assert_false(retry_should(404, NULL, 0));
	assert_int_equal(retry_delay_ms(1, 0), 1000);
	assert_int_equal(retry_delay_ms(1, 999), 1999);
	assert_int_equal(retry_delay_ms(3, 500), 4500);
	assert_int_equal(retry_delay_ms(5, 0), 16000);
	assert_int_equal(retry_delay_ms(6, 0), 30000);
	assert_int_equal(retry_delay_ms(100, 7), 30000);
	char a[31], b[31];
	retry_token_make(a);
	retry_token_make(b);
	assert_int_equal(strlen(a), 30);
	assert_string_not_equal(a, b);
	for (size_t i = 0; i < 30; i++)
		assert_true((a[i] >= 'a' && a[i] <= 'z') || (a[i] >= 'A' && a[i] <= 'Z') ||
			    (a[i] >= '0' && a[i] <= '9'));
}

static void test_exit_status(void **state)
{
	(void)state;
	assert_int_equal(run_exit_status("IN_PROGRESS", NULL), -1);
	assert_int_equal(run_exit_status(NULL, NULL), -1);
	assert_int_equal(run_exit_status("SUCCEEDED", NULL), 0);
	assert_int_equal(run_exit_status("FAILED", "Job run failed with exit code 3"), 3);
	assert_int_equal(run_exit_status("FAILED", "Exit code: 42."), 42);
	assert_int_equal(run_exit_status("FAILED", "exit code 99999999999"), 255);
	assert_int_equal(run_exit_status("FAILED", "Job run failed"), 1);
	assert_int_equal(run_exit_status("FAILED", "exit code 0"), 1);
	assert_int_equal(run_exit_status("CANCELED", "exit code 3"), DSJ_OCI_EXIT_CANCELED);
	assert_int_equal(run_exit_status("DELETED", NULL), DSJ_OCI_EXIT_CANCELED);
	const char run[] =
		"{\"lifecycleState\": \"FAILED\", \"lifecycleDetails\": \"exit code 7\"}";
	assert_int_equal(dsj_oci_run_exit_code(run, sizeof(run) - 1), 7);
	assert_int_equal(dsj_oci_run_exit_code("[", 1), -1);
}

static void test_endpoints(void **state)
{
	(void)state;
	static const char *cases[][3] = {
		{"iad", "0", "https://datascience.us-ashburn-1.oci.oraclecloud.com"},
		{"eu-frankfurt-1", "1", "https://logging.eu-frankfurt-1.oci.oraclecloud.com"},
		{"us-langley-1", "0", "https://datascience.us-langley-1.oci.oraclegovcloud.com"},
		{"uk-gov-london-1", "0",
		 "https://datascience.uk-gov-london-1.oci.oraclegovcloud.uk"},
		{"ap-chiyoda-1", "0", "https://datascience.ap-chiyoda-1.oci.oraclecloud8.com"},
		{"eu-dcc-milan-1", "0", "https://datascience.eu-dcc-milan-1.oci.oraclecloud.eu"},
		{"fra", "2", "https://objectstorage.eu-frankfurt-1.oraclecloud.com"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *url = endpoint_for((enum dsj_oci_service)(cases[i][1][0] - '0'), cases[i][0]);
		assert_string_equal(url, cases[i][2]);
		free(url);
	}
	assert_null(endpoint_for(DSJ_OCI_DATA_SCIENCE, "us-ashburn-1/../x"));
	assert_null(endpoint_for(DSJ_OCI_DATA_SCIENCE, ""));
}

static void test_url_split(void **state)
{
	(void)state;
	char host[64], prefix[64];
	assert_int_equal(url_split("http://127.0.0.1:8443/", host, 64, prefix, 64), 0);
	assert_string_equal(host, "127.0.0.1:8443");
	assert_string_equal(prefix, "");
	assert_int_equal(url_split("https://h.example:443/base/", host, 64, prefix, 64), 0);
	assert_string_equal(host, "h.example");
	assert_string_equal(prefix, "/base");
	assert_int_equal(url_split("ftp://h", host, 64, prefix, 64), -1);
	assert_int_equal(url_split("https://user@h/", host, 64, prefix, 64), -1);
	assert_int_equal(url_split("https:///x", host, 64, prefix, 64), -1);
	assert_int_equal(url_split("https://h/a?b", host, 64, prefix, 64), -1);
}

static void test_jwt_expiry(void **state)
{
	(void)state;
	/* {"alg":"none"} . {"exp":1700000000} . sig */
	const char *t = "eyJhbGciOiJub25lIn0.eyJleHAiOjE3MDAwMDAwMDB9.c2ln";
	assert_int_equal(jwt_expiry(t, strlen(t)), 1700000000LL);
	assert_int_equal(jwt_expiry("abc", 3), -1);
	assert_int_equal(jwt_expiry("a.!!.c", 6), -1);
	assert_int_equal(jwt_expiry("a.e30.c", 7), -1); /* {} */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_inheritance), cmocka_unit_test(test_config_limits),
		cmocka_unit_test(test_retry_policy),	   cmocka_unit_test(test_exit_status),
		cmocka_unit_test(test_endpoints),	   cmocka_unit_test(test_url_split),
		cmocka_unit_test(test_jwt_expiry),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

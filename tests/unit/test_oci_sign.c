/* The signer against the official OCI test vectors (docs "Request Signatures",
 * mirrored by oci-go-sdk common/http_signer_test.go) and the extra vectors in
 * shared/design/oci-signing-vectors.md: byte-for-byte Authorization values. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dsjob_oci.h"
#include "oci/oci.h"

#ifndef DSJ_TEST_KEYS
#define DSJ_TEST_KEYS "tests/oci/keys"
#endif

#define DATE "Thu, 05 Jan 2014 21:31:40 GMT"
#define KEY_ID                                                                                     \
	"ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq/"         \
	"ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq/"             \
	"20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34"
#define GET_TARGET                                                                                 \
	"/20160918/instances?availabilityDomain=Pjwf%3A%20PHX-AD-1&compartmentId=ocid1."           \
	"compartment.oc1..aaaaaaaam3we6vgnherjq5q2idnccdflvjsnog7mlr6rtdb25gilchfeyjxa&"           \
	"displayName=TeamXInstances&volumeId=ocid1.volume.oc1.phx."                                \
	"abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q"
#define POST_BODY                                                                                  \
	"{\n    \"compartmentId\": "                                                               \
	"\"ocid1.compartment.oc1..aaaaaaaam3we6vgnherjq5q2idnccdflvjsnog7mlr6rtdb25gilchfeyjxa\"," \
	"\n "                                                                                      \
	"   \"instanceId\": "                                                                      \
	"\"ocid1.instance.oc1.phx.abuw4ljrlsfiqw6vzzxb43vyypt4pkodawglp3wqxjqofakrwvou52gb6s5a\"," \
	"\n"                                                                                       \
	"    \"volumeId\": "                                                                       \
	"\"ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q\"\n}"
#define HEADERS_GET "headers=\"date (request-target) host\""
#define HEADERS_BODY                                                                               \
	"headers=\"date (request-target) host content-length content-type x-content-sha256\""

struct sign_case {
	const char *name, *method, *host, *target, *body;
	int exclude_body;
	const char *headers, *signature, *sha256;
};

static const struct sign_case cases[] = {
	{"official GET", "GET", "iaas.us-phoenix-1.oraclecloud.com", GET_TARGET, NULL, 0,
	 HEADERS_GET,
	 "GBas7grhyrhSKHP6AVIj/h5/Vp8bd/peM79H9Wv8kjoaCivujVXlpbKLjMPeDUhxkFIWtTtLBj3sUzaFj34XE6YZ"
	 "AHc9r2DmE4pMwOAy/kiITcZxa1oHPOeRheC0jP2dqbTll8fmTZVwKZOKHYPtrLJIJQHJjNvxFWeHQjMaR7M=",
	 ""},
	{"official POST", "POST", "iaas.us-phoenix-1.oraclecloud.com",
	 "/20160918/volumeAttachments", POST_BODY, 0, HEADERS_BODY,
	 "Mje8vIDPlwIHmD/cTDwRxE7HaAvBg16JnVcsuqaNRim23fFPgQfLoOOxae6WqKb1uPjYEl0qIdazWaBy/Ml8DRhq"
	 "locMwoSXv0fbukP8J5N80LCmzT/FFBvIvTB91XuXI3hYfP9Zt1l7S6ieVadHUfqBedWH0itrtPJBgKmrWso=",
	 "V9Z20UJTvkvpJ50flBzKE32+6m2zJjweHpDMX/U4Uy0="},
	{"artifact upload, body not signed", "POST", "datascience.us-ashburn-1.oci.oraclecloud.com",
	 "/20190101/jobs/ocid1.datasciencejob.oc1.iad.example/artifact", "PK\3\4 any bytes", 1,
	 HEADERS_GET,
	 "SYjnsrPsZjD/xrg9x7cy/7Q2fTFvwswlVEgNP0+YmgZFXgelwJ5yeoxe9e1DI+IyzR80mndp11rAzEnOnS+znXKI"
	 "I093fGaUQDYG9FjPz0nCEFdS1gLrHLk10WXoUnd9bhJwZYn5D7Ga0Vu6LdHHDRSyshsXWKc7GV0GkUve+ng=",
	 ""},
	{"cancelJobRun, empty POST", "POST", "datascience.us-ashburn-1.oci.oraclecloud.com",
	 "/20190101/jobRuns/ocid1.datasciencejobrun.oc1.iad.example/actions/cancelJobRun", NULL, 0,
	 HEADERS_BODY,
	 "qBr/7DLF8tJKoS+rIKQNp+gZpc6maH9hMkKnixEmjR9VoZeFvZh1DDpLlAsGfEVVUlvVXbeCzYpXgo9FyPK9gdBx"
	 "bA5Z5HtgM3RhHDau6YuCJeqUQmHGCxwL/a6J9TXymzi6adVK5SD0P2AJ1972bAI6u+sRe+HVJwVZr/9HB1c=",
	 "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="},
	{"GET against a loopback port", "GET", "127.0.0.1:8443",
	 "/20190101/jobRuns/ocid1.datasciencejobrun.oc1.iad.example", NULL, 0, HEADERS_GET,
	 "WgAg96gzlPN7qqEl9yjf/n9MAvLtOCFHAFQvn4x09OocTKL2S9BXHL9IZ6AKNdte3afyXobD0BObwcaIm6VUiYZY"
	 "Vd6TEinqbfQYn8TNTuSqnDyYakya+gMWvUTGlHc/oSrwn6noJdPuxA1Q7NMPMb3o+i8sm7SIY6TERmR4Kss=",
	 ""},
};

static char *slurp(const char *name, size_t *len)
{
	char path[512], *data = NULL;
	snprintf(path, sizeof(path), "%s/%s", DSJ_TEST_KEYS, name);
	assert_int_equal(file_read_small(path, 1 << 20, &data, len), 0);
	return data;
}

static dsj_oci_signer *test_signer(const char *key_id)
{
	size_t len = 0;
	char *pem = slurp("test_key.pem", &len);
	dsj_oci_signer *s = NULL;
	struct dsj_error err = {0};
	assert_int_equal(dsj_oci_signer_new(&s, pem, len, NULL, key_id, &err), 0);
	free(pem);
	return s;
}

static void test_vectors(void **state)
{
	(void)state;
	dsj_oci_signer *s = test_signer(KEY_ID);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct sign_case *c = &cases[i];
		struct dsj_oci_sign_input in = {c->method,
						c->host,
						c->target,
						DATE,
						NULL,
						c->body,
						c->body ? strlen(c->body) : 0,
						c->exclude_body};
		struct dsj_oci_signed out;
		struct dsj_error err = {0};
		assert_int_equal(dsj_oci_sign(s, &in, &out, &err), 0);
		char want[1024];
		snprintf(want, sizeof(want),
			 "Signature version=\"1\",%s,keyId=\"%s\",algorithm=\"rsa-sha256\","
			 "signature=\"%s\"",
			 c->headers, KEY_ID, c->signature);
		if (strcmp(out.authorization, want) != 0)
			fail_msg("%s:\n got %s\nwant %s", c->name, out.authorization, want);
		assert_string_equal(out.content_sha256, c->sha256);
		assert_string_equal(out.date, DATE);
		dsj_free(out.authorization);
	}
	dsj_oci_signer_free(s);
}

/* The keyId is not signed: a session-token keyId gives the same signature. */
static void test_session_key_id(void **state)
{
	(void)state;
	dsj_oci_signer *s = test_signer("ST$eyJhbGciOi.token");
	struct dsj_oci_sign_input in = {"GET", cases[0].host, GET_TARGET, DATE, NULL, NULL, 0, 0};
	struct dsj_oci_signed out;
	assert_int_equal(dsj_oci_sign(s, &in, &out, NULL), 0);
	assert_non_null(strstr(out.authorization, "keyId=\"ST$eyJhbGciOi.token\""));
	assert_non_null(strstr(out.authorization, cases[0].signature));
	dsj_free(out.authorization);
	dsj_oci_signer_free(s);
}

/* Day and month names are English whatever the locale says. */
static void test_date_c_locale(void **state)
{
	(void)state;
	setlocale(LC_ALL, "");
	setlocale(LC_TIME, "de_DE.UTF-8");
	char d[40];
	dsj_oci_http_date(d, 1388957500);
	assert_string_equal(d, "Sun, 05 Jan 2014 21:31:40 GMT");
	dsj_oci_http_date(d, 951782400); /* a leap day */
	assert_string_equal(d, "Tue, 29 Feb 2000 00:00:00 GMT");
	setlocale(LC_ALL, "C");
}

static void test_fingerprint(void **state)
{
	(void)state;
	size_t len = 0;
	char *pem = slurp("test_key.pem", &len);
	EVP_PKEY *key = NULL;
	char why[160], fp[48];
	assert_int_equal(key_load(&key, pem, len, NULL, why, sizeof(why)), 0);
	assert_int_equal(key_fingerprint(key, fp), 0);
	assert_string_equal(fp, "73:61:a2:21:67:e0:df:be:7e:4b:93:1e:15:98:a5:b7");
	EVP_PKEY_free(key);
	free(pem);
}

static void test_encrypted_keys(void **state)
{
	(void)state;
	const char *files[] = {"test_key_encrypted.pem", "test_key_encrypted_pkcs1.pem"};
	for (size_t i = 0; i < 2; i++) {
		size_t len = 0;
		char *pem = slurp(files[i], &len);
		dsj_oci_signer *s = NULL;
		struct dsj_error err = {0};
		assert_int_equal(dsj_oci_signer_new(&s, pem, len, NULL, "k", &err),
				 DSJ_OCI_ECONFIG);
		assert_non_null(strstr(err.message, "set pass_phrase"));
		memset(&err, 0, sizeof(err));
		assert_int_equal(dsj_oci_signer_new(&s, pem, len, "wrong", "k", &err),
				 DSJ_OCI_ECONFIG);
		assert_non_null(strstr(err.message, "wrong pass_phrase"));
		assert_int_equal(dsj_oci_signer_new(&s, pem, len, "s3cret", "k", NULL), 0);
		dsj_oci_signer_free(s);
		free(pem);
	}
}

static void test_rejects_bad_input(void **state)
{
	(void)state;
	dsj_oci_signer *s = NULL;
	struct dsj_error err = {0};
	assert_int_equal(dsj_oci_signer_new(&s, "not a key", 9, NULL, "k", &err), DSJ_OCI_ECONFIG);
	assert_null(s);
	s = test_signer("k");
	struct dsj_oci_sign_input in = {"GET", "h\r\nx: y", "/", DATE, NULL, NULL, 0, 0};
	struct dsj_oci_signed out;
	assert_int_equal(dsj_oci_sign(s, &in, &out, NULL), DSJ_EUSAGE);
	assert_null(out.authorization);
	dsj_oci_signer_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),	       cmocka_unit_test(test_session_key_id),
		cmocka_unit_test(test_date_c_locale),  cmocka_unit_test(test_fingerprint),
		cmocka_unit_test(test_encrypted_keys), cmocka_unit_test(test_rejects_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

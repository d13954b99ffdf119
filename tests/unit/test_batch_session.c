/* Batch sessions (dsj_batch_new/next/free): usage errors, answers equal to
 * dsj_batch_answer's request by request on one reused session, and the arena
 * reset they rely on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dsjob.h"
#include "util/arena.h"

static const char *const requests[] = {
	"{\"op\": \"translate\", \"input\": \"kind: runtime\\ntype: python\\nspec:\\n  "
	"scriptPathURI: oci://b@n/t.py\\n  env: {A: \\\"1\\\", B: ${A}2}\\n\"}",
	"{\"op\": \"translate\", \"input\": \"kind: runtime\\ntype: python\\nspec: [a, b]\\n\"}",
	"not json",
	"{\"op\": \"extract\", \"input\": \"{\\\"jobConfigurationDetails\\\": {\\\"jobType\\\": "
	"\\\"DEFAULT\\\", \\\"environmentVariables\\\": {\\\"CODE_ENTRYPOINT\\\": "
	"\\\"x.py\\\"}}}\","
	" \"artifact\": \"x.py\"}",
	"{\"op\": \"rocket\", \"input\": \"\"}",
	"{\"op\": \"job-translate\", \"input\": \"kind: job\\n\"}",
};

static struct dsj_options options(void)
{
	struct dsj_options o = DSJ_OPTIONS_INIT;
	o.cwd = "/";
	o.home = "/home/datascience";
	o.now = 1700000000;
	return o;
}

static void test_usage_errors(void **state)
{
	(void)state;
	struct dsj_options o = options();
	struct dsj_batch *b = NULL;
	const char *answer;
	size_t len;
	assert_int_equal(dsj_batch_new(NULL, &o), DSJ_EUSAGE);
	o.output = (enum dsj_format)7;
	assert_int_equal(dsj_batch_new(&b, &o), DSJ_EUSAGE);
	assert_null(b);
	assert_int_equal(dsj_batch_new(&b, NULL), 0);
	assert_int_equal(dsj_batch_next(b, NULL, &len, "{}", 2), DSJ_EUSAGE);
	assert_int_equal(dsj_batch_next(b, &answer, NULL, "{}", 2), DSJ_EUSAGE);
	assert_int_equal(dsj_batch_next(b, &answer, &len, NULL, 2), DSJ_EUSAGE);
	assert_int_equal(dsj_batch_next(NULL, &answer, &len, "{}", 2), DSJ_EUSAGE);
	assert_int_equal(dsj_batch_next(b, &answer, &len, NULL, 0), 0); /* an empty request */
	assert_memory_equal(answer, "{\"error\": ", 10);
	dsj_batch_free(b);
	dsj_batch_free(NULL);
}

/* Three passes over the requests on one session: every answer is the one a
 * fresh dsj_batch_answer gives. */
static void test_reuse_answers_as_fresh(void **state)
{
	(void)state;
	struct dsj_options o = options();
	struct dsj_batch *b = NULL;
	assert_int_equal(dsj_batch_new(&b, &o), 0);
	size_t n = sizeof(requests) / sizeof(requests[0]);
	for (size_t pass = 0; pass < 3; pass++) {
		for (size_t i = 0; i < n; i++) {
			const char *answer;
			size_t len;
			char *fresh = NULL;
			size_t fresh_len = 0;
			assert_int_equal(
				dsj_batch_next(b, &answer, &len, requests[i], strlen(requests[i])),
				0);
			assert_int_equal(dsj_batch_answer(&fresh, &fresh_len, requests[i],
							  strlen(requests[i]), &o),
					 0);
			assert_int_equal(len, fresh_len);
			assert_memory_equal(answer, fresh, len);
			assert_null(memchr(answer, '\n', len));
			dsj_free(fresh);
		}
	}
	dsj_batch_free(b);
}

static void test_arena_reset_reuses_blocks(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	for (int round = 0; round < 4; round++) {
		for (int i = 0; i < 1000; i++) {
			char *p = arena_alloc(&a, 100 + (size_t)i);
			assert_non_null(p);
			assert_int_equal(p[0], 0); /* zeroed, even on a reused block */
			memset(p, 0x5A, 100 + (size_t)i);
		}
		char *big = arena_alloc_uninit(&a, (size_t)1 << 20);
		assert_non_null(big);
		memset(big, 1, (size_t)1 << 20);
		arena_reset(&a);
		assert_int_equal(a.used_total, 0);
		assert_null(a.head);
	}
	arena_free(&a);
	assert_null(a.spare);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_reuse_answers_as_fresh),
		cmocka_unit_test(test_arena_reset_reuses_blocks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The runtime registry: the facts each rt_*.c gives must fit together (one
 * name each, one extraction order, one fallback tried last), and the answers
 * derived from them must be the reference's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "doc/node.h"
#include "runtime/runtime.h"
#include "util/arena.h"
#include "util/buf.h"

#define MAX_TYPES 32

/* The registry's types, through its public answers only. */
static size_t all_types(const struct runtime_type **out)
{
	struct buf names;
	buf_init(&names, 0);
	assert_true(runtime_type_names(&names));
	const char *s = buf_cstr(&names);
	size_t n = 0;
	while (*s) {
		size_t len = strcspn(s, ",");
		assert_true(n < MAX_TYPES);
		out[n] = runtime_type_find(s, len);
		assert_non_null(out[n]);
		n++;
		s += len;
		if (*s == ',')
			s += 2;
	}
	buf_free(&names);
	return n;
}

static void test_names_are_the_references(void **state)
{
	(void)state;
	struct buf names;
	buf_init(&names, 0);
	assert_true(runtime_type_names(&names));
	assert_string_equal(buf_cstr(&names),
			    "script, python, notebook, gitPython, container, pyTorchDistributed");
	buf_free(&names);
	assert_null(runtime_type_find("Python", 6));
	assert_null(runtime_type_find("pythonx", 6 + 1));
}

static void test_priorities_are_one_order(void **state)
{
	(void)state;
	const struct runtime_type *types[MAX_TYPES];
	size_t n = all_types(types);
	const struct runtime_type *fallback = NULL;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < i; j++)
			assert_int_not_equal(types[i]->extract_priority,
					     types[j]->extract_priority);
		assert_non_null(types[i]->translate);
		assert_non_null(types[i]->extract);
		if (!types[i]->signature) {
			assert_null(fallback);
			fallback = types[i];
		}
	}
	assert_non_null(fallback);
	for (size_t i = 0; i < n; i++)
		assert_true(types[i]->extract_priority <= fallback->extract_priority);
}

static const char *type_of(struct arena *a, const char *const *vars)
{
	struct node *envs = node_new(a, NODE_MAP, 0, 0);
	for (; *vars; vars++)
		assert_int_equal(map_set(a, envs, *vars, node_new_cstr(a, "x")), 0);
	return runtime_type_for_job(envs)->name;
}

/* A job with the variables of several types is the most specific one's. */
static void test_job_type_by_priority(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	assert_string_equal(runtime_type_for_job(NULL)->name, "script");
	assert_string_equal(type_of(&a, (const char *[]){NULL}), "script");
	assert_string_equal(type_of(&a, (const char *[]){"CODE_ENTRYPOINT", NULL}), "python");
	assert_string_equal(type_of(&a, (const char *[]){"CODE_ENTRYPOINT", "OCI__WORKER_COUNT",
							 "CONTAINER_CUSTOM_IMAGE", NULL}),
			    "container");
	assert_string_equal(
		type_of(&a, (const char *[]){"CODE_ENTRYPOINT", "OCI__WORKER_COUNT", NULL}),
		"pyTorchDistributed");
	assert_string_equal(type_of(&a, (const char *[]){"GIT_URL", NULL}), "script");
	assert_string_equal(
		type_of(&a, (const char *[]){"GIT_URL", "GIT_ENTRYPOINT", "JOB_RUN_NOTEBOOK",
					     "JOB_RUN_ENTRYPOINT", NULL}),
		"gitPython");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_are_the_references),
		cmocka_unit_test(test_priorities_are_one_order),
		cmocka_unit_test(test_job_type_by_priority),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

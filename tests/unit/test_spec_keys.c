/* The unknown-key warnings, as a law over the conversion's own tables: every
 * key a table names is taken without a warning, and every near miss of it (its
 * case changed, one letter deleted, replaced or added, two letters swapped) is
 * warned of with that key among the suggestions. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "dsjob.h"
#include "job/job_parts.h"
#include "runtime/spec_keys.h"
#include "util/suggest.h"

struct seen {
	size_t count;
	char message[DSJ_ERROR_MESSAGE_MAX];
};

static void collect(const struct dsj_error *w, void *ctx)
{
	struct seen *s = ctx;
	if (strncmp(w->message, "unknown key", 11) != 0)
		return; /* a job without a shape, say: not this test's */
	if (s->count++ == 0)
		snprintf(s->message, sizeof(s->message), "%s", w->message);
}

/* The warnings translating `yaml` gives. */
static struct seen warnings_of(const char *yaml)
{
	struct seen s = {0};
	struct dsj_options o = DSJ_OPTIONS_INIT;
	o.warn = collect;
	o.warn_ctx = &s;
	o.cwd = "/";
	o.home = "/home/datascience";
	size_t problems = 0;
	assert_int_equal(dsj_validate(&problems, yaml, strlen(yaml), &o, NULL, NULL), 0);
	return s;
}

/* A document with `key` at one place: the runtime spec of `type`, a section of
 * it, the infrastructure spec or the shape config. */
enum place { RUNTIME_SPEC, SECTION, INFRA_SPEC, SHAPE_CONFIG };

static void document(char *out, size_t size, enum place where, const char *type,
		     const char *section, const char *key)
{
	switch (where) {
	case RUNTIME_SPEC:
		snprintf(out, size, "kind: runtime\ntype: %s\nspec:\n  \"%s\": null\n", type, key);
		break;
	case SECTION:
		snprintf(out, size, "kind: runtime\ntype: %s\nspec:\n  %s: {\"%s\": null}\n", type,
			 section, key);
		break;
	case INFRA_SPEC:
	case SHAPE_CONFIG:
		snprintf(out, size,
			 "kind: job\nspec:\n  infrastructure:\n    kind: infrastructure\n"
			 "    type: dataScienceJob\n    spec:\n      %s%s\"%s\": null%s\n"
			 "  runtime: {kind: runtime, type: container, spec: {image: i}}\n",
			 where == SHAPE_CONFIG ? "shapeConfigDetails: {" : "", "", key,
			 where == SHAPE_CONFIG ? "}" : "");
		break;
	}
}

/* The warning suggests `key`, or a key nearer still to `miss` ("projectid"
 * is a near miss of project_id, but projectId differs only in case). */
static bool nearest_suggested(const char *message, const char *miss, const char *key)
{
	const char *p = strstr(message, "did you mean '");
	if (!p)
		return false;
	char want[96];
	snprintf(want, sizeof(want), "'%s'", key);
	if (strstr(p, want))
		return true;
	p += strlen("did you mean '");
	size_t n = strcspn(p, "'");
	size_t cap = 8;
	return suggest_distance(miss, strlen(miss), p, n, cap) <
	       suggest_distance(miss, strlen(miss), key, strlen(key), cap);
}

typedef bool (*known_fn)(const void *ctx, const char *key);

/* Checks the law for `key`: no warning as it is; a suggestion of it for each
 * near miss that is not itself a key there (or a key of another type). */
static size_t check_key(enum place where, const char *type, const char *section, const char *key,
			known_fn known, const void *ctx)
{
	char doc[1024], miss[80];
	document(doc, sizeof(doc), where, type, section, key);
	struct seen s = warnings_of(doc);
	if (s.count)
		fail_msg("'%s' (%s %s) warned: %s", key, type, section ? section : "", s.message);
	size_t len = strlen(key), checked = 0;
	assert_true(len + 2 < sizeof(miss));
	/* 5 kinds of near miss, each at every position */
	for (size_t kind = 0; kind < 5; kind++)
		for (size_t i = 0; i < len; i++) {
			memcpy(miss, key, len + 1);
			if (kind == 0) { /* case */
				if (!isalpha((unsigned char)key[i]))
					continue;
				miss[i] = (char)(isupper((unsigned char)key[i])
							 ? tolower((unsigned char)key[i])
							 : toupper((unsigned char)key[i]));
			} else if (kind == 1) { /* deleted */
				if (len < 3)
					continue;
				memmove(miss + i, miss + i + 1, len - i);
			} else if (kind == 2) { /* replaced */
				miss[i] = key[i] == 'q' ? 'z' : 'q';
			} else if (kind == 3) { /* added */
				memmove(miss + i + 1, miss + i, len - i + 1);
				miss[i] = 'q';
			} else { /* swapped */
				if (i + 1 >= len || key[i] == key[i + 1])
					continue;
				miss[i] = key[i + 1];
				miss[i + 1] = key[i];
			}
			if (known(ctx, miss))
				continue;
			document(doc, sizeof(doc), where, type, section, miss);
			s = warnings_of(doc);
			if (s.count != 1 || !nearest_suggested(s.message, miss, key))
				fail_msg("near miss '%s' of '%s' (%s): %zu warnings: %s", miss, key,
					 type, s.count, s.message);
			checked++;
		}
	return checked;
}

/* Known to any runtime type, or to this place. */
static bool any_runtime_knows(const void *ctx, const char *key)
{
	(void)ctx;
	const struct runtime_type *rt;
	for (size_t i = 0; (rt = runtime_type_at(i)); i++)
		if (spec_key_known(rt, key))
			return true;
	return false;
}

static bool section_knows(const void *ctx, const char *key)
{
	const char *name;
	for (size_t i = 0; (name = spec_section_key_nth(ctx, i)); i++)
		if (strcmp(name, key) == 0)
			return true;
	return false;
}

static bool infra_knows(const void *ctx, const char *key)
{
	(void)ctx;
	return job_infra_key_known((struct str){key, strlen(key)}) || any_runtime_knows(NULL, key);
}

static bool shape_knows(const void *ctx, const char *key)
{
	(void)ctx;
	for (const char *const *k = job_shape_config_keys; *k; k++)
		if (strcmp(*k, key) == 0)
			return true;
	const char *camel = job_infra_key_to_camel((struct str){key, strlen(key)});
	return camel && (strcmp(camel, "ocpus") == 0 || strcmp(camel, "memoryInGBs") == 0);
}

static void test_runtime_spec_keys(void **state)
{
	(void)state;
	const struct runtime_type *rt;
	size_t checked = 0;
	for (size_t i = 0; (rt = runtime_type_at(i)); i++) {
		const char *key;
		for (size_t k = 0; (key = spec_key_nth(rt, k)); k++)
			checked += check_key(RUNTIME_SPEC, rt->name, NULL, key, any_runtime_knows,
					     NULL);
	}
	assert_true(checked > 1000);
}

static void test_section_keys(void **state)
{
	(void)state;
	const struct runtime_type *rt;
	size_t checked = 0;
	for (size_t i = 0; (rt = runtime_type_at(i)); i++)
		for (const struct spec_section *const *s = rt->sections; s && *s; s++) {
			const char *key;
			for (size_t k = 0; (key = spec_section_key_nth(*s, k)); k++)
				checked += check_key(SECTION, rt->name, (*s)->key, key,
						     section_knows, *s);
		}
	assert_true(checked > 100);
}

static void test_infrastructure_keys(void **state)
{
	(void)state;
	const char *key;
	size_t checked = 0;
	for (size_t k = 0; (key = job_infra_key_nth(k)); k++)
		checked += check_key(INFRA_SPEC, "infrastructure", NULL, key, infra_knows, NULL);
	for (const char *const *k = job_shape_config_keys; *k; k++)
		checked += check_key(SHAPE_CONFIG, "shape config", NULL, *k, shape_knows, NULL);
	assert_true(checked > 500);
}

/* Another type's key says whose it is; one far from every key lists them. */
static void test_other_type_and_far_keys(void **state)
{
	(void)state;
	struct seen s = warnings_of("kind: runtime\ntype: script\nspec:\n  entryFunction: m\n");
	assert_int_equal(s.count, 1);
	assert_non_null(strstr(s.message, "a key of python, gitPython and pyTorchDistributed"));
	s = warnings_of("kind: runtime\ntype: container\nspec:\n  image: i\n  zzzzzz: 1\n");
	assert_int_equal(s.count, 1);
	assert_non_null(strstr(s.message, "Known keys here: env, args"));
}

static void test_distance(void **state)
{
	(void)state;
	assert_int_equal(suggest_distance("shapename", 9, "shapeName", 9, 3), 0);
	assert_int_equal(suggest_distance("shaepName", 9, "shapeName", 9, 3), 1);
	assert_int_equal(suggest_distance("shapeNam", 8, "shapeName", 9, 3), 1);
	assert_int_equal(suggest_distance("abc", 3, "xyz", 3, 1), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_runtime_spec_keys),
		cmocka_unit_test(test_section_keys),
		cmocka_unit_test(test_infrastructure_keys),
		cmocka_unit_test(test_other_type_and_far_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

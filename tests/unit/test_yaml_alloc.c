/* cli/static/yaml_alloc.c, the allocator the static dsjob gives libyaml:
 * blocks keep their bytes through realloc across size classes and into and
 * out of the system's big blocks, are 16-byte aligned, and freed blocks are
 * reused. Random operations checked against the bytes each block must hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "test_rng.h"

void *dsj_yaml_malloc(size_t size);
void *dsj_yaml_realloc(void *p, size_t size);
void dsj_yaml_free(void *p);
char *dsj_yaml_strdup(const char *s);

#define SLOTS 64

struct slot {
	unsigned char *p;
	size_t size;
	unsigned char fill;
};

static void check_slot(const struct slot *s)
{
	assert_int_equal((uintptr_t)s->p % 16, 0);
	for (size_t i = 0; i < s->size; i++)
		assert_int_equal(s->p[i], (unsigned char)(s->fill + i));
}

static void fill_slot(struct slot *s, size_t from)
{
	for (size_t i = from; i < s->size; i++)
		s->p[i] = (unsigned char)(s->fill + i);
}

static size_t random_size(void)
{
	switch (test_rng() % 4) {
	case 0:
		return test_rng() % 17; /* 0..16 */
	case 1:
		return test_rng() % 300;
	case 2:
		return test_rng() % 5000;
	default:
		return test_rng() % 100000; /* around the 64 KiB class: the system's blocks */
	}
}

static void test_random_operations_keep_bytes(void **state)
{
	(void)state;
	struct slot slots[SLOTS] = {{0}};
	for (int op = 0; op < 20000; op++) {
		struct slot *s = &slots[test_rng() % SLOTS];
		if (!s->p) {
			s->size = random_size();
			s->p = dsj_yaml_malloc(s->size ? s->size : 1);
			assert_non_null(s->p);
			s->fill = (unsigned char)test_rng();
			fill_slot(s, 0);
		} else if (test_rng() % 3 == 0) {
			check_slot(s);
			dsj_yaml_free(s->p);
			s->p = NULL;
		} else {
			check_slot(s);
			size_t size = random_size();
			s->p = dsj_yaml_realloc(s->p, size ? size : 1);
			assert_non_null(s->p);
			size_t kept = size < s->size ? size : s->size;
			s->size = size;
			fill_slot(s, kept);
			check_slot(s);
		}
	}
	for (int i = 0; i < SLOTS; i++) {
		if (slots[i].p)
			check_slot(&slots[i]);
		dsj_yaml_free(slots[i].p);
	}
}

static void test_freed_blocks_are_reused(void **state)
{
	(void)state;
	void *a = dsj_yaml_malloc(24);
	dsj_yaml_free(a);
	assert_ptr_equal(dsj_yaml_malloc(30), a); /* same 32-byte class, last freed first */
	dsj_yaml_free(a);
	dsj_yaml_free(NULL);
}

static void test_realloc_in_place_and_strdup(void **state)
{
	(void)state;
	char *p = dsj_yaml_malloc(20); /* a 32-byte block */
	memcpy(p, "0123456789", 11);
	assert_ptr_equal(dsj_yaml_realloc(p, 32), p);
	char *q = dsj_yaml_realloc(p, 33);
	assert_string_equal(q, "0123456789");
	char *d = dsj_yaml_strdup("tag:yaml.org,2002:str");
	assert_string_equal(d, "tag:yaml.org,2002:str");
	dsj_yaml_free(d);
	dsj_yaml_free(q);
	assert_null(dsj_yaml_malloc(SIZE_MAX - 8));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_operations_keep_bytes),
		cmocka_unit_test(test_freed_blocks_are_reused),
		cmocka_unit_test(test_realloc_in_place_and_strdup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The map hash index (node.c + strindex.c): big maps must answer exactly as a
 * linear search does, through set, get, remove, clone and sort. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/arena.h"
#include "doc/node.h"
#include "util/strindex.h"
#include "test_rng.h"

#define POOL 3000
#define KEYLEN 16

/* The reference: keys in insertion order, searched linearly. */
struct ref {
	char keys[POOL][KEYLEN];
	long values[POOL];
	size_t count;
};

static long ref_find(const struct ref *r, const char *key)
{
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->keys[i], key) == 0)
			return (long)i;
	return -1;
}

static void ref_set(struct ref *r, const char *key, long value)
{
	long i = ref_find(r, key);
	if (i < 0) {
		i = (long)r->count++;
		snprintf(r->keys[i], KEYLEN, "%s", key);
	}
	r->values[i] = value;
}

static void ref_remove(struct ref *r, const char *key)
{
	long i = ref_find(r, key);
	if (i < 0)
		return;
	memmove(&r->keys[i], &r->keys[i + 1], (r->count - (size_t)i - 1) * KEYLEN);
	memmove(&r->values[i], &r->values[i + 1], (r->count - (size_t)i - 1) * sizeof(long));
	r->count--;
}

static void key_name(char *out, size_t i)
{
	snprintf(out, KEYLEN, "K%zu", i);
}

/* Same pairs in the same order, and every pool key found or not as the reference says. */
static void check_same(const struct node *map, const struct ref *r)
{
	assert_int_equal(map->u.map.count, r->count);
	for (size_t i = 0; i < r->count; i++) {
		assert_string_equal(map->u.map.items[i].key->u.str.ptr, r->keys[i]);
		assert_int_equal(map->u.map.items[i].value->u.integer.i64, r->values[i]);
	}
	char key[KEYLEN];
	for (size_t i = 0; i < POOL; i++) {
		key_name(key, i);
		long want = ref_find(r, key);
		assert_int_equal(map_find(map, key, strlen(key)), want);
		struct node *v = map_get(map, key);
		if (want < 0)
			assert_null(v);
		else
			assert_int_equal(v->u.integer.i64, r->values[want]);
	}
}

static struct ref ref;

static void test_random_ops_match_linear(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct node *map = node_new(&a, NODE_MAP, 0, 0);
	assert_non_null(map);
	memset(&ref, 0, sizeof(ref));
	char key[KEYLEN];
	for (int round = 0; round < 40; round++) {
		/* grow, with repeats and some removals */
		for (int op = 0; op < 400; op++) {
			key_name(key, (size_t)(test_rng() % POOL));
			long value = (long)(test_rng() % 100000);
			if (test_rng() % 5 == 0) {
				struct node *got = map_remove(map, key);
				long want = ref_find(&ref, key);
				if (want < 0)
					assert_null(got);
				else
					assert_int_equal(got->u.integer.i64, ref.values[want]);
				ref_remove(&ref, key);
			} else {
				assert_int_equal(map_set(&a, map, key, node_new_int(&a, value)), 0);
				ref_set(&ref, key, value);
			}
		}
		if (round % 10 == 3) {
			/* carry on with a clone: its index must be its own */
			struct node *copy = node_clone(&a, map);
			assert_non_null(copy);
			check_same(copy, &ref);
			key_name(key, 0);
			map_set(&a, map, key, node_new_int(&a, -1)); /* touches only the original */
			map = copy;
		}
		check_same(map, &ref);
	}
	assert_non_null(map->u.map.index);
	arena_free(&a);
}

static int cmp_keys(const void *pa, const void *pb)
{
	const struct node_pair *a = pa, *b = pb;
	return strcmp(a->key->u.str.ptr, b->key->u.str.ptr);
}

static int cmp_refkeys(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void test_sort_reindexes(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct node *map = node_new(&a, NODE_MAP, 0, 0);
	memset(&ref, 0, sizeof(ref));
	char key[KEYLEN];
	for (size_t i = POOL; i-- > 0;) {
		if (i % 3 == 0)
			continue;
		key_name(key, i);
		map_set(&a, map, key, node_new_int(&a, (long)i));
		ref_set(&ref, key, (long)i);
	}
	map_sort(map, cmp_keys);
	/* sort the reference the same way: values follow their keys */
	qsort(ref.keys, ref.count, KEYLEN, cmp_refkeys);
	for (size_t i = 0; i < ref.count; i++)
		ref.values[i] = strtol(ref.keys[i] + 1, NULL, 10);
	check_same(map, &ref);
	arena_free(&a);
}

/* Python dict keys: 1, 1.0 and True are one key; "1" is another. */
static void test_node_keys_python_equality(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct node *map = node_new(&a, NODE_MAP, 0, 0);
	char key[KEYLEN];
	for (size_t i = 0; i < 100; i++) {
		key_name(key, i);
		map_set_node(&a, map, node_new_cstr(&a, key), node_new_int(&a, (long)i));
	}
	assert_non_null(map->u.map.index);
	map_set_node(&a, map, node_new_int(&a, 1), node_new_int(&a, 1));
	map_set_node(&a, map, node_new_float(&a, 1.0), node_new_int(&a, 2));
	map_set_node(&a, map, node_new_bool(&a, true), node_new_int(&a, 3));
	map_set_node(&a, map, node_new_cstr(&a, "1"), node_new_int(&a, 4));
	assert_int_equal(map->u.map.count, 102);
	assert_int_equal(map->u.map.items[100].key->kind, NODE_INT); /* the first key stays */
	assert_int_equal(map->u.map.items[100].value->u.integer.i64, 3);
	assert_int_equal(map_get(map, "1")->u.integer.i64, 4);
	assert_int_equal(node_key_hash(node_new_float(&a, 2.0)),
			 node_key_hash(node_new_int(&a, 2)));
	assert_int_equal(node_key_hash(node_new_cstr(&a, "x")), node_str_hash("x", 1));
	arena_free(&a);
}

/* strindex on its own: removal renumbers, probe chains survive deletions. */
struct probe {
	const size_t *keys;
	size_t key;
};

static bool same_key(const void *ctx, size_t pos)
{
	const struct probe *p = ctx;
	return p->keys[pos] == p->key;
}

static void test_strindex_remove_shift(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct strindex ix;
	size_t keys[1000];
	size_t n = 1000;
	assert_int_equal(strindex_init(&ix, &a, 4), 0);
	for (size_t i = 0; i < n; i++) {
		keys[i] = i * 7919;
		/* a weak hash on purpose: long probe runs */
		assert_int_equal(strindex_add(&ix, &a, keys[i] % 61, i), 0);
	}
	while (n > 0) {
		size_t victim = (size_t)(test_rng() % n);
		strindex_remove_shift(&ix, victim);
		memmove(&keys[victim], &keys[victim + 1], (n - victim - 1) * sizeof(keys[0]));
		n--;
		if (n % 97 == 0) {
			for (size_t i = 0; i < n; i++) {
				struct probe p = {keys, keys[i]};
				assert_int_equal(strindex_find(&ix, keys[i] % 61, same_key, &p),
						 (long)i);
			}
		}
	}
	assert_int_equal(ix.count, 0);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_ops_match_linear),
		cmocka_unit_test(test_sort_reindexes),
		cmocka_unit_test(test_node_keys_python_equality),
		cmocka_unit_test(test_strindex_remove_shift),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

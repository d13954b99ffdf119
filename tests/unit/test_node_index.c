/* The map hash index (node.c + strindex.c): big maps must answer exactly as a
 * linear search does, through set, get, remove, clone and sort. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc/node.h"
#include "test_rng.h"
#include "util/arena.h"
#include "util/strindex.h"

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
			if (test_rng() % 50 == 0) {
				/* room reserved at any size: the index may come early */
				assert_int_equal(map_reserve(&a, map, test_rng() % 40), 0);
				check_same(map, &ref);
			} else if (test_rng() % 5 == 0) {
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

/* Keys and the class of keys Python calls equal to them. */
struct key_case {
	struct node *key;
	int cls;
};

static struct node *int_key(struct arena *a, const char *text)
{
	return node_new_int_text(a, text, strlen(text));
}

static struct node *aware(struct arena *a, int hour, int tz_minutes)
{
	struct node *n = node_new(a, NODE_DATETIME, 0, 0);
	n->u.time = (struct node_time){.year = 2020,
				       .month = 1,
				       .day = 1,
				       .hour = hour,
				       .has_tz = true,
				       .tz_minutes = tz_minutes};
	return n;
}

static size_t key_cases(struct arena *a, struct key_case *k)
{
	size_t n = 0;
#define KEY(node, c) (k[n++] = (struct key_case){(node), (c)})
	KEY(int_key(a, "1"), 1);
	KEY(node_new_float(a, 1.0), 1);
	KEY(node_new_bool(a, true), 1);
	KEY(int_key(a, "0"), 0);
	KEY(node_new_float(a, -0.0), 0);
	KEY(node_new_bool(a, false), 0);
	KEY(node_new_float(a, 1.5), 2);
	KEY(int_key(a, "10000000000000000"), 3);
	KEY(node_new_float(a, 1e16), 3);
	KEY(int_key(a, "10000000000000001"), 4);
	KEY(int_key(a, "9007199254740992"), 5); /* 2**53 */
	KEY(node_new_float(a, 9007199254740992.0), 5);
	KEY(int_key(a, "9007199254740993"), 6);
	KEY(int_key(a, "9223372036854775807"), 7); /* 2**63 - 1: 19 digits */
	KEY(int_key(a, "9223372036854775808"), 8);
	KEY(node_new_float(a, ldexp(1, 63)), 8);
	KEY(int_key(a, "-9223372036854775808"), 9);
	KEY(node_new_float(a, -ldexp(1, 63)), 9);
	KEY(int_key(a, "1000000000000000000"), 10); /* 10**18: 19 digits, in int64 */
	KEY(node_new_float(a, 1e18), 10);
	KEY(int_key(a, "1000000000000000000000000000000000000000000000000000000000000000000"
		       "00000000000000000000000000000000000000000000000000000000000000000000"),
	    11);						      /* 10**135: no float has it */
	KEY(int_key(a, "1000000000000000042420637374017961984"), 12); /* float(10**36) */
	KEY(node_new_float(a, 1e36), 12);
	KEY(int_key(a, "-1000000000000000042420637374017961984"), 13);
	KEY(node_new_float(a, -1e36), 13);
	KEY(int_key(a, "1000000000000000042420637374017961985"), 14);
	KEY(node_new_float(a, INFINITY), 15);
	KEY(node_new_float(a, INFINITY), 15);
	KEY(node_new_float(a, -INFINITY), 16);
	KEY(node_new_float(a, NAN), 17); /* the readers' NaN is one object */
	KEY(node_new_float(a, NAN), 17);
	KEY(node_new_cstr(a, "1"), 18);
	KEY(aware(a, 1, 60), 19);
	KEY(aware(a, 0, 0), 19);
	KEY(aware(a, 2, 0), 20);
#undef KEY
	return n;
}

/* Equality is Python's ==, and equal keys hash alike. */
static void test_node_keys_exact(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct key_case k[64];
	size_t n = key_cases(&a, k);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			bool want = k[i].cls == k[j].cls;
			if (node_key_equal(k[i].key, k[j].key) != want)
				fail_msg("keys %zu and %zu: equal should be %d", i, j, want);
			if (want)
				assert_int_equal(node_key_hash(k[i].key), node_key_hash(k[j].key));
		}
	arena_free(&a);
}

/* Two keys set one after the other, in a small map and in one with a hash
 * index, in both orders: one pair (the first key, the second value) when they
 * are equal, else two; and each is found again. */
static void test_map_keys_any_size(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct key_case k[64];
	size_t n = key_cases(&a, k);
	for (size_t pad = 0; pad <= 40; pad += 40)
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < n; j++) {
				struct node *map = node_new(&a, NODE_MAP, 0, 0);
				char key[KEYLEN];
				for (size_t p = 0; p < pad; p++) {
					key_name(key, p);
					map_set_node(&a, map, node_new_cstr(&a, key), NULL);
				}
				struct node *first = node_new_int(&a, 1);
				struct node *second = node_new_int(&a, 2);
				map_set_node(&a, map, k[i].key, first);
				map_set_node(&a, map, k[j].key, second);
				bool equal = k[i].cls == k[j].cls;
				assert_int_equal(map->u.map.count, pad + (equal ? 1 : 2));
				assert_ptr_equal(map->u.map.items[pad].key, k[i].key);
				assert_ptr_equal(map->u.map.items[pad].value,
						 equal ? second : first);
				assert_true(pad == 0 || map->u.map.index);
				struct node *again = node_new_int(&a, 3);
				map_set_node(&a, map, k[j].key, again);
				assert_int_equal(map->u.map.count, pad + (equal ? 1 : 2));
				assert_ptr_equal(map->u.map.items[pad + !equal].value, again);
			}
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
		cmocka_unit_test(test_node_keys_exact),
		cmocka_unit_test(test_map_keys_any_size),
		cmocka_unit_test(test_strindex_remove_shift),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

#include "doc/node.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strindex.h"

struct node *node_new(struct arena *a, enum node_kind kind, uint32_t line, uint32_t col)
{
	struct node *n = arena_alloc_uninit(a, sizeof(*n));
	if (n)
		*n = (struct node){.kind = kind, .line = line, .col = col};
	return n;
}

struct node *node_new_str(struct arena *a, const char *s, size_t len)
{
	struct node *n = node_new(a, NODE_STR, 0, 0);
	if (!n)
		return NULL;
	char *p = arena_strndup(a, s ? s : "", s ? len : 0);
	if (!p)
		return NULL;
	n->u.str.ptr = p;
	n->u.str.len = s ? len : 0;
	return n;
}

struct node *node_new_cstr(struct arena *a, const char *s)
{
	return node_new_str(a, s, strlen(s));
}

struct node *node_new_bool(struct arena *a, bool v)
{
	struct node *n = node_new(a, NODE_BOOL, 0, 0);
	if (n)
		n->u.boolean = v;
	return n;
}

struct node *node_new_int(struct arena *a, int64_t v)
{
	char text[32];
	int len = snprintf(text, sizeof(text), "%lld", (long long)v);
	return node_new_int_text(a, text, (size_t)len);
}

struct node *node_new_int_text(struct arena *a, const char *text, size_t len)
{
	struct node *n = node_new(a, NODE_INT, 0, 0);
	if (!n)
		return NULL;
	char *p = arena_strndup(a, text, len);
	if (!p)
		return NULL;
	n->u.integer.text.ptr = p;
	n->u.integer.text.len = len;
	/* fits when at most 18 digits: always safe */
	size_t digits = len - (len && p[0] == '-');
	n->u.integer.fits = digits <= 18;
	if (n->u.integer.fits) {
		long long v = 0;
		for (size_t i = len - digits; i < len; i++)
			v = v * 10 + (p[i] - '0');
		n->u.integer.i64 = p[0] == '-' ? -v : v;
	}
	return n;
}

struct node *node_new_float(struct arena *a, double v)
{
	struct node *n = node_new(a, NODE_FLOAT, 0, 0);
	if (n)
		n->u.real = v;
	return n;
}

static bool str_key_is(const struct node *k, const char *key, size_t len)
{
	return k->kind == NODE_STR && k->u.str.len == len && memcmp(k->u.str.ptr, key, len) == 0;
}

/* ---- the map index ---- */

/* The index of a map with room for `room` keys. */
static int index_build(struct arena *a, struct node *map, size_t room)
{
	struct strindex *ix = arena_alloc(a, sizeof(*ix));
	if (!ix || strindex_init(ix, a, room))
		return -1;
	for (size_t i = 0; i < map->u.map.count; i++)
		if (strindex_add(ix, a, node_key_hash(map->u.map.items[i].key), i))
			return -1;
	map->u.map.index = ix;
	return 0;
}

struct str_probe {
	const struct node *map;
	const char *key;
	size_t len;
};

static bool probe_str(const void *ctx, size_t pos)
{
	const struct str_probe *p = ctx;
	return str_key_is(p->map->u.map.items[pos].key, p->key, p->len);
}

struct node_probe {
	const struct node *map;
	const struct node *key;
};

static bool probe_node(const void *ctx, size_t pos)
{
	const struct node_probe *p = ctx;
	return node_key_equal(p->map->u.map.items[pos].key, p->key);
}

/* ---- sequences and maps ---- */

int seq_push(struct arena *a, struct node *seq, struct node *item)
{
	if (seq->u.seq.count == seq->u.seq.cap) {
		size_t cap = seq->u.seq.cap ? seq->u.seq.cap * 2 : 4;
		struct node **items =
			arena_grow(a, seq->u.seq.items, seq->u.seq.count * sizeof(*items),
				   cap * sizeof(*items));
		if (!items)
			return -1;
		seq->u.seq.items = items;
		seq->u.seq.cap = cap;
	}
	seq->u.seq.items[seq->u.seq.count++] = item;
	return 0;
}

/* Room for cap pairs. */
static int pairs_grow(struct arena *a, struct node *map, size_t cap)
{
	struct node_pair *items = arena_grow(a, map->u.map.items, map->u.map.count * sizeof(*items),
					     cap * sizeof(*items));
	if (!items)
		return -1;
	map->u.map.items = items;
	map->u.map.cap = cap;
	return 0;
}

int map_push(struct arena *a, struct node *map, struct node *key, struct node *value)
{
	if (map->u.map.count == map->u.map.cap &&
	    pairs_grow(a, map, map->u.map.cap ? map->u.map.cap * 2 : 4))
		return -1;
	size_t i = map->u.map.count++;
	map->u.map.items[i].key = key;
	map->u.map.items[i].value = value;
	if (map->u.map.index)
		return strindex_add(map->u.map.index, a, node_key_hash(key), i);
	if (map->u.map.count > MAP_INDEX_MIN && map->u.map.count <= STRINDEX_MAX)
		return index_build(a, map, map->u.map.cap);
	return 0;
}

int map_reserve(struct arena *a, struct node *map, size_t n)
{
	size_t need = map->u.map.count + n;
	if (n > SIZE_MAX / sizeof(struct node_pair) - map->u.map.count)
		return -1;
	if (need > map->u.map.cap && pairs_grow(a, map, need))
		return -1;
	if (!map->u.map.index && need > MAP_INDEX_MIN && need <= STRINDEX_MAX)
		return index_build(a, map, need);
	return 0;
}

long map_find(const struct node *map, const char *key, size_t len)
{
	if (!map || map->kind != NODE_MAP)
		return -1;
	if (map->u.map.index) {
		struct str_probe p = {map, key, len};
		return strindex_find(map->u.map.index, node_str_hash(key, len), probe_str, &p);
	}
	for (size_t i = 0; i < map->u.map.count; i++)
		if (str_key_is(map->u.map.items[i].key, key, len))
			return (long)i;
	return -1;
}

struct node *map_getn(const struct node *map, const char *key, size_t len)
{
	long i = map_find(map, key, len);
	return i < 0 ? NULL : map->u.map.items[i].value;
}

struct node *map_get(const struct node *map, const char *key)
{
	return map_getn(map, key, strlen(key));
}

int map_set(struct arena *a, struct node *map, const char *key, struct node *value)
{
	size_t len = strlen(key);
	long i = map_find(map, key, len);
	if (i >= 0) {
		map->u.map.items[i].value = value;
		return 0;
	}
	struct node *k = node_new_str(a, key, len);
	if (!k)
		return -1;
	return map_push(a, map, k, value);
}

static long find_node_key(const struct node *map, const struct node *key)
{
	if (map->u.map.index) {
		struct node_probe p = {map, key};
		return strindex_find(map->u.map.index, node_key_hash(key), probe_node, &p);
	}
	for (size_t i = 0; i < map->u.map.count; i++) {
		const struct node *k = map->u.map.items[i].key;
		if (key->kind == NODE_STR && k->kind == NODE_STR
			    ? str_key_is(k, key->u.str.ptr, key->u.str.len)
			    : node_key_equal(k, key))
			return (long)i;
	}
	return -1;
}

int map_set_node(struct arena *a, struct node *map, struct node *key, struct node *value)
{
	long i = find_node_key(map, key);
	if (i >= 0) {
		map->u.map.items[i].value = value;
		return 0;
	}
	return map_push(a, map, key, value);
}

struct node *map_remove(struct node *map, const char *key)
{
	long i = map_find(map, key, strlen(key));
	if (i < 0)
		return NULL;
	struct node *v = map->u.map.items[i].value;
	memmove(&map->u.map.items[i], &map->u.map.items[i + 1],
		(map->u.map.count - (size_t)i - 1) * sizeof(struct node_pair));
	map->u.map.count--;
	if (map->u.map.index)
		strindex_remove_shift(map->u.map.index, (size_t)i);
	return v;
}

void map_sort(struct node *map, int (*cmp)(const void *, const void *))
{
	if (map->u.map.count > 1)
		qsort(map->u.map.items, map->u.map.count, sizeof(struct node_pair), cmp);
	struct strindex *ix = map->u.map.index;
	if (!ix)
		return;
	/* same keys, same count: the table has room (no allocation), refill it */
	strindex_clear(ix);
	for (size_t i = 0; i < map->u.map.count; i++)
		strindex_add(ix, NULL, node_key_hash(map->u.map.items[i].key), i);
}

bool node_is_str(const struct node *n)
{
	return n && n->kind == NODE_STR;
}

bool str_eq(struct str s, const char *cstr)
{
	size_t len = strlen(cstr);
	return s.len == len && memcmp(s.ptr, cstr, len) == 0;
}

bool node_truthy(const struct node *n)
{
	if (!n)
		return false;
	switch (n->kind) {
	case NODE_NULL:
		return false;
	case NODE_BOOL:
		return n->u.boolean;
	case NODE_INT:
		return !str_eq(n->u.integer.text, "0");
	case NODE_FLOAT:
		return n->u.real != 0.0 || isnan(n->u.real);
	case NODE_STR:
	case NODE_BINARY:
		return n->u.str.len > 0;
	case NODE_SEQ:
		return n->u.seq.count > 0;
	case NODE_MAP:
		return n->u.map.count > 0;
	case NODE_DATE:
	case NODE_DATETIME:
		return true;
	}
	return true;
}

/* Fields and offset alike: the same instant at two offsets writes differently. */
static bool time_identical(const struct node_time *a, const struct node_time *b)
{
	return a->year == b->year && a->month == b->month && a->day == b->day &&
	       a->hour == b->hour && a->minute == b->minute && a->second == b->second &&
	       a->microsecond == b->microsecond && a->has_tz == b->has_tz &&
	       a->tz_minutes == b->tz_minutes;
}

struct node *node_clone(struct arena *a, const struct node *n)
{
	struct node *c = node_new(a, n->kind, n->line, n->col);
	if (!c)
		return NULL;
	c->u = n->u;
	if (n->kind == NODE_SEQ) {
		c->u.seq.items = NULL;
		c->u.seq.count = c->u.seq.cap = 0;
		for (size_t i = 0; i < n->u.seq.count; i++) {
			struct node *item = node_clone(a, n->u.seq.items[i]);
			if (!item || seq_push(a, c, item))
				return NULL;
		}
	} else if (n->kind == NODE_MAP) {
		/* one array of the right size, and the index copied rather than
		 * rebuilt: the clone's keys hash and sit exactly as the original's */
		size_t count = n->u.map.count;
		c->u.map.items = arena_alloc(a, (count ? count : 1) * sizeof(struct node_pair));
		c->u.map.cap = count ? count : 1;
		c->u.map.count = count;
		c->u.map.index = NULL;
		if (!c->u.map.items)
			return NULL;
		for (size_t i = 0; i < count; i++) {
			c->u.map.items[i].key = node_clone(a, n->u.map.items[i].key);
			c->u.map.items[i].value = node_clone(a, n->u.map.items[i].value);
			if (!c->u.map.items[i].key || !c->u.map.items[i].value)
				return NULL;
		}
		const struct strindex *ix = n->u.map.index;
		if (ix) {
			struct strindex *copy = arena_alloc(a, sizeof(*copy));
			size_t bytes = (ix->mask + 1) * sizeof(*ix->slots);
			if (!copy || !(copy->slots = arena_alloc(a, bytes)))
				return NULL;
			memcpy(copy->slots, ix->slots, bytes);
			copy->mask = ix->mask;
			copy->count = ix->count;
			c->u.map.index = copy;
		}
	}
	return c;
}

const char *node_type_name(const struct node *n)
{
	if (!n)
		return "NoneType";
	switch (n->kind) {
	case NODE_NULL:
		return "NoneType";
	case NODE_BOOL:
		return "bool";
	case NODE_INT:
		return "int";
	case NODE_FLOAT:
		return "float";
	case NODE_STR:
		return "str";
	case NODE_DATE:
		return "date";
	case NODE_DATETIME:
		return "datetime";
	case NODE_BINARY:
		return "bytes";
	case NODE_SEQ:
		return "list";
	case NODE_MAP:
		return "dict";
	}
	return "object";
}

static bool map_equal_unordered(const struct node *a, const struct node *b)
{
	for (size_t i = 0; i < a->u.map.count; i++) {
		const struct node *k = a->u.map.items[i].key;
		const struct node *v = NULL;
		if (k->kind == NODE_STR) {
			v = map_getn(b, k->u.str.ptr, k->u.str.len);
		} else {
			for (size_t j = 0; j < b->u.map.count && !v; j++)
				if (node_equal(k, b->u.map.items[j].key, false))
					v = b->u.map.items[j].value;
		}
		if (!v || !node_equal(a->u.map.items[i].value, v, false))
			return false;
	}
	return true;
}

static bool map_equal_ordered(const struct node *a, const struct node *b)
{
	for (size_t i = 0; i < a->u.map.count; i++)
		if (!node_equal(a->u.map.items[i].key, b->u.map.items[i].key, true) ||
		    !node_equal(a->u.map.items[i].value, b->u.map.items[i].value, true))
			return false;
	return true;
}

bool node_equal(const struct node *a, const struct node *b, bool ordered)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case NODE_FLOAT:
		return a->u.real == b->u.real || (isnan(a->u.real) && isnan(b->u.real));
	case NODE_INT:
		return a->u.integer.text.len == b->u.integer.text.len &&
		       memcmp(a->u.integer.text.ptr, b->u.integer.text.ptr,
			      a->u.integer.text.len) == 0;
	case NODE_SEQ:
		if (a->u.seq.count != b->u.seq.count)
			return false;
		for (size_t i = 0; i < a->u.seq.count; i++)
			if (!node_equal(a->u.seq.items[i], b->u.seq.items[i], ordered))
				return false;
		return true;
	case NODE_MAP:
		if (a->u.map.count != b->u.map.count)
			return false;
		return ordered ? map_equal_ordered(a, b) : map_equal_unordered(a, b);
	case NODE_DATE:
	case NODE_DATETIME:
		return time_identical(&a->u.time, &b->u.time);
	default:
		return node_key_equal(a, b);
	}
}

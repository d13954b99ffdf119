/* The document tree shared by the YAML reader, the JSON reader and writers,
 * and the conversions. Every node lives in an arena and carries the 1-based
 * line and column it came from (0 for nodes the conversion made). Strings are
 * (pointer, length) pairs, NUL-terminated for convenience, and may contain NUL. */
#ifndef DSJ_NODE_H
#define DSJ_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

enum node_kind {
	NODE_NULL,
	NODE_BOOL,
	NODE_INT,
	NODE_FLOAT,
	NODE_STR,
	NODE_DATE,     /* datetime.date */
	NODE_DATETIME, /* datetime.datetime, naive or with a fixed offset */
	NODE_BINARY,   /* bytes (the decoded !!binary), kept in .str */
	NODE_SEQ,
	NODE_MAP,
};

struct str {
	const char *ptr;
	size_t len;
};

/* Python ints are unbounded: the decimal text is the value; i64 holds it when
 * it fits. */
struct node_int {
	struct str text; /* canonical decimal, "-" for negatives, no leading zeros */
	int64_t i64;
	bool fits; /* text fits in int64_t */
};

struct node_time {
	int year, month, day;
	int hour, minute, second, microsecond;
	bool has_tz;
	int tz_minutes; /* offset east of UTC */
};

struct node_pair;
struct strindex;

/* Maps up to this many pairs are searched linearly; bigger ones get a hash
 * index, so lookups stay O(1) and a 10,000-variable env stays linear. */
#define MAP_INDEX_MIN 16

struct node {
	enum node_kind kind;
	uint32_t line, col;
	union {
		bool boolean;
		struct node_int integer;
		double real;
		struct str str; /* NODE_STR, NODE_BINARY */
		struct node_time time;
		struct {
			struct node **items;
			size_t count, cap;
		} seq;
		struct {
			struct node_pair *items;
			size_t count, cap;
			/* hash index over the keys, attached by map_push once the
			 * map has more than MAP_INDEX_MIN pairs; NULL before */
			struct strindex *index;
		} map;
	} u;
};

struct node_pair {
	struct node *key;
	struct node *value;
};

struct node *node_new(struct arena *a, enum node_kind kind, uint32_t line, uint32_t col);
struct node *node_new_str(struct arena *a, const char *s, size_t len);
struct node *node_new_cstr(struct arena *a, const char *s);
struct node *node_new_bool(struct arena *a, bool v);
struct node *node_new_int(struct arena *a, int64_t v);
/* From canonical decimal text (as node_int.text describes). */
struct node *node_new_int_text(struct arena *a, const char *text, size_t len);
struct node *node_new_float(struct arena *a, double v);

/* Maps: keys are unique (the setters keep them so). Change a map's pairs only
 * through these functions (map_sort to reorder); values may be assigned in
 * place (items[i].value = v), keys and the order may not, because bigger maps
 * carry a hash index over their keys. */

/* Appends; 0 or -1 when out of memory. */
int seq_push(struct arena *a, struct node *seq, struct node *item);
/* Makes room for n more pairs (and their index when the map will be past
 * MAP_INDEX_MIN), so that the next n map_push calls neither copy the pairs
 * nor rehash; 0 or -1 when out of memory. */
int map_reserve(struct arena *a, struct node *map, size_t n);
/* Appends a pair without looking for an existing key. */
int map_push(struct arena *a, struct node *map, struct node *key, struct node *value);
/* Sets a string key: replaces the value in place when the key exists
 * (keeping its position, as a Python dict does), else appends. */
int map_set(struct arena *a, struct node *map, const char *key, struct node *value);
/* Python dict semantics for any hashable key: equal keys (1 == 1.0 == true)
 * replace the value and keep the first key's position. */
int map_set_node(struct arena *a, struct node *map, struct node *key, struct node *value);

/* The value under a string key, or NULL. */
struct node *map_get(const struct node *map, const char *key);
struct node *map_getn(const struct node *map, const char *key, size_t len);
/* Index of a string key or -1. */
long map_find(const struct node *map, const char *key, size_t len);
/* Removes the pair under a string key, keeping the order of the rest; returns its value or NULL. */
struct node *map_remove(struct node *map, const char *key);

/* Sorts the pairs with qsort's cmp (over struct node_pair) and re-indexes. */
void map_sort(struct node *map, int (*cmp)(const void *, const void *));

bool node_is_str(const struct node *n);
bool str_eq(struct str s, const char *cstr);
/* Python truthiness: None, False, 0, 0.0, "", [], {} are false. */
bool node_truthy(const struct node *n);
/* Python == between two hashable values, as a dict compares its keys: 1, 1.0
 * and true are one key, ints are exact at any size (node_key.c). */
bool node_key_equal(const struct node *a, const struct node *b);
/* A hash of a dict key, equal for keys node_key_equal calls equal. */
uint64_t node_key_hash(const struct node *k);
/* node_key_hash of a string key with these bytes. */
uint64_t node_str_hash(const char *s, size_t len);
/* Deep equality with exact types (1 is not 1.0, true is not 1; NaN equals NaN).
 * Mappings compare pair by pair in order when `ordered`, else as Python dicts. */
bool node_equal(const struct node *a, const struct node *b, bool ordered);
/* Deep copy into arena `a`. */
struct node *node_clone(struct arena *a, const struct node *n);
/* Python type name: "NoneType", "bool", "int", "float", "str", "date",
 * "datetime", "bytes", "list", "dict". */
const char *node_type_name(const struct node *n);

#endif

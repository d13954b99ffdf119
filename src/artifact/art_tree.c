/* The entries of an artifact before it is written: names, where the bytes come
 * from, and normalised modes. Sorting here is what makes the zip independent of
 * the order the file system lists folders in. */
#include <stdlib.h>
#include <string.h>

#include "artifact/artifact.h"

void art_tree_init(struct art_tree *t, struct arena *a)
{
	memset(t, 0, sizeof(*t));
	t->a = a;
}

static struct art_entry *push(struct art_tree *t)
{
	if (t->count == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		struct art_entry *bigger = arena_grow(t->a, t->items, t->cap * sizeof(*t->items),
						      cap * sizeof(*t->items));
		if (!bigger)
			return NULL;
		t->items = bigger;
		t->cap = cap;
	}
	struct art_entry *e = &t->items[t->count++];
	memset(e, 0, sizeof(*e));
	return e;
}

static int add_parents(struct art_tree *t, const char *name)
{
	for (const char *slash = strchr(name, '/'); slash; slash = strchr(slash + 1, '/')) {
		struct art_entry *e = push(t);
		if (!e || !(e->name = arena_strndup(t->a, name, (size_t)(slash - name))))
			return DSJ_ENOMEM;
		e->kind = ART_DIR;
		e->mode = 0755;
	}
	return 0;
}

int art_tree_add_dir(struct art_tree *t, const char *name)
{
	if (add_parents(t, name))
		return DSJ_ENOMEM;
	struct art_entry *e = push(t);
	if (!e || !(e->name = arena_strndup(t->a, name, strlen(name))))
		return DSJ_ENOMEM;
	e->kind = ART_DIR;
	e->mode = 0755;
	return 0;
}

int art_tree_add_file(struct art_tree *t, const char *name, const char *disk,
		      const unsigned char *data, size_t size, bool executable)
{
	if (add_parents(t, name))
		return DSJ_ENOMEM;
	struct art_entry *e = push(t);
	if (!e || !(e->name = arena_strndup(t->a, name, strlen(name))))
		return DSJ_ENOMEM;
	e->kind = ART_FILE;
	e->disk = disk;
	e->data = data;
	e->size = size;
	e->mode = executable ? 0755 : 0644;
	return 0;
}

/* Byte i of the listed name ("dir/" for folders), -1 past its end. */
static int label_byte(const struct art_entry *e, size_t i, size_t len)
{
	if (i < len)
		return (unsigned char)e->name[i];
	return i == len && e->kind == ART_DIR ? '/' : -1;
}

/* Bytewise order of the listed names. */
static int qsort_cmp(const void *pa, const void *pb)
{
	const struct art_entry *a = pa, *b = pb;
	size_t la = strlen(a->name), lb = strlen(b->name);
	for (size_t i = 0;; i++) {
		int x = label_byte(a, i, la), y = label_byte(b, i, lb);
		if (x != y || x < 0)
			return x - y;
	}
}

void art_tree_finish(struct art_tree *t)
{
	if (t->count > 1)
		qsort(t->items, t->count, sizeof(*t->items), qsort_cmp);
	size_t kept = 0;
	for (size_t i = 0; i < t->count; i++) {
		if (kept && strcmp(t->items[kept - 1].name, t->items[i].name) == 0)
			continue; /* a parent folder added once per file under it */
		t->items[kept++] = t->items[i];
	}
	t->count = kept;
}

const struct art_entry *art_tree_find(const struct art_tree *t, const char *name)
{
	for (size_t i = 0; i < t->count; i++)
		if (strcmp(t->items[i].name, name) == 0)
			return &t->items[i];
	return NULL;
}

const char *art_entry_label(const struct art_tree *t, const struct art_entry *e)
{
	if (e->kind != ART_DIR)
		return e->name;
	size_t len = strlen(e->name);
	char *label = arena_alloc(t->a, len + 2);
	if (label) {
		memcpy(label, e->name, len);
		label[len] = '/';
	}
	return label;
}

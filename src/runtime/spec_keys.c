/* The keys a runtime type knows are read off the tables its conversion uses,
 * so a key added to a mapping table is known at once, and spec_get refuses
 * (asserts) a key no table names: the two cannot drift apart. */
#include "runtime/spec_keys.h"

#include <stdio.h>
#include <string.h>

#include "doc/unknown_keys.h"
#include "util/buf.h"
#include "util/suggest.h"

/* apiVersion: the ADS documentation's examples have it, and ADS ignores it */
const char *const runtime_doc_keys[] = {"kind", "type", "spec", "apiVersion", NULL};
/* env_vars.c reads these from each item of a list-form spec.env */
const char *const env_item_keys[] = {"name", "value", NULL};

/* Walks the names of `type`'s tables in order; returns the first for which
 * `stop` is true, or NULL. One walk serves both the i-th key and the lookup,
 * so a lookup is one pass over the tables. */
typedef bool (*name_stop)(const char *name, void *ctx);

static const char *type_walk(const struct runtime_type *type, name_stop stop, void *ctx)
{
	for (const char *const *k = runtime_base_keys; *k; k++)
		if (stop(*k, ctx))
			return *k;
	for (const char *const *k = type->keys; k && *k; k++)
		if (stop(*k, ctx))
			return *k;
	for (const struct env_mapping *const *m = type->mappings; m && *m; m++)
		for (const struct env_mapping *e = *m; e->spec_key; e++)
			if (stop(e->spec_key, ctx))
				return e->spec_key;
	for (const struct spec_alias *const *t = type->aliases; t && *t; t++)
		for (const struct spec_alias *al = *t; al->camel; al++) {
			if (stop(al->camel, ctx))
				return al->camel;
			if (al->snake && stop(al->snake, ctx))
				return al->snake;
		}
	for (const struct spec_section *const *s = type->sections; s && *s; s++)
		if (stop((*s)->key, ctx))
			return (*s)->key;
	return NULL;
}

static const char *section_walk(const struct spec_section *s, name_stop stop, void *ctx)
{
	for (const char *const *k = s->names; k && *k; k++)
		if (stop(*k, ctx))
			return *k;
	for (const struct env_mapping *e = s->mapping; e && e->spec_key; e++)
		if (stop(e->spec_key, ctx))
			return e->spec_key;
	return NULL;
}

/* Counts down `*i`; stops when the count reaches it. */
static bool count_down(const char *name, void *ctx)
{
	(void)name;
	size_t *i = ctx;
	return (*i)-- == 0;
}

static bool count_all(const char *name, void *ctx)
{
	(void)name;
	++*(size_t *)ctx;
	return false;
}

static bool same_key(const char *name, void *ctx)
{
	return str_eq(*(const struct str *)ctx, name);
}

const char *spec_key_nth(const struct runtime_type *type, size_t i)
{
	return type_walk(type, count_down, &i);
}

bool spec_key_known_str(const struct runtime_type *type, struct str key)
{
	return type_walk(type, same_key, &key) != NULL;
}

bool spec_key_known(const struct runtime_type *type, const char *key)
{
	return spec_key_known_str(type, (struct str){key, strlen(key)});
}

bool spec_key_known_ads(const struct runtime_type *type, struct str key, enum dsj_ads ads)
{
	if (spec_key_known_str(type, key))
		return true;
	for (const char *const *k = type->keys_ads215; ads == DSJ_ADS_2_15 && k && *k; k++)
		if (str_eq(key, *k))
			return true;
	return false;
}

const struct node *spec_key_outside(const struct runtime_type *type, const struct node *doc)
{
	for (size_t i = 0; doc && doc->kind == NODE_MAP && i < doc->u.map.count; i++) {
		const struct node *k = doc->u.map.items[i].key;
		if (k->kind == NODE_STR && !str_eq(k->u.str, "kind") && !str_eq(k->u.str, "type") &&
		    !str_eq(k->u.str, "spec") && spec_key_known_str(type, k->u.str))
			return k;
	}
	return NULL;
}

const struct spec_section *spec_section_of(const struct runtime_type *type, const char *key,
					   size_t len)
{
	for (const struct spec_section *const *s = type->sections; s && *s; s++)
		if (strlen((*s)->key) == len && memcmp((*s)->key, key, len) == 0)
			return *s;
	return NULL;
}

const char *spec_section_key_nth(const struct spec_section *s, size_t i)
{
	return section_walk(s, count_down, &i);
}

/* The keys of a type as one ADS release reads them. */
struct typed_keys {
	const struct runtime_type *type;
	enum dsj_ads ads;
};

static const char *type_nth(const void *data, size_t i)
{
	const struct typed_keys *k = data;
	const char *name = spec_key_nth(k->type, i);
	if (name || k->ads != DSJ_ADS_2_15 || !k->type->keys_ads215)
		return name;
	size_t n = 0;
	type_walk(k->type, count_all, &n);
	for (size_t j = 0; k->type->keys_ads215[j]; j++)
		if (n + j == i)
			return k->type->keys_ads215[j];
	return NULL;
}

static bool type_has(const void *data, struct str key)
{
	const struct typed_keys *k = data;
	return spec_key_known_ads(k->type, key, k->ads);
}

static const char *section_nth(const void *data, size_t i)
{
	return spec_section_key_nth(data, i);
}

static bool section_has(const void *data, struct str key)
{
	return section_walk(data, same_key, &key) != NULL;
}

/* "a key of python and gitPython runtimes" when other types know the key. */
static bool other_types(struct str key, const void *ctx, struct buf *out)
{
	const struct runtime_type *self = ctx, *rt;
	size_t n = 0, total = 0;
	for (size_t i = 0; (rt = runtime_type_at(i)); i++)
		total += rt != self && spec_key_known_str(rt, key);
	if (!total)
		return false;
	buf_puts(out, "a key of ");
	for (size_t i = 0; (rt = runtime_type_at(i)); i++)
		if (rt != self && spec_key_known_str(rt, key)) {
			n++;
			buf_printf(out, "%s%s",
				   n == 1	? ""
				   : n == total ? " and "
						: ", ",
				   rt->name);
		}
	buf_printf(out, " runtimes, not of %s; ADS ignores it here", self->name);
	return true;
}

/* Words written for a key that no edit of it is near. */
static const struct {
	const char *word, *key;
} meant[] = {
	{"environment", "env"}, {"environmentVariables", "env"}, {"envs", "env"},
	{"variables", "env"},	{"arguments", "args"},		 {"argv", "args"},
	{"image_uri", "image"}, {"script", "scriptPathURI"},	 {"notebook", "notebookPathURI"},
};

static bool elsewhere(struct str key, const void *ctx, struct buf *out)
{
	const struct typed_keys *typed = ctx;
	if (typed->ads != DSJ_ADS_2_15 && spec_key_known_ads(typed->type, key, DSJ_ADS_2_15)) {
		buf_puts(out, "a key ADS 2.15 reads (--ads 2.15); ADS 2.8 ignores it");
		return true;
	}
	ctx = typed->type;
	if (other_types(key, ctx, out))
		return true;
	struct suggestion s = {0};
	size_t best = 0;
	for (size_t i = 0; i < sizeof(meant) / sizeof(meant[0]); i++)
		suggest_consider(&s, &best, key.ptr, key.len, meant[i].word);
	if (!s.count)
		return false;
	for (size_t i = 0; i < sizeof(meant) / sizeof(meant[0]); i++)
		if (strcmp(meant[i].word, s.names[0]) == 0 && spec_key_known(ctx, meant[i].key)) {
			buf_printf(out, "did you mean '%s'?", meant[i].key);
			return true;
		}
	return false;
}

/* A spec key beside `spec` instead of under it: its indentation. */
static bool belongs_in_spec(struct str key, const void *ctx, struct buf *out)
{
	if (!spec_key_known_str(ctx, key))
		return false;
	buf_puts(out, "a key of the spec: indent it under `spec:`; ADS ignores it here");
	return true;
}

static void check_env_items(struct translate_ctx *t, const char *path)
{
	const struct node *env = map_get(t->spec, "env");
	if (!env || env->kind != NODE_SEQ)
		return;
	struct key_set items = key_set_names(env_item_keys);
	for (size_t i = 0; i < env->u.seq.count; i++) {
		char sub[DSJ_ERROR_PATH_MAX];
		snprintf(sub, sizeof(sub), "%s.env[%zu]", path, i);
		unknown_keys_warn(t->opts, env->u.seq.items[i], sub, &items, NULL, NULL);
	}
}

void spec_keys_check(struct translate_ctx *t, const struct node *runtime)
{
	if (!t->opts->warn)
		return;
	char path[DSJ_ERROR_PATH_MAX];
	snprintf(path, sizeof(path), "%.*s", t->prefix[0] ? (int)strlen(t->prefix) - 1 : 0,
		 t->prefix);
	struct key_set doc = key_set_names(runtime_doc_keys);
	unknown_keys_warn(t->opts, runtime, path, &doc, belongs_in_spec, t->type);
	snprintf(path, sizeof(path), "%sspec", t->prefix);
	struct typed_keys typed = {t->type, t->opts->ads};
	struct key_set spec = {.nth = type_nth, .has = type_has, .data = &typed};
	unknown_keys_warn(t->opts, t->spec, path, &spec, elsewhere, &typed);
	for (const struct spec_section *const *s = t->type->sections; s && *s; s++) {
		char sub[DSJ_ERROR_PATH_MAX];
		snprintf(sub, sizeof(sub), "%s.%s", path, (*s)->key);
		struct key_set keys = {.nth = section_nth, .has = section_has, .data = *s};
		unknown_keys_warn(t->opts, map_get(t->spec, (*s)->key), sub, &keys, NULL, NULL);
	}
	check_env_items(t, path);
}

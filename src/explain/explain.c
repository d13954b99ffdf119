/* The answer's values that are the user's own nodes (a slug, an OCID, a tag
 * mapping) are found in the document by identity, which gives their key path
 * and place; the others are explained by their rule. */
#include "explain/explain.h"

#include <stdio.h>
#include <string.h>

#include "doc/json.h"
#include "util/arena.h"

#define MAX_INDEXED 100000

struct placed {
	const struct node *node;
	const char *path;
};

struct index {
	struct placed *items;
	size_t count, cap;
	struct arena *a;
	bool failed;
};

static void add(struct index *ix, const struct node *n, const char *path)
{
	if (ix->count == ix->cap) {
		size_t cap = ix->cap ? ix->cap * 2 : 256;
		if (cap > MAX_INDEXED)
			return;
		struct placed *bigger = arena_alloc(ix->a, cap * sizeof(*bigger));
		if (!bigger) {
			ix->failed = true;
			return;
		}
		if (ix->count)
			memcpy(bigger, ix->items, ix->count * sizeof(*bigger));
		ix->items = bigger;
		ix->cap = cap;
	}
	ix->items[ix->count++] = (struct placed){n, path};
}

static void index_tree(struct index *ix, const struct node *n, const char *path, int depth)
{
	if (!n || depth > 64 || ix->failed)
		return;
	add(ix, n, path);
	char sub[512];
	if (n->kind == NODE_MAP) {
		for (size_t i = 0; i < n->u.map.count; i++) {
			const struct node *k = n->u.map.items[i].key;
			snprintf(sub, sizeof(sub), "%s%s%s", path, path[0] ? "." : "",
				 k->kind == NODE_STR ? k->u.str.ptr : "?");
			index_tree(ix, n->u.map.items[i].value,
				   arena_strndup(ix->a, sub, strlen(sub)), depth + 1);
		}
	} else if (n->kind == NODE_SEQ) {
		for (size_t i = 0; i < n->u.seq.count; i++) {
			snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
			index_tree(ix, n->u.seq.items[i], arena_strndup(ix->a, sub, strlen(sub)),
				   depth + 1);
		}
	}
}

static const char *path_of(const struct index *ix, const struct node *n)
{
	for (size_t i = 0; i < ix->count; i++)
		if (ix->items[i].node == n)
			return ix->items[i].path ? ix->items[i].path : "?";
	return NULL;
}

struct explainer {
	struct buf *out;
	struct index ix;
	const struct node *doc, *runtime_doc, *runtime_spec, *infra_spec, *job_spec;
	const char *runtime_path, *infra_path;
};

static const struct node *rule_base(const struct explainer *x, enum explain_base base,
				    const char **prefix)
{
	switch (base) {
	case FROM_RUNTIME_SPEC:
		*prefix = x->runtime_path[0] ? "spec.runtime.spec" : "spec";
		return x->runtime_spec;
	case FROM_RUNTIME_DOC:
		*prefix = x->runtime_path;
		return x->runtime_doc;
	case FROM_INFRA_SPEC:
		*prefix = "spec.infrastructure.spec";
		return x->infra_spec;
	case FROM_JOB_SPEC:
		*prefix = "spec";
		return x->job_spec;
	}
	return NULL;
}

/* The key node at dotted path `keys` ("shapeConfigDetails.ocpus") under `m`. */
static const struct node *key_at(const struct node *m, const char *keys)
{
	const struct node *k = NULL;
	while (m && m->kind == NODE_MAP) {
		size_t n = strcspn(keys, ".");
		long at = map_find(m, keys, n);
		if (at < 0)
			return NULL;
		k = m->u.map.items[at].key;
		m = m->u.map.items[at].value;
		if (!keys[n])
			return k;
		keys += n + 1;
	}
	return NULL;
}

/* The value the user wrote for variable `name` in the runtime's env. */
static const struct node *env_value(const struct explainer *x, const char *name, char *path,
				    size_t size)
{
	const struct node *env = x->runtime_spec && x->runtime_spec->kind == NODE_MAP
					 ? map_get(x->runtime_spec, "env")
					 : NULL;
	const char *prefix = x->runtime_path[0] ? "spec.runtime.spec" : "spec";
	if (env && env->kind == NODE_MAP) {
		snprintf(path, size, "%s.env.%s", prefix, name);
		return map_get(env, name);
	}
	for (size_t i = 0; env && env->kind == NODE_SEQ && i < env->u.seq.count; i++) {
		const struct node *item = env->u.seq.items[i];
		const struct node *n = item->kind == NODE_MAP ? map_get(item, "name") : NULL;
		if (node_is_str(n) && strcmp(n->u.str.ptr, name) == 0) {
			snprintf(path, size, "%s.env[%zu].value", prefix, i);
			const struct node *v = map_get(item, "value");
			return v ? v : item;
		}
	}
	return NULL;
}

/* " ← KEY at L:C, KEY at L:C" for the rule's keys present, else its fallback. */
static void cite(struct explainer *x, const struct explain_rule *r)
{
	const char *prefix = "";
	const struct node *base = rule_base(x, r->base, &prefix);
	size_t cited = 0;
	for (size_t i = 0; i < 4 && r->keys[i]; i++) {
		const struct node *k = key_at(base, r->keys[i]);
		if (!k)
			continue;
		buf_printf(x->out, "%s%s%s%s", cited++ ? ", " : " ← ", prefix, prefix[0] ? "." : "",
			   r->keys[i]);
		const struct node *v =
			r->base == FROM_RUNTIME_DOC ? map_get(base, r->keys[i]) : NULL;
		if (node_is_str(v) && v->u.str.len < 40)
			buf_printf(x->out, " %s", v->u.str.ptr);
		buf_printf(x->out, " at %u:%u", k->line, k->col);
	}
	if (cited)
		buf_printf(x->out, " (%s)", r->text);
	else
		buf_printf(x->out, " ← %s", r->fallback ? r->fallback : r->text);
}

static const struct explain_rule env_rule = {
	NULL, "a variable of the spec's env, ${VAR} substituted", FROM_RUNTIME_SPEC, {"env"}, NULL};

static void explain_leaf(struct explainer *x, const char *path, const char *field,
			 const struct node *v, bool in_env)
{
	buf_printf(x->out, "%s = ", path);
	json_brief(x->out, v, 60);
	const char *from = path_of(&x->ix, v);
	if (from) {
		buf_printf(x->out, " ← %s at %u:%u\n", from[0] ? from : "(the document)", v->line,
			   v->col);
		return;
	}
	const struct explain_rule *r = explain_rule_for(field);
	char where[512];
	const struct node *written =
		!r && in_env ? env_value(x, field, where, sizeof(where)) : NULL;
	if (written) {
		buf_printf(x->out, " ← %s at %u:%u (as a string, with any ${VAR} substituted)\n",
			   where, written->line, written->col);
		return;
	}
	if (!r && in_env)
		r = &env_rule;
	if (r)
		cite(x, r);
	else
		buf_puts(x->out, " ← set by the conversion");
	buf_putc(x->out, '\n');
}

static void walk(struct explainer *x, const struct node *n, const char *path, const char *field,
		 bool in_env)
{
	if (n->kind == NODE_MAP && !path_of(&x->ix, n)) {
		for (size_t i = 0; i < n->u.map.count; i++) {
			const struct node *k = n->u.map.items[i].key;
			const char *name = k->kind == NODE_STR ? k->u.str.ptr : "?";
			char sub[512];
			snprintf(sub, sizeof(sub), "%s%s%s", path, path[0] ? "." : "", name);
			walk(x, n->u.map.items[i].value, sub, name,
			     strcmp(field, "environmentVariables") == 0);
		}
		return;
	}
	if (n->kind == NODE_SEQ && !path_of(&x->ix, n)) {
		for (size_t i = 0; i < n->u.seq.count; i++) {
			char sub[512];
			snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
			walk(x, n->u.seq.items[i], sub, field, in_env);
		}
		return;
	}
	explain_leaf(x, path, field, n, in_env);
}

static const struct node *map_child(const struct node *m, const char *key)
{
	return m && m->kind == NODE_MAP ? map_get(m, key) : NULL;
}

bool explain_answer(struct buf *out, struct arena *a, const struct node *doc,
		    const struct node *answer)
{
	struct explainer x = {.out = out, .ix = {.a = a}, .doc = doc};
	index_tree(&x.ix, doc, "", 0);
	if (x.ix.failed)
		return false;
	const struct node *spec = map_child(doc, "spec");
	const struct node *runtime = map_child(spec, "runtime");
	bool job = map_get(answer, "body") != NULL;
	x.runtime_doc = job ? runtime : doc;
	x.runtime_path = job ? "spec.runtime" : "";
	x.runtime_spec = map_child(x.runtime_doc, "spec");
	x.job_spec = job ? spec : NULL;
	x.infra_spec = job ? map_child(map_child(spec, "infrastructure"), "spec") : NULL;
	walk(&x, answer, "", "", false);
	return !out->failed;
}

/* The JSON Schema of runtime and job YAML, for editors
 * (`# yaml-language-server: $schema=...`), made from the tables the
 * conversion reads: the registry's types, each type's spec keys and sections,
 * the infrastructure's keys and aliases, the shape config and mount keys. It
 * checks the structure (a spec is a mapping, a type is one of the types, a job
 * has an infrastructure and a runtime...); values are the conversion's to
 * check. Unknown keys are allowed, as ADS allows them, unless `strict`. */
#include "schema/schema.h"

#include <string.h>

#include "job/job_parts.h"
#include "runtime/spec_keys.h"

struct maker {
	struct arena *a;
	bool failed;
};

static struct node *obj(struct maker *m)
{
	struct node *n = node_new(m->a, NODE_MAP, 0, 0);
	m->failed |= !n;
	return n;
}

static struct node *text(struct maker *m, const char *s)
{
	struct node *n = node_new_cstr(m->a, s);
	m->failed |= !n;
	return n;
}

static void put(struct maker *m, struct node *o, const char *key, struct node *v)
{
	if (!o || !v || map_set(m->a, o, key, v))
		m->failed = true;
}

static struct node *list(struct maker *m, const char *const *items)
{
	struct node *n = node_new(m->a, NODE_SEQ, 0, 0);
	for (; n && items && *items; items++)
		if (seq_push(m->a, n, text(m, *items)))
			m->failed = true;
	m->failed |= !n;
	return n;
}

static struct node *typed(struct maker *m, const char *type)
{
	struct node *o = obj(m);
	put(m, o, "type", text(m, type));
	return o;
}

static struct node *ref(struct maker *m, const char *to)
{
	struct node *o = obj(m);
	put(m, o, "$ref", text(m, to));
	return o;
}

static struct node *constant(struct maker *m, const char *value)
{
	struct node *o = obj(m);
	put(m, o, "const", text(m, value));
	return o;
}

/* {"type": "object", "properties": {name: {}...}} over nth's names. */
static struct node *mapping_of(struct maker *m, const char *(*nth)(const void *, size_t),
			       const void *data, bool strict)
{
	struct node *o = typed(m, "object"), *props = obj(m);
	const char *name;
	for (size_t i = 0; (name = nth(data, i)); i++)
		if (!map_get(props, name))
			put(m, props, name, obj(m));
	put(m, o, "properties", props);
	if (strict)
		put(m, o, "additionalProperties", node_new_bool(m->a, false));
	return o;
}

static const char *names_nth(const void *data, size_t i)
{
	return ((const char *const *)data)[i];
}

static const char *type_key_nth(const void *data, size_t i)
{
	return spec_key_nth(data, i);
}

static const char *section_nth(const void *data, size_t i)
{
	return spec_section_key_nth(data, i);
}

static const char *infra_nth(const void *data, size_t i)
{
	(void)data;
	return job_infra_key_nth(i);
}

static struct node *env_schema(struct maker *m, bool strict)
{
	struct node *item = mapping_of(m, names_nth, env_item_keys, strict);
	put(m, item, "required", list(m, env_item_keys));
	struct node *as_list = typed(m, "array");
	put(m, as_list, "items", item);
	struct node *choices = node_new(m->a, NODE_SEQ, 0, 0);
	if (!choices || seq_push(m->a, choices, typed(m, "object")) ||
	    seq_push(m->a, choices, as_list) || seq_push(m->a, choices, typed(m, "null")))
		m->failed = true;
	struct node *o = obj(m);
	put(m, o, "anyOf", choices);
	return o;
}

/* The spec of one runtime type: its keys, its sections as mappings, env. */
static struct node *spec_schema(struct maker *m, const struct runtime_type *rt, bool strict)
{
	struct node *spec = mapping_of(m, type_key_nth, rt, strict);
	struct node *props = map_get(spec, "properties");
	for (const struct spec_section *const *s = rt->sections; s && *s; s++) {
		struct node *section = mapping_of(m, section_nth, *s, strict);
		put(m, props, (*s)->key, section);
	}
	put(m, props, "env", env_schema(m, strict));
	return spec;
}

static struct node *runtime_schema(struct maker *m, bool strict)
{
	struct node *r = mapping_of(m, names_nth, runtime_doc_keys, strict);
	struct node *props = map_get(r, "properties");
	const char *names[64];
	size_t n = 0;
	const struct runtime_type *rt;
	for (size_t i = 0; (rt = runtime_type_at(i)) && n + 1 < 64; i++)
		names[n++] = rt->name;
	names[n] = NULL;
	struct node *type = obj(m);
	put(m, type, "enum", list(m, names));
	put(m, props, "type", type);
	put(m, props, "kind", typed(m, "string"));
	struct node *spec_types = list(m, (const char *const[]){"object", "null", NULL});
	struct node *spec = obj(m);
	put(m, spec, "type", spec_types);
	put(m, props, "spec", spec);
	put(m, r, "required", list(m, (const char *const[]){"type", NULL}));
	struct node *each = node_new(m->a, NODE_SEQ, 0, 0);
	m->failed |= !each;
	for (size_t i = 0; (rt = runtime_type_at(i)); i++) {
		struct node *when = obj(m), *cond = obj(m), *cprops = obj(m), *then = obj(m),
			    *tprops = obj(m);
		put(m, cprops, "type", constant(m, rt->name));
		put(m, cond, "properties", cprops);
		put(m, when, "if", cond);
		struct node *spec_or_null = obj(m);
		struct node *choices = node_new(m->a, NODE_SEQ, 0, 0);
		if (!choices || seq_push(m->a, choices, spec_schema(m, rt, strict)) ||
		    seq_push(m->a, choices, typed(m, "null")))
			m->failed = true;
		put(m, spec_or_null, "anyOf", choices);
		put(m, tprops, "spec", spec_or_null);
		put(m, then, "properties", tprops);
		put(m, when, "then", then);
		if (each && seq_push(m->a, each, when))
			m->failed = true;
	}
	put(m, r, "allOf", each);
	return r;
}

static struct node *infrastructure_schema(struct maker *m, bool strict)
{
	struct node *ispec = mapping_of(m, infra_nth, NULL, strict);
	struct node *props = map_get(ispec, "properties");
	put(m, props, "shapeConfigDetails",
	    mapping_of(m, names_nth, job_shape_config_keys, strict));
	struct node *mount = mapping_of(m, names_nth, job_mount_keys, strict);
	put(m, mount, "required", list(m, job_mount_keys));
	struct node *mounts = typed(m, "array");
	put(m, mounts, "items", mount);
	put(m, props, "storageMount", mounts);
	struct node *infra = mapping_of(m, names_nth, job_infra_doc_keys, strict);
	struct node *iprops = map_get(infra, "properties");
	put(m, iprops, "kind", constant(m, "infrastructure"));
	put(m, iprops, "type", constant(m, "dataScienceJob"));
	struct node *choices = node_new(m->a, NODE_SEQ, 0, 0);
	if (!choices || seq_push(m->a, choices, ispec) || seq_push(m->a, choices, typed(m, "null")))
		m->failed = true;
	struct node *spec = obj(m);
	put(m, spec, "anyOf", choices);
	put(m, iprops, "spec", spec);
	put(m, infra, "required", list(m, (const char *const[]){"type", NULL}));
	return infra;
}

static struct node *job_schema(struct maker *m, bool strict)
{
	struct node *spec = mapping_of(m, names_nth, job_spec_keys, strict);
	struct node *props = map_get(spec, "properties");
	put(m, props, "infrastructure", ref(m, "#/definitions/infrastructure"));
	put(m, props, "runtime", ref(m, "#/definitions/runtime"));
	put(m, spec, "required", list(m, (const char *const[]){"infrastructure", "runtime", NULL}));
	struct node *job = mapping_of(m, names_nth, job_doc_keys, strict);
	struct node *jprops = map_get(job, "properties");
	put(m, jprops, "kind", constant(m, "job"));
	put(m, jprops, "spec", spec);
	put(m, job, "required", list(m, (const char *const[]){"kind", "spec", NULL}));
	return job;
}

int schema_build(struct node **out, struct arena *a, bool strict)
{
	struct maker m = {.a = a};
	struct node *root = obj(&m), *defs = obj(&m);
	put(&m, root, "$schema", text(&m, "http://json-schema.org/draft-07/schema#"));
	put(&m, root, "title", text(&m, "Oracle ADS job or runtime YAML (dsjob)"));
	put(&m, defs, "runtime", runtime_schema(&m, strict));
	put(&m, defs, "infrastructure", infrastructure_schema(&m, strict));
	put(&m, defs, "job", job_schema(&m, strict));
	put(&m, root, "definitions", defs);
	/* kind: job makes a job; anything else is read as a runtime, as ADS does */
	struct node *cond = obj(&m), *cprops = obj(&m);
	put(&m, cprops, "kind", constant(&m, "job"));
	put(&m, cond, "properties", cprops);
	put(&m, cond, "required", list(&m, (const char *const[]){"kind", NULL}));
	put(&m, root, "if", cond);
	put(&m, root, "then", ref(&m, "#/definitions/job"));
	put(&m, root, "else", ref(&m, "#/definitions/runtime"));
	*out = root;
	return m.failed ? -1 : 0;
}

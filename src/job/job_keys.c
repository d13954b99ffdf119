/* Unknown keys in a job YAML outside its runtime: the document, its spec, the
 * infrastructure, its spec (with the reference's aliases, in any case), the
 * shape config and the storage mounts. The runtime's keys are checked by
 * runtime_translate (spec_keys.c), which knows the runtime's type. */
#include <stdio.h>
#include <string.h>

#include "doc/unknown_keys.h"
#include "job/job_parts.h"
#include "runtime/spec_keys.h"
#include "util/buf.h"

static const char *infra_nth(const void *data, size_t i)
{
	(void)data;
	return job_infra_key_nth(i);
}

static bool infra_has(const void *data, struct str key)
{
	(void)data;
	return job_infra_key_known(key);
}

/* shapeConfigDetails also takes the infrastructure aliases of its keys */
static bool shape_has(const void *data, struct str key)
{
	for (const char *const *k = data; *k; k++)
		if (str_eq(key, *k))
			return true;
	const char *camel = job_infra_key_to_camel(key);
	return camel && (strcmp(camel, "ocpus") == 0 || strcmp(camel, "memoryInGBs") == 0);
}

/* "a key of python runtimes, which go in spec.runtime.spec" */
static bool runtime_key(struct str key, const void *ctx, struct buf *out)
{
	(void)ctx;
	const struct runtime_type *rt;
	for (size_t i = 0; (rt = runtime_type_at(i)); i++)
		if (spec_key_known_str(rt, key)) {
			buf_puts(out, "a runtime key: it goes in spec.runtime.spec; ADS "
				      "ignores it here");
			return true;
		}
	return false;
}

/* The value of infrastructure spec key `camel`, written as it or an alias. */
static const struct node *infra_value(const struct node *ispec, const char *camel, char *written,
				      size_t size)
{
	const struct node *found = NULL;
	for (size_t i = 0; i < ispec->u.map.count; i++) {
		const struct node *k = ispec->u.map.items[i].key;
		if (k->kind != NODE_STR)
			continue;
		const char *target = job_infra_key_to_camel(k->u.str);
		if (str_eq(k->u.str, camel) || (target && strcmp(target, camel) == 0)) {
			found = ispec->u.map.items[i].value;
			snprintf(written, size, "%s", k->u.str.ptr);
		}
	}
	return found;
}

static bool in_names(const char *const *names, struct str key)
{
	for (; *names; names++)
		if (str_eq(key, *names))
			return true;
	return false;
}

/* A key of the job's spec beside `spec:` (bad indentation). */
static bool job_spec_key(struct str key, const void *ctx, struct buf *out)
{
	(void)ctx;
	if (!in_names(job_spec_keys, key))
		return false;
	buf_puts(out, "a key of the job's spec: indent it under `spec:`; ADS ignores it here");
	return true;
}

/* In the job's spec: an infrastructure or runtime setting one level too high. */
static bool lower_key(struct str key, const void *ctx, struct buf *out)
{
	(void)ctx;
	if (job_infra_key_known(key)) {
		buf_puts(out, "an infrastructure key: it goes in spec.infrastructure.spec; ADS "
			      "ignores it here");
		return true;
	}
	return runtime_key(key, NULL, out);
}

/* Beside the infrastructure's `spec:`: one of its keys. */
static bool infra_spec_key(struct str key, const void *ctx, struct buf *out)
{
	(void)ctx;
	if (!job_infra_key_known(key) || in_names(job_infra_doc_keys, key))
		return false;
	buf_puts(out, "a key of the infrastructure's spec: indent it under its `spec:`; ADS "
		      "ignores it here");
	return true;
}

static void check_infra_spec(struct job_ctx *j, const struct node *ispec)
{
	const char *path = "spec.infrastructure.spec";
	struct key_set keys = {.nth = infra_nth, .has = infra_has};
	unknown_keys_warn(j->opts, ispec, path, &keys, runtime_key, NULL);
	if (!ispec || ispec->kind != NODE_MAP)
		return;
	char written[128] = "", sub[DSJ_ERROR_PATH_MAX];
	const struct node *shape =
		infra_value(ispec, "shapeConfigDetails", written, sizeof(written));
	struct key_set shape_keys = {
		.nth = key_set_names(job_shape_config_keys).nth,
		.has = shape_has,
		.data = job_shape_config_keys,
	};
	if (shape) {
		snprintf(sub, sizeof(sub), "%s.%s", path, written);
		unknown_keys_warn(j->opts, shape, sub, &shape_keys, NULL, NULL);
	}
	const struct node *mounts = infra_value(ispec, "storageMount", written, sizeof(written));
	if (!mounts || mounts->kind != NODE_SEQ)
		return;
	struct key_set mount_keys = key_set_names(job_mount_keys);
	for (size_t i = 0; i < mounts->u.seq.count; i++) {
		snprintf(sub, sizeof(sub), "%s.%s[%zu]", path, written, i);
		unknown_keys_warn(j->opts, mounts->u.seq.items[i], sub, &mount_keys, NULL, NULL);
	}
}

void job_keys_check(struct job_ctx *j, const struct node *doc)
{
	if (!j->opts->warn || !doc || doc->kind != NODE_MAP)
		return;
	struct key_set doc_keys = key_set_names(job_doc_keys);
	unknown_keys_warn(j->opts, doc, "", &doc_keys, job_spec_key, NULL);
	const struct node *spec = map_get(doc, "spec");
	struct key_set spec_keys = key_set_names(job_spec_keys);
	unknown_keys_warn(j->opts, spec, "spec", &spec_keys, lower_key, NULL);
	const struct node *infra =
		spec && spec->kind == NODE_MAP ? map_get(spec, "infrastructure") : NULL;
	struct key_set infra_keys = key_set_names(job_infra_doc_keys);
	unknown_keys_warn(j->opts, infra, "spec.infrastructure", &infra_keys, infra_spec_key, NULL);
	if (infra && infra->kind == NODE_MAP)
		check_infra_spec(j, map_get(infra, "spec"));
}

/* NotebookRuntime: a Jupyter notebook, alone or inside a source folder. */
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "doc/json.h"
#include "py/pypath.h"
#include "runtime/runtime.h"

static const struct spec_alias notebook_own[] = {
	{"notebookPathURI", "notebook_path_uri"},
	{"notebookEncoding", "notebook_encoding"},
	{"outputUri", "output_uri"},
	{"excludeTags", "exclude_tags"},
	{NULL, NULL},
};

static const struct spec_alias *const notebook_aliases[] = {notebook_own, aliases_base, NULL};

/* output_uri, then outputURI, then outputUri: the order the reference applies them. */
static struct node *notebook_output_uri(struct translate_ctx *t, const char **key)
{
	struct node *v = map_get(t->spec, "output_uri");
	if (v) {
		*key = "output_uri";
		return v;
	}
	if ((v = map_get(t->spec, "outputURI"))) {
		*key = "outputURI";
		return v;
	}
	*key = "outputUri";
	return map_get(t->spec, "outputUri");
}

static int notebook_name(struct translate_ctx *t)
{
	const char *key, *src_key;
	struct node *entry = spec_get(t, "entrypoint", &key);
	struct node *source = spec_get(t, "source", &src_key);
	int rc;
	if (node_truthy(entry)) {
		if ((rc = require_str(t, entry, key)))
			return rc;
		if (!source || source->kind != NODE_STR)
			return spec_fail(t, source, src_key ? src_key : "source", PY_TYPE_ERROR,
					 "the source folder is required with entrypoint, got %s",
					 describe_value(t->a, source));
		struct str joined = py_path_join(t->a, py_basename(source->u.str), entry->u.str);
		return env_put(t, "JOB_RUN_NOTEBOOK", node_new_str(t->a, joined.ptr, joined.len));
	}
	struct node *uri = spec_get(t, "notebookPathURI", &key);
	if (!node_truthy(uri))
		return spec_fail(t, uri, key ? key : "notebookPathURI", PY_VALUE_ERROR,
				 "Notebook not specified: set notebookPathURI to the notebook, or "
				 "source to its folder and entrypoint to its path in that folder.");
	if ((rc = require_str(t, uri, key)))
		return rc;
	struct str base = py_basename(uri->u.str);
	return env_put(t, "JOB_RUN_NOTEBOOK", node_new_str(t->a, base.ptr, base.len));
}

static int exclude_tags(struct translate_ctx *t)
{
	const char *key;
	struct node *tags = spec_get(t, "excludeTags", &key);
	return node_truthy(tags) ? env_put_json(t, "NOTEBOOK_EXCLUDE_TAGS", tags, key) : 0;
}

static int notebook_translate(struct translate_ctx *t)
{
	int rc = translate_conda(t);
	if (!rc)
		rc = notebook_name(t);
	if (!rc)
		rc = env_put_cstr(t, "JOB_RUN_ENTRYPOINT", "driver_notebook.py");
	if (rc)
		return rc;
	const char *key;
	struct node *enc = spec_get(t, "notebookEncoding", &key);
	if (node_truthy(enc) &&
	    ((rc = require_str(t, enc, key)) || (rc = env_put(t, "NOTEBOOK_ENCODING", enc))))
		return rc;
	if ((rc = exclude_tags(t)))
		return rc;
	struct node *out = notebook_output_uri(t, &key);
	if (node_truthy(out) &&
	    ((rc = require_str(t, out, key)) || (rc = env_put(t, "OUTPUT_URI", out))))
		return rc;
	struct node *source = spec_get(t, "source", &key);
	if (!node_truthy(source))
		source = spec_get(t, "notebookPathURI", &key);
	return set_artifact(t, "NotebookArtifact", source, key);
}

static const struct env_mapping notebook_env_mappings[] = {
	{"outputUri", "OUTPUT_URI"},
	{"excludeTags", "NOTEBOOK_EXCLUDE_TAGS"},
	{"notebookEncoding", "NOTEBOOK_ENCODING"},
	{NULL, NULL},
};

static int extract_exclude_tags(struct extract_ctx *x)
{
	struct node *v = envs_pop(x, "NOTEBOOK_EXCLUDE_TAGS");
	if (!node_truthy(v))
		return 0;
	struct node *parsed = NULL;
	struct dsj_error jerr = {0};
	if (v->kind == NODE_STR &&
	    json_read(&parsed, v->u.str.ptr, v->u.str.len, x->a, NULL, 0, &jerr) == 0)
		v = parsed;
	else if (jerr.code == DSJ_ENOMEM)
		return diag_nomem(x->err);
	return spec_put(x, "excludeTags", v);
}

static int notebook_extract(struct extract_ctx *x)
{
	int rc = extract_conda(x);
	if (rc)
		return rc;
	envs_pop(x, "JOB_RUN_ENTRYPOINT");
	if ((rc = extract_exclude_tags(x)))
		return rc;
	struct node *nb = envs_pop(x, "JOB_RUN_NOTEBOOK");
	if (nb->kind != NODE_STR)
		return extract_fail(x, nb, "JOB_RUN_NOTEBOOK", PY_TYPE_ERROR,
				    "expected a string, got %s", node_type_name(nb));
	const char *slash = memchr(nb->u.str.ptr, '/', nb->u.str.len);
	if (slash) {
		size_t head = (size_t)(slash - nb->u.str.ptr);
		rc = spec_put(x, "source", node_new_str(x->a, nb->u.str.ptr, head));
		if (!rc)
			rc = spec_put(x, "entrypoint",
				      node_new_str(x->a, slash + 1, nb->u.str.len - head - 1));
	} else {
		rc = spec_put(x, "notebookPathURI", nb);
	}
	return rc ? rc : extract_specs(x, notebook_env_mappings);
}

const struct runtime_type rt_notebook = {
	.name = "notebook",
	.class_name = "NotebookRuntime",
	.aliases = notebook_aliases,
	.translate = notebook_translate,
	.extract = notebook_extract,
	.signature = (const char *const[]){"JOB_RUN_NOTEBOOK", "JOB_RUN_ENTRYPOINT", NULL},
	.extract_priority = 40,
	/* notebook_output_uri reads outputURI too */
	.keys = (const char *const[]){"entrypoint", "source", "outputURI", NULL},
	.mappings = (const struct env_mapping *const[]){notebook_env_mappings, NULL},
	.sections = (const struct spec_section *const[]){&conda_section, NULL},
};

/* PythonRuntime: ADS's driver runs a Python script or function. The env
 * mapping is shared with pyTorchDistributed, which is why `command` is here:
 * the reference adds it to this very table. */
#include <string.h>

#include "util/diag.h"
#include "py/pypath.h"
#include "runtime/runtime.h"

const struct env_mapping python_env_mappings[] = {
	{"entrypoint", "CODE_ENTRYPOINT"}, {"entryFunction", "ENTRY_FUNCTION"},
	{"pythonPath", "PYTHON_PATH"},	   {"outputDir", "OUTPUT_DIR"},
	{"outputUri", "OUTPUT_URI"},	   {"workingDir", "WORKING_DIR"},
	{"command", "OCI__LAUNCH_CMD"},	   {NULL, NULL},
};

static const struct spec_alias *const python_aliases[] = {aliases_script, aliases_python_mixin,
							  aliases_base, NULL};

int translate_python_env(struct translate_ctx *t)
{
	int rc = translate_conda(t);
	if (!rc)
		rc = translate_specs(t, python_env_mappings, ":");
	if (rc)
		return rc;
	const char *key;
	struct node *entry = spec_get(t, "entrypoint", &key);
	struct node *script = NULL;
	if (node_truthy(entry)) {
		if ((rc = require_str(t, entry, key)) ||
		    (rc = env_put(t, "CODE_ENTRYPOINT", entry)))
			return rc;
	} else if (node_truthy(script = spec_get(t, "scriptPathURI", &key))) {
		if ((rc = require_str(t, script, key)))
			return rc;
		struct str base = py_basename(script->u.str);
		if ((rc = env_put(t, "CODE_ENTRYPOINT", node_new_str(t->a, base.ptr, base.len))))
			return rc;
	}
	return env_put_cstr(t, "JOB_RUN_ENTRYPOINT", "driver_python.py");
}

static int python_translate(struct translate_ctx *t)
{
	int rc = translate_python_env(t);
	if (rc)
		return rc;
	const char *key;
	struct node *source = spec_get(t, "scriptPathURI", &key);
	return set_artifact(t, "PythonArtifact", source, key);
}

int extract_python_envs(struct extract_ctx *x)
{
	int rc = extract_conda(x);
	if (rc)
		return rc;
	envs_pop(x, "JOB_RUN_ENTRYPOINT");
	if ((rc = extract_specs(x, python_env_mappings)))
		return rc;
	return spec_split_list(x, "pythonPath", ':');
}

int extract_python_artifact(struct extract_ctx *x)
{
	struct str name = {x->artifact, strlen(x->artifact)};
	struct str root = py_splitext_root(name);
	return spec_put(x, "scriptPathURI", node_new_str(x->a, root.ptr, root.len));
}

static int python_extract(struct extract_ctx *x)
{
	int rc = extract_python_envs(x);
	return rc ? rc : extract_python_artifact(x);
}

const struct runtime_type rt_python = {
	.name = "python",
	.class_name = "PythonRuntime",
	.aliases = python_aliases,
	.translate = python_translate,
	.extract = python_extract,
	.signature = (const char *const[]){"CODE_ENTRYPOINT", NULL},
	.extract_priority = 50,
	.mappings = (const struct env_mapping *const[]){python_env_mappings, NULL},
	.sections = (const struct spec_section *const[]){&conda_section, NULL},
};

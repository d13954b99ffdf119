/* GitPythonRuntime: code checked out from a Git repository by ADS's driver. */
#include "util/diag.h"
#include "runtime/runtime.h"

static const struct env_mapping git_env_mappings[] = {
	{"url", "GIT_URL"},
	{"branch", "GIT_BRANCH"},
	{"commit", "GIT_COMMIT"},
	{"entrypoint", "GIT_ENTRYPOINT"},
	{"entryFunction", "ENTRY_FUNCTION"},
	{"pythonPath", "PYTHON_PATH"},
	{"gitSecretId", "GIT_SECRET_OCID"},
	{"outputDir", "OUTPUT_DIR"},
	{"outputUri", "OUTPUT_URI"},
	{"workingDir", "WORKING_DIR"},
	{NULL, NULL},
};

static const struct spec_alias git_own[] = {
	{"gitSecretId", "git_secret_id"},
	{"skipMetadataUpdate", "skip_metadata_update"},
	{NULL, NULL},
};

static const struct spec_alias *const git_aliases[] = {git_own, aliases_python_mixin, aliases_base,
						       NULL};

static int git_translate(struct translate_ctx *t)
{
	const char *key;
	struct node *conda = spec_get(t, "conda", &key);
	if (!node_truthy(conda))
		return spec_fail(
			t, conda, key ? key : "conda", PY_VALUE_ERROR,
			"A conda pack is required for using the GitPythonRuntime: add "
			"`conda: {type: service, slug: SLUG}` (or type: published with uri "
			"and region) to the spec.");
	int rc = translate_conda(t);
	if (!rc)
		rc = translate_specs(t, git_env_mappings, ":");
	if (rc)
		return rc;
	if (node_truthy(spec_get(t, "skipMetadataUpdate", NULL)) &&
	    (rc = env_put_cstr(t, "SKIP_METADATA_UPDATE", "1")))
		return rc;
	if ((rc = env_put_cstr(t, "JOB_RUN_ENTRYPOINT", "driver_oci.py")))
		return rc;
	return set_artifact_cstr(t, "GitPythonArtifact", "");
}

static int git_extract(struct extract_ctx *x)
{
	int rc = extract_conda(x);
	if (rc)
		return rc;
	envs_pop(x, "JOB_RUN_ENTRYPOINT");
	if ((rc = extract_specs(x, git_env_mappings)) ||
	    (rc = spec_split_list(x, "pythonPath", ':')))
		return rc;
	if (envs_has(x, "SKIP_METADATA_UPDATE")) {
		envs_pop(x, "SKIP_METADATA_UPDATE");
		return spec_put(x, "skipMetadataUpdate", node_new_bool(x->a, true));
	}
	return 0;
}

const struct runtime_type rt_gitpython = {
	.name = "gitPython",
	.class_name = "GitPythonRuntime",
	.aliases = git_aliases,
	.translate = git_translate,
	.extract = git_extract,
	.signature = (const char *const[]){"GIT_URL", "GIT_ENTRYPOINT", NULL},
	.extract_priority = 30,
	.job_name_ignores_artifact = true,
	.mappings = (const struct env_mapping *const[]){git_env_mappings, NULL},
	.sections = (const struct spec_section *const[]){&conda_section, NULL},
};

/* EchoRuntime (throwaway, to check docs/internals/adding-a-runtime-type.md):
 * prints `text` from the placeholder container script. */
#include "util/diag.h"
#include "runtime/runtime.h"

static const struct env_mapping echo_env_mappings[] = {
	{"text", "ECHO_TEXT"},
	{NULL, NULL},
};

static const struct spec_alias *const echo_aliases[] = {aliases_base, NULL};

static int echo_translate(struct translate_ctx *t)
{
	const char *key;
	struct node *text = spec_get(t, "text", &key);
	if (!node_truthy(text))
		return spec_fail(t, text, key ? key : "text", PY_VALUE_ERROR,
				 "Specify the text for EchoRuntime.");
	int rc = translate_specs(t, echo_env_mappings, ",");
	return rc ? rc : set_artifact_cstr(t, "path", "jobs/templates/echo.py");
}

static int echo_extract(struct extract_ctx *x)
{
	return extract_specs(x, echo_env_mappings);
}

const struct runtime_type rt_echo = {
	.name = "echo",
	.class_name = "EchoRuntime",
	.aliases = echo_aliases,
	.translate = echo_translate,
	.extract = echo_extract,
	.signature = (const char *const[]){"ECHO_TEXT", NULL},
	.extract_priority = 15,
	.job_name_ignores_artifact = true,
};

/* The limits are those of "Job Environment Variables" in the OCI Data Science
 * documentation (docs.oracle.com/iaas/data-science/using/jobs-env-vars.htm),
 * which also lists the variables the service provides on every job run. */
#include <stdio.h>
#include <string.h>

#include "util/diag.h"
#include "runtime/oci_limits.h"

#define MAX_ENV_CHARS 20000
#define MAX_ARGS_CHARS 4000

static const char *const service_variables[] = {
	"TENANCY_OCID",
	"PROJECT_OCID",
	"PROJECT_COMPARTMENT_OCID",
	"JOB_OCID",
	"JOB_COMPARTMENT_OCID",
	"JOB_ARTIFACT_FILE_NAME",
	"JOB_RUN_OCID",
	"JOB_RUN_COMPARTMENT_OCID",
	"FQDN",
	NULL,
};

/* The service is Java: a string's length is its UTF-16 code units, so a
 * character outside the Basic Multilingual Plane (a 4-byte UTF-8 sequence)
 * counts twice. Counting so never lets through what the API would reject. */
size_t oci_chars(struct str s)
{
	size_t n = 0;
	for (size_t i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];
		if ((c & 0xC0) != 0x80)
			n += c >= 0xF0 ? 2 : 1;
	}
	return n;
}

/* The total in bytes, then (only when that is over the limit: a character is
 * never more code units than bytes) in UTF-16 code units. */
static size_t env_chars(const struct node *env, bool count_units)
{
	size_t total = 0;
	for (size_t i = 0; env && i < env->u.map.count; i++) {
		const struct node *k = env->u.map.items[i].key;
		const struct node *v = env->u.map.items[i].value;
		if (node_is_str(k))
			total += count_units ? oci_chars(k->u.str) : k->u.str.len;
		if (node_is_str(v))
			total += count_units ? oci_chars(v->u.str) : v->u.str.len;
	}
	return total;
}

static int check_env_size(struct translate_ctx *t, const struct node *env)
{
	size_t total = env_chars(env, false);
	if (total > MAX_ENV_CHARS)
		total = env_chars(env, true);
	if (total <= MAX_ENV_CHARS)
		return 0;
	const char *key;
	const struct node *at = spec_get(t, "env", &key);
	return spec_fail(t, at, key ? key : "env", PY_VALUE_ERROR,
			 "the environment variables' names and values (with those set from the "
			 "spec) total %zu characters; OCI accepts at most %d",
			 total, MAX_ENV_CHARS);
}

static int check_args_size(struct translate_ctx *t, const struct node *jcd)
{
	const struct node *line = map_get(jcd, "commandLineArguments");
	size_t n =
		node_is_str(line) && line->u.str.len > MAX_ARGS_CHARS ? oci_chars(line->u.str) : 0;
	if (n <= MAX_ARGS_CHARS)
		return 0;
	const char *key;
	const struct node *at = spec_get(t, "args", &key);
	return spec_fail(t, at, key ? key : "args", PY_VALUE_ERROR,
			 "the command-line arguments, quoted and joined, are %zu characters long; "
			 "OCI accepts at most %d",
			 n, MAX_ARGS_CHARS);
}

static bool is_service_variable(struct str name)
{
	for (const char *const *v = service_variables; *v; v++)
		if (str_eq(name, *v))
			return true;
	return false;
}

static void warn_service_variable(struct translate_ctx *t, const struct node *name,
				  const char *path)
{
	struct dsj_error w;
	diag_clear(&w);
	diag_node(&w, DSJ_OK, name, path, "UserWarning",
		  "%.*s is set by the service on every job run, which replaces this value",
		  (int)name->u.str.len, name->u.str.ptr);
	t->opts->warn(&w, t->opts->warn_ctx);
}

/* The user's spec.env as written, for the names' positions. */
static void check_service_variables(struct translate_ctx *t)
{
	const char *key;
	const struct node *env = spec_get(t, "env", &key);
	char path[DSJ_ERROR_PATH_MAX];
	size_t n = env && env->kind == NODE_MAP	  ? env->u.map.count
		   : env && env->kind == NODE_SEQ ? env->u.seq.count
						  : 0;
	for (size_t i = 0; i < n; i++) {
		const struct node *name;
		if (env->kind == NODE_MAP) {
			name = env->u.map.items[i].key;
			snprintf(path, sizeof(path), "%sspec.%s.%s", t->prefix, key,
				 node_is_str(name) ? name->u.str.ptr : "?");
		} else {
			name = map_get(env->u.seq.items[i], "name");
			snprintf(path, sizeof(path), "%sspec.%s[%zu].name", t->prefix, key, i);
		}
		if (node_is_str(name) && is_service_variable(name->u.str))
			warn_service_variable(t, name, path);
	}
}

int oci_check_job_configuration(struct translate_ctx *t, const struct node *jcd)
{
	int rc = check_env_size(t, map_get(jcd, "environmentVariables"));
	if (!rc)
		rc = check_args_size(t, jcd);
	if (!rc && t->opts->warn)
		check_service_variables(t);
	return rc;
}

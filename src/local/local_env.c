/* The environment a job run sees. Run-level overrides replace job variables as a
 * job run's environmentVariables do; the OCID variables the service sets are left
 * unset unless given, so drivers take the run as a local one (no metadata calls). */
#include <stdlib.h>
#include <string.h>

#include "local/local.h"
#include "runtime/oci_limits.h"
#include "util/diag.h"

#define MAX_ENV_CHARS 20000

extern char **environ;

static int env_set(struct local_env *env, const char *name, size_t name_len, const char *value)
{
	size_t value_len = strlen(value);
	char *var = arena_alloc(env->a, name_len + value_len + 2);
	if (!var)
		return DSJ_ENOMEM;
	memcpy(var, name, name_len);
	var[name_len] = '=';
	memcpy(var + name_len + 1, value, value_len + 1);
	for (size_t i = 0; i < env->count; i++)
		if (strncmp(env->vars[i], name, name_len) == 0 && env->vars[i][name_len] == '=') {
			env->vars[i] = var;
			return 0;
		}
	if (env->count + 1 >= env->cap) {
		size_t cap = env->cap ? env->cap * 2 : 64;
		char **bigger = arena_grow(env->a, env->vars, env->cap * sizeof(char *),
					   cap * sizeof(char *));
		if (!bigger)
			return DSJ_ENOMEM;
		env->vars = bigger;
		env->cap = cap;
	}
	env->vars[env->count++] = var;
	env->vars[env->count] = NULL;
	return 0;
}

const char *local_env_get(const struct local_env *env, const char *name)
{
	size_t len = strlen(name);
	for (size_t i = 0; i < env->count; i++)
		if (strncmp(env->vars[i], name, len) == 0 && env->vars[i][len] == '=')
			return env->vars[i] + len + 1;
	return NULL;
}

static size_t total_chars(const struct node *vars)
{
	size_t total = 0;
	for (size_t i = 0; i < vars->u.map.count; i++)
		total += oci_chars(vars->u.map.items[i].key->u.str) +
			 oci_chars(vars->u.map.items[i].value->u.str);
	return total;
}

static int add_override(struct arena *a, struct node *vars, const char *text, struct dsj_error *err)
{
	const char *eq = strchr(text, '=');
	if (!eq || eq == text)
		return diag_at(err, DSJ_EUSAGE, 0, 0, NULL, PY_VALUE_ERROR,
			       "--env takes NAME=VALUE, not '%s'", text);
	struct node *key = node_new_str(a, text, (size_t)(eq - text));
	struct node *value = node_new_cstr(a, eq + 1);
	if (!key || !value || map_set(a, vars, key->u.str.ptr, value))
		return diag_nomem(err);
	return 0;
}

int local_job_variables(struct node **merged, struct art_job *j, const struct dsj_local_options *o,
			struct dsj_error *err)
{
	struct arena *a = &j->arena;
	struct node *vars = j->env ? node_clone(a, j->env) : node_new(a, NODE_MAP, 0, 0);
	if (!vars)
		return diag_nomem(err);
	for (size_t i = 0; i < o->env_count; i++) {
		int rc = add_override(a, vars, o->env[i], err);
		if (rc)
			return rc;
	}
	size_t total = total_chars(vars);
	if (total > MAX_ENV_CHARS)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, PY_VALUE_ERROR,
			       "the job run's environment variables total %zu characters "
			       "(names and values): the service takes at most 20,000",
			       total);
	*merged = vars;
	return 0;
}

static bool in_base(const char *var, bool inherit)
{
	static const char *const base[] = {"PATH=", "LANG=", "LC_ALL=", "TERM=", "TMPDIR=", NULL};
	if (strncmp(var, "OCI_RESOURCE_PRINCIPAL_", 23) == 0)
		return false; /* the run must not pick up a real principal by accident */
	if (inherit)
		return true;
	for (const char *const *b = base; *b; b++)
		if (strncmp(var, *b, strlen(*b)) == 0)
			return true;
	return false;
}

static int add_base(struct local_env *env, bool inherit)
{
	for (char **e = environ; e && *e; e++) {
		const char *eq = strchr(*e, '=');
		if (eq && in_base(*e, inherit) && env_set(env, *e, (size_t)(eq - *e), eq + 1))
			return DSJ_ENOMEM;
	}
	if (!local_env_get(env, "PATH"))
		return env_set(env, "PATH", 4, "/usr/local/bin:/usr/bin:/bin");
	return 0;
}

int local_env_build(struct local_env *env, const struct node *vars,
		    const struct dsj_local_options *o, const char *home, const char *upload_name,
		    struct dsj_error *err)
{
	int rc = add_base(env, o->inherit_env != 0);
	for (size_t i = 0; !rc && i < vars->u.map.count; i++) {
		struct str k = vars->u.map.items[i].key->u.str;
		rc = env_set(env, k.ptr, k.len, vars->u.map.items[i].value->u.str.ptr);
	}
	if (!rc)
		rc = env_set(env, "HOME", 4, home);
	if (!rc && upload_name)
		rc = env_set(env, "JOB_ARTIFACT_FILE_NAME", 22, upload_name);
	if (!rc)
		rc = env_set(env, "DSJOB_LOCAL_RUN", 15, "1");
	return rc ? diag_nomem(err) : 0;
}

/* How the service starts an artifact's entry, and the container engine's
 * command for container runtimes. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "local/local.h"
#include "py/shlex.h"
#include "runtime/oci_limits.h"
#include "util/diag.h"

#define MAX_ARGS_CHARS 4000

char *local_find_program(struct arena *a, const char *name, const char *path)
{
	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? arena_strndup(a, name, strlen(name)) : NULL;
	for (const char *dir = path ? path : ""; *dir;) {
		size_t n = strcspn(dir, ":");
		size_t len = n + strlen(name) + 2;
		char *full = arena_alloc(a, len);
		if (!full)
			return NULL;
		snprintf(full, len, "%.*s/%s", (int)n, n ? dir : ".", name);
		struct stat st;
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && access(full, X_OK) == 0)
			return full;
		dir += n + (dir[n] == ':');
	}
	return NULL;
}

int local_arguments(struct node **words, struct art_job *j, const struct dsj_local_options *o,
		    struct dsj_error *err)
{
	const char *text = o->args ? o->args : j->args ? j->args : "";
	struct str s = {text, strlen(text)};
	if (oci_chars(s) > MAX_ARGS_CHARS)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, PY_VALUE_ERROR,
			       "the arguments are %zu characters: the service takes at most 4,000",
			       oci_chars(s));
	const char *why = NULL;
	if (shlex_split(&j->arena, s.ptr, s.len, words, &why))
		return why ? diag_at(err, DSJ_EUSAGE, 0, 0, NULL, PY_VALUE_ERROR,
				     "the arguments '%s' cannot be split: %s", text, why)
			   : diag_nomem(err);
	return 0;
}

static const char **new_argv(struct arena *a, size_t count)
{
	return arena_alloc(a, (count + 1) * sizeof(char *));
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int program_for(const char **program, struct arena *a, const char *entry,
		       const struct local_env *env, const struct dsj_local_options *o,
		       struct dsj_error *err)
{
	const char *want = ends_with(entry, ".py")   ? (o->python ? o->python : "python3")
			   : ends_with(entry, ".sh") ? "bash"
						     : NULL;
	if (!want) {
		chmod(entry, 0755); /* as ADS's drivers do; the artifact may not keep modes */
		*program = entry;
		return 0;
	}
	*program = local_find_program(a, want, local_env_get(env, "PATH"));
	if (!*program)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError",
			       "'%s' is not on the job's PATH (needed for %s)%s", want, entry,
			       ends_with(entry, ".py") ? "; pass --python PATH" : "");
	return 0;
}

int local_entry_command(const char ***argv, struct arena *a, const char *entry,
			const struct node *words, const struct local_env *env,
			const struct dsj_local_options *o, struct dsj_error *err)
{
	const char *program = NULL;
	int rc = program_for(&program, a, entry, env, o, err);
	if (rc)
		return rc;
	size_t n = words->u.seq.count;
	bool interpreted = program != entry;
	const char **v = new_argv(a, n + 2);
	if (!v)
		return diag_nomem(err);
	size_t at = 0;
	v[at++] = program;
	if (interpreted)
		v[at++] = entry;
	for (size_t i = 0; i < n; i++)
		v[at++] = words->u.seq.items[i]->u.str.ptr;
	v[at] = NULL;
	*argv = v;
	return 0;
}

/* A comma-joined CONTAINER_* value as words (NULL-terminated; empty for NULL). */
static const char **comma_words(struct arena *a, const char *list, size_t *count)
{
	size_t n = 0;
	for (const char *p = list; p && *p; p++)
		n += *p == ',';
	const char **words = arena_alloc(a, (n + 2) * sizeof(char *));
	*count = 0;
	for (const char *p = list; words && p && *p;) {
		size_t len = strcspn(p, ",");
		if (!(words[(*count)++] = arena_strndup(a, p, len)))
			return NULL;
		p += len + (p[len] == ',');
	}
	return words;
}

/* An ADS 2.15 list (entrypoint, cmd) as words; strings only, as translate makes them. */
static const char **list_words(struct arena *a, const struct node *list, size_t *count)
{
	size_t n = list && list->kind == NODE_SEQ ? list->u.seq.count : 0;
	const char **words = arena_alloc(a, (n + 1) * sizeof(char *));
	*count = 0;
	for (size_t i = 0; words && i < n; i++)
		if (node_is_str(list->u.seq.items[i]))
			words[(*count)++] = list->u.seq.items[i]->u.str.ptr;
	return words;
}

static const char *var(const struct node *vars, const char *name)
{
	const struct node *v = map_get(vars, name);
	return node_is_str(v) && v->u.str.len ? v->u.str.ptr : NULL;
}

static int engine_program(const char **program, struct arena *a, const struct local_env *env,
			  const struct dsj_local_options *o, struct dsj_error *err)
{
	if (!o->engine)
		return diag_at(err, DSJ_EUSAGE, 0, 0, NULL, PY_VALUE_ERROR,
			       "a container runtime runs its image: pass --engine podman or "
			       "--engine docker");
	if (strcmp(o->engine, "podman") != 0 && strcmp(o->engine, "docker") != 0)
		return diag_at(err, DSJ_EUSAGE, 0, 0, NULL, PY_VALUE_ERROR,
			       "--engine takes podman or docker, not '%s'", o->engine);
	*program = local_find_program(a, o->engine, local_env_get(env, "PATH"));
	if (!*program)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError",
			       "%s is not installed (not on PATH): install it (apt-get install "
			       "%s) or choose the other --engine",
			       o->engine,
			       strcmp(o->engine, "docker") == 0 ? "docker.io" : "podman");
	return 0;
}

struct container {
	const char *image;
	const char **entry, **cmd;
	size_t n_entry, n_cmd;
};

/* The image and command: ADS 2.15's jobEnvironmentConfigurationDetails, or
 * ADS 2.8's CONTAINER_* variables (lists joined with ","). */
static int container_of(struct container *c, struct arena *a, const struct node *vars,
			const struct node *config, struct dsj_error *err)
{
	if (config && config->kind == NODE_MAP) {
		const struct node *image = map_get(config, "image");
		c->image = node_is_str(image) ? image->u.str.ptr : NULL;
		c->entry = list_words(a, map_get(config, "entrypoint"), &c->n_entry);
		c->cmd = list_words(a, map_get(config, "cmd"), &c->n_cmd);
	} else {
		c->image = var(vars, "CONTAINER_CUSTOM_IMAGE");
		c->entry = comma_words(a, var(vars, "CONTAINER_ENTRYPOINT"), &c->n_entry);
		c->cmd = comma_words(a, var(vars, "CONTAINER_CMD"), &c->n_cmd);
	}
	if (!c->entry || !c->cmd)
		return diag_nomem(err);
	if (!c->image)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, PY_VALUE_ERROR,
			       "the payload names no container image");
	return 0;
}

/* engine run --rm -e NAME... [--entrypoint FIRST] IMAGE [REST...] [CMD | job args]:
 * the engine takes one --entrypoint word, so the rest of the list follows the image. */
int local_container_command(const char ***argv, struct arena *a, const struct node *vars,
			    const struct node *config, const struct node *words,
			    const struct local_env *env, const struct dsj_local_options *o,
			    struct dsj_error *err)
{
	const char *program = NULL;
	struct container c;
	int rc = engine_program(&program, a, env, o, err);
	if (!rc)
		rc = container_of(&c, a, vars, config, err);
	if (rc)
		return rc;
	const char **entry = c.entry, **cmd = c.cmd;
	size_t n_entry = c.n_entry, n_cmd = c.n_cmd;
	const char *image = c.image;
	const char **v = entry && cmd ? new_argv(a, 6 + 2 * vars->u.map.count + n_entry + n_cmd +
							    words->u.seq.count)
				      : NULL;
	if (!v)
		return diag_nomem(err);
	size_t at = 0;
	v[at++] = program;
	v[at++] = "run";
	v[at++] = "--rm";
	for (size_t i = 0; i < vars->u.map.count; i++) {
		v[at++] = "-e";
		v[at++] = vars->u.map.items[i].key->u.str.ptr; /* the value comes from our env */
	}
	if (n_entry) {
		v[at++] = "--entrypoint";
		v[at++] = entry[0];
	}
	v[at++] = image;
	for (size_t i = 1; i < n_entry; i++)
		v[at++] = entry[i];
	for (size_t i = 0; !words->u.seq.count && i < n_cmd; i++)
		v[at++] = cmd[i];
	for (size_t i = 0; i < words->u.seq.count; i++)
		v[at++] = words->u.seq.items[i]->u.str.ptr;
	v[at] = NULL;
	*argv = v;
	return 0;
}

/* PyTorchDistributedRuntime: a python runtime run on several nodes by ADS's
 * PyTorch driver (torchrun / deepspeed). */
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "doc/json.h"
#include "runtime/runtime.h"

/* git spec key -> variable, in the reference's order. */
static const struct env_mapping git_env_mappings[] = {
	{"url", "OCI__RUNTIME_URI"},
	{"branch", "OCI__RUNTIME_GIT_BRANCH"},
	{"commit", "OCI__RUNTIME_GIT_COMMIT"},
	{"gitSecretId", "OCI__RUNTIME_GIT_SECRET_ID"},
	{NULL, NULL},
};

/* dependencies key -> variable. */
static const struct env_mapping deps[] = {
	{"pipPackages", "OCI__PIP_PKG"},
	{"pipRequirements", "OCI__PIP_REQUIREMENTS"},
	{NULL, NULL},
};

static const struct spec_section git_section = {.key = "git", .mapping = git_env_mappings};
static const struct spec_section deps_section = {.key = "dependencies", .mapping = deps};

static const struct spec_alias *const pytorch_aliases[] = {aliases_script, aliases_python_mixin,
							   aliases_base, NULL};

/* Digits + 1 (no sign), for ints of any size. */
static char *digits_plus_one(struct arena *a, struct str d, size_t *len)
{
	char *s = arena_alloc(a, d.len + 2);
	if (!s)
		return NULL;
	s[0] = '0';
	memcpy(s + 1, d.ptr, d.len);
	size_t i = d.len;
	while (i > 0 && s[i] == '9')
		s[i--] = '0';
	s[i]++;
	size_t start = s[0] == '0' ? 1 : 0;
	*len = d.len + 1 - start;
	return s + start;
}

/* Digits - 1 for a positive number. */
static char *digits_minus_one(struct arena *a, struct str d, size_t *len)
{
	char *s = arena_strndup(a, d.ptr, d.len);
	if (!s)
		return NULL;
	size_t i = d.len - 1;
	while (i > 0 && s[i] == '0')
		s[i--] = '9';
	s[i]--;
	size_t start = 0;
	while (start + 1 < d.len && s[start] == '0')
		start++;
	*len = d.len - start;
	return s + start;
}

/* replicas - 1 as decimal text (replicas is a non-zero int). */
static struct node *worker_count_text(struct arena *a, struct str replicas)
{
	size_t len;
	if (replicas.ptr[0] != '-') {
		char *s = digits_minus_one(a, replicas, &len);
		return s ? node_new_str(a, s, len) : NULL;
	}
	struct str magnitude = {replicas.ptr + 1, replicas.len - 1};
	char *s = digits_plus_one(a, magnitude, &len);
	if (!s)
		return NULL;
	char *neg = arena_alloc(a, len + 1);
	if (!neg)
		return NULL;
	neg[0] = '-';
	memcpy(neg + 1, s, len);
	return node_new_str(a, neg, len + 1);
}

/* ADS 2.15: NODE_COUNT = str(replicas or 1); a string is taken as it is. */
static int node_count(struct translate_ctx *t)
{
	struct node *replicas = map_get(t->spec, "replicas");
	if (!node_truthy(replicas))
		return env_put_cstr(t, "NODE_COUNT", "1");
	if (replicas->kind == NODE_STR)
		return env_put(t, "NODE_COUNT", replicas);
	if (replicas->kind != NODE_INT)
		return spec_fail(t, replicas, "replicas", PY_TYPE_ERROR,
				 "expected a whole number of nodes, got %s",
				 describe_value(t->a, replicas));
	struct str n = replicas->u.integer.text;
	return env_put(t, "NODE_COUNT", node_new_str(t->a, n.ptr, n.len));
}

/* ADS 2.8 starts the runs of a multi-node job itself, which a job payload
 * cannot say: one main run, then N-1 more that join it. */
static void warn_runs_needed(struct translate_ctx *t, const struct node *replicas)
{
	if (!t->opts->warn || replicas->u.integer.text.ptr[0] == '-' || !replicas->u.integer.fits ||
	    replicas->u.integer.i64 < 2)
		return;
	long long n = (long long)replicas->u.integer.i64;
	char path[DSJ_ERROR_PATH_MAX];
	snprintf(path, sizeof(path), "%sspec.replicas", t->prefix);
	struct dsj_error w;
	diag_clear(&w);
	diag_node(&w, DSJ_OK, replicas, path, "UserWarning",
		  "replicas: %lld needs %lld job runs, not one: after 'oci data-science job-run "
		  "create' for the main run, create %lld more, each with MAIN_JOB_RUN_OCID (the "
		  "main run's OCID), RANK (1 to %lld) and WORLD_SIZE=%lld in its environment "
		  "variables, as ADS 2.8 does (--ads 2.15 makes a multi-node job instead)",
		  n, n, n - 1, n - 1, n);
	t->opts->warn(&w, t->opts->warn_ctx);
}

static int worker_count(struct translate_ctx *t)
{
	if (t->opts->ads == DSJ_ADS_2_15)
		return node_count(t);
	struct node *replicas = map_get(t->spec, "replicas");
	if (!node_truthy(replicas))
		return env_put_cstr(t, "OCI__WORKER_COUNT", "0");
	if (replicas->kind != NODE_INT)
		return spec_fail(t, replicas, "replicas", PY_TYPE_ERROR,
				 "expected a whole number of nodes, got %s",
				 describe_value(t->a, replicas));
	warn_runs_needed(t, replicas);
	return env_put(t, "OCI__WORKER_COUNT", worker_count_text(t->a, replicas->u.integer.text));
}

static int inputs_variable(struct translate_ctx *t)
{
	struct node *inputs = map_get(t->spec, "inputs");
	return node_truthy(inputs) ? env_put_json(t, "OCI__INPUT_MAPPINGS", inputs, "inputs") : 0;
}

static int git_variables(struct translate_ctx *t)
{
	struct node *git = map_get(t->spec, "git");
	if (!node_truthy(git))
		return 0;
	if (git->kind != NODE_MAP)
		return spec_fail(t, git, "git", PY_ATTRIBUTE_ERROR,
				 "expected a mapping {url, branch, commit, gitSecretId}, got %s",
				 describe_value(t->a, git));
	for (const struct env_mapping *m = git_env_mappings; m->spec_key; m++) {
		struct node *v = map_get(git, m->spec_key);
		if (!node_truthy(v))
			continue;
		char key[64];
		snprintf(key, sizeof(key), "git.%s", m->spec_key);
		int rc = require_str(t, v, key);
		if (rc || (rc = env_put(t, m->env_name, v)))
			return rc;
	}
	return 0;
}

static int dependency_variables(struct translate_ctx *t)
{
	struct node *dep = map_get(t->spec, "dependencies");
	if (!node_truthy(dep))
		return 0;
	if (dep->kind != NODE_MAP)
		return spec_fail(t, dep, "dependencies", PY_TYPE_ERROR,
				 "expected a mapping {pipPackages, pipRequirements}, got %s",
				 describe_value(t->a, dep));
	for (const struct env_mapping *m = deps; m->spec_key; m++) {
		long i = map_find(dep, m->spec_key, strlen(m->spec_key));
		if (i < 0)
			continue;
		struct node *v = dep->u.map.items[i].value;
		char key[64];
		snprintf(key, sizeof(key), "dependencies.%s", m->spec_key);
		int rc = require_str(t, v, key);
		if (rc || (rc = env_put(t, m->env_name, v)))
			return rc;
	}
	return 0;
}

static int pytorch_translate(struct translate_ctx *t)
{
	int rc = translate_python_env(t);
	if (!rc)
		rc = worker_count(t);
	if (!rc)
		rc = env_put_cstr(t, "JOB_RUN_ENTRYPOINT", "driver_pytorch.py");
	if (!rc)
		rc = inputs_variable(t);
	if (!rc)
		rc = git_variables(t);
	if (!rc)
		rc = dependency_variables(t);
	if (!rc && node_truthy(map_get(t->spec, "deepspeed")))
		rc = env_put_cstr(t, "OCI__DEEPSPEED", "1");
	if (rc)
		return rc;
	const char *key;
	struct node *source = spec_get(t, "scriptPathURI", &key);
	if (!node_truthy(source))
		return set_artifact_cstr(t, "PyTorchDistributedArtifact", "");
	return set_artifact(t, "PyTorchDistributedArtifact", source, key);
}

/* The digits of a count variable: plain ASCII digits only, as a str or an int. */
static bool count_digits(const struct node *v, struct str *text)
{
	*text = (struct str){"", 0};
	if (v && v->kind == NODE_STR)
		*text = v->u.str;
	else if (v && v->kind == NODE_INT && v->u.integer.text.ptr[0] != '-')
		*text = v->u.integer.text;
	bool digits = text->len > 0;
	for (size_t i = 0; i < text->len; i++)
		digits = digits && text->ptr[i] >= '0' && text->ptr[i] <= '9';
	return digits;
}

static struct node *int_without_zeros(struct arena *a, const char *p, size_t len)
{
	while (len > 1 && p[0] == '0') {
		p++;
		len--;
	}
	return node_new_int_text(a, p, len);
}

const struct node *pytorch_node_count(const struct node *envs)
{
	const struct node *v = envs ? map_get(envs, "NODE_COUNT") : NULL;
	struct str text;
	if (!count_digits(v, &text))
		return NULL;
	for (size_t i = 0; i < text.len; i++)
		if (text.ptr[i] != '0')
			return v;
	return NULL;
}

/* int(OCI__WORKER_COUNT) + 1, accepting plain ASCII digits only; a job made by
 * ADS 2.15 says NODE_COUNT instead. */
static int extract_replicas(struct extract_ctx *x)
{
	struct str text;
	if (!envs_has(x, "OCI__WORKER_COUNT")) {
		count_digits(envs_pop(x, "NODE_COUNT"), &text);
		return spec_put(x, "replicas", int_without_zeros(x->a, text.ptr, text.len));
	}
	struct node *v = envs_pop(x, "OCI__WORKER_COUNT");
	if (!count_digits(v, &text))
		return extract_fail(x, v, "OCI__WORKER_COUNT", PY_VALUE_ERROR,
				    "invalid literal for int() with base 10: expected digits");
	size_t len;
	char *plus = digits_plus_one(x->a, text, &len);
	if (!plus)
		return diag_nomem(x->err);
	return spec_put(x, "replicas", int_without_zeros(x->a, plus, len));
}

static int extract_git(struct extract_ctx *x)
{
	if (!envs_has(x, "OCI__RUNTIME_URI"))
		return 0;
	struct node *git = node_new(x->a, NODE_MAP, 0, 0);
	if (!git)
		return diag_nomem(x->err);
	for (const struct env_mapping *m = git_env_mappings; m->spec_key; m++)
		if (envs_has(x, m->env_name) &&
		    map_set(x->a, git, m->spec_key, envs_pop(x, m->env_name)))
			return diag_nomem(x->err);
	return spec_put(x, "git", git);
}

static int extract_inputs(struct extract_ctx *x)
{
	struct node *v = envs_pop(x, "OCI__INPUT_MAPPINGS");
	if (!node_truthy(v))
		return 0;
	if (v->kind != NODE_STR)
		return spec_put(x, "inputs", v);
	struct node *parsed = NULL;
	struct dsj_error jerr = {0};
	if (json_read(&parsed, v->u.str.ptr, v->u.str.len, x->a, NULL, 0, &jerr) == 0)
		return spec_put(x, "inputs", parsed);
	if (jerr.code == DSJ_ENOMEM)
		return diag_nomem(x->err);
	/* Python's decoder also takes NaN and Infinity, which YAML/JSON output cannot carry
	 * faithfully. */
	diag_clear(&jerr);
	if (json_read(&parsed, v->u.str.ptr, v->u.str.len, x->a, NULL, JSON_READ_NONFINITE,
		      &jerr) == 0)
		return extract_fail(x, v, "OCI__INPUT_MAPPINGS", PY_VALUE_ERROR,
				    "NaN and Infinity are not valid JSON");
	return spec_put(x, "inputs", v);
}

static int extract_dependencies(struct extract_ctx *x)
{
	struct node *dep = node_new(x->a, NODE_MAP, 0, 0);
	if (!dep)
		return diag_nomem(x->err);
	if (envs_has(x, "OCI__PIP_PKG") &&
	    map_set(x->a, dep, "pipPackages", envs_pop(x, "OCI__PIP_PKG")))
		return diag_nomem(x->err);
	if (envs_has(x, "OCI__PIP_REQUIREMENTS") &&
	    map_set(x->a, dep, "pipRequirements", envs_pop(x, "OCI__PIP_REQUIREMENTS")))
		return diag_nomem(x->err);
	return dep->u.map.count ? spec_put(x, "dependencies", dep) : 0;
}

/* The reference's handler splits PYTHON_PATH before it looks for
 * OCI__WORKER_COUNT, so a job of a later type fails here too. Conda problems
 * fail the same way in every conda type; this is the one check the later
 * types (notebook and script do not read PYTHON_PATH) do not make themselves. */
static int pytorch_python_path_splits(struct extract_ctx *x)
{
	struct node *path = map_get(x->envs, "PYTHON_PATH");
	if (!node_truthy(path) || path->kind == NODE_STR)
		return 0;
	return extract_fail(x, path, "PYTHON_PATH", PY_ATTRIBUTE_ERROR,
			    "'%s' object has no attribute 'split'", node_type_name(path));
}

static int pytorch_extract(struct extract_ctx *x)
{
	int rc = extract_python_envs(x);
	if (rc)
		return rc;
	if ((rc = extract_replicas(x)) || (rc = extract_git(x)) || (rc = extract_inputs(x)) ||
	    (rc = extract_dependencies(x)))
		return rc;
	if (node_truthy(envs_pop(x, "OCI__DEEPSPEED")) &&
	    (rc = spec_put(x, "deepspeed", node_new_bool(x->a, true))))
		return rc;
	return extract_python_artifact(x);
}

const struct runtime_type rt_pytorch = {
	.name = "pyTorchDistributed",
	.class_name = "PyTorchDistributedRuntime",
	.aliases = pytorch_aliases,
	.translate = pytorch_translate,
	.extract = pytorch_extract,
	.signature = (const char *const[]){"OCI__WORKER_COUNT", NULL},
	.extract_priority = 20,
	.fails_before_rejecting = pytorch_python_path_splits,
	.mappings = (const struct env_mapping *const[]){python_env_mappings, NULL},
	/* worker_count, inputs_variable and pytorch_translate read these */
	.keys = (const char *const[]){"replicas", "inputs", "deepspeed", NULL},
	.sections = (const struct spec_section *const[]){&conda_section, &git_section,
							 &deps_section, NULL},
};

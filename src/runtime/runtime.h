/* The runtime conversion framework: one `struct runtime_type` per ADS runtime
 * class (a file each, rt_*.c), the shared steps every handler uses, and the
 * contexts that carry a conversion's state. Mirrors the reference's
 * RuntimeHandler hierarchy: base (env, args, tags, maximum runtime), conda,
 * then each type's own variables. */
#ifndef DSJ_RUNTIME_H
#define DSJ_RUNTIME_H

#include <stdbool.h>

#include "doc/node.h"
#include "dsjob.h"

/* A spec key and the environment variable it becomes (seed's SPEC_MAPPINGS). */
struct env_mapping {
	const char *spec_key;
	const char *env_name;
};

/* A camelCase spec key and the snake_case alias the reference also accepts. */
struct spec_alias {
	const char *camel;
	const char *snake;
};

/* A nested mapping of the spec (conda, git, dependencies) and the keys the
 * handler reads in it: `names`, and the spec keys of `mapping`. */
struct spec_section {
	const char *key;
	const char *const *names;	   /* NULL-terminated, or NULL */
	const struct env_mapping *mapping; /* or NULL */
};

struct buf;
struct translate_ctx;
struct extract_ctx;

struct runtime_type {
	const char *name;	/* YAML `type`, e.g. "gitPython" */
	const char *class_name; /* e.g. "GitPythonRuntime" (for messages) */
	/* NULL-terminated list of NULL-terminated alias tables (the attribute maps
	 * a runtime class inherits) */
	const struct spec_alias *const *aliases;
	/* Adds the type's variables to t->env and sets t->artifact. */
	int (*translate)(struct translate_ctx *t);
	/* Builds x->spec from x->envs. */
	int (*extract)(struct extract_ctx *x);
	/* The variables a job must have to be of this type (NULL-terminated; NULL:
	 * any job is of this type, the fallback). */
	const char *const *signature;
	/* Extraction tries the types in this order, lowest first (the seed's
	 * runtime_handlers: a type before the one it specialises). Distinct, in
	 * steps of 10 so a new type fits between two; the fallback's is highest. */
	int extract_priority;
	/* The reference tries each type in turn on the same job, and a type may
	 * fail before it rejects the job: this is that check (NULL: none). It runs
	 * for every type tried before the one chosen. */
	int (*fails_before_rejecting)(struct extract_ctx *x);
	/* The default job name is "<adjective>-<animal>-<time>" even when there is
	 * an artifact: the artifact is not the user's file (ADS names it so). */
	bool job_name_ignores_artifact;
	/* The spec keys the type knows, for the unknown-key warnings
	 * (spec_keys.c) and the schema: runtime_base_keys, these tables, the alias
	 * tables and the sections. spec_get accepts no other key. */
	const struct env_mapping *const *mappings;  /* the tables translate reads */
	const char *const *keys;		    /* keys read outside any table */
	const struct spec_section *const *sections; /* nested mappings it reads */
	/* Spec keys only ADS 2.15's handler reads (camelCase and snake_case). */
	const char *const *keys_ads215;
};

struct translate_ctx {
	struct arena *a;
	const struct dsj_options *opts;
	const struct dsj_limits *limits;
	const struct runtime_type *type;
	struct node *spec;     /* the user's spec mapping (empty when absent) */
	struct node *env;      /* output environmentVariables, in order */
	struct node *artifact; /* output artifact {type, source} */
	struct dsj_error *err;
	const char *prefix; /* key path prefix, "" or "spec.runtime." */
	/* output jobEnvironmentConfigurationDetails (ADS 2.15 container), or NULL */
	struct node *environment;
};

struct extract_ctx {
	struct arena *a;
	const struct dsj_options *opts;
	struct node *job;     /* the Job object */
	struct node *envs;    /* a private copy of the job's variables */
	struct node *spec;    /* the runtime spec being built */
	const char *artifact; /* artifact file name, "None" when unknown */
	struct dsj_error *err;
};

/* Alias tables shared by several types (translate_steps.c). */
extern const struct spec_alias aliases_base[];	       /* tags */
extern const struct spec_alias aliases_script[];       /* scriptPathURI */
extern const struct spec_alias aliases_python_mixin[]; /* outputDir, pythonPath, ... */

/* Keys every type reads (env, args, maximumRuntimeInMinutes), and the conda
 * section of the conda types (translate_steps.c). */
extern const char *const runtime_base_keys[];
extern const struct spec_section conda_section;

/* ---- registry (registry.c) ---- */

const struct runtime_type *runtime_type_find(const char *name, size_t len);
/* The type a job is extracted as: the first, by extract_priority, whose
 * signature variables `envs` (a mapping, or NULL) all has. */
const struct runtime_type *runtime_type_for_job(const struct node *envs);
/* Runs the fails_before_rejecting checks of the types extraction tries before
 * `chosen`, in that order. */
int runtime_types_tried_before(const struct runtime_type *chosen, struct extract_ctx *x);
/* The i-th type (registry order), NULL past the last. */
const struct runtime_type *runtime_type_at(size_t i);
/* Appends the type names, as the reference lists them: "script, python, ...". */
bool runtime_type_names(struct buf *b);

/* ---- translate steps (translate_steps.c) ---- */

/* The value of a spec key: the snake_case alias wins over the camelCase key
 * (the reference applies it last). *written receives the key as the user wrote
 * it (for messages); NULL when absent. */
struct node *spec_get(struct translate_ctx *t, const char *camel, const char **written);
/* A problem at `at` under spec key `key` ("spec.<key>" in the path). */
int spec_fail(struct translate_ctx *t, const struct node *at, const char *key, const char *type,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Sets an output variable (replacing in place, like a Python dict). */
int env_put(struct translate_ctx *t, const char *name, struct node *value);
int env_put_cstr(struct translate_ctx *t, const char *name, const char *value);
/* Requires a string (the API takes only strings); error names the key. */
int require_str(struct translate_ctx *t, const struct node *v, const char *key);
/* The seed's _translate_specs: each truthy value becomes its variable; lists
 * are joined with `delimiter` (items must be strings). */
int translate_specs(struct translate_ctx *t, const struct env_mapping *map, const char *delimiter);
/* CondaRuntimeHandler._translate_env. */
int translate_conda(struct translate_ctx *t);
/* artifact = {type, source}; type / source NULL -> null, local paths made absolute. */
int set_artifact(struct translate_ctx *t, const char *type, const struct node *source,
		 const char *key);
int set_artifact_cstr(struct translate_ctx *t, const char *type, const char *source);
/* Sets variable `name` to json.dumps(value) (spec key `key`, for messages). */
int env_put_json(struct translate_ctx *t, const char *name, const struct node *value,
		 const char *key);
/* A value JSON can carry: null, bool, int, finite float, str, and lists and
 * string-keyed mappings of them (what definedTags values may be). */
bool is_json_value(const struct node *v);
/* A short description of a value for messages: "integer 31", "a list". */
const char *describe_value(struct arena *a, const struct node *v);

/* ---- extract steps (extract_steps.c) ---- */

/* Pops a variable from x->envs (NULL when absent). */
struct node *envs_pop(struct extract_ctx *x, const char *name);
bool envs_has(struct extract_ctx *x, const char *name);
/* The seed's _extract_specs: each present, truthy variable becomes its key. */
int extract_specs(struct extract_ctx *x, const struct env_mapping *map);
/* CondaRuntimeHandler._extract_envs' conda part. */
int extract_conda(struct extract_ctx *x);
/* Splits a spec string value on `delim` into a list (pythonPath). */
int spec_split_list(struct extract_ctx *x, const char *key, char delim);
/* text.split(delim), each item stripped when `strip` (container cmd lists). */
struct node *split_text(struct arena *a, struct str text, char delim, bool strip);
int spec_put(struct extract_ctx *x, const char *key, struct node *value);
int extract_fail(struct extract_ctx *x, const struct node *at, const char *name, const char *type,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* NODE_COUNT when `envs` has it as a positive whole number (plain digits), the
 * replica count of a job made by ADS 2.15 (rt_pytorch.c); else NULL. */
const struct node *pytorch_node_count(const struct node *envs);

/* Shared by python-like types (rt_python.c). */
extern const struct env_mapping python_env_mappings[];
int translate_python_env(struct translate_ctx *t);
int extract_python_envs(struct extract_ctx *x);
int extract_python_artifact(struct extract_ctx *x);

#endif

/* dsj_local_run: a job run on this machine, laid out as on the service: the
 * artifact extracted into <run folder>/decompressed_artifact, HOME = the run
 * folder, JOB_RUN_ENTRYPOINT (or the single file) started from there. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "local/local.h"
#include "py/pypath.h"
#include "util/diag.h"

struct run {
	struct art_job job;
	struct art_plan plan;
	struct dsj_artifact artifact;
	const struct dsj_local_options *o;
	char *dir;	      /* the run folder */
	const char *code_dir; /* its decompressed_artifact */
	bool made_dir;	      /* we created it (and remove it unless keep) */
	struct node *vars;
	struct node *words;
	struct local_env env;
};

/* The size of the struct in `version`: 1 ends before `fetch`. */
static size_t options_size(unsigned int version)
{
	return version == 1 ? offsetof(struct dsj_local_options, fetch)
			    : sizeof(struct dsj_local_options);
}

int dsj_local_options_init(struct dsj_local_options *opts, unsigned int version)
{
	if (!opts || version < 1 || version > DSJ_LOCAL_OPTIONS_VERSION)
		return DSJ_EUSAGE;
	struct dsj_local_options defaults = DSJ_LOCAL_OPTIONS_INIT;
	defaults.version = version;
	memcpy(opts, &defaults, options_size(version));
	return 0;
}

/* dir/name (name is never absolute here), NULL when out of memory. */
static const char *joined(struct arena *a, const char *dir, const char *name)
{
	return py_path_join(a, (struct str){dir, strlen(dir)}, (struct str){name, strlen(name)})
		.ptr;
}

static int make_run_dir(struct run *r, struct dsj_error *err)
{
	struct arena *a = &r->job.arena;
	if (!r->o->workdir) {
		r->made_dir = true;
		return art_temp_dir(a, "dsjob-run", &r->dir, err);
	}
	if (mkdir(r->o->workdir, 0700) != 0 && errno != EEXIST)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "cannot make %s: %s",
			       r->o->workdir, strerror(errno));
	r->dir = realpath(r->o->workdir, NULL);
	char *copy = r->dir ? arena_strndup(a, r->dir, strlen(r->dir)) : NULL;
	free(r->dir);
	r->dir = copy;
	return r->dir ? 0 : diag_nomem(err);
}

static int make_code_dir(struct run *r, struct dsj_error *err)
{
	r->code_dir = joined(&r->job.arena, r->dir, "decompressed_artifact");
	if (!r->code_dir)
		return diag_nomem(err);
	if (mkdir(r->code_dir, 0755) != 0)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "cannot make %s: %s%s",
			       r->code_dir, strerror(errno),
			       errno == EEXIST ? " (a previous run's: remove it or choose another "
						 "--workdir)"
					       : "");
	return 0;
}

/* Build the artifact into the run folder and lay it out as the service does. */
static int stage_artifact(struct run *r, struct dsj_error *err)
{
	r->plan.warn = r->o->warn;
	r->plan.warn_ctx = r->o->warn_ctx;
	r->plan.fetch = r->o->fetch;
	r->plan.fetch_ctx = r->o->fetch_ctx;
	int rc = art_plan_make(&r->plan, &r->job, r->o->driver_dir, err);
	if (!rc)
		rc = art_output_write(&r->plan, r->dir, art_resolve_mtime(-1), &r->artifact, err);
	if (rc || !r->plan.as_is || art_is_archive_name(r->plan.upload_name))
		return rc ? rc : art_unpack(r->artifact.path, r->code_dir, err);
	const char *inside = joined(&r->job.arena, r->code_dir, r->plan.upload_name);
	if (!inside)
		return diag_nomem(err);
	return rename(r->artifact.path, inside) == 0
		       ? 0
		       : diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "cannot place %s: %s",
				 inside, strerror(errno));
}

/* The file the service starts: JOB_RUN_ENTRYPOINT for an archive, else the file. */
static int entry_path(const char **out, struct run *r, struct dsj_error *err)
{
	bool archive = !r->plan.as_is || art_is_archive_name(r->plan.upload_name);
	const char *name =
		archive ? local_env_get(&r->env, "JOB_RUN_ENTRYPOINT") : r->plan.upload_name;
	if (!name || !*name)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, PY_VALUE_ERROR,
			       "the artifact %s is an archive: set the entrypoint "
			       "(JOB_RUN_ENTRYPOINT) to the file to start",
			       r->plan.upload_name);
	const char *why = art_unsafe_name(name);
	const char *path = why ? NULL : joined(&r->job.arena, r->code_dir, name);
	struct stat st;
	if (why || !path || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, PY_VALUE_ERROR,
			       "JOB_RUN_ENTRYPOINT '%s' is not a file in the artifact", name);
	*out = path;
	return 0;
}

static void warn_conda(const struct run *r)
{
	const char *slug = local_env_get(&r->env, "CONDA_ENV_SLUG");
	const char *object = local_env_get(&r->env, "CONDA_ENV_OBJECT_NAME");
	if (!r->o->warn || (!slug && !object))
		return;
	struct dsj_error w;
	diag_clear(&w);
	snprintf(w.message, sizeof(w.message),
		 "conda pack '%s' is not installed locally: the job runs with %s (choose one "
		 "with --python)",
		 slug ? slug : object, r->o->python ? r->o->python : "python3 from PATH");
	r->o->warn(&w, r->o->warn_ctx);
}

/* ADS 2.8 uploads a placeholder ("path") for a container; 2.15 sends its image
 * in jobEnvironmentConfigurationDetails (and an artifact only with scriptPathURI). */
static bool is_container(const struct run *r)
{
	return r->job.container ||
	       (r->job.artifact_type && strcmp(r->job.artifact_type, "path") == 0);
}

static int command(const char ***argv, struct run *r, struct dsj_error *err)
{
	struct arena *a = &r->job.arena;
	if (is_container(r))
		return local_container_command(argv, a, r->vars, r->job.container, r->words,
					       &r->env, r->o, err);
	const char *entry = NULL;
	int rc = entry_path(&entry, r, err);
	if (!rc)
		warn_conda(r);
	return rc ? rc : local_entry_command(argv, a, entry, r->words, &r->env, r->o, err);
}

static int prepare(struct run *r, const char *input, size_t len, struct dsj_error *err)
{
	int rc = art_job_load(&r->job, input, len, r->o->convert, err);
	if (!rc)
		rc = local_job_variables(&r->vars, &r->job, r->o, err);
	if (!rc)
		rc = local_arguments(&r->words, &r->job, r->o, err);
	if (!rc)
		rc = make_run_dir(r, err);
	if (!rc)
		rc = make_code_dir(r, err);
	if (!rc && r->job.artifact_type)
		rc = stage_artifact(r, err);
	r->env.a = &r->job.arena;
	if (!rc)
		rc = local_env_build(&r->env, r->vars, r->o, r->dir, r->plan.upload_name, err);
	return rc;
}

static double timeout_seconds(const struct run *r)
{
	if (r->o->timeout_minutes > 0)
		return r->o->timeout_minutes * 60;
	return (double)r->job.max_minutes * 60;
}

static int hand_over_dir(char **run_dir, const struct run *r, struct dsj_error *err)
{
	bool kept = !r->made_dir || r->o->keep;
	if (!run_dir || !r->dir || !kept)
		return 0;
	return (*run_dir = strdup(r->dir)) ? 0 : diag_nomem(err);
}

static int run_it(int *exit_status, struct run *r, const char *input, size_t len,
		  struct dsj_error *err)
{
	const char **argv = NULL;
	int rc = prepare(r, input, len, err);
	if (!rc)
		rc = command(&argv, r, err);
	if (!rc && r->o->stop && *r->o->stop)
		rc = diag_at(err, DSJ_EINPUT, 0, 0, NULL, "KeyboardInterrupt",
			     "stopped before the job started");
	if (!rc)
		rc = local_supervise(exit_status, argv, r->env.vars, r->code_dir,
				     timeout_seconds(r), r->o->grace_seconds, r->o->stop, err);
	return rc;
}

int dsj_local_run(int *exit_status, char **run_dir, const char *input, size_t input_len,
		  const struct dsj_local_options *opts, struct dsj_error *err)
{
	struct dsj_error scratch;
	err = err ? err : &scratch;
	diag_clear(err);
	if (!exit_status || (!input && input_len))
		return diag_at(err, DSJ_EUSAGE, 0, 0, NULL, PY_VALUE_ERROR,
			       "dsj_local_run: exit_status (and input, when input_len > 0) must "
			       "not be NULL");
	*exit_status = 0;
	if (run_dir)
		*run_dir = NULL;
	struct dsj_local_options o = DSJ_LOCAL_OPTIONS_INIT;
	if (opts && (opts->version < 1 || opts->version > DSJ_LOCAL_OPTIONS_VERSION))
		return diag_at(err, DSJ_EUSAGE, 0, 0, NULL, PY_VALUE_ERROR,
			       "dsj_local_options.version is %u; this library knows %d (use "
			       "DSJ_LOCAL_OPTIONS_INIT)",
			       opts->version, DSJ_LOCAL_OPTIONS_VERSION);
	struct run r;
	memset(&r, 0, sizeof(r));
	if (opts) /* only the fields of the caller's version */
		memcpy(&o, opts, options_size(opts->version));
	r.o = &o;
	int rc = run_it(exit_status, &r, input, input_len, err);
	if (!rc)
		rc = hand_over_dir(run_dir, &r, err);
	art_plan_release(&r.plan);
	free(r.artifact.path);
	if (r.made_dir && !r.o->keep && r.dir)
		art_remove_tree(r.dir);
	art_job_free(&r.job);
	return rc;
}

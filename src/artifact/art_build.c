/* dsj_artifact_build: load the job, plan the artifact, write it. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "artifact/artifact.h"
#include "util/diag.h"

/* 1980-01-01 00:00:00 UTC: the earliest time a zip (DOS) timestamp holds. */
#define ZIP_EPOCH 315532800LL

/* The size of the struct in `version`: 1 ends before `fetch`. */
static size_t options_size(unsigned int version)
{
	return version == 1 ? offsetof(struct dsj_artifact_options, fetch)
			    : sizeof(struct dsj_artifact_options);
}

int dsj_artifact_options_init(struct dsj_artifact_options *opts, unsigned int version)
{
	if (!opts || version < 1 || version > DSJ_ARTIFACT_OPTIONS_VERSION)
		return DSJ_EUSAGE;
	struct dsj_artifact_options defaults = DSJ_ARTIFACT_OPTIONS_INIT;
	defaults.version = version;
	memcpy(opts, &defaults, options_size(version));
	return 0;
}

/* The last time a DOS timestamp holds: 2107-12-31 23:59:58 UTC. */
#define ZIP_END 4354819198LL

static long long clamp_to_zip(long long t)
{
	return t < ZIP_EPOCH ? ZIP_EPOCH : t > ZIP_END ? ZIP_END : t;
}

long long art_resolve_mtime(long long mtime)
{
	if (mtime >= 0)
		return clamp_to_zip(mtime);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long long v = 0;
	for (const char *p = sde ? sde : ""; *p; p++) {
		if (*p < '0' || *p > '9')
			return ZIP_EPOCH; /* not a time: ignored, as reproducible-builds.org asks */
		v = v < ZIP_END ? v * 10 + (*p - '0') : v;
	}
	return sde && *sde ? clamp_to_zip(v) : ZIP_EPOCH;
}

void dsj_artifact_free(struct dsj_artifact *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->entry_count; i++)
		free(a->entries[i]);
	free(a->entries);
	free(a->path);
	free(a->upload_name);
	free(a);
}

static int push_entry(struct dsj_artifact *a, const char *name)
{
	char *copy = name ? strdup(name) : NULL;
	if (!copy)
		return -1;
	a->entries[a->entry_count++] = copy;
	return 0;
}

static int fill_entries(struct dsj_artifact *a, const struct art_plan *p, struct dsj_error *err)
{
	size_t n = p->as_is ? (p->as_is_names ? p->as_is_count : 1) : p->tree.count;
	a->entries = calloc(n ? n : 1, sizeof(char *));
	if (!a->entries)
		return diag_nomem(err);
	for (size_t i = 0; i < n; i++) {
		const char *name = !p->as_is	    ? art_entry_label(&p->tree, &p->tree.items[i])
				   : p->as_is_names ? p->as_is_names[i]
						    : p->upload_name;
		if (push_entry(a, name))
			return diag_nomem(err);
	}
	a->as_is = p->as_is;
	return (a->upload_name = strdup(p->upload_name)) ? 0 : diag_nomem(err);
}

static int build(struct dsj_artifact *a, struct art_job *j, const struct dsj_artifact_options *o,
		 struct dsj_error *err)
{
	struct art_plan plan;
	memset(&plan, 0, sizeof(plan));
	plan.warn = o->warn;
	plan.warn_ctx = o->warn_ctx;
	plan.fetch = o->fetch;
	plan.fetch_ctx = o->fetch_ctx;
	int rc = art_plan_make(&plan, j, o->driver_dir, err);
	if (!rc && !plan.layout) { /* the job has no artifact */
		art_plan_release(&plan);
		return 0;
	}
	if (!rc)
		rc = fill_entries(a, &plan, err);
	if (!rc && !o->list_only) {
		char cwd[4096];
		const char *dir = o->out_dir ? o->out_dir : getcwd(cwd, sizeof(cwd));
		rc = dir ? art_output_write(&plan, dir, art_resolve_mtime(o->mtime), a, err)
			 : diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "no current folder");
	}
	art_plan_release(&plan);
	return rc;
}

int dsj_artifact_build(struct dsj_artifact **out, const char *input, size_t input_len,
		       const struct dsj_artifact_options *opts, struct dsj_error *err)
{
	struct dsj_error scratch;
	err = err ? err : &scratch;
	diag_clear(err);
	struct dsj_artifact_options o = DSJ_ARTIFACT_OPTIONS_INIT;
	if (!out || (!input && input_len))
		return diag_at(err, DSJ_EUSAGE, 0, 0, NULL, PY_VALUE_ERROR,
			       "dsj_artifact_build: out (and input, when input_len > 0) must not "
			       "be NULL");
	if (opts && (opts->version < 1 || opts->version > DSJ_ARTIFACT_OPTIONS_VERSION))
		return diag_at(err, DSJ_EUSAGE, 0, 0, NULL, PY_VALUE_ERROR,
			       "dsj_artifact_options.version is %u; this library knows %d (use "
			       "DSJ_ARTIFACT_OPTIONS_INIT)",
			       opts->version, DSJ_ARTIFACT_OPTIONS_VERSION);
	*out = NULL;
	if (opts) /* only the fields of the caller's version */
		memcpy(&o, opts, options_size(opts->version));
	struct dsj_artifact *a = calloc(1, sizeof(*a));
	if (!a)
		return diag_nomem(err);
	struct art_job j;
	int rc = art_job_load(&j, input, input_len, o.convert, err);
	if (!rc)
		rc = build(a, &j, &o, err);
	art_job_free(&j);
	if (rc)
		dsj_artifact_free(a);
	else
		*out = a;
	return rc;
}

/* The plan of a build: which layout, which source, which entries. Nothing is
 * written here except user archives unpacked into a scratch folder. */
#include <stdio.h>
#include <string.h>

#include "artifact/artifact.h"
#include "util/diag.h"

/* The spec key the source came from, for messages (notebooks have two). */
static const char *source_key(const struct art_job *j, const struct art_layout *l)
{
	if (strcmp(l->artifact_type, "NotebookArtifact") == 0 && !art_job_spec(j, "source", NULL))
		return art_job_spec(j, "notebookPathURI", "notebook_path_uri") ? "notebookPathURI"
									       : "source";
	return l->source_key;
}

static int add_drivers(struct art_plan *p, const char *driver_dir, struct dsj_error *err)
{
	for (const char *const *d = p->layout->drivers; *d; d++) {
		int rc = art_drivers_add(&p->tree, driver_dir, *d, err);
		if (rc)
			return rc;
	}
	return 0;
}

/* ADS unpacks a user archive into code/ keeping its own structure. */
static int add_unpacked(struct art_plan *p, struct dsj_error *err)
{
	if (art_tree_add_dir(&p->tree, "code")) /* there even when the archive is empty */
		return diag_nomem(err);
	int rc = art_temp_dir(p->tree.a, "dsjob-unpack", &p->staging, err);
	if (!rc)
		rc = art_unpack(p->src.path, p->staging, err);
	return rc ? rc : art_walk_add(&p->tree, "code", p->staging, err);
}

static int add_code(struct art_plan *p, struct dsj_error *err)
{
	char prefix[4096];
	snprintf(prefix, sizeof(prefix), "code/%s", p->src.base);
	switch (p->src.kind) {
	case ART_SRC_NONE:
		return 0;
	case ART_SRC_FILE:
	case ART_SRC_DIR:
		return art_walk_add_path(&p->tree, prefix, p->src.path, err);
	case ART_SRC_ARCHIVE:
		return add_unpacked(p, err);
	}
	return 0;
}

static int plan_script(struct art_plan *p, struct dsj_error *err)
{
	const char *key = p->layout->source_key;
	switch (p->src.kind) {
	case ART_SRC_NONE:
		return art_job_fail(p->job, err, key,
				    "a script runtime needs scriptPathURI: the file or folder to "
				    "upload");
	case ART_SRC_DIR: /* ADS 2.15 dropped this check (b9fa19bc) */
		if (!art_job_env(p->job, "JOB_RUN_ENTRYPOINT") && !p->job->ads_2_15)
			return art_job_fail(p->job, err, key,
					    "Please specify entrypoint when script source is a "
					    "directory.");
		return art_walk_add_path(&p->tree, p->src.base, p->src.path, err);
	case ART_SRC_ARCHIVE:
		p->as_is = true;
		p->as_is_path = p->src.path;
		return art_archive_list(p->src.path, p->tree.a, &p->as_is_names, &p->as_is_count,
					err);
	case ART_SRC_FILE:
		p->as_is = true;
		p->as_is_path = p->src.path;
		return 0;
	}
	return 0;
}

static int plan_entries(struct art_plan *p, const char *driver_dir, struct dsj_error *err)
{
	switch (p->layout->upload) {
	case ART_UPLOAD_SCRIPT:
		return plan_script(p, err);
	case ART_UPLOAD_PLACEHOLDER:
		p->as_is = true;
		return add_drivers(p, driver_dir, err);
	case ART_UPLOAD_FIXED:
		return add_drivers(p, driver_dir, err);
	case ART_UPLOAD_BASE_ZIP:
		break;
	}
	int rc = add_drivers(p, driver_dir, err);
	return rc ? rc : add_code(p, err);
}

int art_plan_make(struct art_plan *p, struct art_job *j, const char *driver_dir,
		  struct dsj_error *err)
{
	p->job = j;
	art_tree_init(&p->tree, &j->arena);
	if (!j->artifact_type)
		return 0; /* ADS 2.15: a container without scriptPathURI uploads nothing */
	p->layout = art_layout_find(j->artifact_type);
	if (!p->layout)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, PY_VALUE_ERROR,
			       "dsjob cannot build an artifact of type '%s'", j->artifact_type);
	int rc =
		p->layout->upload == ART_UPLOAD_PLACEHOLDER || p->layout->upload == ART_UPLOAD_FIXED
			? 0
			: art_source_resolve(p, source_key(j, p->layout), err);
	if (!rc)
		rc = plan_entries(p, driver_dir, err);
	if (rc)
		return rc;
	art_tree_finish(&p->tree);
	p->upload_name = art_upload_name(&j->arena, p->layout, &p->src);
	if (!p->upload_name)
		return diag_nomem(err);
	return art_check(p, err);
}

void art_plan_release(struct art_plan *p)
{
	if (p->staging)
		art_remove_tree(p->staging);
	p->staging = NULL;
	if (p->fetched)
		art_remove_tree(p->fetched);
	p->fetched = NULL;
}

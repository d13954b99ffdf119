/* Whole jobs: a job YAML (kind: job, with infrastructure and runtime) -> the
 * CreateJob request body, and a GetJob answer -> the job as a tree. The
 * runtime part is runtime_translate / runtime_extract's; this layer adds the
 * infrastructure, the name, logging, storage mounts and tag precedence. */
#ifndef DSJ_JOB_H
#define DSJ_JOB_H

#include <stdbool.h>
#include <time.h>

#include "doc/node.h"
#include "dsjob.h"

/* A conversion's state. With `report` set (validate), problems that do not
 * stop the conversion are passed to it and the checks go on; without it the
 * first problem fills `err` and ends the conversion. */
struct job_ctx {
	struct arena *a;
	const struct dsj_options *opts;
	const struct dsj_limits *limits;
	struct dsj_error *err;
	dsj_report_fn report;
	void *report_ctx;
	size_t problems;
	time_t now;
};

/* Records a problem at `at` under key path `path`. Returns 0 when it was
 * reported and the checks may go on, else the DSJ_E* code. */
int job_problem(struct job_ctx *j, const struct node *at, const char *path, const char *type,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The infrastructure spec with the reference's aliases applied: snake_case
 * and API names (block_storage_size_in_gbs...) become the camelCase keys
 * (job_infra.c). `path` is the spec's key path for messages. */
int job_infra_standardize(struct job_ctx *j, const struct node *spec, const char *path,
			  struct node **out);
/* jobInfrastructureConfigurationDetails from the standardized spec. */
int job_infra_config(struct job_ctx *j, const struct node *spec, struct node **out);
/* jobLogConfigurationDetails, or NULL when no log is set. */
int job_log_config(struct job_ctx *j, const struct node *spec, struct node **out);

/* doc -> {"body": {...}, "artifact": {...}} (job_translate.c). */
int job_translate(struct job_ctx *j, struct node *doc, struct node **answer);
/* Checks that only validate makes: the OCI service limits (job_limits.c). */
void job_check_limits(struct job_ctx *j, const struct node *body);
/* The API answer -> what `oci data-science job create --from-json` takes. */
int job_oci_cli_form(struct arena *a, const struct node *body, struct node **out);

/* spec.storageMount -> jobStorageMountConfigurationDetailsList (job_storage.c);
 * *list stays NULL when there are none. */
int job_storage_translate(struct job_ctx *j, const struct node *mounts, struct node **list);
/* One GetJob storage mount -> {src, dest}; *item NULL for unknown types. dest
 * is destinationPath/destinationDirectoryName with ADS 2.15, the directory
 * name alone with ADS 2.8 (a destinationPath is then a warning: 2.8 cannot
 * carry it). */
int job_storage_extract(struct arena *a, const struct dsj_options *opts, const struct node *mount,
			struct node **item, struct dsj_error *err);

/* The displayName (job_name.c): `name` with $VAR / ${VAR} from the runtime's
 * env, or a generated one when that is empty. */
int job_display_name(struct job_ctx *j, const struct node *name, const struct node *runtime,
		     const struct node *artifact, struct node **out);

/* GetJob JSON tree -> {"kind": "job", "spec": {...}} (job_extract.c). */
int job_extract(struct arena *a, const struct dsj_options *opts, struct node *root,
		struct node **job, struct dsj_error *err);

#endif

/* Whole jobs: a job YAML (kind: job, with infrastructure and runtime) -> the
 * CreateJob request body, and a GetJob answer -> the job as a tree. The
 * runtime part is runtime_translate / runtime_extract's; this layer adds the
 * infrastructure, the name, logging, storage mounts and tag precedence. */
#ifndef DSJ_JOB_H
#define DSJ_JOB_H

#include <stdbool.h>
#include <time.h>

#include "dsjob.h"
#include "doc/node.h"

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
/* The infrastructure spec keys (job_infra.c): whether `k` is one (the
 * snake_case aliases in any case, as the reference lower-cases them), the
 * camelCase key an alias stands for (NULL for a camelCase key or an unknown
 * one), and the i-th name (camelCase, then aliases; NULL past the last). */
bool job_infra_key_known(struct str k);
const char *job_infra_key_to_camel(struct str k);
const char *job_infra_key_nth(size_t i);
/* The keys of shapeConfigDetails and of a storageMount item. */
extern const char *const job_shape_config_keys[];
extern const char *const job_mount_keys[];
/* The keys of the job document, its spec and its infrastructure. */
extern const char *const job_doc_keys[];
extern const char *const job_spec_keys[];
extern const char *const job_infra_doc_keys[];
/* Warns (opts->warn) of the keys of the job document, of its spec, of its
 * infrastructure and of the infrastructure spec's shape config and mounts
 * that nothing reads (job_keys.c); the runtime's are runtime_translate's. */
void job_keys_check(struct job_ctx *j, const struct node *doc);

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
/* One GetJob storage mount -> {src, dest}; *item NULL for unknown types. */
int job_storage_extract(struct arena *a, const struct node *mount, struct node **item,
			struct dsj_error *err);

/* The displayName (job_name.c): `name` with $VAR / ${VAR} from the runtime's
 * env, or a generated one when that is empty. */
int job_display_name(struct job_ctx *j, const struct node *name, const struct node *runtime,
		     const struct node *artifact, struct node **out);

/* GetJob JSON tree -> {"kind": "job", "spec": {...}} (job_extract.c). */
int job_extract(struct arena *a, const struct dsj_options *opts, struct node *root,
		struct node **job, struct dsj_error *err);

#endif

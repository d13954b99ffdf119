/* The parts of a whole-job conversion that job_translate.c and job_extract.c
 * assemble: infrastructure, storage mounts, the display name, the service
 * limits. Each reports through job_ctx.h and knows nothing of the others. */
#ifndef DSJ_JOB_PARTS_H
#define DSJ_JOB_PARTS_H

#include "doc/node.h"
#include "dsjob.h"
#include "job/job_ctx.h"

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

/* The OCI service limits on the assembled body (job_limits.c): errors, and
 * warnings for what the API may reject; located at the job spec / the
 * standardized infrastructure spec's nodes. */
int job_check_limits(struct job_ctx *j, const struct node *body, const struct node *spec,
		     const struct node *ispec);
/* What the API needs that ADS does not check (job_api_needs.c): a shapeName,
 * OCIDs for the ids (not the documentation's <placeholders>): warnings. */
void job_check_api_needs(struct job_ctx *j, const struct node *ispec);

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

#endif

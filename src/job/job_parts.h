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
/* jobInfrastructureConfigurationDetails from the standardized spec. */
int job_infra_config(struct job_ctx *j, const struct node *spec, struct node **out);
/* jobLogConfigurationDetails, or NULL when no log is set. */
int job_log_config(struct job_ctx *j, const struct node *spec, struct node **out);

/* Checks that only validate makes: the OCI service limits (job_limits.c). */
void job_check_limits(struct job_ctx *j, const struct node *body);

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

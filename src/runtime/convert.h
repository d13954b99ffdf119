/* Runtime (as a tree) -> job payload (as a tree): the manager that picks the
 * handler by type and assembles jobConfigurationDetails, tags and artifact. */
#ifndef DSJ_TRANSLATE_H
#define DSJ_TRANSLATE_H

#include "dsjob.h"
#include "doc/node.h"

/* `runtime` is the {kind, type, spec} mapping; `prefix` is prepended to key
 * paths in messages ("" for a runtime document, "spec.runtime." in a job).
 * *payload = {jobConfigurationDetails, freeformTags?, definedTags?, artifact}. */
int runtime_translate(struct node **payload, struct node *runtime, struct arena *a,
		      const struct dsj_options *opts, const struct dsj_limits *limits,
		      const char *prefix, struct dsj_error *err);

/* Passes every problem of `runtime` to `report` (validate): the first, then
 * those found with each key a problem names taken away (runtime_validate.c).
 * *problems grows by their count. Returns 0 or DSJ_ENOMEM. */
int runtime_validate(struct node *runtime, struct arena *a, const struct dsj_options *opts,
		     const struct dsj_limits *limits, const char *prefix, dsj_report_fn report,
		     void *ctx, size_t *problems);

/* Job (as a tree) -> runtime {kind, type, spec} (as a tree). */
int runtime_extract(struct node **runtime, struct node *job, struct arena *a,
		    const struct dsj_options *opts, const char *artifact, struct dsj_error *err);

#endif

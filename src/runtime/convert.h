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

/* Job (as a tree) -> runtime {kind, type, spec} (as a tree). */
int runtime_extract(struct node **runtime, struct node *job, struct arena *a,
		    const struct dsj_options *opts, const char *artifact, struct dsj_error *err);

#endif

/* Whole jobs: a job YAML (kind: job, with infrastructure and runtime) -> the
 * CreateJob request body, and a GetJob answer -> the job as a tree. The
 * runtime part is runtime_translate / runtime_extract's; this layer adds the
 * infrastructure, the name, logging, storage mounts and tag precedence. */
#ifndef DSJ_JOB_H
#define DSJ_JOB_H

#include "doc/node.h"
#include "dsjob.h"
#include "job/job_ctx.h"

/* doc -> {"body": {...}, "artifact": {...}} (job_translate.c). */
int job_translate(struct job_ctx *j, struct node *doc, struct node **answer);
/* The API answer -> what `oci data-science job create --from-json` takes. */
int job_oci_cli_form(struct arena *a, const struct node *body, struct node **out);

/* GetJob JSON tree -> {"kind": "job", "spec": {...}} (job_extract.c). */
int job_extract(struct arena *a, const struct dsj_options *opts, struct node *root,
		struct node **job, struct dsj_error *err);

#endif

/* Fields of a Job that the job YAML cannot carry. */
#ifndef DSJ_JOB_UNMAPPED_H
#define DSJ_JOB_UNMAPPED_H

#include <stdbool.h>

#include "doc/node.h"
#include "dsjob.h"

/* Passes a warning naming each field of `job` (camelCase, single-node) that
 * the extracted YAML leaves out, to opts->warn: for the ADS release opts->ads
 * names, and with `whole` false (runtime only) the runtime's fields only. */
void job_warn_unmapped(const struct dsj_options *opts, const struct node *job, bool whole);

#endif

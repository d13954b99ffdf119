/* What applying a CreateJob body to an existing job would change. */
#ifndef DSJ_JOB_DIFF_H
#define DSJ_JOB_DIFF_H

#include "doc/node.h"
#include "util/buf.h"

/* Appends one line per difference between `body` (what dsjob would send) and
 * `job` (GetJob's object), over the fields a CreateJob body has:
 * "~ PATH: OLD -> NEW", "+ PATH: NEW" (only in the body), "- PATH: OLD" (only
 * in the job). Nulls count as absent; numbers compare by value (2 is 2.0);
 * the service's own Oracle-Tags are left out. *changes receives the count.
 * False when out of memory. */
bool job_diff(struct buf *out, const struct node *body, const struct node *job, size_t *changes);

#endif

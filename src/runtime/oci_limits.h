/* What the OCI Data Science API rejects in a job configuration although the
 * reference sends it, and what it takes but silently overrides. */
#ifndef DSJ_OCI_LIMITS_H
#define DSJ_OCI_LIMITS_H

#include "runtime/runtime.h"

/* The API's limits: environment variable names + values at most 20,000
 * characters in total, commandLineArguments at most 4,000 (an error naming
 * spec.env / spec.args). A user variable the service sets itself on every job
 * run is a warning, passed to t->opts->warn. `jcd` is the finished
 * jobConfigurationDetails. */
int oci_check_job_configuration(struct translate_ctx *t, const struct node *jcd);

/* Characters as the service counts them in a valid UTF-8 string. */
size_t oci_chars(struct str s);

#endif

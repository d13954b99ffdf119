/* Multi-node jobs (replicas > 1 on a container or pyTorchDistributed runtime). */
#ifndef DSJ_JOB_MULTI_NODE_H
#define DSJ_JOB_MULTI_NODE_H

#include "job/job.h"

/* ADS 2.15: turns the single-node CreateJob `body` into a multi-node one
 * (jobNodeConfigurationDetails with one node group holding the configuration,
 * infrastructure and environment); ADS 2.8 keeps the body. `ispec` is the
 * standardized infrastructure spec, `runtime` the job's runtime. */
int job_multi_node(struct job_ctx *j, const struct node *ispec, const struct node *runtime,
		   struct node *body);

#endif

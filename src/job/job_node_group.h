/* Reading a multi-node job (jobNodeConfigurationDetails) back: ADS 2.15 writes
 * one as a runtime with replicas > 1 and one infrastructure, so its one node
 * group is read as the job's configuration, infrastructure and environment. */
#ifndef DSJ_JOB_NODE_GROUP_H
#define DSJ_JOB_NODE_GROUP_H

#include "doc/node.h"
#include "dsjob.h"

struct node_group {
	struct node *replicas; /* the group's replicas; NULL: not a multi-node job */
};

/* *flat receives `job` itself, or for a multi-node job a copy whose
 * configuration, environment and infrastructure (with the network's subnet)
 * are the node group's. What the job YAML cannot say is an error (ADS 2.8,
 * several node groups, a node type other than MULTI_NODE) or a warning (a
 * startup order other than IN_PARALLEL, minimumSuccessReplicas other than
 * replicas, a node-level maximum runtime, a group name other than ADS's). */
int node_group_flatten(struct arena *a, const struct dsj_options *opts, struct node *job,
		       struct node **flat, struct node_group *group, struct dsj_error *err);

/* Completes an extracted runtime or job from the node group: the runtime's
 * replicas, and no single-node infrastructure type. */
int node_group_finish(struct arena *a, const struct node_group *group, struct node *extracted,
		      struct dsj_error *err);

#endif

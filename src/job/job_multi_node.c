/* Jobs on several nodes. ADS 2.15 (DataScienceJob._config_multi_node) creates
 * a container or pyTorchDistributed job with replicas > 1 as a multi-node job:
 * the configuration, infrastructure and environment move into the one node
 * group of jobNodeConfigurationDetails, the subnet into its network. ADS 2.8
 * creates a single-node job and starts one job run per node itself (the
 * pyTorchDistributed type warns about that). */
#include <stdio.h>
#include <string.h>

#include "job/job_multi_node.h"
#include "runtime/convert.h"
#include "runtime/runtime.h"
#include "util/diag.h"

static const char *const multi_node_types[] = {"container", "pyTorchDistributed", NULL};

static const struct node *runtime_spec(const struct node *runtime)
{
	const struct node *spec = runtime ? map_get(runtime, "spec") : NULL;
	return spec && spec->kind == NODE_MAP ? spec : NULL;
}

static bool is_multi_node_type(const struct node *runtime)
{
	const struct node *type = map_get(runtime, "type");
	for (size_t i = 0; node_is_str(type) && multi_node_types[i]; i++)
		if (str_eq(type->u.str, multi_node_types[i]))
			return true;
	return false;
}

/* replicas > 1, as Python compares it; a string cannot be compared (TypeError). */
static int replica_count(struct job_ctx *j, const struct node *runtime, const struct node **out)
{
	*out = NULL;
	const struct node *spec = runtime_spec(runtime);
	const struct node *r = spec ? map_get(spec, "replicas") : NULL;
	if (!r || !is_multi_node_type(runtime))
		return 0;
	/* ADS 2.8 reads replicas in the pyTorchDistributed runtime only, which checks it */
	bool ads215 = j->opts->ads == DSJ_ADS_2_15;
	if (ads215 && (r->kind == NODE_STR || r->kind == NODE_FLOAT))
		return job_problem(j, r, "spec.runtime.spec.replicas", PY_TYPE_ERROR,
				   "expected a whole number of nodes, got %s",
				   describe_value(j->a, r));
	bool many = r->kind == NODE_INT && r->u.integer.text.ptr[0] != '-' &&
		    (r->u.integer.text.len > 1 || r->u.integer.text.ptr[0] > '1');
	if (many && !r->u.integer.fits && ads215)
		return job_problem(j, r, "spec.runtime.spec.replicas", PY_VALUE_ERROR,
				   "%s nodes is more than a job can have", r->u.integer.text.ptr);
	*out = many ? r : NULL;
	return 0;
}

static int network(struct job_ctx *j, struct node *infra, struct node **out)
{
	struct node *subnet = map_remove(infra, "subnetId");
	struct node *net = node_new(j->a, NODE_MAP, 0, 0);
	if (!net ||
	    map_set(j->a, net, "jobNetworkType",
		    node_new_cstr(j->a, subnet ? "CUSTOM_NETWORK" : "DEFAULT_NETWORK")) ||
	    (subnet && map_set(j->a, net, "subnetId", subnet)))
		return diag_nomem(j->err);
	*out = net;
	return 0;
}

/* The node group's infrastructure: MULTI_NODE, no subnet, and no default block
 * storage (ADS 2.15's load_defaults returns before it adds one). */
static int group_infrastructure(struct job_ctx *j, const struct node *ispec, struct node *infra)
{
	if (!node_truthy(map_get(ispec, "blockStorageSize")))
		map_remove(infra, "blockStorageSizeInGBs");
	return map_set(j->a, infra, "jobInfrastructureType", node_new_cstr(j->a, "MULTI_NODE"))
		       ? diag_nomem(j->err)
		       : 0;
}

static int node_group(struct job_ctx *j, struct node *body, const struct node *replicas,
		      struct node *infra, struct node **out)
{
	struct node *g = node_new(j->a, NODE_MAP, 0, 0);
	struct node *r = node_clone(j->a, replicas);
	struct node *jcd = map_remove(body, "jobConfigurationDetails");
	struct node *env = map_remove(body, "jobEnvironmentConfigurationDetails");
	if (!g || !r || map_set(j->a, g, "name", node_new_cstr(j->a, "node-group")) ||
	    map_set(j->a, g, "replicas", r) || map_set(j->a, g, "minimumSuccessReplicas", r) ||
	    map_set(j->a, g, "jobInfrastructureConfigurationDetails", infra) ||
	    (jcd && map_set(j->a, g, "jobConfigurationDetails", jcd)) ||
	    (env && map_set(j->a, g, "jobEnvironmentConfigurationDetails", env)))
		return diag_nomem(j->err);
	*out = g;
	return 0;
}

static int make_multi_node(struct job_ctx *j, const struct node *ispec, const struct node *replicas,
			   struct node *body)
{
	struct node *infra = map_remove(body, "jobInfrastructureConfigurationDetails");
	if (!infra && !(infra = node_new(j->a, NODE_MAP, 0, 0)))
		return diag_nomem(j->err);
	struct node *net = NULL, *group = NULL;
	int rc = network(j, infra, &net);
	rc = rc ? rc : group_infrastructure(j, ispec, infra);
	rc = rc ? rc : node_group(j, body, replicas, infra, &group);
	if (rc)
		return rc;
	struct node *groups = node_new(j->a, NODE_SEQ, 0, 0);
	struct node *cfg = node_new(j->a, NODE_MAP, 0, 0);
	if (!groups || !cfg || seq_push(j->a, groups, group) ||
	    map_set(j->a, cfg, "jobNodeType", node_new_cstr(j->a, "MULTI_NODE")) ||
	    map_set(j->a, cfg, "startupOrder", node_new_cstr(j->a, "IN_PARALLEL")) ||
	    map_set(j->a, cfg, "jobNetworkConfiguration", net) ||
	    map_set(j->a, cfg, "jobNodeGroupConfigurationDetailsList", groups) ||
	    map_set(j->a, body, "jobNodeConfigurationDetails", cfg))
		return diag_nomem(j->err);
	return 0;
}

int job_multi_node(struct job_ctx *j, const struct node *ispec, const struct node *runtime,
		   struct node *body)
{
	const struct node *replicas = NULL;
	int rc = replica_count(j, runtime, &replicas);
	if (rc || !replicas)
		return rc;
	/* ADS 2.8 makes a single-node job (rt_pytorch.c warns about its runs) */
	return j->opts->ads == DSJ_ADS_2_15 ? make_multi_node(j, ispec, replicas, body) : 0;
}

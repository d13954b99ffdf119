/* A multi-node GetJob as the single-node job ADS 2.15 would translate back to
 * it (job_multi_node.c is the other direction). */
#include <string.h>

#include "job/job_node_group.h"
#include "runtime/convert.h"
#include "util/diag.h"

#define NODE_PATH "jobNodeConfigurationDetails"
#define GROUPS_PATH NODE_PATH ".jobNodeGroupConfigurationDetailsList"

static void warn(const struct dsj_options *opts, const struct node *at, const char *path,
		 const char *what)
{
	if (!opts->warn)
		return;
	struct dsj_error w;
	diag_clear(&w);
	diag_node(&w, DSJ_OK, at, path, "UserWarning",
		  "%s: the job YAML cannot carry it, and translating the job back gives ADS "
		  "2.15's value",
		  what);
	opts->warn(&w, opts->warn_ctx);
}

static bool is_text(const struct node *v, const char *text)
{
	return node_is_str(v) && str_eq(v->u.str, text);
}

/* The settings ADS 2.15 always writes the same way: any other value is lost. */
static void warn_fixed_settings(const struct dsj_options *opts, const struct node *cfg,
				const struct node *group)
{
	const struct node *order = map_get(cfg, "startupOrder");
	if (order && !is_text(order, "IN_PARALLEL"))
		warn(opts, order, NODE_PATH ".startupOrder",
		     "a startup order other than IN_PARALLEL");
	const struct node *runtime = map_get(cfg, "maximumRuntimeInMinutes");
	if (runtime)
		warn(opts, runtime, NODE_PATH ".maximumRuntimeInMinutes",
		     "a maximum runtime for the whole multi-node job");
	const struct node *name = map_get(group, "name");
	if (name && !is_text(name, "node-group"))
		warn(opts, name, GROUPS_PATH "[0].name", "a node group name other than node-group");
	const struct node *least = map_get(group, "minimumSuccessReplicas");
	const struct node *replicas = map_get(group, "replicas");
	if (least && !(replicas && node_equal(least, replicas, true)))
		warn(opts, least, GROUPS_PATH "[0].minimumSuccessReplicas",
		     "minimumSuccessReplicas other than replicas");
}

/* A multi-node job's own configuration, environment or infrastructure (beyond
 * its MULTI_NODE type) is replaced by the node group's: say so. */
static void warn_top_level(const struct dsj_options *opts, const struct node *job)
{
	static const char *const keys[] = {"jobConfigurationDetails",
					   "jobEnvironmentConfigurationDetails",
					   "jobInfrastructureConfigurationDetails", NULL};
	for (size_t i = 0; keys[i]; i++) {
		const struct node *v = map_get(job, keys[i]);
		if (!v || v->kind != NODE_MAP || v->u.map.count == 0)
			continue;
		const struct node *type = map_get(v, "jobInfrastructureType");
		if (v->u.map.count == 1 && is_text(type, "MULTI_NODE"))
			continue;
		warn(opts, v, keys[i],
		     "the job's own settings beside its node group's (the node group's are read)");
	}
}

static int the_group(const struct node *cfg, const struct node **group, struct dsj_error *err)
{
	const struct node *type = map_get(cfg, "jobNodeType");
	if (type && !is_text(type, "MULTI_NODE"))
		return diag_node(err, DSJ_EINPUT, type, NODE_PATH ".jobNodeType", PY_VALUE_ERROR,
				 "unknown node type: dsjob reads MULTI_NODE jobs only");
	const struct node *groups = map_get(cfg, "jobNodeGroupConfigurationDetailsList");
	size_t n = groups->u.seq.count;
	if (n != 1)
		return diag_node(err, DSJ_EINPUT, groups ? groups : cfg, GROUPS_PATH,
				 PY_VALUE_ERROR,
				 "%zu node groups: the job YAML describes one group (the runtime's "
				 "replicas), as ADS creates multi-node jobs",
				 n);
	*group = groups->u.seq.items[0];
	if ((*group)->kind != NODE_MAP)
		return diag_node(err, DSJ_EINPUT, *group, GROUPS_PATH "[0]", PY_TYPE_ERROR,
				 "expected a node group object");
	const struct node *replicas = map_get(*group, "replicas");
	if (!replicas || replicas->kind != NODE_INT)
		return diag_node(err, DSJ_EINPUT, replicas ? replicas : *group,
				 GROUPS_PATH "[0].replicas", PY_VALUE_ERROR,
				 "a node group needs a whole number of replicas");
	return 0;
}

/* The group's infrastructure as a single-node one the extraction reads (the
 * type is dropped again in node_group_finish), with the network's subnet. */
static struct node *group_infrastructure(struct arena *a, const struct node *cfg,
					 const struct node *group)
{
	const struct node *in = map_get(group, "jobInfrastructureConfigurationDetails");
	struct node *infra =
		in && in->kind == NODE_MAP ? node_clone(a, in) : node_new(a, NODE_MAP, 0, 0);
	const struct node *net = map_get(cfg, "jobNetworkConfiguration");
	struct node *subnet = net && net->kind == NODE_MAP ? map_get(net, "subnetId") : NULL;
	if (!infra ||
	    map_set(a, infra, "jobInfrastructureType",
		    node_new_cstr(a, subnet ? "STANDALONE" : "ME_STANDALONE")) ||
	    (subnet && map_set(a, infra, "subnetId", subnet)))
		return NULL;
	return infra;
}

int node_group_flatten(struct arena *a, const struct dsj_options *opts, struct node *job,
		       struct node **flat, struct node_group *group, struct dsj_error *err)
{
	*flat = job;
	group->replicas = NULL;
	struct node *cfg = job->kind == NODE_MAP ? map_get(job, NODE_PATH) : NULL;
	const struct node *groups =
		cfg ? map_get(cfg, "jobNodeGroupConfigurationDetailsList") : NULL;
	/* without a node group it holds nothing the job's own fields do not */
	if (!cfg || !groups || (groups->kind == NODE_SEQ && groups->u.seq.count == 0))
		return 0;
	if (opts->ads != DSJ_ADS_2_15)
		return diag_node(
			err, DSJ_EINPUT, cfg, NODE_PATH, PY_VALUE_ERROR,
			"a multi-node job: ADS 2.8 has no way to describe it (extract with "
			"--ads 2.15, which reads it as a runtime with replicas)");
	const struct node *g = NULL;
	int rc = the_group(cfg, &g, err);
	if (rc)
		return rc;
	warn_fixed_settings(opts, cfg, g);
	warn_top_level(opts, job);
	struct node *copy = node_new(a, NODE_MAP, job->line, job->col);
	struct node *infra = group_infrastructure(a, cfg, g);
	if (!copy || !infra)
		return diag_nomem(err);
	static const char *const moved[] = {
		"jobConfigurationDetails", "jobEnvironmentConfigurationDetails",
		"jobInfrastructureConfigurationDetails", NODE_PATH, NULL};
	for (size_t i = 0; i < job->u.map.count; i++) {
		const struct node *k = job->u.map.items[i].key;
		bool skip = false;
		for (size_t m = 0; moved[m] && node_is_str(k); m++)
			skip = skip || str_eq(k->u.str, moved[m]);
		if (!skip &&
		    map_set_node(a, copy, job->u.map.items[i].key, job->u.map.items[i].value))
			return diag_nomem(err);
	}
	struct node *jcd = map_get(g, "jobConfigurationDetails");
	struct node *env = map_get(g, "jobEnvironmentConfigurationDetails");
	if ((jcd && map_set(a, copy, "jobConfigurationDetails", jcd)) ||
	    (env && map_set(a, copy, "jobEnvironmentConfigurationDetails", env)) ||
	    map_set(a, copy, "jobInfrastructureConfigurationDetails", infra))
		return diag_nomem(err);
	group->replicas = map_get(g, "replicas");
	*flat = copy;
	return 0;
}

int node_group_finish(struct arena *a, const struct node_group *group, struct node *extracted,
		      struct dsj_error *err)
{
	if (!group->replicas)
		return 0;
	struct node *runtime = extracted;
	if (is_text(map_get(extracted, "kind"), "job")) {
		struct node *spec = map_get(extracted, "spec");
		struct node *infra = map_get(spec, "infrastructure");
		map_remove(map_get(infra, "spec"), "jobInfrastructureType");
		runtime = map_get(spec, "runtime");
	}
	const struct node *type = map_get(runtime, "type");
	if (!is_text(type, "container") && !is_text(type, "pyTorchDistributed"))
		return diag_node(err, DSJ_EINPUT, group->replicas, GROUPS_PATH "[0].replicas",
				 PY_VALUE_ERROR,
				 "a multi-node job whose runtime reads as %s: ADS makes multi-node "
				 "jobs of container and pyTorchDistributed runtimes only",
				 node_is_str(type) ? type->u.str.ptr : "?");
	struct node *spec = map_get(runtime, "spec");
	const struct node *replicas = map_get(spec, "replicas");
	if (replicas && !node_equal(replicas, group->replicas, true))
		return diag_node(err, DSJ_EINPUT, group->replicas, GROUPS_PATH "[0].replicas",
				 PY_VALUE_ERROR,
				 "the node group's replicas (%s) and NODE_COUNT (%s) differ",
				 group->replicas->u.integer.text.ptr,
				 replicas->kind == NODE_INT ? replicas->u.integer.text.ptr : "?");
	return map_set(a, spec, "replicas", group->replicas) ? diag_nomem(err) : 0;
}

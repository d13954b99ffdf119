/* What extraction leaves out, said out loud: a field of the Job that neither
 * the runtime nor the infrastructure of the job YAML has a place for. (Fields
 * the service sets itself, such as lifecycleState or timeCreated, are not part
 * of the job one creates and are not reported.) */
#include <stdio.h>
#include <string.h>

#include "job/job_unmapped.h"
#include "runtime/container_native.h"
#include "util/diag.h"

/* A field by its path from the Job, and when leaving it out loses something. */
struct unmapped {
	const char *path[4]; /* keys from the Job, NULL-terminated */
	bool infrastructure; /* only reported when the whole job is extracted */
	bool ads28_only;     /* ADS 2.15 carries it */
	const char *why;
};

static const struct unmapped fields[] = {
	{{"description", NULL}, true, false, "the job YAML has no description"},
	{{"jobConfigurationDetails", "startupProbeDetails", NULL},
	 false,
	 false,
	 "the runtime has no startup probe"},
	{{"jobEnvironmentConfigurationDetails", NULL},
	 false,
	 true,
	 "ADS 2.8 reads containers from CONTAINER_* variables (extract with --ads 2.15 to read "
	 "the image and command from it)"},
	{{"jobInfrastructureConfigurationDetails", "jobShapeConfigDetails", "cpuBaseline", NULL},
	 true,
	 false,
	 "ADS reads back ocpus and memoryInGBs only (translate takes "
	 "shapeConfigDetails.cpuBaseline: add it by hand)"},
};

static const struct node *at_path(const struct node *job, const char *const *path)
{
	const struct node *v = job;
	for (size_t i = 0; path[i] && v; i++)
		v = v->kind == NODE_MAP ? map_get(v, path[i]) : NULL;
	return v;
}

static void warn(const struct dsj_options *opts, const struct unmapped *f, const struct node *v)
{
	char path[DSJ_ERROR_PATH_MAX] = "";
	size_t len = 0;
	for (size_t i = 0; f->path[i] && len < sizeof(path); i++)
		len += (size_t)snprintf(path + len, sizeof(path) - len, "%s%s", i ? "." : "",
					f->path[i]);
	struct dsj_error w;
	diag_clear(&w);
	diag_node(&w, DSJ_OK, v, path, "UserWarning", "left out: %s", f->why);
	opts->warn(&w, opts->warn_ctx);
}

void job_warn_unmapped(const struct dsj_options *opts, const struct node *job, bool whole)
{
	if (!opts->warn || !job || job->kind != NODE_MAP)
		return;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const struct unmapped *f = &fields[i];
		const struct node *v = at_path(job, f->path);
		if (!node_truthy(v) || (f->infrastructure && !whole) ||
		    (f->ads28_only && opts->ads == DSJ_ADS_2_15))
			continue;
		warn(opts, f, v);
	}
	/* ADS 2.15 reads OCIR_CONTAINER only */
	const struct node *env = map_get(job, "jobEnvironmentConfigurationDetails");
	if (opts->ads == DSJ_ADS_2_15 && node_truthy(env) && !container_native_config(job)) {
		static const struct unmapped other = {
			{"jobEnvironmentConfigurationDetails", NULL},
			false,
			false,
			"ADS reads the OCIR_CONTAINER environment only"};
		warn(opts, &other, env);
	}
}

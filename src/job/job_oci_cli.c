/* The CreateJob body as `oci data-science job create --from-json file://F`
 * takes it: the same values under the names of the CLI's options
 * (--configuration-details -> configurationDetails, ...). */
#include "job/job.h"

static const struct {
	const char *api;
	const char *cli;
} names[] = {
	{"compartmentId", "compartmentId"},
	{"projectId", "projectId"},
	{"displayName", "displayName"},
	{"jobConfigurationDetails", "configurationDetails"},
	{"jobInfrastructureConfigurationDetails", "infrastructureConfigurationDetails"},
	{"jobLogConfigurationDetails", "logConfigurationDetails"},
	{"jobStorageMountConfigurationDetailsList", "jobStorageMountConfigurationDetailsList"},
	/* ADS 2.15 bodies; the CLI names these options after the API's fields */
	{"jobEnvironmentConfigurationDetails", "jobEnvironmentConfigurationDetails"},
	{"jobNodeConfigurationDetails", "jobNodeConfigurationDetails"},
	{"freeformTags", "freeformTags"},
	{"definedTags", "definedTags"},
};

int job_oci_cli_form(struct arena *a, const struct node *body, struct node **out)
{
	struct node *cli = node_new(a, NODE_MAP, 0, 0);
	if (!cli)
		return -1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct node *v = map_get(body, names[i].api);
		if (v && map_set(a, cli, names[i].cli, v))
			return -1;
	}
	*out = cli;
	return 0;
}

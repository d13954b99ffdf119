/* dsjob get JOB_OCID: the live job (GetJob) as job YAML, as extract makes it
 * with the file name its artifact was uploaded under (HeadJobArtifact), as ADS
 * reads it (with --output json: the Job JSON the service answered). */
#include <string.h>

#include "oci_cli.h"

/* The artifact's upload name, NULL when the job has none; a failure to read
 * it is a warning: the YAML is still right but for the source's name. */
static char *artifact_name(dsj_oci_client *client, const char *job_id)
{
	char *name = NULL;
	struct dsj_error err;
	if (dsj_oci_job_artifact_name(client, job_id, &name, &err))
		fprintf(stderr, "dsjob: warning: the artifact's file name could not be read: %s\n",
			err.message);
	return name;
}

static int print_job_yaml(struct cli *c, const char *job)
{
	char *yaml = NULL;
	size_t len = 0;
	struct dsj_error err;
	c->opts.output = DSJ_FORMAT_YAML;
	c->opts.level = DSJ_LEVEL_JOB;
	if (dsj_extract(&yaml, &len, job, strlen(job), &c->opts, &err)) {
		report("GetJob", &err);
		return EXIT_PROBLEM;
	}
	fwrite(yaml, 1, len, stdout);
	dsj_free(yaml);
	return 0;
}

int cmd_get(struct cli *c, int argc, char **argv)
{
	struct oci_cli oc;
	dsj_oci_client *client = NULL;
	int rc = oci_start_one(c, &oc, argc, argv, 0, "job OCID", &client);
	if (rc)
		return rc;
	char *job = NULL;
	struct dsj_error err;
	if (dsj_oci_job_get(client, oc.positional[0], &job, &err))
		rc = oci_report(&err);
	else if (oc.json)
		printf("%s\n", job);
	else {
		char *name = artifact_name(client, oc.positional[0]);
		c->opts.artifact = name;
		rc = print_job_yaml(c, job);
		dsj_free(name);
	}
	dsj_free(job);
	dsj_oci_client_free(client);
	return rc;
}

/* dsjob cancel RUN_OCID: asks the service to cancel a job run. */
#include "oci_cli.h"

int cmd_cancel(struct cli *c, int argc, char **argv)
{
	struct oci_cli oc;
	dsj_oci_client *client = NULL;
	int rc = oci_start_one(c, &oc, argc, argv, 0, "job run OCID", &client);
	struct dsj_error err;
	if (!rc && dsj_oci_job_run_cancel(client, oc.positional[0], &err))
		rc = oci_report(&err);
	else if (!rc)
		fprintf(stderr, "dsjob: asked to cancel job run %s\n", oc.positional[0]);
	dsj_oci_client_free(client);
	return rc;
}

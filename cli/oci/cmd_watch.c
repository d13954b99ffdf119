/* dsjob watch RUN_OCID: follows a job run's logs to its end and exits with
 * the run's exit code. */
#include "oci_cli.h"

int cmd_watch(struct cli *c, int argc, char **argv)
{
	struct oci_cli oc;
	dsj_oci_client *client = NULL;
	int rc =
		oci_start_one(c, &oc, argc, argv, OCI_CANCEL_ON_INTERRUPT, "job run OCID", &client);
	if (!rc)
		rc = oci_watch_run(client, &oc, oc.positional[0]);
	dsj_oci_client_free(client);
	return rc < 0 ? 0 : rc;
}

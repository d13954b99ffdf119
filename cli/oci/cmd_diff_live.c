/* dsjob diff FILE --job-id OCID: the job YAML against the live job (../cmd_diff.c
 * has the other form and the exit status rule: 0 no drift, 1 drift, 2 trouble). */
#include <stdio.h>
#include <string.h>

#include "oci_cli.h"

#define EXIT_TROUBLE 2

static int drift(struct cli *c, struct oci_cli *oc, dsj_oci_client *client)
{
	char *body = NULL, *source = NULL, *job = NULL, *out = NULL;
	size_t body_len = 0, out_len = 0, count = 0;
	struct dsj_error err;
	int rc = oci_translate_file(c, oc, client, oc->positional[0], &body, &body_len, &source,
				    NULL);
	if (!rc && dsj_oci_job_get(client, oc->job_id, &job, &err))
		rc = oci_report(&err);
	if (!rc && dsj_oci_job_drift(&out, &out_len, &count, body, body_len, job, strlen(job),
				     !oc->json, &err))
		rc = oci_report(&err);
	if (!rc) {
		fwrite(out, 1, out_len, stdout);
		if (oc->json)
			putchar('\n');
		rc = count ? 1 : 0;
	} else if (rc > 0) {
		rc = EXIT_TROUBLE;
	}
	dsj_free(body);
	dsj_free(source);
	dsj_free(job);
	dsj_free(out);
	return rc;
}

int cmd_diff_live(struct cli *c, int argc, char **argv)
{
	struct oci_cli oc;
	dsj_oci_client *client = NULL;
	int rc = oci_start_one(c, &oc, argc, argv, OCI_JOB_ID, "job YAML file", &client);
	if (rc > 0)
		rc = EXIT_TROUBLE; /* 1 means "drifted" here */
	if (!rc && !oc.job_id)
		rc = usage_error("diff needs --job-id OCID%s", "");
	if (!rc)
		rc = drift(c, &oc, client);
	dsj_oci_client_free(client);
	return rc;
}

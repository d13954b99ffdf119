/* dsjob apply FILE: the job YAML's CreateJob request, then its artifact; an
 * upload that fails deletes the new job again (as ADS does), so nothing
 * half-made is left. */
#include <stdlib.h>
#include <string.h>

#include "oci_cli.h"

static void print_dry_run(const struct oci_cli *oc, const char *body,
			  const struct artifact_upload *art)
{
	char *base = oc->o.endpoint ? NULL : dsj_oci_endpoint(DSJ_OCI_DATA_SCIENCE, oc->o.region);
	const char *shown = oc->o.endpoint ? oc->o.endpoint
			    : base	   ? base
					   : "https://datascience.<region>.oci.oraclecloud.com";
	printf("POST %s/20190101/jobs\ncontent-type: application/json\nopc-retry-token: <random>\n"
	       "\n%s\n",
	       shown, body);
	if (art->name)
		printf("\nPOST %s/20190101/jobs/<new job OCID>/artifact\n"
		       "content-type: application/octet-stream\n"
		       "content-disposition: attachment; filename=%s\n",
		       shown, art->name);
	if (art->remote)
		printf("content-length: <the size of %s%s>\n",
		       art->built ? "the artifact built from " : "", art->remote);
	else if (art->name)
		printf("content-length: %zu\n", art->len);
	dsj_free(base);
}

/* Uploads the artifact, or deletes the job and says so. */
static int upload_or_undo(dsj_oci_client *client, const char *job_id,
			  const struct artifact_upload *art)
{
	struct dsj_error err, undo;
	progress("uploading %s (%zu bytes)...", art->name, art->len);
	if (!dsj_oci_job_artifact_upload(client, job_id, art->data, art->len, art->name, &err))
		return 0;
	progress_done();
	fprintf(stderr, "dsjob: uploading the artifact failed: %s\n", err.message);
	if (dsj_oci_job_delete(client, job_id, &undo))
		fprintf(stderr, "dsjob: the job %s could not be deleted: %s\n", job_id,
			undo.message);
	else
		fprintf(stderr, "dsjob: the job %s was deleted again\n", job_id);
	return EXIT_PROBLEM;
}

static int create(dsj_oci_client *client, const struct oci_cli *oc, const char *body,
		  size_t body_len, const struct artifact_upload *art)
{
	struct dsj_error err;
	int rc;
	char *job = NULL, *job_id = NULL;
	progress("creating the job...");
	rc = dsj_oci_job_create(client, body, body_len, &job, &err) ? oci_report(&err) : 0;
	if (!rc && dsj_oci_json_string(&job_id, job, strlen(job), "id")) {
		fprintf(stderr, "dsjob: CreateJob answered without a job id\n");
		rc = EXIT_PROBLEM;
	}
	if (!rc && art->name)
		rc = upload_or_undo(client, job_id, art);
	progress_done();
	if (!rc)
		printf("%s\n", oc->json ? job : job_id);
	dsj_free(job);
	dsj_free(job_id);
	return rc;
}

int cmd_apply(struct cli *c, int argc, char **argv)
{
	struct oci_cli oc;
	int rc = oci_parse(c, &oc, argc, argv, OCI_DRY_RUN);
	if (rc)
		return rc;
	if (oc.npositional != 1)
		return usage_error("apply takes one job YAML file%s", "");
	dsj_oci_client *client = NULL;
	if (!oc.dry_run && (rc = oci_connect(&oc, &client)))
		return rc;
	char *body = NULL, *source = NULL, *type = NULL, why[512];
	size_t body_len = 0;
	struct artifact_upload art = {0};
	rc = oci_translate_file(c, &oc, client, oc.positional[0], &body, &body_len, &source, &type);
	struct artifact_source src = {oc.positional[0], source, type};
	if (!rc && artifact_step(c, client, &src, &art, why, sizeof(why))) {
		fprintf(stderr, "dsjob: %s\n", why);
		rc = EXIT_PROBLEM;
	} else if (!rc && oc.dry_run)
		print_dry_run(&oc, body, &art);
	else if (!rc)
		rc = create(client, &oc, body, body_len, &art);
	artifact_upload_free(&art);
	dsj_oci_client_free(client);
	dsj_free(body);
	dsj_free(source);
	dsj_free(type);
	return rc;
}

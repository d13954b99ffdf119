/* dsjob run FILE | --job-id OCID: starts a job run (CreateJobRun) with the
 * run-level overrides, and with --watch follows it to its end. FILE names the
 * job `dsjob apply FILE` made: the newest ACTIVE job with its name in its
 * project. */
#include <stdlib.h>
#include <string.h>

#include "oci_cli.h"

/* The job FILE describes, found in the service. */
static int job_of_file(struct cli *c, dsj_oci_client *client, const char *file, char **job)
{
	char *body = NULL, *source = NULL, *fields[3] = {NULL, NULL, NULL};
	static const char *names[3] = {"compartmentId", "projectId", "displayName"};
	size_t len = 0;
	int rc = oci_translate_file(c, file, &body, &len, &source);
	for (int i = 0; !rc && i < 3; i++)
		if (dsj_oci_json_string(&fields[i], body, len, names[i])) {
			fprintf(stderr, "%s: the job has no %s\n", file, names[i]);
			rc = EXIT_PROBLEM;
		}
	struct dsj_error err;
	if (!rc && dsj_oci_job_find(client, fields[0], fields[1], fields[2], job, &err)) {
		rc = oci_report(&err);
		if (err.code == DSJ_EINPUT)
			fprintf(stderr, "dsjob: create it first: dsjob apply %s\n", file);
	}
	for (int i = 0; i < 3; i++)
		dsj_free(fields[i]);
	dsj_free(body);
	dsj_free(source);
	return rc;
}

static int start_run(dsj_oci_client *client, const struct oci_cli *oc, const char *job, char **run)
{
	struct dsj_oci_run_overrides ov = {DSJ_OCI_OPTIONS_VERSION, oc->name, oc->env,
					   oc->env_count, oc->args};
	char *body = NULL;
	size_t len = 0;
	struct dsj_error err;
	if (dsj_oci_run_body(&body, &len, job, strlen(job), &ov, &err))
		return oci_report(&err);
	progress("starting a job run...");
	int rc = dsj_oci_job_run_create(client, body, len, run, &err) ? oci_report(&err) : 0;
	dsj_free(body);
	return rc;
}

static int run_job(struct cli *c, struct oci_cli *oc, dsj_oci_client *client)
{
	char *job = NULL, *run = NULL, *run_id = NULL;
	struct dsj_error err;
	int rc = oc->job_id
			 ? (dsj_oci_job_get(client, oc->job_id, &job, &err) ? oci_report(&err) : 0)
			 : job_of_file(c, client, oc->positional[0], &job);
	if (!rc)
		rc = start_run(client, oc, job, &run);
	if (!rc && dsj_oci_json_string(&run_id, run, strlen(run), "id")) {
		fprintf(stderr, "dsjob: CreateJobRun answered without a job run id\n");
		rc = EXIT_PROBLEM;
	}
	progress_done();
	if (!rc && !oc->watch)
		printf("%s\n", oc->json ? run : run_id);
	else if (!rc) {
		fprintf(stderr, "dsjob: job run %s\n", run_id);
		rc = oci_watch_run(client, oc, run_id);
	}
	dsj_free(job);
	dsj_free(run);
	dsj_free(run_id);
	return rc;
}

int cmd_run(struct cli *c, int argc, char **argv)
{
	struct oci_cli oc;
	int rc = oci_parse(c, &oc, argc, argv,
			   OCI_JOB_ID | OCI_RUN_OVERRIDES | OCI_WATCH | OCI_CANCEL_ON_INTERRUPT |
				   OCI_LOCAL);
	if (rc)
		return rc;
	if (oc.local) {
		/* `dsjob run --local` runs the job here; it belongs to the artifact
		 * builder (cmd_run_local), which is not in this build yet. */
		fprintf(stderr,
			"dsjob: run --local needs the artifact builder, not in this build\n");
		return EXIT_USAGE;
	}
	if ((oc.job_id != NULL) == (oc.npositional == 1) || oc.npositional > 1)
		return usage_error("run takes a job YAML FILE or --job-id OCID%s", "");
	dsj_oci_client *client = NULL;
	if ((rc = oci_connect(&oc, &client)))
		return rc;
	rc = run_job(c, &oc, client);
	dsj_oci_client_free(client);
	return rc;
}

/* dsjob run FILE | --job-id OCID: starts a job run (CreateJobRun) with the
 * run-level overrides, and with --watch follows it to its end. FILE names the
 * job `dsjob apply FILE` made: the newest ACTIVE job with its name in its
 * project. */
#include <stdlib.h>
#include <string.h>

#include "oci_cli.h"

/* The compartment, project and display name of FILE's job (dsj_free each). */
static int job_identity(struct cli *c, const struct oci_cli *oc, const dsj_oci_client *client,
			const char *file, char *fields[3])
{
	static const char *names[3] = {"compartmentId", "projectId", "displayName"};
	char *body = NULL, *source = NULL;
	size_t len = 0;
	int rc = oci_translate_file(c, oc, client, file, &body, &len, &source, NULL);
	for (int i = 0; !rc && i < 3; i++)
		if (dsj_oci_json_string(&fields[i], body, len, names[i])) {
			fprintf(stderr, "%s: the job has no %s\n", file, names[i]);
			rc = EXIT_PROBLEM;
		}
	dsj_free(body);
	dsj_free(source);
	return rc;
}

/* The job `dsjob apply FILE` made, found in the service. A list gives
 * summaries, so the whole Job (with its configuration) is fetched after. */
static int job_of_file(struct cli *c, const struct oci_cli *oc, dsj_oci_client *client,
		       const char *file, char **job)
{
	char *fields[3] = {NULL, NULL, NULL}, *summary = NULL, *id = NULL;
	struct dsj_error err;
	int rc = job_identity(c, oc, client, file, fields);
	if (!rc && dsj_oci_job_find(client, fields[0], fields[1], fields[2], &summary, &err)) {
		rc = oci_report(&err);
		if (err.code == DSJ_EINPUT)
			fprintf(stderr, "dsjob: create it first: dsjob apply %s\n", file);
	}
	if (!rc && dsj_oci_json_string(&id, summary, strlen(summary), "id"))
		rc = (fprintf(stderr, "dsjob: ListJobs answered a job without an id\n"),
		      EXIT_PROBLEM);
	if (!rc && dsj_oci_job_get(client, id, job, &err))
		rc = oci_report(&err);
	for (int i = 0; i < 3; i++)
		dsj_free(fields[i]);
	dsj_free(summary);
	dsj_free(id);
	return rc;
}

/* One CreateJobRun with these overrides; *run gets the JobRun JSON. */
static int start_run(dsj_oci_client *client, const struct dsj_oci_run_overrides *ov,
		     const char *job, char **run)
{
	char *body = NULL;
	size_t len = 0;
	struct dsj_error err;
	if (dsj_oci_run_body(&body, &len, job, strlen(job), ov, &err))
		return oci_report(&err);
	progress("starting a job run...");
	int rc = dsj_oci_job_run_create(client, body, len, run, &err) ? oci_report(&err) : 0;
	dsj_free(body);
	return rc;
}

/* Replica i of n, as ADS 2.8 starts a pyTorchDistributed job: the user's
 * overrides plus RANK, WORLD_SIZE and (workers) MAIN_JOB_RUN_OCID, named
 * "<name>-<i>". */
struct replica {
	const char *env[OCI_ENV_MAX + 3];
	char rank[32], world[32], main[320], name[600];
};

static void replica_overrides(struct replica *r, struct dsj_oci_run_overrides *ov,
			      const struct oci_cli *oc, const char *job, int i, int n,
			      const char *main_id)
{
	size_t k = 0;
	for (; k < oc->env_count; k++)
		r->env[k] = oc->env[k];
	snprintf(r->rank, sizeof(r->rank), "RANK=%d", i);
	snprintf(r->world, sizeof(r->world), "WORLD_SIZE=%d", n);
	r->env[k++] = r->rank;
	r->env[k++] = r->world;
	if (main_id) {
		snprintf(r->main, sizeof(r->main), "MAIN_JOB_RUN_OCID=%s", main_id);
		r->env[k++] = r->main;
	}
	char *job_name = NULL;
	dsj_oci_json_string(&job_name, job, strlen(job), "displayName");
	snprintf(r->name, sizeof(r->name), "%s-%d",
		 oc->name   ? oc->name
		 : job_name ? job_name
			    : "run",
		 i);
	dsj_free(job_name);
	*ov = (struct dsj_oci_run_overrides){DSJ_OCI_OPTIONS_VERSION, r->name, r->env, k, oc->args};
}

/* All the runs one run of the job is; *main_run gets the first's JSON and
 * *main_id its OCID, and each run's OCID (JSON with --output json) is printed
 * unless watching. */
static int start_runs(dsj_oci_client *client, const struct oci_cli *oc, const char *job,
		      char **main_run, char **main_id)
{
	int n = dsj_oci_job_replicas(job, strlen(job));
	struct dsj_oci_run_overrides ov = {DSJ_OCI_OPTIONS_VERSION, oc->name, oc->env,
					   oc->env_count, oc->args};
	int rc = 0;
	for (int i = 0; !rc && i < n; i++) {
		struct replica r;
		char *run = NULL, *id = NULL;
		if (n > 1)
			replica_overrides(&r, &ov, oc, job, i, n, *main_id);
		rc = start_run(client, &ov, job, &run);
		if (!rc && dsj_oci_json_string(&id, run, strlen(run), "id")) {
			fprintf(stderr, "dsjob: CreateJobRun answered without a job run id\n");
			rc = EXIT_PROBLEM;
		}
		progress_done();
		if (!rc && !oc->watch)
			printf("%s\n", oc->json ? run : id);
		if (i == 0) {
			*main_run = run;
			*main_id = id;
		} else {
			dsj_free(run);
			dsj_free(id);
		}
	}
	return rc;
}

static int run_job(struct cli *c, struct oci_cli *oc, dsj_oci_client *client)
{
	char *job = NULL, *run = NULL, *run_id = NULL;
	struct dsj_error err;
	int rc = oc->job_id
			 ? (dsj_oci_job_get(client, oc->job_id, &job, &err) ? oci_report(&err) : 0)
			 : job_of_file(c, oc, client, oc->positional[0], &job);
	if (!rc)
		rc = start_runs(client, oc, job, &run, &run_id);
	if (!rc && oc->watch && run_id) {
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
			   OCI_JOB_ID | OCI_RUN_OVERRIDES | OCI_WATCH | OCI_CANCEL_ON_INTERRUPT);
	if (rc)
		return rc;
	if ((oc.job_id != NULL) == (oc.npositional == 1) || oc.npositional > 1)
		return usage_error("run takes a job YAML FILE or --job-id OCID%s", "");
	dsj_oci_client *client = NULL;
	if ((rc = oci_connect(&oc, &client)))
		return rc;
	rc = run_job(c, &oc, client);
	dsj_oci_client_free(client);
	return rc;
}

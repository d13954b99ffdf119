/* dsjob diff: what applying a job YAML would change.
 * - dsjob diff FILE JOB.json: against a job saved as JSON (GetJob's answer,
 *   any form extract reads), field by field; exit status as diff(1)'s: 0 the
 *   same, 1 different, 2 trouble (a bad input, a usage error).
 * - dsjob diff FILE --job-id OCID: against the live job, fetched with the OCI
 *   client; the same exit status as the first form (0 no drift, 1 drift, 2 trouble).
 * One rule for both, so a script can test either the same way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "oci_cli.h"

#define EXIT_TROUBLE 2

static int drift(struct cli *c, struct oci_cli *oc, dsj_oci_client *client)
{
	char *body = NULL, *source = NULL, *job = NULL, *out = NULL;
	size_t body_len = 0, out_len = 0, count = 0;
	struct dsj_error err;
	int rc = oci_translate_file(c, oc, client, oc->positional[0], &body, &body_len, &source, NULL);
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

static int diff_live(struct cli *c, int argc, char **argv)
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

/* The CreateJob answer for the YAML in `file`, as one JSON line. */
static char *translate_job(struct cli *c, const char *file)
{
	char *input = NULL, why[256], *out = NULL;
	size_t len = 0;
	if (read_input(file, max_input(c), &input, &len, why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", file, why);
		return NULL;
	}
	struct dsj_options o = c->opts;
	o.level = DSJ_LEVEL_JOB;
	o.job_form = DSJ_JOB_FORM_API;
	o.output = DSJ_FORMAT_JSON_LINE;
	o.warn_ctx = c;
	c->current = file;
	struct dsj_error err;
	int rc = dsj_translate(&out, NULL, NULL, input, len, &o, &err);
	if (rc)
		pending_add(c, &err, 0);
	pending_flush(c);
	free(input);
	return rc ? NULL : out;
}

static int diff(struct cli *c, const char *file, const char *job_file)
{
	char *created = translate_job(c, file);
	if (!created)
		return EXIT_TROUBLE;
	char *existing = NULL, why[256], *out = NULL;
	size_t len = 0, changes = 0;
	if (read_input(job_file, max_input(c), &existing, &len, why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", job_file, why);
		dsj_free(created);
		return EXIT_TROUBLE;
	}
	struct dsj_error err;
	int rc = dsj_job_diff(&out, NULL, &changes, created, strlen(created), existing, len, &err);
	if (rc) {
		report(job_file, &err);
	} else {
		fputs(out, stdout);
		fprintf(stderr, "%zu change%s\n", changes, changes == 1 ? "" : "s");
	}
	dsj_free(out);
	dsj_free(created);
	free(existing);
	return rc ? EXIT_TROUBLE : changes ? 1 : 0;
}

static int diff_file(struct cli *c, int argc, char **argv)
{
	char **files = calloc((size_t)argc + 1, sizeof(char *));
	int nfiles = 0;
	if (!files)
		return EXIT_TROUBLE;
	c->opts.warn = cli_warning;
	int rc = parse_options(c, argc - 1, argv + 1, files, &nfiles);
	if (rc == 0 && nfiles != 2)
		rc = usage_error("%s", "diff takes a job YAML and the job's JSON: FILE JOB.json");
	else if (rc == 0)
		rc = diff(c, files[0], files[1]);
	free(files);
	return rc;
}

int cmd_diff(struct cli *c, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--job-id") == 0 || strncmp(argv[i], "--job-id=", 9) == 0)
			return diff_live(c, argc, argv);
	return diff_file(c, argc, argv);
}

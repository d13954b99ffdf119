/* dsjob diff: what applying a job YAML would change.
 * - dsjob diff FILE JOB.json: against a job saved as JSON (GetJob's answer,
 *   any form extract reads), field by field; exit status as diff(1)'s: 0 the
 *   same, 1 different, 2 trouble (a bad input, a usage error).
 * - dsjob diff FILE --job-id OCID: against the live job, fetched with the OCI
 *   client (oci/cmd_diff_live.c); the same exit status as the first form (0 no
 *   drift, 1 drift, 2 trouble). One rule for both, so a script can test either
 *   the same way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define EXIT_TROUBLE 2

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

int cmd_diff(struct cli *c, int argc, char **argv)
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

/* dsjob translate and dsjob extract. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static void artifact_note(const char *artifact)
{
	if (artifact)
		fprintf(stderr,
			"dsjob: after 'oci data-science job create --from-json file://FILE', "
			"upload the "
			"artifact: oci data-science job create-job-artifact --job-id <new job "
			"OCID> "
			"--job-artifact-file %s --content-disposition 'attachment; filename=<its "
			"file "
			"name>'\n",
			artifact);
	else
		fprintf(stderr, "dsjob: this runtime names no artifact file: ADS builds its driver "
				"artifact itself, so upload one with 'oci data-science job "
				"create-job-artifact' as ADS would\n");
}

/* --explain: the same translation, each field with where it comes from. */
static void explain(struct cli *c, const char *input, size_t len)
{
	struct dsj_options quiet = c->opts;
	quiet.warn = NULL; /* given once, by the translation itself */
	char *text = NULL;
	size_t text_len = 0;
	struct dsj_error err;
	if (dsj_explain(&text, &text_len, input, len, &quiet, &err) == 0)
		fwrite(text, 1, text_len, stderr);
	dsj_free(text);
}

static int convert(struct cli *c)
{
	const char *file = c->file ? c->file : "-";
	char *input = NULL, why[256];
	size_t len = 0;
	c->opts.warn_ctx = c;
	c->current = file;
	if (read_input(file, max_input(c), &input, &len, why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", file, why);
		return EXIT_PROBLEM;
	}
	char *out = NULL;
	size_t out_len = 0;
	struct dsj_error err;
	char *artifact = NULL;
	int rc = strcmp(c->command, "translate") == 0
			 ? dsj_translate(&out, &out_len, &artifact, input, len, &c->opts, &err)
			 : dsj_extract(&out, &out_len, input, len, &c->opts, &err);
	if (!rc && c->explain)
		explain(c, input, len);
	free(input);
	if (rc)
		pending_add(c, &err, 0);
	pending_flush(c);
	if (rc) {
		dsj_free(artifact);
		return EXIT_PROBLEM;
	}
	if (c->strict && c->warnings) {
		fprintf(stderr, "dsjob: %zu warning%s, errors with --strict: nothing written\n",
			c->warnings, c->warnings == 1 ? "" : "s");
		dsj_free(out);
		dsj_free(artifact);
		return EXIT_PROBLEM;
	}
	rc = emit(c, out, out_len);
	if (!rc && c->opts.job_form == DSJ_JOB_FORM_OCI_CLI)
		artifact_note(artifact);
	dsj_free(out);
	dsj_free(artifact);
	return rc;
}

int cmd_convert(struct cli *c, int argc, char **argv)
{
	char **files = calloc((size_t)argc + 1, sizeof(char *));
	int nfiles = 0;
	if (!files)
		return EXIT_PROBLEM;
	c->opts.warn = report_warning;
	if (strcmp(c->command, "extract") == 0)
		c->opts.output = DSJ_FORMAT_YAML;
	int rc = parse_options(c, argc - 1, argv + 1, files, &nfiles);
	if (rc == 0 && nfiles > 1)
		rc = usage_error("%s", "only one FILE, please");
	else if (rc == 0) {
		c->file = nfiles ? files[0] : NULL;
		rc = convert(c);
	}
	free(files);
	return rc;
}

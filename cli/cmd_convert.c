/* dsjob translate and dsjob extract. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* The upload step, with the name `dsjob artifact` will give the file. */
static void artifact_note(struct cli *c, const char *file, const char *input, size_t len)
{
	struct dsj_artifact_options o = DSJ_ARTIFACT_OPTIONS_INIT;
	struct dsj_options quiet = c->opts;
	quiet.warn = NULL;
	o.convert = &quiet;
	o.list_only = 1;
	struct dsj_artifact *art = NULL;
	struct dsj_error err;
	if (dsj_artifact_build(&art, input, len, &o, &err)) {
		fprintf(stderr,
			"dsjob: the artifact cannot be built here yet (%s); once it can, run "
			"'dsjob artifact %s' and upload the file it writes with 'oci data-science "
			"job create-job-artifact'\n",
			err.message, file);
		return;
	}
	if (!art->upload_name)
		fputs("dsjob: this job has no artifact to upload: once made with 'oci data-science "
		      "job create --from-json file://FILE' it can run\n",
		      stderr);
	else
		fprintf(stderr,
			"dsjob: after 'oci data-science job create --from-json file://FILE', "
			"build the artifact with 'dsjob artifact %s' (it writes %s) and upload "
			"it: oci data-science job create-job-artifact --job-id <new job OCID> "
			"--job-artifact-file %s --content-disposition 'attachment; filename=%s'\n",
			file, art->upload_name, art->upload_name, art->upload_name);
	dsj_artifact_free(art);
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
	int rc = strcmp(c->command, "translate") == 0
			 ? dsj_translate(&out, &out_len, NULL, input, len, &c->opts, &err)
			 : dsj_extract(&out, &out_len, input, len, &c->opts, &err);
	if (!rc && c->explain)
		explain(c, input, len);
	if (rc)
		pending_add(c, &err, 0);
	pending_flush(c);
	if (!rc && c->strict && c->warnings) {
		fprintf(stderr, "dsjob: %zu warning%s, errors with --strict: nothing written\n",
			c->warnings, c->warnings == 1 ? "" : "s");
		rc = EXIT_PROBLEM;
	} else if (rc) {
		rc = EXIT_PROBLEM;
	} else {
		rc = emit(c, out, out_len);
		if (!rc && c->opts.job_form == DSJ_JOB_FORM_OCI_CLI)
			artifact_note(c, file, input, len);
	}
	free(input);
	dsj_free(out);
	return rc;
}

int cmd_convert(struct cli *c, int argc, char **argv)
{
	char **files = calloc((size_t)argc + 1, sizeof(char *));
	int nfiles = 0;
	if (!files)
		return EXIT_PROBLEM;
	c->opts.warn = cli_warning;
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

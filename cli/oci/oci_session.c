/* Making the OCI client from the options, and what every OCI command prints:
 * errors as the library words them, a progress line (on a terminal only), and
 * --debug lines (secrets already redacted by the library). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "oci_cli.h"

static int progress_shown;

void progress(const char *fmt, ...)
{
	if (!isatty(STDERR_FILENO))
		return;
	va_list ap;
	va_start(ap, fmt);
	fputs("\r\033[K", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fflush(stderr);
	progress_shown = 1;
}

void progress_done(void)
{
	if (progress_shown)
		fputs("\r\033[K", stderr);
	progress_shown = 0;
}

int oci_report(const struct dsj_error *err)
{
	progress_done();
	fprintf(stderr, "dsjob: %s\n", err->message);
	return EXIT_PROBLEM;
}

static void debug_to_stderr(const char *line, void *ctx)
{
	(void)ctx;
	fprintf(stderr, "dsjob: debug: %s\n", line);
}

/* DSJOB_TIME_SCALE (tests): every wait the client makes is scaled by it, so
 * retries and polling run at full speed against a local server. */
static void scaled_sleep(unsigned ms, void *ctx)
{
	double scale = *(const double *)ctx;
	double wait = ms * scale;
	struct timespec ts = {(time_t)(wait / 1000), (long)((long long)wait % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

int oci_client_make(struct oci_cli *oc, dsj_oci_client **client, struct dsj_error *err)
{
	static double scale = 1;
	const char *s = getenv("DSJOB_TIME_SCALE");
	if (s && *s) {
		char *end;
		scale = strtod(s, &end);
		if (*end || !(scale >= 0 && scale <= 1))
			scale = 1;
		oc->o.sleep = scaled_sleep;
		oc->o.sleep_ctx = &scale;
	}
	if (oc->debug)
		oc->o.debug = debug_to_stderr;
	return dsj_oci_client_new(client, &oc->o, err);
}

int oci_connect(struct oci_cli *oc, dsj_oci_client **client)
{
	struct dsj_error err;
	return oci_client_make(oc, client, &err) ? oci_report(&err) : 0;
}

int oci_translate_file(struct cli *c, const struct oci_cli *oc, const dsj_oci_client *client,
		       const char *file, char **body, size_t *body_len, char **artifact,
		       char **artifact_type)
{
	/* custom conda packs without a region take the signed-in one, as ADS */
	c->opts.region = oc->o.region ? oc->o.region
			 : client     ? dsj_oci_client_region(client)
				      : NULL;
	char *input = NULL, why[256];
	size_t len = 0;
	*body = *artifact = NULL;
	if (read_input(file, max_input(c), &input, &len, why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", file, why);
		return EXIT_PROBLEM;
	}
	c->opts.job_form = DSJ_JOB_FORM_API;
	c->opts.level = DSJ_LEVEL_JOB;
	c->opts.output = DSJ_FORMAT_JSON;
	c->opts.warn = report_warning;
	c->opts.warn_ctx = &file;
	char *out = NULL;
	size_t out_len = 0;
	struct dsj_error err;
	int rc = dsj_translate(&out, &out_len, artifact, input, len, &c->opts, &err);
	free(input);
	if (rc) {
		report(file, &err);
		return EXIT_PROBLEM;
	}
	rc = dsj_oci_json_member(body, body_len, out, out_len, "body");
	if (!rc && artifact_type)
		dsj_oci_json_string(artifact_type, out, out_len, "artifact.type");
	dsj_free(out);
	if (rc) {
		fprintf(stderr, "%s: the translation has no CreateJob body\n", file);
		dsj_free(*artifact);
		*artifact = NULL;
		return EXIT_PROBLEM;
	}
	return 0;
}

int oci_start_one(struct cli *c, struct oci_cli *oc, int argc, char **argv, unsigned flags,
		  const char *what, dsj_oci_client **client)
{
	*client = NULL;
	int rc = oci_parse(c, oc, argc, argv, flags);
	if (rc)
		return rc;
	if (oc->npositional != 1) {
		fprintf(stderr, "dsjob: %s takes one %s\nRun 'dsjob %s --help' for usage.\n",
			c->command, what, c->command);
		return EXIT_USAGE;
	}
	return oci_connect(oc, client);
}

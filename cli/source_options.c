/* The OCI options of artifact and run --local (for their oci:// sources), and
 * the quiet look at a YAML that tells whether its source needs OCI. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

void source_fetch_init(struct source_fetch *f, struct cli *c)
{
	memset(f, 0, sizeof(*f));
	f->cli = c;
}

static int auth_ok(const char *v)
{
	return strcmp(v, "api_key") == 0 || strcmp(v, "security_token") == 0 ||
	       strcmp(v, "resource_principal") == 0;
}

int source_fetch_option(struct source_fetch *f, const char *opt, const char *v)
{
	if (strcmp(opt, "--config-file") == 0)
		f->config_file = v;
	else if (strcmp(opt, "--profile") == 0)
		f->profile = v;
	else if (strcmp(opt, "--endpoint") == 0)
		f->endpoint = v;
	else if (strcmp(opt, "--auth") == 0 && auth_ok(v))
		f->auth = v;
	else if (strcmp(opt, "--auth") == 0)
		return usage_error(
			"--auth takes api_key, security_token or resource_principal, not '%s'", v);
	else
		return 1;
	return 0;
}

int source_fetch_flag(struct source_fetch *f, const char *opt)
{
	if (strcmp(opt, "--debug") != 0)
		return 1;
	f->debug = 1;
	return 0;
}

/* A dsj_fetch_fn that reads nothing: it notes an oci:// source and stops the
 * build there (other schemes: "not mine", refused as usual). */
static int note_remote(void *ctx, const char *uri, const char *dest, struct dsj_error *err)
{
	(void)dest;
	int *remote = ctx;
	*remote = strncmp(uri, "oci://", 6) == 0;
	if (!*remote)
		return 1;
	err->code = DSJ_EINPUT;
	return DSJ_EINPUT;
}

int source_needs_oci(const struct cli *c, const char *input, size_t len)
{
	struct dsj_options quiet = c->opts;
	quiet.warn = NULL;
	struct dsj_artifact_options o = DSJ_ARTIFACT_OPTIONS_INIT;
	o.convert = &quiet;
	o.list_only = 1;
	int remote = 0;
	o.fetch = note_remote;
	o.fetch_ctx = &remote;
	struct dsj_artifact *a = NULL;
	struct dsj_error err;
	dsj_artifact_build(&a, input, len, &o, &err);
	dsj_artifact_free(a);
	return remote;
}

int source_hand_over(struct cli *c, const char *file)
{
	if (strcmp(file, "-") == 0) {
		fprintf(stderr, "dsjob: -: an oci:// source is read by dsjob-oci, which needs the "
				"YAML as a file, not on standard input\n");
		return EXIT_PROBLEM;
	}
	return oci_main(c, c->argc, c->argv);
}

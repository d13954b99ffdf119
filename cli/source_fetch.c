/* Object Storage sources for the commands that build an artifact without
 * otherwise talking to OCI (artifact, run --local): the client is made on the
 * first oci:// source only, from the OCI options given, so a build from local
 * files needs no credentials and never loads libcurl. */
#include <string.h>

#include "oci_cli.h"

void source_fetch_init(struct source_fetch *f, struct cli *c)
{
	memset(f, 0, sizeof(*f));
	f->cli = c;
	f->failed.code = 0;
	dsj_oci_options_init(&f->oc.o, DSJ_OCI_OPTIONS_VERSION);
}

int source_fetch_option(struct source_fetch *f, const char *opt, const char *v)
{
	struct dsj_oci_options *o = &f->oc.o;
	if (strcmp(opt, "--config-file") == 0)
		o->config_file = v;
	else if (strcmp(opt, "--profile") == 0)
		o->profile = v;
	else if (strcmp(opt, "--endpoint") == 0)
		o->endpoint = v;
	else if (strcmp(opt, "--auth") == 0)
		return oci_set_auth(&f->oc, v);
	else
		return 1;
	return 0;
}

int source_fetch_flag(struct source_fetch *f, const char *opt)
{
	if (strcmp(opt, "--debug") != 0)
		return 1;
	f->oc.debug = 1;
	return 0;
}

int source_fetch(void *ctx, const char *uri, const char *dest, struct dsj_error *err)
{
	struct source_fetch *f = ctx;
	if (strncmp(uri, "oci://", 6) != 0)
		return 1; /* not ours: the build refuses it with what to do */
	if (!f->client && !f->failed.code) {
		f->oc.o.region = f->cli->opts.region;
		oci_client_make(&f->oc, &f->client, &f->failed);
	}
	if (!f->client) {
		snprintf(err->message, sizeof(err->message),
			 "reading Object Storage needs OCI credentials (--config-file, --profile, "
			 "--auth): %s",
			 f->failed.message);
		return err->code = DSJ_EINPUT;
	}
	progress("reading %s...", uri);
	int rc = dsj_oci_fetch(f->client, uri, dest, err);
	progress_done();
	return rc;
}

void source_fetch_end(struct source_fetch *f)
{
	dsj_oci_client_free(f->client);
	f->client = NULL;
}

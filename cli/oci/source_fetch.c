/* source_fetch_fn of the programs with OCI code: oci:// sources read with a
 * progress line. apply sets the client it has; artifact and run --local get one
 * made on the first oci:// source, from the options source_options.c took (and
 * the command's --region), so a build from local files needs no credentials and
 * never loads libcurl. */
#include <stdio.h>
#include <string.h>

#include "oci_cli.h"

static void make_client(struct source_fetch *f)
{
	struct oci_cli oc;
	memset(&oc, 0, sizeof(oc));
	dsj_oci_options_init(&oc.o, DSJ_OCI_OPTIONS_VERSION);
	oc.o.config_file = f->config_file;
	oc.o.profile = f->profile;
	oc.o.endpoint = f->endpoint;
	oc.o.region = f->cli->opts.region;
	oc.debug = f->debug;
	if (f->auth) /* source_fetch_option took only known names */
		oc.o.auth = (enum dsj_oci_auth)auth_mode(f->auth);
	dsj_oci_client *client = NULL;
	struct dsj_error err;
	if (oci_client_make(&oc, &client, &err))
		snprintf(f->failed, sizeof(f->failed), "%s", err.message[0] ? err.message : "failed");
	f->client = client;
}

static int fetch(void *ctx, const char *uri, const char *dest, struct dsj_error *err)
{
	struct source_fetch *f = ctx;
	if (strncmp(uri, "oci://", 6) != 0)
		return 1; /* not ours: the build refuses it with what to do */
	if (!f->client && !f->failed[0])
		make_client(f);
	if (!f->client) {
		snprintf(err->message, sizeof(err->message),
			 "reading Object Storage needs OCI credentials (--config-file, --profile, "
			 "--auth): %s",
			 f->failed);
		return err->code = DSJ_EINPUT;
	}
	progress("reading %s...", uri);
	int rc = dsj_oci_fetch(f->client, uri, dest, err);
	progress_done();
	return rc;
}

dsj_fetch_fn source_fetch_fn(void)
{
	return fetch;
}

void source_fetch_end(struct source_fetch *f)
{
	dsj_oci_client_free(f->client);
	f->client = NULL;
}

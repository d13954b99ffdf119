/* The artifact apply uploads, as one step: dsj_artifact_build lays it out as
 * ADS does (a script as it is, a zip with the drivers...) in a private
 * temporary folder; its bytes are read for the upload and the folder removed.
 * Object Storage sources (oci://, a file or a prefix) are read with the
 * client's credentials (dsj_oci_fetch). A dry run reads nothing: it names the
 * artifact as ADS would if the URI names one object. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "oci_cli.h"

#define ARTIFACT_MAX_BYTES ((size_t)2 << 30)

static int read_built(const struct dsj_artifact *a, struct artifact_upload *out, char *why,
		      size_t why_size)
{
	if (!a->upload_name) /* no artifact (ADS 2.15 container): nothing to upload */
		return 0;
	if (read_input(a->path, ARTIFACT_MAX_BYTES, &out->data, &out->len, why, why_size))
		return -1;
	out->name = strdup(a->upload_name);
	if (!out->name) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	return 0;
}

/* The upload name of an oci:// source not read (dry run): a script's file as
 * it is, other types' <base cut at its first dot>.zip. */
static int name_unread(const struct artifact_source *src, struct artifact_upload *out,
		       char *why, size_t why_size)
{
	const char *uri = src->source;
	size_t len = strlen(uri);
	while (len && uri[len - 1] == '/')
		len--;
	const char *base = uri;
	for (size_t i = 0; i < len; i++)
		if (uri[i] == '/')
			base = uri + i + 1;
	size_t n = (size_t)(uri + len - base);
	int script = strcmp(src->type, "ScriptArtifact") == 0;
	const char *dot = script ? NULL : memchr(base, '.', n);
	if (dot)
		n = (size_t)(dot - base);
	char name[1100];
	snprintf(name, sizeof(name), "%.*s%s", (int)(n < 1024 ? n : 1024), base,
		 script ? "" : ".zip");
	out->remote = uri;
	out->built = !script;
	if (!(out->name = strdup(name)))
		return snprintf(why, why_size, "out of memory"), -1;
	return 0;
}

static int build(struct cli *c, dsj_oci_client *client, const char *file,
		 struct artifact_upload *out, char *why, size_t why_size)
{
	char *input = NULL, dir[] = "/tmp/dsjob-apply-XXXXXX";
	size_t len = 0;
	if (read_input(file, max_input(c), &input, &len, why, why_size))
		return -1;
	const char *tmp = mkdtemp(dir);
	struct dsj_artifact_options o;
	dsj_artifact_options_init(&o, DSJ_ARTIFACT_OPTIONS_VERSION);
	o.convert = &c->opts;
	o.out_dir = tmp;
	struct source_fetch remote; /* apply's client; source_fetch_end not called */
	source_fetch_init(&remote, c);
	remote.client = client;
	o.fetch = client ? source_fetch_fn() : NULL;
	o.fetch_ctx = &remote;
	struct dsj_artifact *a = NULL;
	struct dsj_error err;
	int rc = tmp ? 0 : (snprintf(why, why_size, "cannot make a temporary folder"), -1);
	if (!rc && dsj_artifact_build(&a, input, len, &o, &err)) {
		dsj_error_format(&err, file, why, why_size);
		rc = -1;
	}
	if (!rc)
		rc = read_built(a, out, why, why_size);
	if (a && a->path)
		unlink(a->path);
	if (tmp)
		rmdir(tmp);
	dsj_artifact_free(a);
	free(input);
	return rc;
}

int artifact_step(struct cli *c, dsj_oci_client *client, const struct artifact_source *src,
		  struct artifact_upload *out, char *why, size_t why_size)
{
	memset(out, 0, sizeof(*out));
	int unread = !client && src->source && strncmp(src->source, "oci://", 6) == 0 && src->type;
	int rc = unread ? name_unread(src, out, why, why_size)
			: build(c, client, src->file, out, why, why_size);
	if (rc)
		artifact_upload_free(out);
	return rc;
}

void artifact_upload_free(struct artifact_upload *a)
{
	dsj_free(a->data);
	free(a->name);
	memset(a, 0, sizeof(*a));
}

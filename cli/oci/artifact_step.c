/* The artifact apply uploads, as one step: dsj_artifact_build lays it out as
 * ADS does (a script as it is, a zip with the drivers...) in a private
 * temporary folder; its bytes are read for the upload and the folder removed.
 * A script runtime's Object Storage file (oci://) is read with the client's
 * credentials and uploaded as it is, as ADS does. */
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

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static int remote_script(dsj_oci_client *client, const char *uri, struct artifact_upload *out,
			 char *why, size_t why_size)
{
	struct dsj_error err;
	out->name = strdup(base_name(uri));
	if (!out->name)
		return snprintf(why, why_size, "out of memory"), -1;
	if (!client) {
		out->remote = uri;
		return 0;
	}
	progress("reading %s...", uri);
	if (dsj_oci_object_get(client, uri, &out->data, &out->len, &err))
		return snprintf(why, why_size, "%s: %s", uri, err.message), -1;
	return 0;
}

static int build(struct cli *c, const char *file, struct artifact_upload *out, char *why,
		 size_t why_size)
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
	int remote = src->source && strncmp(src->source, "oci://", 6) == 0 && src->type &&
		     strcmp(src->type, "ScriptArtifact") == 0;
	int rc = remote ? remote_script(client, src->source, out, why, why_size)
			: build(c, src->file, out, why, why_size);
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

/* The artifact apply uploads, as one step: today a local file is uploaded as
 * it is (a script, a zip or tar.gz already built); directories, Object Storage
 * sources and ADS's generated drivers need the artifact builder
 * (dsj_artifact_build, from the artifact branch), which plugs in here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "oci_cli.h"

#define ARTIFACT_MAX_BYTES ((size_t)1 << 30)

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

int artifact_step(const char *source, struct artifact_upload *out, char *why, size_t why_size)
{
	memset(out, 0, sizeof(*out));
	struct stat st;
	if (strstr(source, "://") || stat(source, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, why_size,
			 "%s: only a local file can be uploaded as the artifact for now "
			 "(directories, oci:// and remote sources need the artifact builder)",
			 source);
		return -1;
	}
	if (read_input(source, ARTIFACT_MAX_BYTES, &out->data, &out->len, why, why_size))
		return -1;
	out->name = strdup(base_name(source));
	if (!out->name) {
		snprintf(why, why_size, "out of memory");
		artifact_upload_free(out);
		return -1;
	}
	return 0;
}

void artifact_upload_free(struct artifact_upload *a)
{
	free(a->data);
	free(a->name);
	memset(a, 0, sizeof(*a));
}

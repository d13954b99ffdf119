/* Paths and small files for credentials: "~" expansion, "~" in messages, and
 * whole-file reads with a size bound. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "oci/oci.h"

static const char *home_dir(const char *home)
{
	if (home && *home)
		return home;
	const char *h = getenv("HOME");
	return h ? h : "";
}

char *path_expand(const char *path, const char *home)
{
	if (path[0] != '~' || (path[1] != '/' && path[1] != '\0'))
		return strdup(path);
	const char *h = home_dir(home);
	size_t n = strlen(h) + strlen(path);
	char *out = malloc(n);
	if (out)
		snprintf(out, n, "%s%s", h, path + 1);
	return out;
}

char *path_shown(const char *path, const char *home)
{
	const char *h = home_dir(home);
	size_t hl = strlen(h);
	if (hl > 1 && strncmp(path, h, hl) == 0 && path[hl] == '/') {
		size_t n = strlen(path) - hl + 2;
		char *out = malloc(n);
		if (out)
			snprintf(out, n, "~%s", path + hl);
		return out;
	}
	return strdup(path);
}

int file_read_small(const char *path, size_t max, char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	struct stat st;
	if (stat(path, &st))
		return -1;
	if (S_ISDIR(st.st_mode))
		return errno = EISDIR, -1;
	if ((size_t)st.st_size > max)
		return errno = EFBIG, -1;
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char *buf = malloc(max + 1);
	size_t n = buf ? fread(buf, 1, max + 1, f) : 0;
	int bad = !buf || ferror(f) || n > max;
	fclose(f);
	if (bad) {
		free(buf);
		return errno = buf ? EFBIG : ENOMEM, -1;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

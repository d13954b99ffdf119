/* Writing the artifact file: to a temporary name in the output folder, checked
 * (size limit), hashed, then renamed into place, so a failure leaves nothing. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "artifact/artifact.h"
#include "util/diag.h"
#include "util/sha256.h"

/* The service's artifact limit. */
#define ARTIFACT_MAX_BYTES (4ULL << 30)
#define COPY_BLOCK 65536

static int io_error(struct dsj_error *err, const char *what, const char *path)
{
	return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "%s '%s': %s", what, path,
		       strerror(errno));
}

static int write_bytes(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int copy_into(int fd, const char *path, struct dsj_error *err)
{
	int in = open(path, O_RDONLY);
	if (in < 0)
		return io_error(err, "cannot read", path);
	char *block = malloc(COPY_BLOCK);
	int rc = block ? 0 : diag_nomem(err);
	for (ssize_t n; !rc && (n = read(in, block, COPY_BLOCK)) != 0;)
		if (n < 0 || write_bytes(fd, block, (size_t)n))
			rc = io_error(err, n < 0 ? "cannot read" : "cannot write", path);
	free(block);
	close(in);
	return rc;
}

/* The single file of an artifact uploaded as is. */
static int write_as_is(const struct art_plan *p, int fd, struct dsj_error *err)
{
	if (p->as_is_path)
		return copy_into(fd, p->as_is_path, err);
	const struct art_entry *e = p->tree.count ? &p->tree.items[p->tree.count - 1] : NULL;
	if (!e || e->kind != ART_FILE)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "nothing to write");
	if (e->disk)
		return copy_into(fd, e->disk, err);
	return write_bytes(fd, e->data, e->size) ? io_error(err, "cannot write", "artifact") : 0;
}

static int hash_file(int fd, struct dsj_artifact *out, struct dsj_error *err)
{
	if (lseek(fd, 0, SEEK_SET) != 0)
		return io_error(err, "cannot read back", out->upload_name);
	struct sha256 h;
	sha256_begin(&h);
	char *block = malloc(COPY_BLOCK);
	if (!block)
		return diag_nomem(err);
	ssize_t n;
	out->size = 0;
	while ((n = read(fd, block, COPY_BLOCK)) > 0) {
		sha256_add(&h, block, (size_t)n);
		out->size += (unsigned long long)n;
	}
	free(block);
	if (n < 0)
		return io_error(err, "cannot read back", out->upload_name);
	sha256_final_hex(&h, out->sha256);
	if (out->size > ARTIFACT_MAX_BYTES)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, PY_VALUE_ERROR,
			       "the artifact is %llu bytes: OCI takes at most 4 GiB", out->size);
	return 0;
}

static char *path_in(const char *dir, const char *name, const char *prefix, const char *suffix)
{
	size_t len = strlen(dir) + strlen(name) + strlen(prefix) + strlen(suffix) + 2;
	char *path = malloc(len);
	if (path)
		snprintf(path, len, "%s/%s%s%s", dir, prefix, name, suffix);
	return path;
}

static int write_temp(const struct art_plan *p, int fd, long long mtime, struct dsj_artifact *out,
		      struct dsj_error *err)
{
	int rc = p->as_is ? write_as_is(p, fd, err) : art_zip_write(&p->tree, fd, mtime, err);
	if (!rc && fchmod(fd, 0644) != 0)
		rc = io_error(err, "cannot set the mode of", out->upload_name);
	return rc ? rc : hash_file(fd, out, err);
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return a && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* The artifact's name may be its source's (src.zip unpacked into code/ gives
 * src.zip): never write over the source. A file uploaded as is is already there. */
static int onto_source(const struct art_plan *p, const char *final, struct dsj_artifact *out,
		       struct dsj_error *err)
{
	if (!same_file(p->src.path, final))
		return 1;
	if (!p->as_is)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError",
			       "the artifact %s would replace its own source: write it elsewhere "
			       "(-o DIR)",
			       final);
	int fd = open(final, O_RDONLY);
	if (fd < 0)
		return io_error(err, "cannot read", final);
	int rc = hash_file(fd, out, err);
	close(fd);
	return rc;
}

int art_output_write(const struct art_plan *p, const char *out_dir, long long mtime,
		     struct dsj_artifact *out, struct dsj_error *err)
{
	if (mkdir(out_dir, 0777) != 0 && errno != EEXIST) /* -o build: made when missing */
		return io_error(err, "cannot make the folder", out_dir);
	char *final = path_in(out_dir, p->upload_name, "", "");
	char *temp = path_in(out_dir, p->upload_name, ".", ".XXXXXX");
	int rc = final && temp ? 0 : diag_nomem(err);
	int in_place = rc ? 0 : onto_source(p, final, out, err);
	if (in_place != 1) {
		free(temp);
		if (in_place)
			free(final);
		else
			out->path = final;
		return in_place;
	}
	int fd = rc ? -1 : mkstemp(temp);
	if (!rc && fd < 0)
		rc = io_error(err, "cannot write in", out_dir);
	if (!rc)
		rc = write_temp(p, fd, mtime, out, err);
	if (fd >= 0 && close(fd) != 0 && !rc)
		rc = io_error(err, "cannot write", temp);
	if (!rc && rename(temp, final) != 0)
		rc = io_error(err, "cannot rename into", final);
	if (rc && fd >= 0)
		unlink(temp);
	free(temp);
	if (rc)
		free(final);
	else
		out->path = final;
	return rc;
}

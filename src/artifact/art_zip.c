/* The zip of an artifact tree, written by libarchive. Reproducibility comes from
 * what it is fed: sorted entries, one fixed mtime, uid/gid 0 without names,
 * modes 0755/0644, deflate level 6. libarchive turns the mtime into the DOS time
 * field with localtime(), so TZ is UTC while the zip is written. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "artifact/artifact.h"
#include "util/diag.h"

#define COPY_BLOCK 65536

struct saved_tz {
	char *value; /* NULL = TZ was unset */
};

static int tz_to_utc(struct saved_tz *saved)
{
	const char *tz = getenv("TZ");
	saved->value = tz ? strdup(tz) : NULL;
	if (tz && !saved->value)
		return -1;
	setenv("TZ", "UTC0", 1);
	tzset();
	return 0;
}

static void tz_restore(struct saved_tz *saved)
{
	if (saved->value)
		setenv("TZ", saved->value, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved->value);
}

static int zip_error(struct archive *w, struct dsj_error *err)
{
	return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "writing the zip: %s",
		       archive_error_string(w) ? archive_error_string(w) : "failed");
}

static int copy_file(struct archive *w, const char *path, size_t *written, struct dsj_error *err)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "cannot read '%s': %s", path,
			       strerror(errno));
	char *block = malloc(COPY_BLOCK);
	int rc = block ? 0 : diag_nomem(err);
	for (ssize_t n; !rc && (n = read(fd, block, COPY_BLOCK)) != 0;) {
		if (n < 0)
			rc = diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "reading '%s': %s",
				     path, strerror(errno));
		else if (archive_write_data(w, block, (size_t)n) != n)
			rc = zip_error(w, err);
		else
			*written += (size_t)n;
	}
	free(block);
	close(fd);
	return rc;
}

/* The size of a disk file as it is now (it may differ from when it was listed). */
static int disk_size(const char *path, size_t *size, struct dsj_error *err)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "cannot read '%s': %s", path,
			       strerror(errno));
	*size = (size_t)st.st_size;
	return 0;
}

static int write_entry(struct archive *w, struct archive_entry *ae, const struct art_entry *e,
		       long long mtime, struct dsj_error *err)
{
	size_t size = e->size;
	int rc = e->kind == ART_FILE && e->disk ? disk_size(e->disk, &size, err) : 0;
	if (rc)
		return rc;
	archive_entry_clear(ae);
	archive_entry_set_pathname_utf8(ae, e->name);
	archive_entry_set_filetype(ae, e->kind == ART_DIR ? AE_IFDIR : AE_IFREG);
	archive_entry_set_perm(ae, e->mode);
	archive_entry_set_size(ae, e->kind == ART_DIR ? 0 : (la_int64_t)size);
	archive_entry_set_mtime(ae, (time_t)mtime, 0);
	archive_entry_set_uid(ae, 0);
	archive_entry_set_gid(ae, 0);
	if (archive_write_header(w, ae) != ARCHIVE_OK)
		return zip_error(w, err);
	if (e->kind == ART_DIR)
		return 0;
	size_t written = 0;
	if (e->disk)
		rc = copy_file(w, e->disk, &written, err);
	else if (size && archive_write_data(w, e->data, size) != (la_ssize_t)size)
		rc = zip_error(w, err);
	else
		written = size;
	if (!rc && written != size)
		rc = diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError",
			     "'%s' changed size while it was being packed", e->disk);
	return rc;
}

static int write_all(struct archive *w, const struct art_tree *t, long long mtime,
		     struct dsj_error *err)
{
	struct archive_entry *ae = archive_entry_new();
	if (!ae)
		return diag_nomem(err);
	int rc = 0;
	for (size_t i = 0; !rc && i < t->count; i++)
		rc = write_entry(w, ae, &t->items[i], mtime, err);
	archive_entry_free(ae);
	return rc;
}

static struct archive *new_zip_writer(struct dsj_error *err)
{
	struct archive *w = archive_write_new();
	if (!w) {
		diag_nomem(err);
		return NULL;
	}
	if (archive_write_set_format_zip(w) != ARCHIVE_OK ||
	    archive_write_zip_set_compression_deflate(w) != ARCHIVE_OK ||
	    archive_write_set_option(w, "zip", "compression-level", "6") != ARCHIVE_OK ||
	    archive_write_set_option(w, "zip", "hdrcharset", "UTF-8") != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(w, 1) != ARCHIVE_OK) {
		zip_error(w, err);
		archive_write_free(w);
		return NULL;
	}
	return w;
}

static int write_zip(const struct art_tree *t, int fd, long long mtime, struct dsj_error *err)
{
	struct archive *w = new_zip_writer(err);
	if (!w)
		return DSJ_EINPUT;
	int rc = archive_write_open_fd(w, fd) == ARCHIVE_OK ? write_all(w, t, mtime, err)
							    : zip_error(w, err);
	if (archive_write_close(w) != ARCHIVE_OK && !rc)
		rc = zip_error(w, err);
	archive_write_free(w);
	return rc;
}

int art_zip_write(const struct art_tree *t, int fd, long long mtime, struct dsj_error *err)
{
	struct saved_tz saved;
	if (tz_to_utc(&saved))
		return diag_nomem(err);
	struct art_locale l;
	art_locale_enter(&l);
	int rc = write_zip(t, fd, mtime, err);
	art_locale_leave(&l);
	tz_restore(&saved);
	return rc;
}

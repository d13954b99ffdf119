/* Reading archives safely: user code archives (unpacked under code/) and the
 * artifacts `run --local` extracts. Every name is checked before libarchive
 * writes it, and libarchive's own SECURE flags stay on as a second fence. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "artifact/artifact.h"
#include "util/diag.h"
#include "util/utf8.h"

#define UNPACK_MAX_ENTRIES 1000000

const char *art_unsafe_name(const char *name)
{
	if (!*name)
		return "an empty name";
	if (name[0] == '/')
		return "an absolute path";
	for (const char *p = name; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return "a '..' component";
		p += n;
		while (*p == '/')
			p++;
	}
	return NULL;
}

/* Does a link at `name` with target `target` stay inside the root? Lexically:
 * the target's ".." may not climb above the root. */
static bool link_stays_inside(const char *name, const char *target, bool hard)
{
	if (!*target || target[0] == '/')
		return false;
	long depth = 0;
	if (!hard) /* a symlink is relative to its own folder */
		for (const char *p = name; (p = strchr(p, '/')); p++)
			if (p[1])
				depth++;
	for (const char *p = target; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			depth--;
		else if (n && !(n == 1 && p[0] == '.'))
			depth++;
		if (depth < 0)
			return false;
		p += n;
		while (*p == '/')
			p++;
	}
	return true;
}

static int refuse(struct dsj_error *err, const char *archive, const char *name, const char *why)
{
	return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "%s: entry '%s' is refused: %s",
		       archive, name, why);
}

static int check_entry(struct archive_entry *e, const char *archive, struct dsj_error *err)
{
	const char *name = archive_entry_pathname(e);
	if (!name)
		return refuse(err, archive, "?", "a name that is not valid text");
	const char *why = art_unsafe_name(name);
	if (why)
		return refuse(err, archive, name, why);
	mode_t type = archive_entry_filetype(e);
	const char *hard = archive_entry_hardlink(e);
	if (hard && !link_stays_inside(name, hard, true))
		return refuse(err, archive, name, "a hard link to outside the archive");
	if (type == AE_IFLNK) {
		const char *target = archive_entry_symlink(e);
		if (!target || !link_stays_inside(name, target, false))
			return refuse(err, archive, name, "a symlink pointing outside the archive");
	} else if (type != AE_IFREG && type != AE_IFDIR && !hard) {
		return refuse(err, archive, name, "not a file, folder or link");
	}
	return 0;
}

static struct archive *open_reader(const char *archive, struct dsj_error *err)
{
	struct archive *r = archive_read_new();
	if (!r) {
		diag_nomem(err);
		return NULL;
	}
	archive_read_support_filter_gzip(r);
	archive_read_support_format_zip(r);
	archive_read_support_format_tar(r);
	archive_read_support_format_gnutar(r);
	if (archive_read_open_filename(r, archive, 65536) != ARCHIVE_OK) {
		diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "%s: cannot read the archive: %s",
			archive, archive_error_string(r));
		archive_read_free(r);
		return NULL;
	}
	return r;
}

static int read_error(struct archive *r, const char *archive, struct dsj_error *err)
{
	return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "%s: %s", archive,
		       archive_error_string(r) ? archive_error_string(r) : "damaged archive");
}

/* Where the entry goes: dest/name, and its hard link target the same way. */
static int retarget(struct archive_entry *e, const char *dest, struct dsj_error *err)
{
	const char *parts[2] = {archive_entry_pathname(e), archive_entry_hardlink(e)};
	for (int i = 0; i < 2; i++) {
		if (!parts[i])
			continue;
		size_t len = strlen(dest) + strlen(parts[i]) + 2;
		char *full = malloc(len);
		if (!full)
			return diag_nomem(err);
		snprintf(full, len, "%s/%s", dest, parts[i]);
		if (i == 0)
			archive_entry_copy_pathname(e, full);
		else
			archive_entry_copy_hardlink(e, full);
		free(full);
	}
	return 0;
}

static int copy_data(struct archive *r, struct archive *w, const char *archive,
		     struct dsj_error *err)
{
	const void *block;
	size_t size;
	la_int64_t offset;
	for (;;) {
		int rc = archive_read_data_block(r, &block, &size, &offset);
		if (rc == ARCHIVE_EOF)
			return 0;
		if (rc != ARCHIVE_OK)
			return read_error(r, archive, err);
		if (archive_write_data_block(w, block, size, offset) != ARCHIVE_OK)
			return read_error(w, archive, err);
	}
}

static int extract_all(struct archive *r, struct archive *w, const char *archive, const char *dest,
		       struct dsj_error *err)
{
	struct archive_entry *e;
	size_t count = 0;
	for (;;) {
		int rc = archive_read_next_header(r, &e);
		if (rc == ARCHIVE_EOF)
			return 0;
		if (rc != ARCHIVE_OK)
			return read_error(r, archive, err);
		if (++count > UNPACK_MAX_ENTRIES)
			return refuse(err, archive, "...", "more than 1,000,000 entries");
		if ((rc = check_entry(e, archive, err)) || (rc = retarget(e, dest, err)))
			return rc;
		if (archive_write_header(w, e) != ARCHIVE_OK)
			return read_error(w, archive, err);
		if (archive_entry_size(e) > 0 && (rc = copy_data(r, w, archive, err)))
			return rc;
		if (archive_write_finish_entry(w) != ARCHIVE_OK)
			return read_error(w, archive, err);
	}
}

static int unpack(const char *archive, const char *dest, struct dsj_error *err)
{
	char *real = realpath(dest, NULL);
	if (!real)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "%s: %s", dest,
			       strerror(errno));
	struct archive *r = open_reader(archive, err);
	struct archive *w = r ? archive_write_disk_new() : NULL;
	int rc = r && !w ? diag_nomem(err) : r ? 0 : DSJ_EINPUT;
	if (w) {
		archive_write_disk_set_options(w, ARCHIVE_EXTRACT_PERM |
							  ARCHIVE_EXTRACT_SECURE_NODOTDOT |
							  ARCHIVE_EXTRACT_SECURE_SYMLINKS);
		rc = extract_all(r, w, archive, real, err);
		if (archive_write_close(w) != ARCHIVE_OK && !rc)
			rc = read_error(w, archive, err);
		archive_write_free(w);
	}
	if (r)
		archive_read_free(r);
	free(real);
	return rc;
}

int art_unpack(const char *archive, const char *dest, struct dsj_error *err)
{
	struct art_locale l;
	art_locale_enter(&l);
	int rc = unpack(archive, dest, err);
	art_locale_leave(&l);
	return rc;
}

int dsj_artifact_unpack(const char *archive_path, const char *dest_dir, struct dsj_error *err)
{
	diag_clear(err);
	return art_unpack(archive_path, dest_dir, err);
}

static int push_name(struct arena *a, const char ***names, size_t *count, size_t *cap,
		     const char *name)
{
	if (*count == *cap) {
		size_t bigger = *cap ? *cap * 2 : 64;
		const char **grown = arena_grow(a, (void *)*names, *cap * sizeof(char *),
						bigger * sizeof(char *));
		if (!grown)
			return DSJ_ENOMEM;
		*names = grown;
		*cap = bigger;
	}
	char *copy = arena_strndup(a, name, strlen(name));
	if (!copy)
		return DSJ_ENOMEM;
	/* a listing only (the archive is uploaded as is): bytes that are not UTF-8
	 * (an old zip's code page) are shown as '?' */
	for (size_t i = 0, len = strlen(copy); i < len;) {
		uint32_t cp;
		size_t n = utf8_decode((const unsigned char *)copy + i, len - i, &cp);
		if (!n)
			copy[i] = '?';
		i += n ? n : 1;
	}
	(*names)[(*count)++] = copy;
	return 0;
}

static const char *stored_name(struct archive_entry *e)
{
	const char *name = archive_entry_pathname(e);
	if (!name)
		name = archive_entry_pathname_utf8(e);
	return name ? name : "?";
}

static int list(const char *archive, struct arena *a, const char ***names, size_t *count,
		struct dsj_error *err)
{
	*names = NULL;
	*count = 0;
	struct archive *r = open_reader(archive, err);
	if (!r)
		return DSJ_EINPUT;
	size_t cap = 0;
	int rc = 0;
	struct archive_entry *e;
	while (!rc) {
		int got = archive_read_next_header(r, &e);
		if (got == ARCHIVE_EOF)
			break;
		/* a listing takes a name libarchive cannot convert (ARCHIVE_WARN) as it
		 * is stored: the archive is uploaded unchanged */
		const char *name = got == ARCHIVE_OK || got == ARCHIVE_WARN ? stored_name(e) : NULL;
		if (got != ARCHIVE_OK && got != ARCHIVE_WARN)
			rc = read_error(r, archive, err);
		else if (*count >= UNPACK_MAX_ENTRIES)
			rc = refuse(err, archive, "...", "more than 1,000,000 entries");
		else if (push_name(a, names, count, &cap, name))
			rc = diag_nomem(err);
	}
	archive_read_free(r);
	return rc;
}

int art_archive_list(const char *archive, struct arena *a, const char ***names, size_t *count,
		     struct dsj_error *err)
{
	struct art_locale l;
	art_locale_enter(&l);
	int rc = list(archive, a, names, count, err);
	art_locale_leave(&l);
	return rc;
}

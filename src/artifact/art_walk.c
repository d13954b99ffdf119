/* A folder on disk into the tree, as ADS's copy sees it: hidden files kept,
 * symlinks to files read through. Unlike ADS (which writes an empty folder for a
 * symlinked folder), a symlinked folder is an error: silently dropping code is
 * worse than refusing. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "artifact/artifact.h"
#include "util/diag.h"
#include "util/utf8.h"

#define WALK_MAX_DEPTH 256

static char *join(struct arena *a, const char *left, const char *right)
{
	size_t l = strlen(left), r = strlen(right);
	char *out = arena_alloc(a, l + r + 2);
	if (!out)
		return NULL;
	memcpy(out, left, l);
	size_t at = l;
	if (l)
		out[at++] = '/';
	memcpy(out + at, right, r + 1);
	return out;
}

static int walk(struct art_tree *t, const char *prefix, const char *dir, int depth,
		struct dsj_error *err);

static int add_one(struct art_tree *t, const char *name, const char *disk, int depth,
		   struct dsj_error *err)
{
	struct stat st;
	if ((depth ? lstat(disk, &st) : stat(disk, &st)) != 0)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "cannot read '%s': %s", disk,
			       strerror(errno));
	bool link = S_ISLNK(st.st_mode); /* the source itself may be a link */
	if (link && stat(disk, &st) != 0)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError",
			       "'%s' is a broken symlink: %s", disk, strerror(errno));
	if (S_ISDIR(st.st_mode) && link)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError",
			       "'%s' is a symlink to a folder: copy the folder in or remove the "
			       "link (ADS would package it as an empty folder)",
			       disk);
	if (S_ISDIR(st.st_mode))
		return art_tree_add_dir(t, name) ? diag_nomem(err)
						 : walk(t, name, disk, depth + 1, err);
	if (!S_ISREG(st.st_mode))
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError",
			       "'%s' is not a regular file or folder", disk);
	if (art_tree_add_file(t, name, disk, NULL, (size_t)st.st_size, (st.st_mode & 0111) != 0))
		return diag_nomem(err);
	return 0;
}

static int walk(struct art_tree *t, const char *prefix, const char *dir, int depth,
		struct dsj_error *err)
{
	if (depth > WALK_MAX_DEPTH)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError",
			       "'%s' is nested more than %d folders deep", dir, WALK_MAX_DEPTH);
	DIR *d = opendir(dir);
	if (!d)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError", "cannot list '%s': %s", dir,
			       strerror(errno));
	int rc = 0;
	struct dirent *de;
	while (!rc && (de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (!utf8_valid(de->d_name, strlen(de->d_name))) {
			rc = diag_at(err, DSJ_EINPUT, 0, 0, NULL, "UnicodeEncodeError",
				     "a file name in '%s' is not valid UTF-8: rename it (zip names "
				     "are UTF-8)",
				     dir);
			break;
		}
		char *name = join(t->a, prefix, de->d_name);
		char *disk = join(t->a, dir, de->d_name);
		rc = name && disk ? add_one(t, name, disk, depth, err) : diag_nomem(err);
	}
	closedir(d);
	return rc;
}

int art_walk_add(struct art_tree *t, const char *prefix, const char *dir, struct dsj_error *err)
{
	return walk(t, prefix, dir, 1, err);
}

int art_walk_add_path(struct art_tree *t, const char *name, const char *disk, struct dsj_error *err)
{
	return add_one(t, name, disk, 0, err);
}

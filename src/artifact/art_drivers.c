/* The job-side drivers packed next to code/: the copies embedded at build time
 * (drivers/ in the source tree), or a folder the user names (--driver-dir). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "artifact/artifact.h"
#include "util/diag.h"

static const struct art_embedded_file *embedded(const char *name)
{
	for (size_t i = 0; i < art_embedded_driver_count; i++)
		if (strcmp(art_embedded_drivers[i].name, name) == 0)
			return &art_embedded_drivers[i];
	return NULL;
}

static int from_dir(struct art_tree *t, const char *dir, const char *name, struct dsj_error *err)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *path = arena_alloc(t->a, len);
	if (!path)
		return diag_nomem(err);
	snprintf(path, len, "%s/%s", dir, name);
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError",
			       "driver '%s' is not in --driver-dir %s: %s", name, dir,
			       errno ? strerror(errno) : "not a file");
	if (art_tree_add_file(t, name, path, NULL, (size_t)st.st_size, (st.st_mode & 0111) != 0))
		return diag_nomem(err);
	return 0;
}

int art_drivers_add(struct art_tree *t, const char *driver_dir, const char *name,
		    struct dsj_error *err)
{
	if (driver_dir)
		return from_dir(t, driver_dir, name, err);
	const struct art_embedded_file *f = embedded(name);
	if (!f)
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError",
			       "this dsjob was built without the driver '%s' (drivers/ had no such "
			       "file); pass --driver-dir DIR with the drivers to package",
			       name);
	if (art_tree_add_file(t, name, NULL, f->data, f->size, (f->mode & 0111) != 0))
		return diag_nomem(err);
	return 0;
}

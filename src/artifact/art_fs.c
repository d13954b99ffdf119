/* Private scratch folders: made with mkdtemp, removed without following links
 * (a hostile archive's symlink must not make the clean-up delete outside). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "artifact/artifact.h"
#include "util/diag.h"

int art_temp_dir(struct arena *a, const char *prefix, char **out, struct dsj_error *err)
{
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	size_t len = strlen(tmp) + strlen(prefix) + 16;
	char *path = arena_alloc(a, len);
	if (!path)
		return diag_nomem(err);
	snprintf(path, len, "%s/%s.XXXXXX", tmp, prefix);
	if (!mkdtemp(path))
		return diag_at(err, DSJ_EINPUT, 0, 0, NULL, "OSError",
			       "cannot make a folder in %s: %s", tmp, strerror(errno));
	*out = path;
	return 0;
}

/* Removes what folder fd holds; depth bounds the recursion. */
static int empty_dir(int fd, int depth)
{
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -1;
	}
	int rc = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		struct stat st;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			rc = -1;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			fchmodat(dirfd(d), de->d_name, 0700, 0); /* an archive may store 0000 */
			int sub = depth < 1024 ? openat(dirfd(d), de->d_name,
							O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
					       : -1;
			if (sub < 0 || empty_dir(sub, depth + 1) != 0 ||
			    unlinkat(dirfd(d), de->d_name, AT_REMOVEDIR) != 0)
				rc = -1;
		} else if (unlinkat(dirfd(d), de->d_name, 0) != 0) {
			rc = -1;
		}
	}
	closedir(d);
	return rc;
}

int art_remove_tree(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	int rc = empty_dir(fd, 0);
	return rmdir(path) == 0 ? rc : -1;
}

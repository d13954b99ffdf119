/* Safe extraction of arbitrary bytes as an archive: whatever is accepted must
 * land inside the destination. The bytes go to a file in a private folder P,
 * are unpacked into P/dest, and afterwards P may hold only "archive" and "dest". */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "artifact/artifact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void only_two_entries(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		abort();
	struct dirent *de;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, "archive") && strcmp(de->d_name, "dest"))
			abort(); /* something was written beside the destination */
	closedir(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 0);
	struct dsj_error err = {0};
	char *top = NULL;
	if (art_temp_dir(&a, "dsjob-fuzz-unpack", &top, &err) == 0) {
		char archive[4200], dest[4200];
		snprintf(archive, sizeof(archive), "%s/archive", top);
		snprintf(dest, sizeof(dest), "%s/dest", top);
		FILE *f = fopen(archive, "wb");
		if (f && fwrite(data, 1, size, f) == size && fclose(f) == 0 &&
		    mkdir(dest, 0700) == 0) {
			art_unpack(archive, dest, &err);
			const char **names = NULL;
			size_t count = 0;
			art_archive_list(archive, &a, &names, &count, &err);
			only_two_entries(top);
		} else if (f) {
			fclose(f);
		}
		art_remove_tree(top);
	}
	arena_free(&a);
	return 0;
}

/* oci_main (cli.h) of the statically linked dsjob: the command lines that talk
 * to OCI are run by the dsjob-oci helper, exec'd with the same argv, as git
 * runs git-remote-https. The helper is a dynamically linked build of the whole
 * CLI, which can dlopen libcurl and libcrypto (src/oci/libs.c); a static
 * program cannot do that safely, and linking dynamically costs every other
 * command its start-up time (docs/performance.md). It is looked for beside
 * this program (the build tree), then in DSJ_OCI_HELPER_DIR, the install's
 * libexec directory, relative to this program's directory unless absolute. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#ifndef DSJ_OCI_HELPER_DIR
#error "DSJ_OCI_HELPER_DIR: the helper's directory (CMakeLists.txt sets it)"
#endif
#define HELPER "dsjob-oci"

int oci_main(struct cli *c, int argc, char **argv)
{
	(void)c, (void)argc;
	enum { PLACES = 2 };
	char self[PATH_MAX], path[PLACES][PATH_MAX + sizeof(DSJ_OCI_HELPER_DIR "/" HELPER)];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0) {
		fprintf(stderr,
			"dsjob: talking to OCI needs %s, looked for beside /proc/self/exe: %s\n",
			HELPER, strerror(errno));
		goto fail;
	}
	self[n] = '\0';
	char *slash = strrchr(self, '/');
	int dir_len = slash ? (int)(slash - self) : 0;
	const char *places[PLACES] = {"", DSJ_OCI_HELPER_DIR "/"};
	for (int i = 0; i < PLACES; i++) {
		if (places[i][0] == '/')
			snprintf(path[i], sizeof(path[i]), "%s%s", places[i], HELPER);
		else
			snprintf(path[i], sizeof(path[i]), "%.*s/%s%s", dir_len, self, places[i],
				 HELPER);
		execv(path[i], argv);
		if (errno != ENOENT) {
			fprintf(stderr, "dsjob: talking to OCI needs %s: %s\n", path[i],
				strerror(errno));
			goto fail;
		}
	}
	fprintf(stderr,
		"dsjob: talking to OCI needs %s (installed with dsjob), not found: %s, %s\n",
		HELPER, path[0], path[1]);
fail:
	/* diff's exit status 1 means "drifted"; trouble is 2 there (cmd_diff.c) */
	return strcmp(argv[1], "diff") == 0 ? 2 : EXIT_PROBLEM;
}

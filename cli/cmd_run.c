/* dsjob run: the local run (cmd_run_local.c) for now; remote runs will be added
 * beside it. */
#include <string.h>

#include "cli.h"

int cmd_run(struct cli *c, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--local") == 0)
			return cmd_run_local(c, argc, argv);
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return print_usage(stdout, "run"), -1;
	}
	return usage_error("%s", "dsjob run needs --local: it runs the job on this machine");
}

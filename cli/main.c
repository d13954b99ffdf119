/* dsjob: the command-line shell over libdsjob. Reads files, parses options,
 * prints; every conversion is the library's. Each command is one cmd_*.c and one
 * line in the table below. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "oci_cli.h"

static const struct command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
} commands[] = {
	/* clang-format off */
	{"translate", cmd_convert},
	{"extract", cmd_convert},
	{"validate", cmd_validate},
	{"--jsonl", cmd_batch},
	{"artifact", cmd_artifact},
	{"apply", cmd_apply},
	{"run", cmd_run},
	{"watch", cmd_watch},
	{"cancel", cmd_cancel},
	{"get", cmd_get},
	{"diff", cmd_diff},
	{"schema", cmd_schema},
	/* clang-format on */
};

int main(int argc, char **argv)
{
	struct cli c = {0};
	dsj_options_init(&c.opts, DSJ_OPTIONS_VERSION);
	if (argc < 2)
		return print_usage(stderr, NULL), EXIT_USAGE;
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0)
		return print_usage(stdout, NULL), fputs(oci_usage_main, stdout), 0;
	if (strcmp(cmd, "--version") == 0)
		return printf("dsjob %s (matches %s)\n", dsj_version(), DSJ_ADS_VERSIONS), 0;
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(cmd, commands[i].name) == 0) {
			c.command = cmd;
			int rc = commands[i].run(&c, argc - 1, argv + 1);
			return rc < 0 ? 0 : rc;
		}
	}
	return usage_error("unknown command '%s'", cmd);
}

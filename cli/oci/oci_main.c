/* The command lines that talk to OCI (main.c picks them out), run in this
 * process: the dsjob-oci helper's, and the whole CLI's when it is linked
 * dynamically. */
#include "oci_cli.h"

static const struct command commands[] = {
	/* clang-format off */
	{"apply", cmd_apply},
	{"run", cmd_run},
	{"watch", cmd_watch},
	{"cancel", cmd_cancel},
	{"get", cmd_get},
	{"diff", cmd_diff_live},
	/* clang-format on */
};

int oci_main(struct cli *c, int argc, char **argv)
{
	const struct command *command =
		command_find(commands, sizeof(commands) / sizeof(commands[0]), argv[1]);
	return command ? command->run(c, argc - 1, argv + 1)
		       : usage_error("unknown command '%s'", argv[1]);
}

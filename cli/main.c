/* dsjob: the command-line shell over libdsjob. Reads files, parses options,
 * prints; every conversion is the library's. Each command is one cmd_*.c and one
 * line in the table below; the command lines that talk to OCI go to oci_main
 * (cli.h). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct command commands[] = {
	/* clang-format off */
	{"translate", cmd_convert},
	{"extract", cmd_convert},
	{"validate", cmd_validate},
	{"--jsonl", cmd_batch},
	{"artifact", cmd_artifact},
	{"run", cmd_run_local}, /* run --local; without it, OCI's */
	{"diff", cmd_diff},     /* diff FILE JOB.json; with --job-id, OCI's */
	{"schema", cmd_schema},
	/* clang-format on */
};

const struct command *command_find(const struct command *table, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, table[i].name) == 0)
			return &table[i];
	return NULL;
}

/* Whether argv has the option `name`, or `name=VALUE` when it takes a value. */
static int has_option(int argc, char **argv, const char *name, int takes_value)
{
	size_t n = strlen(name);
	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], name, n) == 0 &&
		    (argv[i][n] == '\0' || (takes_value && argv[i][n] == '=')))
			return 1;
	return 0;
}

/* Whether the command line (argv[0] the command) talks to OCI. */
static int talks_to_oci(int argc, char **argv)
{
	static const char *const always[] = {"apply", "watch", "cancel", "get"};
	for (size_t i = 0; i < sizeof(always) / sizeof(always[0]); i++)
		if (strcmp(argv[0], always[i]) == 0)
			return 1;
	if (strcmp(argv[0], "run") == 0)
		return !has_option(argc, argv, "--local", 0);
	if (strcmp(argv[0], "diff") == 0)
		return has_option(argc, argv, "--job-id", 1);
	return 0;
}

int main(int argc, char **argv)
{
	struct cli c = {0};
	c.argc = argc;
	c.argv = argv;
	dsj_options_init(&c.opts, DSJ_OPTIONS_VERSION);
	if (argc < 2)
		return print_usage(stderr, NULL), EXIT_USAGE;
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0)
		return print_usage(stdout, NULL), fputs(oci_usage_main, stdout), 0;
	if (strcmp(cmd, "--version") == 0)
		return printf("dsjob %s (matches %s)\n", dsj_version(), DSJ_ADS_VERSIONS), 0;
	c.command = cmd;
	int rc;
	const struct command *local =
		command_find(commands, sizeof(commands) / sizeof(commands[0]), cmd);
	if (talks_to_oci(argc - 1, argv + 1))
		rc = oci_main(&c, argc, argv);
	else if (local)
		rc = local->run(&c, argc - 1, argv + 1);
	else
		return usage_error("unknown command '%s'", cmd);
	return rc < 0 ? 0 : rc;
}

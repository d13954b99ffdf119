/* dsjob validate. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static void report_problem(const struct dsj_error *err, void *cli)
{
	pending_add(cli, err, 0);
}

/* Validates one file; returns its problems (errors, and warnings with --strict). */
static size_t validate_file(struct cli *c, const char *file)
{
	char *input = NULL, why[256];
	size_t len = 0;
	c->current = file;
	c->warnings = 0;
	if (read_input(file, max_input(c), &input, &len, why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", file, why);
		return 1;
	}
	size_t problems = 0;
	int rc = dsj_validate(&problems, input, len, &c->opts, report_problem, c);
	pending_flush(c);
	if (rc == DSJ_ENOMEM) /* the other failures were reported */
		fprintf(stderr, "dsjob: %s\n", dsj_strerror(rc));
	if (rc)
		problems++;
	free(input);
	return problems + (c->strict ? c->warnings : 0);
}

static int validate(struct cli *c, int nfiles, char **files)
{
	if (nfiles == 0)
		return usage_error("%s", "validate needs at least one FILE");
	c->opts.warn_ctx = c;
	size_t problems = 0, bad_files = 0, warnings = 0;
	for (int i = 0; i < nfiles; i++) {
		size_t n = validate_file(c, files[i]);
		problems += n;
		bad_files += n > 0;
		warnings += c->strict ? 0 : c->warnings;
	}
	if (!c->quiet) {
		fprintf(stderr, "%zu problem%s in %zu file%s", problems, problems == 1 ? "" : "s",
			bad_files, bad_files == 1 ? "" : "s");
		if (warnings)
			fprintf(stderr, ", %zu warning%s", warnings, warnings == 1 ? "" : "s");
		fprintf(stderr, " (%d checked)\n", nfiles);
	}
	return problems ? EXIT_PROBLEM : 0;
}

int cmd_validate(struct cli *c, int argc, char **argv)
{
	char **files = calloc((size_t)argc + 1, sizeof(char *));
	int nfiles = 0;
	if (!files)
		return EXIT_PROBLEM;
	c->opts.warn = cli_warning;
	int rc = parse_options(c, argc - 1, argv + 1, files, &nfiles);
	if (rc == 0)
		rc = validate(c, nfiles, files);
	free(files);
	return rc;
}

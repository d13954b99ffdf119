/* dsjob validate. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static void report_problem(const struct dsj_error *err, void *file)
{
	report(file, err);
}

static int validate(struct cli *c, int nfiles, char **files)
{
	int status = 0;
	if (nfiles == 0)
		return usage_error("%s", "validate needs at least one FILE");
	for (int i = 0; i < nfiles; i++) {
		char *input = NULL, why[256];
		size_t len = 0;
		c->opts.warn_ctx = &files[i];
		if (read_input(files[i], max_input(c), &input, &len, why, sizeof(why))) {
			fprintf(stderr, "%s: %s\n", files[i], why);
			status = EXIT_PROBLEM;
			continue;
		}
		size_t problems = 0;
		int rc = dsj_validate(&problems, input, len, &c->opts, report_problem, files[i]);
		if (rc == DSJ_ENOMEM) /* the other failures were reported */
			fprintf(stderr, "dsjob: %s\n", dsj_strerror(rc));
		if (rc)
			problems++;
		if (problems)
			status = EXIT_PROBLEM;
		free(input);
	}
	return status;
}

int cmd_validate(struct cli *c, int argc, char **argv)
{
	char **files = calloc((size_t)argc + 1, sizeof(char *));
	int nfiles = 0;
	if (!files)
		return EXIT_PROBLEM;
	c->opts.warn = report_warning;
	int rc = parse_options(c, argc - 1, argv + 1, files, &nfiles);
	if (rc == 0)
		rc = validate(c, nfiles, files);
	free(files);
	return rc;
}

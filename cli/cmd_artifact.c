/* dsjob artifact: build the job artifact a runtime or job YAML refers to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct artifact_args {
	struct dsj_artifact_options build;
	const char *file;
	int json;
};

static int parse_value_option(struct cli *c, struct artifact_args *a, const char *opt,
			      const char *v)
{
	if (strcmp(opt, "-o") == 0)
		a->build.out_dir = v;
	else if (strcmp(opt, "--driver-dir") == 0)
		a->build.driver_dir = v;
	else if (strcmp(opt, "--region") == 0)
		c->opts.region = v;
	else if (strcmp(opt, "--output") == 0 && (strcmp(v, "json") == 0 || strcmp(v, "text") == 0))
		a->json = strcmp(v, "json") == 0;
	else if (strcmp(opt, "--output") == 0)
		return usage_error("--output takes json or text, not '%s'", v);
	else
		return 1;
	return 0;
}

static int parse_artifact_args(struct cli *c, struct artifact_args *a, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0)
			return fputs(command_usage("artifact"), stdout), -1;
		if (strcmp(opt, "--list") == 0) {
			a->build.list_only = 1;
			continue;
		}
		int rc = set_limit(c, opt, v);
		if (rc == 1 && opt[0] == '-' && opt[1]) {
			rc = v ? parse_value_option(c, a, opt, v) : 1;
			if (rc == 1)
				return usage_error(v ? "unknown option '%s'" : "%s needs a value",
						   opt);
		} else if (rc == 1) {
			if (a->file)
				return usage_error("%s", "only one FILE, please");
			a->file = opt;
			continue;
		}
		if (rc)
			return rc;
		i++;
	}
	if (!a->file)
		return usage_error("%s", "artifact needs the job or runtime YAML FILE");
	return 0;
}

static int print_result(const struct artifact_args *a, const struct dsj_artifact *art)
{
	if (a->json) {
		char *json = NULL;
		size_t len = 0;
		if (dsj_artifact_to_json(&json, &len, art))
			return fputs("dsjob: out of memory\n", stderr), EXIT_PROBLEM;
		printf("%s\n", json);
		dsj_free(json);
	} else if (a->build.list_only) {
		for (size_t i = 0; i < art->entry_count; i++)
			printf("%s\n", art->entries[i]);
	} else {
		printf("%s\n", art->path);
	}
	return fflush(stdout) ? EXIT_PROBLEM : 0;
}

int cmd_artifact(struct cli *c, int argc, char **argv)
{
	struct artifact_args a = {.json = 0};
	dsj_artifact_options_init(&a.build);
	int rc = parse_artifact_args(c, &a, argc, argv);
	if (rc)
		return rc;
	char *input = NULL, why[256];
	size_t len = 0;
	if (read_input(a.file, max_input(c), &input, &len, why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", a.file, why);
		return EXIT_PROBLEM;
	}
	c->opts.warn = report_warning;
	c->opts.warn_ctx = &a.file;
	a.build.convert = &c->opts;
	a.build.warn = report_warning;
	a.build.warn_ctx = &a.file;
	struct dsj_artifact *art = NULL;
	struct dsj_error err;
	rc = dsj_artifact_build(&art, input, len, &a.build, &err);
	free(input);
	if (rc) {
		report(a.file, &err);
		return rc == DSJ_EUSAGE ? EXIT_USAGE : EXIT_PROBLEM;
	}
	rc = print_result(&a, art);
	dsj_artifact_free(art);
	return rc;
}

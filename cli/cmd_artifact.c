/* dsjob artifact: build the job artifact a runtime or job YAML refers to. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct artifact_args {
	struct dsj_artifact_options build;
	struct source_fetch remote;
	const char *file;
	int json;
};

static int value_option(struct cli *c, void *ctx, const char *opt, const char *v)
{
	struct artifact_args *a = ctx;
	int ads = set_ads_option(c, opt, v);
	if (ads != 1)
		return ads;
	int oci = source_fetch_option(&a->remote, opt, v);
	if (oci != 1)
		return oci;
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

static int flag_option(void *ctx, const char *opt)
{
	struct artifact_args *a = ctx;
	if (source_fetch_flag(&a->remote, opt) == 0)
		return 0;
	if (strcmp(opt, "--list") != 0)
		return 1;
	a->build.list_only = 1;
	return 0;
}

static int print_result(const struct artifact_args *a, const struct dsj_artifact *art)
{
	if (!art->upload_name)
		fprintf(stderr,
			"dsjob: %s: this job has no artifact to upload (ADS 2.15 uploads "
			"none for a container runtime without scriptPathURI)\n",
			a->file);
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
	} else if (art->path) {
		printf("%s\n", art->path);
	}
	return fflush(stdout) ? EXIT_PROBLEM : 0;
}

int cmd_artifact(struct cli *c, int argc, char **argv)
{
	struct artifact_args a = {.build = DSJ_ARTIFACT_OPTIONS_INIT};
	source_fetch_init(&a.remote, c);
	a.build.fetch = source_fetch_fn();
	a.build.fetch_ctx = &a.remote;
	struct arg_handlers h = {flag_option, value_option, &a};
	int rc = parse_command_args(c, argc, argv, &h, &a.file);
	if (rc)
		return rc;
	char *input = NULL, why[256];
	size_t len = 0;
	if (read_input(a.file, max_input(c), &input, &len, why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", a.file, why);
		return EXIT_PROBLEM;
	}
	if (!a.build.fetch && source_needs_oci(c, input, len)) {
		free(input);
		return source_hand_over(c, a.file);
	}
	c->opts.warn = report_warning;
	c->opts.warn_ctx = &a.file;
	a.build.convert = &c->opts;
	a.build.warn = report_warning;
	a.build.warn_ctx = &a.file;
	struct dsj_artifact *art = NULL;
	struct dsj_error err;
	/* Ctrl-C waits for the build: it then ends dsjob with a whole artifact or none,
	 * never a half-written temporary file. */
	sigset_t stops, before;
	sigemptyset(&stops);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGHUP);
	sigprocmask(SIG_BLOCK, &stops, &before);
	rc = dsj_artifact_build(&art, input, len, &a.build, &err);
	sigprocmask(SIG_SETMASK, &before, NULL);
	source_fetch_end(&a.remote);
	free(input);
	if (rc) {
		report(a.file, &err);
		return rc == DSJ_EUSAGE ? EXIT_USAGE : EXIT_PROBLEM;
	}
	rc = print_result(&a, art);
	dsj_artifact_free(art);
	return rc;
}

/* dsjob run --local: the job on this machine, as the service would run it. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

struct run_args {
	struct dsj_local_options run;
	struct source_fetch remote;
	const char *file;
	const char **env;
};

/* MIN: a positive decimal number of minutes ("0.5" = 30 s). */
static int set_timeout(struct run_args *r, const char *v)
{
	char *end = NULL;
	double minutes = strtod(v, &end);
	if (!*v || *end || !(minutes > 0) || minutes > 1e7)
		return usage_error("--timeout takes a number of minutes > 0, not '%s'", v);
	r->run.timeout_minutes = minutes;
	return 0;
}

static int value_option(struct cli *c, void *ctx, const char *opt, const char *v)
{
	struct run_args *r = ctx;
	int ads = set_ads_option(c, opt, v);
	if (ads != 1)
		return ads;
	int oci = source_fetch_option(&r->remote, opt, v);
	if (oci != 1)
		return oci;
	if (strcmp(opt, "--env") == 0)
		r->env[r->run.env_count++] = v;
	else if (strcmp(opt, "--args") == 0)
		r->run.args = v;
	else if (strcmp(opt, "--python") == 0)
		r->run.python = v;
	else if (strcmp(opt, "--workdir") == 0)
		r->run.workdir = v;
	else if (strcmp(opt, "--engine") == 0)
		r->run.engine = v;
	else if (strcmp(opt, "--driver-dir") == 0)
		r->run.driver_dir = v;
	else if (strcmp(opt, "--region") == 0)
		c->opts.region = v;
	else if (strcmp(opt, "--timeout") == 0)
		return set_timeout(r, v);
	else
		return 1;
	return 0;
}

static int flag_option(void *ctx, const char *opt)
{
	struct run_args *r = ctx;
	if (strcmp(opt, "--local") == 0 || source_fetch_flag(&r->remote, opt) == 0)
		return 0;
	if (strcmp(opt, "--keep") == 0)
		return r->run.keep = 1, 0;
	if (strcmp(opt, "--inherit-env") == 0)
		return r->run.inherit_env = 1, 0;
	return 1;
}

static void catch_stop_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static int run_local(struct cli *c, struct run_args *r)
{
	char *input = NULL, why[256];
	size_t len = 0;
	if (read_input(r->file, max_input(c), &input, &len, why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", r->file, why);
		return EXIT_PROBLEM;
	}
	if (!r->run.fetch && source_needs_oci(c, input, len)) {
		free(input);
		return source_hand_over(c, r->file);
	}
	c->opts.warn = report_warning;
	c->opts.warn_ctx = &r->file;
	r->run.convert = &c->opts;
	r->run.env = r->env;
	r->run.warn = report_warning;
	r->run.warn_ctx = &r->file;
	r->run.stop = &stop_requested;
	catch_stop_signals();
	fflush(stdout);
	int status = 0;
	char *kept = NULL;
	struct dsj_error err;
	int rc = dsj_local_run(&status, &kept, input, len, &r->run, &err);
	source_fetch_end(&r->remote);
	free(input);
	if (rc) {
		report(r->file, &err);
		return rc == DSJ_EUSAGE ? EXIT_USAGE : EXIT_PROBLEM;
	}
	if (status == 124)
		fprintf(stderr, "dsjob: the job run timed out\n");
	if (kept)
		fprintf(stderr, "dsjob: run folder: %s\n", kept);
	dsj_free(kept);
	return status;
}

int cmd_run_local(struct cli *c, int argc, char **argv)
{
	struct run_args r = {.run = DSJ_LOCAL_OPTIONS_INIT};
	source_fetch_init(&r.remote, c);
	r.run.fetch = source_fetch_fn();
	r.run.fetch_ctx = &r.remote;
	r.env = calloc((size_t)argc + 1, sizeof(char *));
	if (!r.env)
		return EXIT_PROBLEM;
	struct arg_handlers h = {flag_option, value_option, &r};
	int rc = parse_command_args(c, argc, argv, &h, &r.file);
	if (rc == 0)
		rc = run_local(c, &r);
	free(r.env);
	return rc < 0 ? 0 : rc;
}

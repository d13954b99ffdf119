/* Following a job run for run --watch and watch: log lines to stdout (stderr
 * with --output json, whose stdout is the final JobRun), state changes to
 * stderr, and Ctrl-C stopping the watch (the run goes on) with a word on how
 * to cancel it, or cancelling it first with --cancel-on-interrupt. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "oci_cli.h"

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

struct printing {
	int json;
};

static void on_log(const char *line, const char *state, void *ctx)
{
	const struct printing *p = ctx;
	progress_done();
	if (line) {
		fprintf(p->json ? stderr : stdout, "%s\n", line);
		fflush(p->json ? stderr : stdout);
	} else
		fprintf(stderr, "dsjob: job run %s\n", state);
}

static void on_log_problem(const struct dsj_error *why, void *ctx)
{
	(void)ctx;
	progress_done();
	fprintf(stderr, "dsjob: cannot read the job run's logs (still watching it): %s\n",
		why->message);
}

static int after_interrupt(dsj_oci_client *client, const struct oci_cli *oc, const char *run_id)
{
	struct dsj_error err;
	if (!oc->cancel_on_interrupt) {
		fprintf(stderr,
			"dsjob: stopped watching; the job run goes on. To cancel it: "
			"dsjob cancel %s\n",
			run_id);
		return DSJ_OCI_EXIT_STOPPED;
	}
	if (dsj_oci_job_run_cancel(client, run_id, &err))
		return oci_report(&err);
	fprintf(stderr, "dsjob: stopped watching and asked to cancel job run %s\n", run_id);
	return DSJ_OCI_EXIT_STOPPED;
}

static void print_final(dsj_oci_client *client, const char *run_id)
{
	char *run = NULL;
	struct dsj_error err;
	if (dsj_oci_job_run_get(client, run_id, &run, &err) == 0)
		printf("%s\n", run);
	else
		oci_report(&err);
	dsj_free(run);
}

int oci_watch_run(dsj_oci_client *client, const struct oci_cli *oc, const char *run_id)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);
	interrupted = 0;
	struct printing p = {oc->json};
	struct dsj_oci_watch w = {DSJ_OCI_OPTIONS_VERSION, 0, 0, &interrupted, on_log, &p,
				  on_log_problem};
	int code = 0;
	struct dsj_error err;
	int rc = dsj_oci_job_run_watch(client, run_id, &w, &code, &err);
	sigaction(SIGINT, &old, NULL);
	if (rc)
		return oci_report(&err);
	if (code == DSJ_OCI_EXIT_STOPPED && interrupted)
		return after_interrupt(client, oc, run_id);
	if (oc->json)
		print_final(client, run_id);
	return code;
}

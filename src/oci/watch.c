/* Watching a job run as ADS's watch() does: poll the run every few seconds,
 * pass on its new log lines and state changes, and after the run ends keep
 * reading the log for a while, because lines arrive late. Time is counted in
 * the pauses taken, so an injected sleep makes tests fast and exact. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oci/watch.h"
#include "util/diag.h"

#define POLL_MS 3000u
#define TAIL_MS 90000u
#define SLICE_MS 200u

struct watching {
	dsj_oci_client *c;
	const char *run_id;
	const struct dsj_oci_watch *w;
	struct log_source src;
	struct seen seen;
	char state[32];
	int exit_code; /* -1 while running */
	int logs_off;  /* reading the logs failed: the state is still followed */
};

static int stopped(const struct dsj_oci_watch *w)
{
	return w->stop && *w->stop;
}

/* Pauses in slices so that a stop request (Ctrl-C) is seen quickly. */
static void pause_watch(const struct watching *s, unsigned ms)
{
	for (unsigned done = 0; done < ms && !stopped(s->w); done += SLICE_MS) {
		unsigned slice = ms - done < SLICE_MS ? ms - done : SLICE_MS;
		if (s->c->o.sleep)
			s->c->o.sleep(slice, s->c->o.sleep_ctx);
		else {
			struct timespec ts = {0, (long)slice * 1000000L};
			nanosleep(&ts, NULL);
		}
	}
}

static void logs_failed(struct watching *s, const struct dsj_error *why)
{
	s->logs_off = 1;
	log_source_free(&s->src);
	if (s->w->on_log_problem)
		s->w->on_log_problem(why, s->w->ctx);
}

static int poll_run(struct watching *s, struct dsj_error *err)
{
	char *run = NULL;
	int rc = dsj_oci_job_run_get(s->c, s->run_id, &run, err);
	if (rc)
		return rc;
	size_t len = strlen(run);
	char *state = json_pick(run, len, "lifecycleState");
	if (state && strcmp(state, s->state) != 0) {
		snprintf(s->state, sizeof(s->state), "%s", state);
		if (s->w->on_log)
			s->w->on_log(NULL, s->state, s->w->ctx);
	}
	free(state);
	s->exit_code = dsj_oci_run_exit_code(run, len);
	struct dsj_error log_err = {0};
	if (!s->logs_off && log_source_find(s->c, run, len, s->run_id, &s->src, &log_err))
		logs_failed(s, &log_err);
	dsj_free(run);
	return 0;
}

/* New log lines; a failure is reported once and the logs are left alone. */
static void read_logs(struct watching *s)
{
	struct dsj_error log_err = {0};
	if (!s->logs_off && log_search_new(s->c, &s->src, &s->seen, s->w, &log_err))
		logs_failed(s, &log_err);
}

static int follow(struct watching *s, struct dsj_error *err)
{
	unsigned poll = s->w->poll_ms ? s->w->poll_ms : POLL_MS;
	unsigned tail = s->w->tail_ms ? s->w->tail_ms : TAIL_MS;
	int rc = 0, polls = 0;
	while (!rc && !stopped(s->w) && s->exit_code < 0) {
		polls++;
		rc = poll_run(s, err);
		if (!rc)
			read_logs(s);
		if (!rc && s->exit_code < 0)
			pause_watch(s, poll);
	}
	/* a run that had ended before we looked has all its lines already */
	if (polls == 1)
		tail = 0;
	for (unsigned waited = 0; !rc && s->src.query && waited < tail && !stopped(s->w);
	     waited += poll) {
		pause_watch(s, poll);
		read_logs(s);
	}
	return rc;
}

DSJ_API int dsj_oci_job_run_watch(dsj_oci_client *c, const char *run_id,
				  const struct dsj_oci_watch *w, int *exit_code,
				  struct dsj_error *err)
{
	diag_clear(err);
	*exit_code = DSJ_OCI_EXIT_STOPPED;
	if (!w || w->version < 1 || w->version > DSJ_OCI_OPTIONS_VERSION)
		return oci_fail(err, DSJ_EUSAGE, "dsj_oci_watch: unknown version");
	struct watching s = {.c = c, .run_id = run_id, .w = w, .exit_code = -1};
	int rc = follow(&s, err);
	if (!rc && s.exit_code >= 0)
		*exit_code = s.exit_code;
	log_source_free(&s.src);
	seen_free(&s.seen);
	return rc;
}

/* A whole-job conversion's state, and how its parts report a problem. Below
 * every job_*.c file: the parts (job_parts.h) and the entry points (job.h)
 * both build on it. */
#ifndef DSJ_JOB_CTX_H
#define DSJ_JOB_CTX_H

#include <stddef.h>
#include <time.h>

#include "doc/node.h"
#include "dsjob.h"

/* A conversion's state. With `report` set (validate), problems that do not
 * stop the conversion are passed to it and the checks go on; without it the
 * first problem fills `err` and ends the conversion. */
struct job_ctx {
	struct arena *a;
	const struct dsj_options *opts;
	const struct dsj_limits *limits;
	struct dsj_error *err;
	dsj_report_fn report;
	void *report_ctx;
	size_t problems;
	time_t now;
};

/* Records a problem at `at` under key path `path` (job_problem.c). Returns 0
 * when it was reported and the checks may go on, else the DSJ_E* code. */
int job_problem(struct job_ctx *j, const struct node *at, const char *path, const char *type,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A warning (the API may take it, but it likely is a mistake) at `at`, passed
 * to opts->warn when set (job_problem.c). */
void job_warning(struct job_ctx *j, const struct node *at, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif

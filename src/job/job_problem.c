/* A problem in a whole job: passed to the report callback (validate checks on)
 * or kept as the conversion's error (the first one wins). */
#include "job/job_ctx.h"

#include <stdarg.h>
#include <stdio.h>

#include "util/diag.h"

int job_problem(struct job_ctx *j, const struct node *at, const char *path, const char *type,
		const char *fmt, ...)
{
	struct dsj_error e;
	diag_clear(&e);
	char msg[DSJ_ERROR_MESSAGE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_node(&e, DSJ_EINPUT, at, path, type, "%s", msg);
	j->problems++;
	if (j->report) {
		j->report(&e, j->report_ctx);
		return 0;
	}
	if (!diag_is_set(j->err))
		*j->err = e;
	return DSJ_EINPUT;
}

void job_warning(struct job_ctx *j, const struct node *at, const char *path, const char *fmt, ...)
{
	if (!j->opts->warn)
		return;
	struct dsj_error w;
	diag_clear(&w);
	va_list ap;
	va_start(ap, fmt);
	diag_vnode(&w, DSJ_OK, at, path, "UserWarning", fmt, ap);
	va_end(ap);
	j->opts->warn(&w, j->opts->warn_ctx);
}

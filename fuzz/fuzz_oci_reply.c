/* What the client reads from the service's answers, on arbitrary bytes: error
 * bodies, JobRun states, log search pages, a job for CreateJobRun, JWTs,
 * ListObjects pages and the object names in them. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oci/watch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_log(const char *line, const char *state, void *ctx)
{
	(void)line;
	(void)state;
	(void)ctx;
}

static int on_object(void *ctx, const char *name, size_t len, struct dsj_error *err)
{
	(void)ctx;
	(void)err;
	object_name_unsafe(name, len);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct dsj_error err = {0};
	oci_error_from_reply(&err, 500, text, size, "id");
	dsj_oci_run_exit_code(text, size);
	free(json_pick(text, size, "logDetails.logId"));
	struct seen seen = {0};
	struct dsj_oci_watch w = {DSJ_OCI_OPTIONS_VERSION, 0, 0, NULL, on_log, NULL, NULL};
	struct dsj_error err2 = {0};
	log_page_parse(text, size, &seen, &w, &err2);
	seen_free(&seen);
	char *body = NULL;
	size_t len = 0;
	const char *env[] = {"A=1"};
	struct dsj_oci_run_overrides ov = {DSJ_OCI_OPTIONS_VERSION, "n", env, 1, "x"};
	struct dsj_error err3 = {0};
	if (dsj_oci_run_body(&body, &len, text, size, &ov, &err3) == 0)
		dsj_free(body);
	jwt_expiry(text, size);
	char *next = NULL;
	struct dsj_error err5 = {0};
	object_page_parse(text, size, "b", on_object, NULL, &next, &err5);
	free(next);
	/* drift: a body, a NUL, a live job */
	const char *nul = memchr(text, '\0', size);
	size_t body_len = nul ? (size_t)(nul - text) : size;
	const char *live = nul ? nul + 1 : text;
	size_t live_len = nul ? size - body_len - 1 : size;
	size_t drifts = 0;
	struct dsj_error err4 = {0};
	if (dsj_oci_job_drift(&body, &len, &drifts, text, body_len, live, live_len, (int)(size & 1),
			      &err4) == 0)
		dsj_free(body);
	return 0;
}

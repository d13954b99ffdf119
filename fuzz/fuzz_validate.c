/* dsj_validate on arbitrary bytes (runtime or job YAML, with or without a
 * region). It must agree with dsj_translate: when the translation fails, its
 * error is among the problems validate reports (validate also checks the OCI
 * service limits, which translate leaves to the service, so it may report
 * more); every problem has a code and a message. Aborts otherwise. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsjob.h"
#include "fuzz_options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	const struct dsj_error *wanted; /* translate's error, or NULL */
	bool found;
};

static void each_problem(const struct dsj_error *e, void *ctx)
{
	struct seen *s = ctx;
	if (s->wanted && strcmp(s->wanted->message, e->message) == 0 &&
	    strcmp(s->wanted->path, e->path) == 0 && strcmp(s->wanted->type, e->type) == 0)
		s->found = true;
	if (!e->message[0] || e->code == DSJ_OK) {
		fprintf(stderr, "fuzz_validate: a problem without a code or message (%s)\n",
			e->message);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dsj_options opts;
	fuzz_options(&opts, size);
	char *out = NULL;
	size_t len = 0;
	struct dsj_error err;
	int rc = dsj_translate(&out, &len, NULL, (const char *)data, size, &opts, &err);
	dsj_free(out);
	if (rc == DSJ_ENOMEM)
		return 0;
	struct seen seen = {.wanted = rc ? &err : NULL};
	size_t problems = 0;
	if (dsj_validate(&problems, (const char *)data, size, &opts, each_problem, &seen))
		return 0; /* out of memory */
	if (rc && !seen.found) {
		fprintf(stderr,
			"fuzz_validate: translate fails (%s: %s: %s), validate reports %zu "
			"problems, not that one\n",
			err.path, err.type, err.message, problems);
		abort();
	}
	return 0;
}

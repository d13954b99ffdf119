/* dsj_explain and the warnings on arbitrary bytes. Laws: explain succeeds
 * exactly when translate does, and then gives every line a source (" ← ");
 * warnings (opts.warn) never change the payload, and each has code DSJ_OK and
 * a message. Aborts otherwise. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsjob.h"
#include "fuzz_options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_warning(const struct dsj_error *w, void *ctx)
{
	(void)ctx;
	if (w->code != DSJ_OK || !w->message[0]) {
		fprintf(stderr, "fuzz_explain: a warning with code %d, message '%s'\n", w->code,
			w->message);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dsj_options opts;
	fuzz_options(&opts, size);
	const char *input = (const char *)data;
	char *plain = NULL, *warned = NULL, *explained = NULL;
	size_t plain_len = 0, warned_len = 0;
	struct dsj_error err;
	int rc = dsj_translate(&plain, &plain_len, NULL, input, size, &opts, &err);
	opts.warn = check_warning;
	int wrc = dsj_translate(&warned, &warned_len, NULL, input, size, &opts, &err);
	int erc = dsj_explain(&explained, NULL, input, size, &opts, &err);
	if (rc != DSJ_ENOMEM && wrc != DSJ_ENOMEM && erc != DSJ_ENOMEM) {
		if (rc != wrc ||
		    (!rc && (plain_len != warned_len || memcmp(plain, warned, plain_len) != 0))) {
			fprintf(stderr, "fuzz_explain: warnings changed the answer\n");
			abort();
		}
		if ((rc == 0) != (erc == 0)) {
			fprintf(stderr, "fuzz_explain: translate %d, explain %d\n", rc, erc);
			abort();
		}
		for (const char *line = explained; !erc && line && *line;) {
			const char *end = strchr(line, '\n');
			size_t n = end ? (size_t)(end - line) : strlen(line);
			const char *arrow = strstr(line, " \xe2\x86\x90 ");
			if (!arrow || arrow > line + n) {
				fprintf(stderr, "fuzz_explain: a line without a source: %.*s\n",
					(int)n, line);
				abort();
			}
			line = end ? end + 1 : line + n;
		}
	}
	dsj_free(plain);
	dsj_free(warned);
	dsj_free(explained);
	return 0;
}

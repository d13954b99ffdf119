/* Batch requests on arbitrary bytes, split at the first newline into two
 * requests answered one after the other by one session (the memory of the
 * first is reused for the second). Each answer must be one line of JSON: an
 * object, {"error": {"type": str, "message": str, ...}} or a payload; and the
 * session's second answer must be byte for byte dsj_batch_answer's for the
 * same request alone. Aborts otherwise. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/json.h"
#include "dsjob.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *answer, size_t len)
{
	fprintf(stderr, "fuzz_batch: %s\n%.*s\n", what, (int)len, answer);
	abort();
}

static void check_answer(const char *answer, size_t len)
{
	if (memchr(answer, '\n', len))
		fail("the answer is not one line", answer, len);
	struct arena a;
	arena_init(&a, 0);
	struct node *root = NULL;
	struct dsj_limits lim;
	limits_resolve(&lim, NULL);
	lim.max_input_bytes = lim.max_scalar_bytes = (size_t)1 << 30;
	if (json_read(&root, answer, len, &a, &lim, 0, NULL) || root->kind != NODE_MAP)
		fail("the answer is not a JSON object", answer, len);
	const struct node *err = map_get(root, "error");
	if (err && root->u.map.count == 1) {
		const struct node *type = map_get(err, "type"), *msg = map_get(err, "message");
		if (err->kind != NODE_MAP || !type || type->kind != NODE_STR || !type->u.str.len ||
		    !msg || msg->kind != NODE_STR)
			fail("an error answer without a type and a message", answer, len);
	}
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nl = memchr(text, '\n', size);
	size_t first = nl ? (size_t)(nl - text) : size;
	const char *second = nl ? nl + 1 : text;
	size_t second_len = nl ? size - first - 1 : size;

	struct dsj_options opts;
	dsj_options_init(&opts, DSJ_OPTIONS_VERSION);
	opts.cwd = "/";
	opts.home = "/home/datascience";
	opts.now = 1700000000; /* generated job names depend on the time */
	struct dsj_batch *b = NULL;
	if (dsj_batch_new(&b, &opts))
		return 0;
	const char *answer;
	size_t len;
	if (dsj_batch_next(b, &answer, &len, text, first) == 0)
		check_answer(answer, len);
	if (dsj_batch_next(b, &answer, &len, second, second_len) == 0) {
		check_answer(answer, len);
		char *alone = NULL;
		size_t alone_len = 0;
		if (dsj_batch_answer(&alone, &alone_len, second, second_len, &opts) == 0 &&
		    (alone_len != len || memcmp(alone, answer, len) != 0))
			fail("a reused session answers otherwise than a fresh one", answer, len);
		dsj_free(alone);
	}
	dsj_batch_free(b);
	return 0;
}

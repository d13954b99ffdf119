/* JSON reader on arbitrary bytes; what it reads must survive the writer: the
 * text written (indented or not, ASCII or not) reads back to an equal tree,
 * and writing that tree again gives the same text. Aborts otherwise. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/json.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok, const char *what, const struct buf *text)
{
	if (ok)
		return;
	fprintf(stderr, "fuzz_json: %s\n%.*s\n", what, (int)text->len, text->data);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct dsj_limits lim, big;
	struct dsj_error err;
	struct node *root = NULL, *again = NULL;
	arena_init(&a, 0);
	limits_resolve(&lim, NULL);
	big = lim;
	big.max_input_bytes = (size_t)1 << 30; /* indenting makes the text longer */
	diag_clear(&err);
	unsigned flags = size && (data[0] & 1) ? JSON_READ_NONFINITE : 0;
	unsigned wflags = (size && (data[0] & 2) ? JSON_PRETTY : 0) |
			  (size && (data[0] & 4) ? JSON_ASCII : 0);
	if (json_read(&root, (const char *)data, size, &a, &lim, flags, &err) == 0) {
		struct buf b, b2;
		buf_init(&b, 0);
		buf_init(&b2, 0);
		check(json_write(&b, root, wflags, NULL) == 0 && !b.failed, "write failed", &b);
		/* the writer spells non-finite floats NaN / Infinity, as Python */
		check(json_read(&again, b.data ? b.data : "", b.len, &a, &big, JSON_READ_NONFINITE,
				&err) == 0,
		      "the written text does not read back", &b);
		check(node_equal(root, again, true), "read back, the tree differs", &b);
		check(json_write(&b2, again, wflags, NULL) == 0 && b2.len == b.len &&
			      (b.len == 0 || memcmp(b.data, b2.data, b.len) == 0),
		      "written twice, the texts differ", &b);
		buf_free(&b);
		buf_free(&b2);
	}
	arena_free(&a);
	return 0;
}

/* JSON reader on arbitrary bytes, then the writer on what it read. */
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"
#include "doc/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct dsj_limits lim;
	struct dsj_error err;
	struct node *root = NULL;
	arena_init(&a, 0);
	limits_resolve(&lim, NULL);
	diag_clear(&err);
	unsigned flags = size && (data[0] & 1) ? JSON_READ_NONFINITE : 0;
	if (json_read(&root, (const char *)data, size, &a, &lim, flags, &err) == 0) {
		struct buf b;
		buf_init(&b, 0);
		json_write(&b, root, JSON_PRETTY, NULL);
		buf_free(&b);
	}
	arena_free(&a);
	return 0;
}

/* shlex.split on arbitrary bytes; whatever splits must survive quote + split. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "py/shlex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 0);
	struct node *args = NULL, *again = NULL;
	const char *msg = NULL;
	if (shlex_split(&a, (const char *)data, size, &args, &msg) == 0) {
		struct buf line;
		buf_init(&line, 0);
		for (size_t i = 0; i < args->u.seq.count; i++) {
			if (i)
				buf_putc(&line, ' ');
			shlex_quote(&line, args->u.seq.items[i]->u.str.ptr,
				    args->u.seq.items[i]->u.str.len);
		}
		if (!line.failed && shlex_split(&a, buf_cstr(&line), line.len, &again, &msg) == 0) {
			if (again->u.seq.count != args->u.seq.count)
				abort();
			for (size_t i = 0; i < args->u.seq.count; i++) {
				struct str x = args->u.seq.items[i]->u.str,
					   y = again->u.seq.items[i]->u.str;
				if (x.len != y.len || memcmp(x.ptr, y.ptr, x.len) != 0)
					abort();
			}
		}
		buf_free(&line);
	}
	arena_free(&a);
	return 0;
}

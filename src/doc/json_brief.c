/* A value as one line of JSON for a message, cut after `max` bytes. */
#include "doc/json.h"

void json_brief(struct buf *out, const struct node *v, size_t max)
{
	struct buf b;
	buf_init(&b, 0);
	struct dsj_error e = {0};
	if (json_write(&b, v, 0, &e) || b.failed)
		buf_puts(out, "?");
	else if (max && b.len > max)
		buf_printf(out, "%.*s...", (int)max, buf_cstr(&b));
	else
		buf_append(out, b.data, b.len);
	buf_free(&b);
}

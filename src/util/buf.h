/* Growable byte buffer with a hard maximum (so hostile input cannot make it
 * grow without bound). Once an append fails the buffer stays failed and every
 * later append is a no-op: check buf.failed once at the end. */
#ifndef DSJ_BUF_H
#define DSJ_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated when len > 0 or after buf_cstr() */
	size_t len;
	size_t cap;
	size_t max; /* 0 = default (256 MiB) */
	bool failed;
};

void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
bool buf_append(struct buf *b, const void *data, size_t len);
bool buf_puts(struct buf *b, const char *s);
bool buf_putc(struct buf *b, char c);
/* Room for n more bytes at the end: returns where to write them (len grows by
 * n; the caller fills them all), or NULL when the buffer failed. */
char *buf_extend(struct buf *b, size_t n);
bool buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Always returns a NUL-terminated string ("" for an empty or failed buffer). */
const char *buf_cstr(struct buf *b);
/* Hands the data to the caller (malloc'd, NUL-terminated) and resets b. NULL on failure. */
char *buf_detach(struct buf *b, size_t *len);

#endif

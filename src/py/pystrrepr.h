/* Python's repr() of a str, for error messages that quote values with %r. */
#ifndef DSJ_PYSTRREPR_H
#define DSJ_PYSTRREPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Decodes one UTF-8 character at s (len > 0). Returns its length in bytes, or
 * 0 when the bytes there are not valid UTF-8 (overlong, surrogate, truncated). */
size_t py_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* str.isprintable() for one code point (Unicode 14.0, as Python 3.11). */
bool py_char_printable(uint32_t cp);

/* Appends repr(s) for the UTF-8 text s: single quotes unless s holds ' and no ",
 * backslash escapes for \\ \t \n \r and the quote, \xNN / \uNNNN / \UNNNNNNNN
 * for what is not printable. Bytes that are not valid UTF-8 come out as \xNN.
 * Returns false when the buffer failed. */
bool py_str_repr(struct buf *out, const char *s, size_t len);

#endif

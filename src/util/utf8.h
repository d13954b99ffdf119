/* Strict UTF-8 (RFC 3629): no overlong forms, no encoded surrogates, nothing
 * above U+10FFFF, no truncated sequences. */
#ifndef DSJ_UTF8_H
#define DSJ_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s; returns the bytes it takes (1-4), or 0 when the
 * bytes at s are not a valid sequence (or len is 0). */
size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* For an invalid sequence at s: how many of its bytes are a valid prefix (at
 * least 1). Python's decoder reports this range in UnicodeDecodeError, and the
 * sequence is truncated rather than wrong when prefix == len. */
size_t utf8_valid_prefix(const unsigned char *s, size_t len);

/* Whether all of [s, s+len) is valid UTF-8. */
bool utf8_valid(const char *s, size_t len);

/* Writes cp (a scalar value, not a surrogate) to out; returns 1-4. */
size_t utf8_encode(uint32_t cp, char out[4]);

#endif

/* JSON reader and writers over the node tree. */
#ifndef DSJ_JSON_H
#define DSJ_JSON_H

#include "util/buf.h"
#include "dsjob.h"
#include "doc/node.h"

enum json_read_flags {
	/* Accept NaN, Infinity and -Infinity as Python's json.loads does. */
	JSON_READ_NONFINITE = 1u << 0,
};

/* Strict RFC 8259 (UTF-8 checked, no trailing garbage, duplicate keys keep the
 * last value at the first position, like Python). Integers of any size become
 * NODE_INT with exact text; numbers with a fraction or exponent NODE_FLOAT.
 * Errors: err->type "JSONDecodeError", with line and column. */
int json_read(struct node **out, const char *input, size_t len, struct arena *a,
	      const struct dsj_limits *lim, unsigned flags, struct dsj_error *err);

enum json_write_flags {
	JSON_PRETTY = 1u << 0, /* indent 2, one member per line */
	JSON_ASCII = 1u << 1,  /* \uXXXX for non-ASCII (Python ensure_ascii) */
};

/* Our own output: separators ", " / ": " on one line, or JSON_PRETTY.
 * Floats as Python repr; NaN/Infinity as Python writes them. Dates, datetimes
 * and bytes are not JSON: returns -1 with a TypeError in err
 * ("Object of type date is not JSON serializable"). */
int json_write(struct buf *out, const struct node *n, unsigned flags, struct dsj_error *err);

/* Python's json.dumps(n) with default arguments: ensure_ascii, ", " and ": ",
 * NaN/Infinity, non-string keys converted as Python does (1 -> "1",
 * True -> "true", None -> "null", 1.5 -> "1.5"). Same errors as json_write. */
int py_json_dumps(struct buf *out, const struct node *n, struct dsj_error *err);

/* `n` as one line of JSON (json_write's form), cut to `max` bytes and "..."
 * (0: whole), for messages; "?" for what JSON cannot carry. */
void json_brief(struct buf *out, const struct node *n, size_t max);

#endif

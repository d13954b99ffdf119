/* Python's shlex.quote and shlex.split (POSIX mode). */
#ifndef DSJ_SHLEX_H
#define DSJ_SHLEX_H

#include "util/buf.h"
#include "doc/node.h"

/* Appends shlex.quote(s): bare when s is non-empty and only [A-Za-z0-9_@%+=:,./-]
 * (ASCII), "''" when empty, else '...' with each ' written as '"'"'. */
int shlex_quote(struct buf *out, const char *s, size_t len);

/* shlex.split(s) (posix=True, comments=False): *out is a NODE_SEQ of NODE_STR.
 * On error returns -1 and sets *errmsg to Python's message: "No closing
 * quotation" or "No escaped character". */
int shlex_split(struct arena *a, const char *s, size_t len, struct node **out, const char **errmsg);

#endif

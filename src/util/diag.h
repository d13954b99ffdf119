/* Filling the caller's struct dsj_error. The first problem wins: later calls
 * leave a filled error alone, so a deep failure keeps its precise location. */
#ifndef DSJ_DIAG_H
#define DSJ_DIAG_H

#include <stdarg.h>

#include "doc/node.h"
#include "dsjob.h"

/* Python exception class names, as the reference raises them. */
#define PY_VALUE_ERROR "ValueError"
#define PY_TYPE_ERROR "TypeError"
#define PY_ATTRIBUTE_ERROR "AttributeError"
#define PY_KEY_ERROR "KeyError"
#define PY_NOT_IMPLEMENTED "NotImplementedError"

/* Records a problem at node `at` (may be NULL) under key path `path` (may be
 * NULL). Returns `code` so callers can `return diag_node(...)`. */
int diag_node(struct dsj_error *err, int code, const struct node *at, const char *path,
	      const char *type, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* diag_node with a va_list, for wrappers that build the key path themselves. */
int diag_vnode(struct dsj_error *err, int code, const struct node *at, const char *path,
	       const char *type, const char *fmt, va_list ap);
int diag_at(struct dsj_error *err, int code, unsigned line, unsigned col, const char *path,
	    const char *type, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
int diag_nomem(struct dsj_error *err);
/* True when err already holds a problem. */
bool diag_is_set(const struct dsj_error *err);
void diag_clear(struct dsj_error *err);

/* The effective limits: defaults for zero fields. */
void limits_resolve(struct dsj_limits *out, const struct dsj_limits *in);

/* DSJ_EUSAGE (in err) when the caller's options have an unknown version or an
 * enum field outside its values, else 0. */
int options_check(const struct dsj_options *o, struct dsj_error *err);

#endif

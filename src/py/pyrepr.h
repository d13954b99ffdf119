/* Python's str() of values. */
#ifndef DSJ_PYREPR_H
#define DSJ_PYREPR_H

#include "util/buf.h"
#include "doc/node.h"

/* repr(float): shortest string that round-trips, Python's exponent rules
 * ("1500.0", "1e-05", "1e+16", "0.0001", "inf", "-inf", "nan"). Writes at
 * most size-1 chars + NUL; returns the length. size >= 32 is always enough. */
int py_float_repr(char *dst, size_t size, double v);

/* str() of a scalar node: True/False/None, int decimal, float repr, str as is,
 * date "2001-12-14", datetime "2001-12-14 21:59:43[.100000][+00:00]".
 * Returns -1 (writing nothing) for lists, dicts and bytes, whose str() is a
 * Python repr that dsjob does not reproduce. */
int py_str(struct buf *out, const struct node *n);

#endif

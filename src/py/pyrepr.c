#include "py/pyrepr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Shortest decimal digits that read back as v: the first precision whose
 * %e form round-trips. glibc's printf and strtod are correctly rounded, so this
 * matches the digits of Python's repr (David Gay's shortest mode). */
static int shortest_digits(double v, char *digits, int *exp10)
{
	char tmp[40];
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	/* tmp is "d[.ddd]e[+-]XX" (v is positive here) */
	int n = 0;
	const char *p = tmp;
	for (; *p && *p != 'e'; p++)
		if (*p != '.')
			digits[n++] = *p;
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
	*exp10 = (int)strtol(p + 1, NULL, 10); /* snprintf wrote it: well formed */
	return n;
}

int py_float_repr(char *dst, size_t size, double v)
{
	if (isnan(v))
		return snprintf(dst, size, "nan");
	if (isinf(v))
		return snprintf(dst, size, v < 0 ? "-inf" : "inf");
	if (v == 0.0)
		return snprintf(dst, size, signbit(v) ? "-0.0" : "0.0");

	char digits[24];
	int exp10;
	const char *sign = v < 0 ? "-" : "";
	int n = shortest_digits(fabs(v), digits, &exp10);
	int decpt = exp10 + 1; /* digits[0..decpt) are the integer part */
	char out[64];
	int len = 0;

	if (decpt <= -4 || decpt > 16) {
		len = snprintf(out, sizeof(out), "%s%c", sign, digits[0]);
		if (n > 1)
			len += snprintf(out + len, sizeof(out) - (size_t)len, ".%s", digits + 1);
		len += snprintf(out + len, sizeof(out) - (size_t)len, "e%c%02d",
				exp10 < 0 ? '-' : '+', abs(exp10));
	} else if (decpt <= 0) {
		len = snprintf(out, sizeof(out), "%s0.%.*s%s", sign, -decpt, "0000", digits);
	} else if (decpt >= n) {
		len = snprintf(out, sizeof(out), "%s%s%.*s.0", sign, digits, decpt - n,
			       "0000000000000000");
	} else {
		len = snprintf(out, sizeof(out), "%s%.*s.%s", sign, decpt, digits, digits + decpt);
	}
	return snprintf(dst, size, "%.*s", len, out);
}

static int tz_str(struct buf *out, int minutes)
{
	char sign = minutes < 0 ? '-' : '+';
	int m = abs(minutes);
	return buf_printf(out, "%c%02d:%02d", sign, m / 60, m % 60) ? 0 : -1;
}

int py_str(struct buf *out, const struct node *n)
{
	char tmp[40];
	if (!n)
		return buf_puts(out, "None") ? 0 : -1;
	switch (n->kind) {
	case NODE_NULL:
		return buf_puts(out, "None") ? 0 : -1;
	case NODE_BOOL:
		return buf_puts(out, n->u.boolean ? "True" : "False") ? 0 : -1;
	case NODE_INT:
		return buf_append(out, n->u.integer.text.ptr, n->u.integer.text.len) ? 0 : -1;
	case NODE_FLOAT:
		py_float_repr(tmp, sizeof(tmp), n->u.real);
		return buf_puts(out, tmp) ? 0 : -1;
	case NODE_STR:
		return buf_append(out, n->u.str.ptr, n->u.str.len) ? 0 : -1;
	case NODE_DATE:
		return buf_printf(out, "%04d-%02d-%02d", n->u.time.year, n->u.time.month,
				  n->u.time.day)
			       ? 0
			       : -1;
	case NODE_DATETIME: {
		const struct node_time *t = &n->u.time;
		buf_printf(out, "%04d-%02d-%02d %02d:%02d:%02d", t->year, t->month, t->day, t->hour,
			   t->minute, t->second);
		if (t->microsecond)
			buf_printf(out, ".%06d", t->microsecond);
		if (t->has_tz)
			tz_str(out, t->tz_minutes);
		return out->failed ? -1 : 0;
	}
	case NODE_BINARY:
	case NODE_SEQ:
	case NODE_MAP:
		return -1;
	}
	return -1;
}

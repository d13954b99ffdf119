/* Environment variable substitution exactly as ADS's env_var_parser does it
 * (ConfigParser ExtendedInterpolation with lookup errors ignored):
 * "${NAME}" -> the value of NAME (itself interpolated), "${envs:NAME}" too,
 * "$$" -> "$", a lone "$" stays, an undefined name leaves the rest of that
 * value untouched, "${}" / unterminated "${" -> InterpolationSyntaxError,
 * more than one ':' -> InterpolationSyntaxError, nesting deeper than 10 ->
 * InterpolationDepthError. */
#ifndef DSJ_ENVINTERP_H
#define DSJ_ENVINTERP_H

#include "util/arena.h"
#include "doc/node.h"
#include "util/strindex.h"

struct env_interp_error {
	const char *type;  /* "InterpolationSyntaxError" / "InterpolationDepthError" */
	char message[512]; /* Python's message text */
	size_t index;	   /* which variable failed */
};

/* names[i] -> values[i] for i < n (names unique). Fills out[i] with the
 * interpolated value of each: values[i] itself when it has no '$', else
 * allocated in `a` (NUL-terminated either way when the values are). Linear in
 * the total size for inputs without references (lookups are hashed). Returns
 * 0, -1 on an interpolation error (filled *e), -2 when out of memory. */
int env_interpolate(struct arena *a, const struct str *names, const struct str *values, size_t n,
		    struct str *out, struct env_interp_error *e);
/* The same with the caller's index over names (util/strindex.h: position i
 * added under strindex_hash(STRINDEX_SEED, names[i]) for every i < n), so the
 * names are not hashed and indexed a second time. */
int env_interpolate_indexed(struct arena *a, const struct str *names, const struct str *values,
			    size_t n, const struct strindex *index, struct str *out,
			    struct env_interp_error *e);

#endif

/* PyYAML 6 SafeLoader's scalar rules: which tag a plain scalar resolves to
 * (YAML 1.1 implicit resolvers) and how each tag's constructor builds the
 * value. Shared by the YAML reader and the YAML writer (which quotes a string
 * whenever its plain form would resolve to something else). */
#ifndef DSJ_YAML_RESOLVE_H
#define DSJ_YAML_RESOLVE_H

#include <stddef.h>

#include "dsjob.h"
#include "doc/node.h"

enum yaml_tag {
	YTAG_STR,
	YTAG_NULL,
	YTAG_BOOL,
	YTAG_INT,
	YTAG_FLOAT,
	YTAG_TIMESTAMP,
	YTAG_BINARY,
	YTAG_MERGE, /* "<<" */
	YTAG_VALUE, /* "=", which SafeLoader cannot construct */
};

/* The tag PyYAML's implicit resolvers give the plain scalar s. */
enum yaml_tag yaml_resolve_plain(const char *s, size_t len);

/* Fills n (kind and value; line and column are kept) as the constructor of
 * `tag` builds it from s. Not for YTAG_MERGE / YTAG_VALUE. On a Python error
 * (ValueError, ConstructorError...) fills err at n and returns DSJ_EINPUT;
 * DSJ_ENOMEM when the arena is full. */
int yaml_construct_scalar(struct node *n, struct arena *a, enum yaml_tag tag, const char *s,
			  size_t len, struct dsj_error *err);

#endif

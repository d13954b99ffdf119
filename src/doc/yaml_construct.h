/* PyYAML 6 SafeConstructor's scalar constructors: the value a tag builds
 * from a scalar's text (the tag chosen by yaml_resolve_tag.h or written). */
#ifndef DSJ_YAML_CONSTRUCT_H
#define DSJ_YAML_CONSTRUCT_H

#include <stddef.h>

#include "doc/node.h"
#include "doc/yaml_resolve_tag.h"
#include "dsjob.h"

/* Fills n (kind and value; line and column are kept) as the constructor of
 * `tag` builds it from s. Not for YTAG_MERGE / YTAG_VALUE. On a Python error
 * (ValueError, ConstructorError...) fills err at n and returns DSJ_EINPUT;
 * DSJ_ENOMEM when the arena is full. */
int yaml_construct_scalar(struct node *n, struct arena *a, enum yaml_tag tag, const char *s,
			  size_t len, struct dsj_error *err);

#endif

/* The JSON Schema of runtime and job YAML, made from the conversion's tables. */
#ifndef DSJ_SCHEMA_H
#define DSJ_SCHEMA_H

#include <stdbool.h>

#include "doc/node.h"

/* The schema as a tree in `a`; `strict`: unknown keys are rejected (editors
 * then flag misspellings). -1 when out of memory. */
int schema_build(struct node **out, struct arena *a, bool strict);

#endif

/* Node tree -> block YAML that PyYAML's SafeLoader (and dsjob) read back to the
 * same values: strings that would resolve to another type are quoted. */
#ifndef DSJ_YAML_WRITER_H
#define DSJ_YAML_WRITER_H

#include "util/buf.h"
#include "doc/node.h"

/* Writes mappings in the order they hold (sort them first if needed). */
int yaml_write(struct buf *out, const struct node *root);

#endif

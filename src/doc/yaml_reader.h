/* YAML text -> node tree, read exactly as PyYAML 6's SafeLoader (on libyaml)
 * reads it: implicit resolvers of YAML 1.1 (bool, int incl. base 60 and "_",
 * float, null, timestamp, merge), explicit !! tags, anchors and aliases,
 * "<<" merge keys, duplicate keys keep the last value. */
#ifndef DSJ_YAML_READER_H
#define DSJ_YAML_READER_H

#include "dsjob.h"
#include "doc/node.h"

/* Reads the single document of `input`. An empty stream gives a NODE_NULL node
 * (as SafeLoader returns None). A second document is a ComposerError. Errors
 * carry libyaml's line/column and PyYAML's exception class in err->type
 * (ScannerError, ParserError, ComposerError, ConstructorError, ReaderError). */
int yaml_read(struct node **out, const char *input, size_t len, struct arena *a,
	      const struct dsj_limits *lim, struct dsj_error *err);

#endif

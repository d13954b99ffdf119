/* The conversions of api.c on memory the caller keeps from one to the next
 * (a batch session, src/batch.c), so that a stream of requests does not free
 * and fault in its pages again for each one. */
#ifndef DSJ_API_REUSE_H
#define DSJ_API_REUSE_H

#include <stddef.h>

#include "dsjob.h"
#include "util/arena.h"
#include "util/buf.h"

enum api_op {
	API_TRANSLATE, /* dsj_translate (opts->level picks runtime or job) */
	API_EXTRACT,   /* dsj_extract */
};

/* Converts as dsj_translate / dsj_extract do, allocating from `arena` (which
 * the caller resets or frees; what the input points into may live there too)
 * and appending the answer to `out`. Returns 0 or a DSJ_E* code with *err set. */
int api_convert_reusing(enum api_op op, struct arena *arena, struct buf *out, const char *input,
			size_t input_len, const struct dsj_options *opts, struct dsj_error *err);

#endif

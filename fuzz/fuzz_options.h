/* The options the translate-side fuzz targets run with: the conformance
 * vectors' working directory and home, a fixed clock for generated job names,
 * and a region on every other input. */
#ifndef DSJ_FUZZ_OPTIONS_H
#define DSJ_FUZZ_OPTIONS_H

#include <stddef.h>

#include "dsjob.h"

static inline void fuzz_options(struct dsj_options *opts, size_t size)
{
	dsj_options_init(opts, DSJ_OPTIONS_VERSION);
	opts->cwd = "/";
	opts->home = "/home/datascience";
	opts->now = 1700000000;
	opts->region = size % 2 ? "us-ashburn-1" : NULL;
}

#endif

/* translate on arbitrary bytes, in all three output forms. */
#include <stddef.h>
#include <stdint.h>

#include "dsjob.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dsj_options opts;
	dsj_options_init(&opts, DSJ_OPTIONS_VERSION);
	opts.cwd = "/";
	opts.home = "/home/datascience";
	opts.region = size % 2 ? "us-ashburn-1" : NULL;
	opts.output = (enum dsj_format)(size % 3);
	char *out = NULL;
	size_t len = 0;
	struct dsj_error err;
	dsj_translate(&out, &len, NULL, (const char *)data, size, &opts, &err);
	dsj_free(out);
	return 0;
}

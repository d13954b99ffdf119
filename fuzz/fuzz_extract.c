/* extract on arbitrary bytes, in all three output forms, as ADS 2.8 and 2.15. */
#include <stddef.h>
#include <stdint.h>

#include "dsjob.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dsj_options opts;
	dsj_options_init(&opts, DSJ_OPTIONS_VERSION);
	opts.artifact = size % 2 ? "archive.tar.gz" : NULL;
	opts.output = (enum dsj_format)(size % 3);
	opts.ads = size % 5 < 2 ? DSJ_ADS_2_15 : DSJ_ADS_2_8;
	char *out = NULL;
	size_t len = 0;
	struct dsj_error err;
	dsj_extract(&out, &len, (const char *)data, size, &opts, &err);
	dsj_free(out);
	return 0;
}

/* The OCI config-file parser on arbitrary bytes, for two profiles. */
#include <stddef.h>
#include <stdint.h>

#include "oci/oci.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *profiles[] = {"DEFAULT", "prod"};
	for (size_t i = 0; i < 2; i++) {
		struct config_profile p;
		struct dsj_error err = {0};
		if (config_parse(&p, (const char *)data, size, "config", profiles[i], &err) == 0) {
			config_get(&p, "key_file");
			config_free(&p);
		}
	}
	return 0;
}

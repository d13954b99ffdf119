/* YAML reader on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "doc/yaml_reader.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct dsj_limits lim;
	struct dsj_error err;
	struct node *root = NULL;
	arena_init(&a, 0);
	limits_resolve(&lim, NULL);
	diag_clear(&err);
	yaml_read(&root, (const char *)data, size, &a, &lim, &err);
	arena_free(&a);
	return 0;
}

/* Environment interpolation on arbitrary variables: the input is split on
 * NUL bytes into name, value, name, value, ... */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "py/envinterp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_VARS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct str parts[2 * MAX_VARS];
	size_t nparts = 0;
	const char *p = (const char *)data, *end = p + size;
	while (p <= end && nparts < 2 * MAX_VARS) {
		const char *stop = memchr(p, '\0', (size_t)(end - p));
		const char *e = stop ? stop : end;
		parts[nparts++] = (struct str){p, (size_t)(e - p)};
		if (!stop)
			break;
		p = stop + 1;
	}
	size_t n = nparts / 2;
	struct str names[MAX_VARS], values[MAX_VARS], out[MAX_VARS];
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		bool dup = false; /* names are unique by contract */
		for (size_t j = 0; j < kept && !dup; j++)
			dup = names[j].len == parts[2 * i].len &&
			      memcmp(names[j].ptr, parts[2 * i].ptr, parts[2 * i].len) == 0;
		if (!dup) {
			names[kept] = parts[2 * i];
			values[kept++] = parts[2 * i + 1];
		}
	}
	struct arena a;
	arena_init(&a, 0);
	struct env_interp_error e;
	env_interpolate(&a, names, values, kept, out, &e);
	arena_free(&a);
	return 0;
}

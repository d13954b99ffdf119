/* SHA-256 (FIPS 180-4), for the digest dsjob reports next to each artifact it
 * writes. Not for secrets: no constant-time guarantees are needed here. */
#ifndef DSJ_SHA256_H
#define DSJ_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t state[8];
	uint64_t bytes;
	unsigned char block[64];
	size_t used;
};

void sha256_init(struct sha256 *h);
void sha256_update(struct sha256 *h, const void *data, size_t len);
/* Writes the 64 lower-case hex digits and a NUL into hex. */
void sha256_final_hex(struct sha256 *h, char hex[65]);

#endif

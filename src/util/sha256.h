/* SHA-256 as lower-case hex, for the digest dsjob reports next to each
 * artifact it writes: a thin layer over nettle's, which libarchive already
 * links. (Our names differ from nettle's own sha256_init/sha256_update, which
 * its header defines as macros.) */
#ifndef DSJ_SHA256_H
#define DSJ_SHA256_H

#include <stddef.h>

#include <nettle/sha2.h>

struct sha256 {
	struct sha256_ctx ctx;
};

void sha256_begin(struct sha256 *h);
void sha256_add(struct sha256 *h, const void *data, size_t len);
/* Writes the 64 lower-case hex digits and a NUL into hex. */
void sha256_final_hex(struct sha256 *h, char hex[65]);

#endif

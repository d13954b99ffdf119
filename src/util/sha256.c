#include "util/sha256.h"

void sha256_begin(struct sha256 *h)
{
	sha256_init(&h->ctx);
}

void sha256_add(struct sha256 *h, const void *data, size_t len)
{
	sha256_update(&h->ctx, len, data);
}

void sha256_final_hex(struct sha256 *h, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char digest[SHA256_DIGEST_SIZE];
	sha256_digest(&h->ctx, sizeof(digest), digest);
	for (size_t i = 0; i < sizeof(digest); i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[64] = '\0';
}

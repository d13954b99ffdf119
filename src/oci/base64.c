/* Standard base64 (with padding) for signatures and body hashes, and
 * base64url decoding for the JWT payload of session tokens. */
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "oci/oci.h"

size_t b64_encode(char *out, const unsigned char *in, size_t len)
{
	return (size_t)EVP_EncodeBlock((unsigned char *)out, in, (int)len);
}

static int b64url_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-' || c == '+')
		return 62;
	if (c == '_' || c == '/')
		return 63;
	return -1;
}

char *b64url_decode(const char *in, size_t len, size_t *out_len)
{
	char *out = malloc(len / 4 * 3 + 4);
	if (!out)
		return NULL;
	size_t n = 0;
	unsigned acc = 0, bits = 0;
	for (size_t i = 0; i < len && in[i] != '='; i++) {
		int v = b64url_value(in[i]);
		if (v < 0) {
			free(out);
			return NULL;
		}
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (char)((acc >> bits) & 0xff);
		}
	}
	out[n] = '\0';
	*out_len = n;
	return out;
}

/* The retry policy of the OCI SDKs: which answers are worth another attempt,
 * how long to wait (exponential with jitter, capped), and the retry token
 * that makes a repeated create safe. */
#include <openssl/rand.h>
#include <string.h>

#include "oci/oci.h"

int retry_should(long status, const char *code, int net_error)
{
	if (net_error)
		return 1;
	if (status == 429 || status >= 500)
		return 1;
	if (status == 409 && code)
		return strcmp(code, "IncorrectState") == 0 || strcmp(code, "LockConflict") == 0;
	return 0;
}

/* min(2^(attempt-1) + random(0..1), 30) seconds, attempt counting from 1. */
unsigned retry_delay_ms(int attempt, uint32_t random)
{
	unsigned base = attempt <= 1 ? 1000u : attempt >= 6 ? 32000u : 1000u << (attempt - 1);
	unsigned ms = base + random % 1000u;
	return ms > 30000u ? 30000u : ms;
}

void retry_token_make(char out[31])
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char bytes[30];
	if (RAND_bytes(bytes, sizeof(bytes)) != 1)
		memset(bytes, 0, sizeof(bytes));
	for (size_t i = 0; i < 30; i++)
		out[i] = alphabet[bytes[i] % 62];
	out[30] = '\0';
}

/* SHA-256 against the FIPS 180-4 examples and a million 'a's split unevenly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "util/sha256.h"

static void digest_of(const char *text, size_t len, char hex[65])
{
	struct sha256 h;
	sha256_begin(&h);
	sha256_add(&h, text, len);
	sha256_final_hex(&h, hex);
}

static void test_known_vectors(void **state)
{
	(void)state;
	char hex[65];
	digest_of("", 0, hex);
	assert_string_equal(hex,
			    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	digest_of("abc", 3, hex);
	assert_string_equal(hex,
			    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	digest_of(two_blocks, strlen(two_blocks), hex);
	assert_string_equal(hex,
			    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_million_a_in_pieces(void **state)
{
	(void)state;
	static char chunk[997];
	memset(chunk, 'a', sizeof(chunk));
	struct sha256 h;
	sha256_begin(&h);
	size_t left = 1000000;
	for (size_t step = 1; left; step = step % 997 + 1) {
		size_t n = step < left ? step : left;
		sha256_add(&h, chunk, n);
		left -= n;
	}
	char hex[65];
	sha256_final_hex(&h, hex);
	assert_string_equal(hex,
			    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_vectors),
		cmocka_unit_test(test_million_a_in_pieces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

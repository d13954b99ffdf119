#include "util/bigdec.h"

#define BASE 1000000000u

void bigdec_init(struct bigdec *b)
{
	b->n = 0;
}

int bigdec_mul_add(struct bigdec *b, uint32_t mul, uint32_t add)
{
	uint64_t carry = add;
	for (size_t i = 0; i < b->n; i++) {
		uint64_t v = (uint64_t)b->limb[i] * mul + carry;
		b->limb[i] = (uint32_t)(v % BASE);
		carry = v / BASE;
	}
	while (carry) {
		if (b->n == BIGDEC_LIMBS)
			return -1;
		b->limb[b->n++] = (uint32_t)(carry % BASE);
		carry /= BASE;
	}
	return 0;
}

int bigdec_to_text(const struct bigdec *b, char *dst, size_t size)
{
	size_t len = 0;
	if (b->n == 0) {
		if (size < 2)
			return -1;
		dst[0] = '0';
		dst[1] = '\0';
		return 1;
	}
	for (size_t i = b->n; i-- > 0;) {
		char chunk[9];
		uint32_t v = b->limb[i];
		for (int k = 8; k >= 0; k--) {
			chunk[k] = (char)('0' + v % 10);
			v /= 10;
		}
		int start = 0;
		if (i == b->n - 1)
			while (start < 8 && chunk[start] == '0')
				start++;
		for (int k = start; k < 9; k++) {
			if (len + 1 >= size)
				return -1;
			dst[len++] = chunk[k];
		}
	}
	dst[len] = '\0';
	return (int)len;
}

/* Unsigned decimal big integers for YAML ints that overflow int64 (Python ints
 * are unbounded). Capped near Python's 4300-digit str() limit, so the quadratic
 * multiply-add stays cheap on hostile input. */
#ifndef DSJ_BIGDEC_H
#define DSJ_BIGDEC_H

#include <stddef.h>
#include <stdint.h>

/* Python's sys.get_int_max_str_digits() default. */
#define BIGDEC_MAX_DIGITS 4300
#define BIGDEC_LIMBS 480 /* base 1e9: 4320 digits */

struct bigdec {
	uint32_t limb[BIGDEC_LIMBS]; /* little endian, base 1e9 */
	size_t n;
};

void bigdec_init(struct bigdec *b);
/* b = b * mul + add; -1 when the result would not fit. */
int bigdec_mul_add(struct bigdec *b, uint32_t mul, uint32_t add);
/* Decimal text without sign into dst (NUL-terminated); returns the length or
 * -1 when size is too small. size > BIGDEC_LIMBS * 9 is always enough. */
int bigdec_to_text(const struct bigdec *b, char *dst, size_t size);

#endif

/* Mapping keys as a Python dict sees them: equality is Python's ==, and the
 * hash agrees with it, so a map answers the same whether it is searched
 * linearly (small) or through its hash index (big).
 *
 * Numbers: bools are the ints 0 and 1; ints are exact at any size; a float
 * equals an int only when it is integral and exactly that value (2**53 + 1 is
 * no float's value). Numbers hash as Python's do, by their value modulo the
 * Mersenne prime 2**61 - 1, which gives an int and the float equal to it the
 * same hash without converting either. Every NaN is one key: the readers'
 * NaNs are one object in Python (PyYAML's nan_value, json's NaN), and a
 * dict finds a key by identity first. Aware datetimes compare by instant,
 * naive ones by their fields, and the two never equal each other. */
#include <math.h>
#include <string.h>

#include "doc/node.h"
#include "util/bigdec.h"
#include "util/strindex.h"

#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	return h;
}

uint64_t node_str_hash(const char *s, size_t len)
{
	return strindex_hash(mix(STRINDEX_SEED, NODE_STR), s, len);
}

/* ---- numbers ---- */

static bool is_number(const struct node *n)
{
	return n->kind == NODE_BOOL || n->kind == NODE_INT || n->kind == NODE_FLOAT;
}

/* x mod 2**61 - 1 for any 64-bit x (2**61 is 1 modulo it). */
static uint64_t reduce(uint64_t x)
{
	x = (x & HASH_MODULUS) + (x >> HASH_BITS);
	return x >= HASH_MODULUS ? x - HASH_MODULUS : x;
}

static int64_t signed_residue(bool negative, uint64_t magnitude)
{
	return negative ? -(int64_t)magnitude : (int64_t)magnitude;
}

static int64_t int_residue(const struct node *n)
{
	if (n->kind == NODE_BOOL)
		return n->u.boolean;
	const struct node_int *v = &n->u.integer;
	if (v->fits) {
		uint64_t magnitude = v->i64 < 0 ? 0 - (uint64_t)v->i64 : (uint64_t)v->i64;
		return signed_residue(v->i64 < 0, reduce(magnitude));
	}
	bool negative = v->text.ptr[0] == '-';
	uint64_t r = 0;
	for (size_t i = negative; i < v->text.len; i++) {
		/* r * 10 = r * 8 + r * 2, kept below 2**64 */
		r = reduce(reduce(r << 3) + (r << 1) + (uint64_t)(v->text.ptr[i] - '0'));
	}
	return signed_residue(negative, r);
}

/* CPython's _Py_HashDouble for finite values: the float's exact (rational)
 * value modulo 2**61 - 1, taken 28 bits of mantissa at a time. */
static int64_t float_residue(double value)
{
	int e;
	double m = frexp(fabs(value), &e);
	uint64_t x = 0;
	while (m != 0.0) {
		x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
		m *= 268435456.0;
		e -= 28;
		uint64_t y = (uint64_t)m;
		m -= (double)y;
		x += y;
		if (x >= HASH_MODULUS)
			x -= HASH_MODULUS;
	}
	e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
	x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
	return signed_residue(value < 0, x);
}

static uint64_t number_hash(const struct node *n)
{
	int64_t r;
	if (n->kind != NODE_FLOAT)
		r = int_residue(n);
	else if (isfinite(n->u.real))
		r = float_residue(n->u.real);
	else
		r = isnan(n->u.real) ? 0 : n->u.real > 0 ? 314159 : -314159; /* CPython's */
	return mix(STRINDEX_SEED, (uint64_t)r);
}

/* Bools are the ints 0 and 1; an int's text is canonical, so it is the value. */
static struct str int_text(const struct node *n)
{
	if (n->kind == NODE_BOOL)
		return (struct str){n->u.boolean ? "1" : "0", 1};
	return n->u.integer.text;
}

static bool int_equal(const struct node *a, const struct node *b)
{
	struct str x = int_text(a), y = int_text(b);
	return x.len == y.len && memcmp(x.ptr, y.ptr, x.len) == 0;
}

/* The exact decimal digits of an integral float's magnitude. */
static bool float_digits(double magnitude, char *dst, size_t size)
{
	int e;
	double m = frexp(magnitude, &e);
	uint64_t mantissa = (uint64_t)ldexp(m, 53);
	e -= 53;
	if (e < 0)
		mantissa >>= -e; /* integral: the bits shifted out are zero */
	struct bigdec b;
	bigdec_init(&b);
	if (bigdec_mul_add(&b, 1, (uint32_t)(mantissa >> 32)) ||
	    bigdec_mul_add(&b, 1u << 16, (uint32_t)(mantissa >> 16) & 0xffff) ||
	    bigdec_mul_add(&b, 1u << 16, (uint32_t)mantissa & 0xffff))
		return false;
	for (; e > 0; e -= 16)
		if (bigdec_mul_add(&b, 1u << (e < 16 ? e : 16), 0))
			return false;
	return bigdec_to_text(&b, dst, size) >= 0;
}

static bool int_float_equal(const struct node *i, double f)
{
	if (!isfinite(f) || f != trunc(f))
		return false;
	if (i->kind == NODE_BOOL || i->u.integer.fits) {
		int64_t v = i->kind == NODE_BOOL ? i->u.boolean : i->u.integer.i64;
		/* [-2**63, 2**63) converts to int64_t exactly; no other float has the value */
		return f >= -9223372036854775808.0 && f < 9223372036854775808.0 && (int64_t)f == v;
	}
	const struct str *text = &i->u.integer.text;
	bool negative = text->ptr[0] == '-';
	char digits[BIGDEC_LIMBS * 9 + 1]; /* DBL_MAX has 309 */
	if (negative != (f < 0) || !float_digits(fabs(f), digits, sizeof(digits)))
		return false;
	size_t len = text->len - negative;
	return strlen(digits) == len && memcmp(digits, text->ptr + negative, len) == 0;
}

static bool number_equal(const struct node *a, const struct node *b)
{
	if (a->kind == NODE_FLOAT && b->kind == NODE_FLOAT)
		return a->u.real == b->u.real || (isnan(a->u.real) && isnan(b->u.real));
	if (a->kind == NODE_FLOAT)
		return int_float_equal(b, a->u.real);
	if (b->kind == NODE_FLOAT)
		return int_float_equal(a, b->u.real);
	return int_equal(a, b);
}

/* ---- dates and times ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* An aware datetime's instant in microseconds since the epoch, UTC. */
static int64_t instant(const struct node_time *t)
{
	int64_t seconds = days_from_civil(t->year, t->month, t->day) * 86400 + t->hour * 3600 +
			  t->minute * 60 + t->second - (int64_t)t->tz_minutes * 60;
	return seconds * 1000000 + t->microsecond;
}

static bool time_fields_equal(const struct node_time *a, const struct node_time *b)
{
	return a->year == b->year && a->month == b->month && a->day == b->day &&
	       a->hour == b->hour && a->minute == b->minute && a->second == b->second &&
	       a->microsecond == b->microsecond;
}

static bool time_equal(const struct node *a, const struct node *b)
{
	const struct node_time *x = &a->u.time, *y = &b->u.time;
	if (a->kind == NODE_DATE || !x->has_tz || !y->has_tz)
		return x->has_tz == y->has_tz && time_fields_equal(x, y);
	return instant(x) == instant(y);
}

static uint64_t time_hash(const struct node *k)
{
	const struct node_time *t = &k->u.time;
	uint64_t h = mix(STRINDEX_SEED, k->kind);
	if (k->kind == NODE_DATETIME && t->has_tz)
		return mix(h, (uint64_t)instant(t));
	int f[] = {t->year, t->month, t->day, t->hour, t->minute, t->second, t->microsecond};
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		h = mix(h, (uint64_t)f[i]);
	return h;
}

/* ---- keys ---- */

bool node_key_equal(const struct node *a, const struct node *b)
{
	if (a == b)
		return true;
	if (is_number(a) && is_number(b))
		return number_equal(a, b);
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case NODE_NULL:
		return true;
	case NODE_STR:
	case NODE_BINARY:
		return a->u.str.len == b->u.str.len &&
		       memcmp(a->u.str.ptr, b->u.str.ptr, a->u.str.len) == 0;
	case NODE_DATE:
	case NODE_DATETIME:
		return time_equal(a, b);
	default:
		return false;
	}
}

uint64_t node_key_hash(const struct node *k)
{
	switch (k->kind) {
	case NODE_BOOL:
	case NODE_INT:
	case NODE_FLOAT:
		return number_hash(k);
	case NODE_STR:
		return node_str_hash(k->u.str.ptr, k->u.str.len);
	case NODE_BINARY:
		return strindex_hash(mix(STRINDEX_SEED, k->kind), k->u.str.ptr, k->u.str.len);
	case NODE_DATE:
	case NODE_DATETIME:
		return time_hash(k);
	default:
		return mix(STRINDEX_SEED, k->kind);
	}
}

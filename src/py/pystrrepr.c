#include "py/pystrrepr.h"

#include <string.h>

#include "py/pyprintable_table.h"

size_t py_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c = u[0];
	size_t n;
	uint32_t min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		n = 2;
		min = 0x80;
		c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3;
		min = 0x800;
		c &= 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4;
		min = 0x10000;
		c &= 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

bool py_char_printable(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 0x20 && cp != 0x7F;
	size_t lo = 0, hi = sizeof(nonprintable_ranges) / sizeof(nonprintable_ranges[0]);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < nonprintable_ranges[mid][0])
			hi = mid;
		else if (cp > nonprintable_ranges[mid][1])
			lo = mid + 1;
		else
			return false;
	}
	return true;
}

bool py_str_repr(struct buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	bool has_single = memchr(s, '\'', len) != NULL;
	bool has_double = memchr(s, '"', len) != NULL;
	char quote = has_single && !has_double ? '"' : '\'';
	buf_putc(out, quote);
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = py_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			unsigned char b = (unsigned char)s[i];
			char esc[4] = {'\\', 'x', hex[b >> 4], hex[b & 15]};
			buf_append(out, esc, sizeof(esc));
			i++;
			continue;
		}
		if (cp == (uint32_t)quote || cp == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, (char)cp);
		} else if (cp == '\t') {
			buf_puts(out, "\\t");
		} else if (cp == '\n') {
			buf_puts(out, "\\n");
		} else if (cp == '\r') {
			buf_puts(out, "\\r");
		} else if (py_char_printable(cp)) {
			buf_append(out, s + i, n);
		} else {
			char esc[10];
			int digits = cp <= 0xFF ? 2 : cp <= 0xFFFF ? 4 : 8;
			esc[0] = '\\';
			esc[1] = digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
			for (int d = 0; d < digits; d++)
				esc[2 + d] = hex[(cp >> (4 * (digits - 1 - d))) & 15];
			buf_append(out, esc, (size_t)(2 + digits));
		}
		i += n;
	}
	return buf_putc(out, quote);
}

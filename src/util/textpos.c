#include "util/textpos.h"

#include <string.h>

/* The length of the line break at s[i], 0 when there is none. */
static size_t break_at(const unsigned char *s, size_t i, size_t len, enum textpos_lines lines)
{
	if (s[i] == '\n')
		return 1;
	if (lines == TEXTPOS_JSON)
		return 0;
	if (s[i] == '\r')
		return i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
	if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0x85)
		return 2;
	if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] | 1) == 0xA9)
		return 3;
	return 0;
}

size_t textpos_offset(const char *text, size_t len, unsigned line, unsigned column,
		      enum textpos_lines lines)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	if (lines == TEXTPOS_YAML && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (unsigned l = 1; l < line && i < len;) {
		size_t b = break_at(s, i, len, lines);
		l += b != 0;
		i += b ? b : 1;
	}
	for (unsigned c = 1; c < column && i < len; c++)
		for (i++; i < len && (s[i] & 0xC0) == 0x80; i++)
			;
	return i;
}

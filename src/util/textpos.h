/* Where a reported (line, column) is in the text it was read from. */
#ifndef DSJ_TEXTPOS_H
#define DSJ_TEXTPOS_H

#include <stddef.h>

/* How the reader that counted the lines broke them. */
enum textpos_lines {
	TEXTPOS_JSON, /* at \n only, as Python's json */
	TEXTPOS_YAML, /* as libyaml: \r\n, \r, \n, NEL, LS, PS; after a leading BOM */
};

/* The byte offset of 1-based (line, column), the column counted in code
 * points; len when the position is past the end. */
size_t textpos_offset(const char *text, size_t len, unsigned line, unsigned column,
		      enum textpos_lines lines);

#endif

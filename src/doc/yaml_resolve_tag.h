/* PyYAML 6 SafeLoader's choice of tag: which tag a plain scalar resolves to
 * (YAML 1.1 implicit resolvers). Shared by the YAML reader and the YAML writer
 * (which quotes a string whenever its plain form would resolve to something
 * else); yaml_construct.h builds the value. */
#ifndef DSJ_YAML_RESOLVE_TAG_H
#define DSJ_YAML_RESOLVE_TAG_H

#include <stdbool.h>
#include <stddef.h>

enum yaml_tag {
	YTAG_STR,
	YTAG_NULL,
	YTAG_BOOL,
	YTAG_INT,
	YTAG_FLOAT,
	YTAG_TIMESTAMP,
	YTAG_BINARY,
	YTAG_MERGE, /* "<<" */
	YTAG_VALUE, /* "=", which SafeLoader cannot construct */
};

/* The tag PyYAML's implicit resolvers give the plain scalar s. */
enum yaml_tag yaml_resolve_plain(const char *s, size_t len);

/* A timestamp's parts, as the constructor's regex splits them. */
struct yaml_stamp {
	int year, month, day;
	bool has_time;
	int hour, minute, second, microsecond;
	bool has_tz, tz_utc;
	int tz_sign, tz_hour, tz_minute;
	size_t month_digits, day_digits;
};

/* The constructor's timestamp regex (date parts may have one digit); the
 * resolver's is the same with two-digit dates or a time. */
bool yaml_parse_stamp(const char *s, size_t n, struct yaml_stamp *t);

#endif

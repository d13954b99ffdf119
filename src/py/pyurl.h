/* The parts of Python's urllib.parse.urlparse that conda URIs need. */
#ifndef DSJ_PYURL_H
#define DSJ_PYURL_H

#include <stdbool.h>

#include "util/arena.h"
#include "doc/node.h"

struct py_url {
	struct str scheme; /* lower-cased */
	struct str netloc;
	struct str path;
	bool has_username;   /* p.username is not None */
	struct str username; /* text before the last '@' of netloc, up to the first ':' */
	bool has_hostname;   /* p.hostname is not None */
	struct str hostname; /* lower-cased, brackets stripped, without port */
};

/* Returns 0, or -1 with *errmsg = "Invalid IPv6 URL" as Python raises it. */
int py_urlparse(struct arena *a, const char *s, size_t len, struct py_url *out,
		const char **errmsg);

#endif

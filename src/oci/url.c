/* URLs: the parts of a base URL that go into the signature (the Host header,
 * with the port when it is not the scheme's default, and the path prefix), and
 * percent-encoding for query values. */
#include <stdio.h>
#include <string.h>

#include "oci/http.h"

int url_split(const char *base, char *host, size_t host_size, char *prefix, size_t prefix_size)
{
	const char *rest;
	const char *default_port;
	if (strncmp(base, "https://", 8) == 0)
		rest = base + 8, default_port = "443";
	else if (strncmp(base, "http://", 7) == 0)
		rest = base + 7, default_port = "80";
	else
		return -1;
	size_t hl = strcspn(rest, "/?#");
	if (hl == 0 || hl >= host_size || rest[hl] == '?' || rest[hl] == '#')
		return -1;
	for (size_t i = 0; i < hl; i++)
		if (rest[i] == '@' || (unsigned char)rest[i] <= ' ')
			return -1;
	memcpy(host, rest, hl);
	host[hl] = '\0';
	char *colon = strrchr(host, ':');
	if (colon && !strchr(colon, ']') && strcmp(colon + 1, default_port) == 0)
		*colon = '\0';
	const char *path = rest + hl;
	size_t pl = strlen(path);
	while (pl && path[pl - 1] == '/')
		pl--;
	if (pl >= prefix_size)
		return -1;
	for (size_t i = 0; i < pl; i++)
		if ((unsigned char)path[i] <= ' ' || path[i] == '?' || path[i] == '#')
			return -1;
	memcpy(prefix, path, pl);
	prefix[pl] = '\0';
	return 0;
}

void url_escape(char *out, size_t size, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;
	for (; *s && n + 4 < size; s++) {
		unsigned char ch = (unsigned char)*s;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
			out[n++] = (char)ch;
		} else {
			out[n++] = '%';
			out[n++] = hex[ch >> 4];
			out[n++] = hex[ch & 15];
		}
	}
	out[n] = '\0';
}

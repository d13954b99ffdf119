/* urllib.parse.urlparse of Python 3.11.7, as far as scheme, netloc, path,
 * username and hostname, including the checks urlsplit makes on the netloc
 * (brackets, the bracketed host as ipaddress sees it, NFKC look-alikes). */
#include "py/pyurl.h"

#include <string.h>

#include "util/buf.h"
#include "py/pystrrepr.h"

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static const char *find_char(const char *s, size_t len, char c)
{
	return len ? memchr(s, c, len) : NULL;
}

static const char *rfind_char(const char *s, size_t len, char c)
{
	while (len > 0) {
		if (s[len - 1] == c)
			return s + len - 1;
		len--;
	}
	return NULL;
}

static char *lower_copy(struct arena *a, const char *s, size_t len)
{
	char *p = arena_strndup(a, s, len);
	if (!p)
		return NULL;
	for (size_t i = 0; i < len; i++)
		if (p[i] >= 'A' && p[i] <= 'Z')
			p[i] = (char)(p[i] - 'A' + 'a');
	return p;
}

/* ipaddress.IPv4Address: four decimal octets, no leading zeros, each <= 255. */
static bool valid_ipv4(const char *s, size_t len)
{
	int octets = 0;
	size_t i = 0;
	for (;;) {
		size_t start = i;
		unsigned value = 0;
		while (i < len && s[i] != '.') {
			if (!is_digit(s[i]) || i - start >= 3)
				return false;
			value = value * 10 + (unsigned)(s[i] - '0');
			i++;
		}
		size_t n = i - start;
		if (n == 0 || (n > 1 && s[start] == '0') || value > 255)
			return false;
		octets++;
		if (i == len)
			break;
		i++; /* the dot */
	}
	return octets == 4;
}

/* ipaddress.IPv6Address (scope id after '%' allowed), without building the value. */
static bool valid_ipv6(const char *s, size_t len)
{
	const char *pct = find_char(s, len, '%');
	if (pct) {
		size_t scope_len = len - (size_t)(pct - s) - 1;
		if (scope_len == 0 || find_char(pct + 1, scope_len, '%'))
			return false;
		len = (size_t)(pct - s);
	}
	if (len == 0)
		return false;
	/* Split on ':' into parts (at most 10 are ever useful). */
	struct str parts[12];
	size_t count = 0;
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || s[i] == ':') {
			if (count == 10)
				return false; /* more than 9 parts even before the IPv4 tail */
			parts[count++] = (struct str){s + start, i - start};
			start = i + 1;
		}
	}
	if (count < 3)
		return false;
	if (find_char(parts[count - 1].ptr, parts[count - 1].len, '.')) {
		if (!valid_ipv4(parts[count - 1].ptr, parts[count - 1].len))
			return false;
		/* replaced by two hextets, which are valid by construction */
		parts[count - 1] = (struct str){"0", 1};
		parts[count++] = (struct str){"0", 1};
	}
	if (count > 9)
		return false;
	size_t skip = 0;
	for (size_t i = 1; i + 1 < count; i++) {
		if (parts[i].len == 0) {
			if (skip)
				return false;
			skip = i;
		}
	}
	size_t hi, lo;
	if (skip) {
		hi = skip;
		lo = count - skip - 1;
		if (parts[0].len == 0 && --hi)
			return false;
		if (parts[count - 1].len == 0 && --lo)
			return false;
		if (8 - (int)(hi + lo) < 1)
			return false;
	} else {
		if (count != 8 || parts[0].len == 0 || parts[count - 1].len == 0)
			return false;
		hi = count;
		lo = 0;
	}
	for (size_t k = 0; k < hi + lo; k++) {
		const struct str *h = k < hi ? &parts[k] : &parts[count - lo + (k - hi)];
		if (h->len == 0 || h->len > 4)
			return false;
		for (size_t j = 0; j < h->len; j++)
			if (!is_hex(h->ptr[j]))
				return false;
	}
	return true;
}

/* urllib.parse._check_bracketed_host; NULL when fine. */
static const char *check_bracketed_host(struct arena *a, const char *h, size_t len)
{
	if (len > 0 && h[0] == 'v') {
		/* \Av[a-fA-F0-9]+\..+\Z */
		size_t i = 1;
		while (i < len && is_hex(h[i]))
			i++;
		if (i == 1 || i >= len || h[i] != '.' || i + 1 >= len)
			return "IPvFuture address is invalid";
		return NULL;
	}
	if (valid_ipv4(h, len))
		return "An IPv4 address cannot be in brackets";
	if (valid_ipv6(h, len))
		return NULL;
	struct buf msg;
	buf_init(&msg, 0);
	py_str_repr(&msg, h, len);
	buf_puts(&msg, " does not appear to be an IPv4 or IPv6 address");
	const char *text = msg.failed ? NULL : arena_strndup(a, msg.data, msg.len);
	buf_free(&msg);
	return text ? text : "does not appear to be an IPv4 or IPv6 address";
}

/* Characters whose NFKC form holds one of "/?#@:" (Python 3.11, Unicode 14.0). */
static bool nfkc_has_delimiter(uint32_t cp)
{
	static const uint32_t table[] = {0x2047, 0x2048, 0x2049, 0x2100, 0x2101, 0x2105, 0x2106,
					 0x2A74, 0xFE13, 0xFE16, 0xFE55, 0xFE56, 0xFE5F, 0xFE6B,
					 0xFF03, 0xFF0F, 0xFF1A, 0xFF1F, 0xFF20};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i] == cp)
			return true;
	return false;
}

/* urllib.parse._checknetloc: NULL when fine. */
static const char *check_netloc(struct arena *a, const char *s, size_t len)
{
	bool bad = false;
	for (size_t i = 0; i < len && !bad;) {
		uint32_t cp;
		size_t n = py_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			i++;
			continue;
		}
		bad = nfkc_has_delimiter(cp);
		i += n;
	}
	if (!bad)
		return NULL;
	struct buf msg;
	buf_init(&msg, 0);
	buf_puts(&msg, "netloc '");
	buf_append(&msg, s, len);
	buf_puts(&msg, "' contains invalid characters under NFKC normalization");
	const char *text = msg.failed ? NULL : arena_strndup(a, msg.data, msg.len);
	buf_free(&msg);
	return text ? text : "netloc contains invalid characters under NFKC normalization";
}

static bool uses_params(struct str scheme)
{
	static const char *const names[] = {"",	     "ftp",   "hdl",  "prospero", "http",  "imap",
					    "https", "shttp", "rtsp", "rtsps",	  "rtspu", "sip",
					    "sips",  "mms",   "sftp", "tel"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == scheme.len && memcmp(names[i], scheme.ptr, scheme.len) == 0)
			return true;
	return false;
}

int py_urlparse(struct arena *a, const char *s, size_t len, struct py_url *out, const char **errmsg)
{
	*errmsg = NULL;
	memset(out, 0, sizeof(*out));
	out->scheme = out->netloc = out->path = out->username = out->hostname = (struct str){"", 0};

	/* lstrip C0 controls and space, then drop every tab, CR and LF */
	while (len > 0 && (unsigned char)*s <= 0x20) {
		s++;
		len--;
	}
	char *url = arena_alloc(a, len + 1);
	if (!url) {
		*errmsg = "out of memory";
		return -2;
	}
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			url[n++] = s[i];
	url[n] = '\0';
	const char *p = url, *end = url + n;

	const char *colon = find_char(p, n, ':');
	if (colon && colon > p && is_alpha(p[0])) {
		const char *c = p;
		while (c < colon &&
		       (is_alpha(*c) || is_digit(*c) || *c == '+' || *c == '-' || *c == '.'))
			c++;
		if (c == colon) {
			char *scheme = lower_copy(a, p, (size_t)(colon - p));
			if (!scheme) {
				*errmsg = "out of memory";
				return -2;
			}
			out->scheme = (struct str){scheme, (size_t)(colon - p)};
			p = colon + 1;
		}
	}
	if (end - p >= 2 && p[0] == '/' && p[1] == '/') {
		const char *nl = p + 2, *q = nl;
		while (q < end && *q != '/' && *q != '?' && *q != '#')
			q++;
		size_t nl_len = (size_t)(q - nl);
		out->netloc = (struct str){nl, nl_len};
		const char *open = find_char(nl, nl_len, '[');
		const char *close = find_char(nl, nl_len, ']');
		if ((open && !close) || (close && !open)) {
			*errmsg = "Invalid IPv6 URL";
			return -1;
		}
		if (open && close) {
			const char *h = open + 1;
			const char *h_end = find_char(h, (size_t)(q - h), ']');
			if (!h_end)
				h_end = q;
			*errmsg = check_bracketed_host(a, h, (size_t)(h_end - h));
			if (*errmsg)
				return -1;
		}
		p = q;
	}
	/* the path ends at '#' (fragment), then at '?' (query) */
	const char *path_end = find_char(p, (size_t)(end - p), '#');
	if (!path_end)
		path_end = end;
	const char *query = find_char(p, (size_t)(path_end - p), '?');
	if (query)
		path_end = query;
	if (out->netloc.len > 0) {
		const char *nl = out->netloc.ptr;
		bool ascii = true;
		for (size_t i = 0; i < out->netloc.len; i++)
			ascii = ascii && (unsigned char)nl[i] < 0x80;
		if (!ascii) {
			*errmsg = check_netloc(a, nl, out->netloc.len);
			if (*errmsg)
				return -1;
		}
	}
	size_t path_len = (size_t)(path_end - p);
	if (uses_params(out->scheme) && find_char(p, path_len, ';')) {
		/* _splitparams: the ';' after the last '/' */
		const char *slash = rfind_char(p, path_len, '/');
		const char *from = slash ? slash : p;
		const char *semi = find_char(from, (size_t)(path_end - from), ';');
		if (semi)
			path_len = (size_t)(semi - p);
	}
	out->path = (struct str){p, path_len};

	/* username and hostname, from NetlocResultMixinStr */
	const char *nl = out->netloc.ptr;
	size_t nl_len = out->netloc.len;
	const char *at = rfind_char(nl, nl_len, '@');
	const char *hostinfo = nl;
	if (at) {
		out->has_username = true;
		const char *ucolon = find_char(nl, (size_t)(at - nl), ':');
		out->username = (struct str){nl, (size_t)((ucolon ? ucolon : at) - nl)};
		hostinfo = at + 1;
	}
	size_t hi_len = (size_t)(nl + nl_len - hostinfo);
	const char *open = find_char(hostinfo, hi_len, '[');
	const char *host, *host_end;
	if (open) {
		host = open + 1;
		host_end = find_char(host, (size_t)(nl + nl_len - host), ']');
		if (!host_end)
			host_end = nl + nl_len;
	} else {
		host = hostinfo;
		host_end = find_char(hostinfo, hi_len, ':');
		if (!host_end)
			host_end = nl + nl_len;
	}
	size_t host_len = (size_t)(host_end - host);
	if (host_len > 0) {
		/* a scope id after '%' keeps its case */
		const char *pct = find_char(host, host_len, '%');
		size_t lower_len = pct ? (size_t)(pct - host) : host_len;
		char *h = lower_copy(a, host, lower_len);
		char *full = h ? arena_alloc(a, host_len + 1) : NULL;
		if (!full) {
			*errmsg = "out of memory";
			return -2;
		}
		memcpy(full, h, lower_len);
		memcpy(full + lower_len, host + lower_len, host_len - lower_len);
		out->has_hostname = true;
		out->hostname = (struct str){full, host_len};
	}
	/* NUL-terminated copies, as every struct str in the tree is */
	struct str *parts[] = {&out->netloc, &out->path, &out->username};
	for (size_t i = 0; i < 3; i++) {
		char *copy = arena_strndup(a, parts[i]->ptr, parts[i]->len);
		if (!copy) {
			*errmsg = "out of memory";
			return -2;
		}
		parts[i]->ptr = copy;
	}
	return 0;
}

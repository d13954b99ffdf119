/* --debug output: each request and answer, with the Authorization header
 * (which holds the keyId: a session token for token auth) shown as
 * <redacted>. Bodies are JSON the user wrote or the service sent; binary
 * uploads are shown by size only. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "oci/client.h"

#define DEBUG_BODY_MAX 4000

void debug_line(const dsj_oci_client *c, const char *fmt, ...)
{
	if (!c->o.debug)
		return;
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	c->o.debug(line, c->o.debug_ctx);
}

static void debug_body(const dsj_oci_client *c, const char *prefix, const char *body, size_t len,
		       int binary)
{
	if (!len)
		return;
	if (binary) {
		debug_line(c, "%s<%zu bytes of binary body>", prefix, len);
		return;
	}
	int shown = len > DEBUG_BODY_MAX ? DEBUG_BODY_MAX : (int)len;
	debug_line(c, "%s%.*s%s", prefix, shown, body, len > DEBUG_BODY_MAX ? " ..." : "");
}

void debug_request(const dsj_oci_client *c, const char *method, const char *url,
		   const struct curl_slist *headers, const struct dsj_oci_request *req)
{
	if (!c->o.debug)
		return;
	debug_line(c, "> %s %s", method, url);
	for (const struct curl_slist *h = headers; h; h = h->next) {
		if (strncasecmp(h->data, "authorization:", 14) == 0)
			debug_line(c, "> authorization: <redacted>");
		else if (strncasecmp(h->data, "expect:", 7) != 0)
			debug_line(c, "> %s", h->data);
	}
	debug_body(c, "> ", req->body, req->body_len, req->exclude_body);
}

void debug_reply(const dsj_oci_client *c, const struct http_reply *r, int attempt)
{
	if (!c->o.debug)
		return;
	if (r->net_error[0]) {
		debug_line(c, "< attempt %d: no answer: %s", attempt, r->net_error);
		return;
	}
	debug_line(c, "< attempt %d: HTTP %ld (opc-request-id: %s)", attempt, r->status,
		   r->request_id[0] ? r->request_id : "none");
	debug_body(c, "< ", r->body.data, r->body.len, 0);
}

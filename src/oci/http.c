/* One HTTP exchange through libcurl: TLS verification stays on, proxies come
 * from the environment (libcurl's own http_proxy/https_proxy/no_proxy), the
 * body is sent with its real Content-Length, and the answer is read into a
 * bounded buffer along with the headers the client needs. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "oci/http.h"

#define REPLY_MAX_BYTES ((size_t)64 << 20)

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct buf *b = ctx;
	return buf_append(b, data, size * n) ? size * n : 0;
}

static void header_value(char *dst, size_t size, const char *v, size_t len)
{
	while (len && isspace((unsigned char)*v))
		v++, len--;
	while (len && isspace((unsigned char)v[len - 1]))
		len--;
	if (len >= size)
		len = size - 1;
	memcpy(dst, v, len);
	dst[len] = '\0';
}

static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
	struct http_reply *r = ctx;
	size_t len = size * n;
	const char *colon = memchr(data, ':', len);
	if (!colon)
		return len;
	size_t k = (size_t)(colon - data);
	const char *v = colon + 1;
	size_t vlen = len - k - 1;
	if (k == 14 && strncasecmp(data, "opc-request-id", 14) == 0)
		header_value(r->request_id, sizeof(r->request_id), v, vlen);
	else if (k == 13 && strncasecmp(data, "opc-next-page", 13) == 0) {
		header_value(r->next_page, sizeof(r->next_page), v, vlen);
		r->next_page_cut = vlen >= sizeof(r->next_page);
	} else if (k == 19 && strncasecmp(data, "content-disposition", 19) == 0)
		header_value(r->disposition, sizeof(r->disposition), v, vlen);
	return len;
}

static void set_method(CURL *h, const struct http_exchange *x)
{
	if (strcmp(x->method, "GET") == 0) {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
		return;
	}
	if (strcmp(x->method, "POST") != 0)
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, x->method);
	if (strcmp(x->method, "HEAD") == 0) { /* headers only: no body is read */
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, NULL);
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
		return;
	}
	if (strcmp(x->method, "DELETE") == 0) {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, x->method);
		return;
	}
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, x->body ? x->body : "");
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)x->body_len);
}

int http_perform(CURL *h, const struct http_exchange *x, struct http_reply *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->body, REPLY_MAX_BYTES);
	curl_easy_reset(h);
	curl_easy_setopt(h, CURLOPT_URL, x->url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	/* no overall timeout (uploads can be large); a stalled transfer is cut */
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 60L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, x->headers);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &r->body);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "dsjob/" DSJ_VERSION);
	set_method(h, x);
	CURLcode rc = curl_easy_perform(h);
	if (rc != CURLE_OK) {
		snprintf(r->net_error, sizeof(r->net_error), "%s%s",
			 r->body.failed ? "the answer is larger than 64 MiB: " : "",
			 curl_easy_strerror(rc));
		return -1;
	}
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	return 0;
}

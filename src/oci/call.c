/* One API call: the URL, the signed headers, and the attempts the SDKs make
 * (429, 5xx, 409 IncorrectState/LockConflict, connection errors), each signed
 * anew, a create keeping its one opc-retry-token throughout. */
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oci/client.h"
#include "util/diag.h"

#define DEFAULT_ATTEMPTS 8
#define RETRY_BUDGET_MS 600000u

struct prepared {
	char *url;
	char host[256];
	char target[16384];
};

static int prepare(const dsj_oci_client *c, const struct dsj_oci_request *req, struct prepared *p,
		   struct dsj_error *err)
{
	char *base = client_base_url(c, req->service);
	char prefix[512];
	if (!base)
		return oci_fail(err, DSJ_OCI_ECONFIG, "no endpoint for region '%s'", c->region);
	int bad = url_split(base, p->host, sizeof(p->host), prefix, sizeof(prefix));
	size_t n = strlen(base) + strlen(req->path) + 1;
	p->url = bad ? NULL : malloc(n);
	if (p->url)
		snprintf(p->url, n, "%s%s", base, req->path);
	free(base);
	if (bad)
		return oci_fail(err, DSJ_EUSAGE, "bad endpoint URL");
	if (!p->url)
		return diag_nomem(err);
	if ((size_t)snprintf(p->target, sizeof(p->target), "%s%s", prefix, req->path) >=
	    sizeof(p->target))
		return oci_fail(err, DSJ_EUSAGE, "request path too long");
	return 0;
}

/* Appends "name: value"; sized to fit (a session token's keyId makes the
 * Authorization header several kilobytes long). */
static struct curl_slist *add(struct curl_slist *h, int *failed, const char *fmt, const char *v)
{
	int n = snprintf(NULL, 0, fmt, v);
	char *line = n >= 0 ? malloc((size_t)n + 1) : NULL;
	struct curl_slist *more = NULL;
	if (line) {
		snprintf(line, (size_t)n + 1, fmt, v);
		more = curl_slist_append(h, line);
		OPENSSL_cleanse(line, (size_t)n);
		free(line);
	}
	if (!more)
		*failed = 1;
	return more ? more : h;
}

static struct curl_slist *headers_for(const struct dsj_oci_request *req, const struct prepared *p,
				      const struct dsj_oci_signed *s, const char *retry_token,
				      int *failed)
{
	struct curl_slist *h = NULL;
	h = add(h, failed, "date: %s", s->date);
	h = add(h, failed, "host: %s", p->host);
	h = add(h, failed, "accept: %s", "application/json");
	h = add(h, failed, "expect:%s", "");
	if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "DELETE") != 0)
		h = add(h, failed, "content-type: %s",
			req->content_type ? req->content_type : "application/json");
	if (s->content_sha256[0])
		h = add(h, failed, "x-content-sha256: %s", s->content_sha256);
	if (req->disposition)
		h = add(h, failed, "content-disposition: %s", req->disposition);
	if (retry_token[0])
		h = add(h, failed, "opc-retry-token: %s", retry_token);
	h = add(h, failed, "opc-client-retries: %s", "true");
	h = add(h, failed, "authorization: %s", s->authorization);
	return h;
}

/* One signed attempt; 0 with an answer in r, -1 without one (r->net_error). */
static int attempt(dsj_oci_client *c, const struct dsj_oci_request *req, const struct prepared *p,
		   const char *retry_token, struct http_reply *r, struct dsj_error *err)
{
	struct dsj_oci_sign_input in = {req->method,   p->host,		  p->target,
					NULL,	       req->content_type, req->body,
					req->body_len, req->exclude_body};
	struct dsj_oci_signed s;
	memset(r, 0, sizeof(*r));
	buf_init(&r->body, 0);
	int rc = dsj_oci_sign(c->cred.signer, &in, &s, err);
	if (rc)
		return rc;
	int failed = 0;
	struct curl_slist *h = headers_for(req, p, &s, retry_token, &failed);
	struct http_exchange x = {req->method, p->url, h, req->body, req->body_len};
	if (!failed) {
		debug_request(c, req->method, p->url, h, req);
		buf_free(&r->body);
		if (http_perform(c->curl, &x, r) && !r->net_error[0])
			snprintf(r->net_error, sizeof(r->net_error), "no answer");
	}
	curl_slist_free_all(h);
	dsj_free(s.authorization);
	return failed ? diag_nomem(err) : 0;
}

static void pause_ms(const dsj_oci_client *c, unsigned ms)
{
	if (c->o.sleep) {
		c->o.sleep(ms, c->o.sleep_ctx);
		return;
	}
	struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0)
		;
}

static uint32_t jitter(void)
{
	uint32_t v = 0;
	if (RAND_bytes((unsigned char *)&v, sizeof(v)) != 1)
		v = 0;
	return v;
}

static int worth_retrying(const struct http_reply *r)
{
	if (r->net_error[0])
		return retry_should(0, NULL, 1);
	if (r->status < 400)
		return 0;
	char *code = r->status == 409
			     ? json_pick(r->body.data ? r->body.data : "", r->body.len, "code")
			     : NULL;
	int again = retry_should(r->status, code, 0);
	free(code);
	return again;
}

static int finish(dsj_oci_client *c, struct http_reply *r, const struct prepared *p,
		  struct dsj_oci_response *resp, struct dsj_error *err)
{
	resp->status = r->status;
	snprintf(c->disposition, sizeof(c->disposition), "%s", r->disposition);
	snprintf(resp->request_id, sizeof(resp->request_id), "%s", r->request_id);
	snprintf(resp->next_page, sizeof(resp->next_page), "%s", r->next_page);
	if (r->net_error[0]) {
		buf_free(&r->body);
		return oci_fail(err, DSJ_OCI_ENET, "%s: %s", p->url, r->net_error);
	}
	if (r->next_page_cut) {
		buf_free(&r->body);
		return oci_fail(err, DSJ_OCI_EREPLY, "%s: opc-next-page is longer than 4 KiB",
				p->url);
	}
	if (r->status < 200 || r->status > 299) {
		int rc = oci_error_from_reply(err, r->status, buf_cstr(&r->body), r->body.len,
					      r->request_id);
		buf_free(&r->body);
		return rc;
	}
	resp->body = buf_detach(&r->body, &resp->body_len);
	return resp->body ? 0 : diag_nomem(err);
}

/* A resource principal's token is renewed in its files: read them again once. */
static int reload_after_401(dsj_oci_client *c, const struct http_reply *r, int *reloaded)
{
	if (*reloaded || r->status != 401 || c->o.auth == DSJ_OCI_AUTH_API_KEY ||
	    !getenv("OCI_RESOURCE_PRINCIPAL_VERSION"))
		return 0;
	struct credentials fresh;
	if (credentials_load(&fresh, &c->o, NULL))
		return 0;
	fresh.region = (free(fresh.region), c->cred.region);
	c->cred.region = NULL;
	credentials_free(&c->cred);
	c->cred = fresh;
	return *reloaded = 1;
}

DSJ_API int dsj_oci_call(dsj_oci_client *c, const struct dsj_oci_request *req,
			 struct dsj_oci_response *resp, struct dsj_error *err)
{
	diag_clear(err);
	memset(resp, 0, sizeof(*resp));
	struct prepared p = {0};
	int rc = prepare(c, req, &p, err);
	char token[31] = "";
	if (req->retry_token)
		retry_token_make(token);
	int most = c->o.max_attempts > 0 ? c->o.max_attempts : DEFAULT_ATTEMPTS;
	unsigned waited = 0;
	int reloaded = 0;
	struct http_reply r = {0};
	for (int n = 1; !rc; n++) {
		rc = attempt(c, req, &p, token, &r, err);
		if (rc)
			break;
		debug_reply(c, &r, n);
		unsigned delay = retry_delay_ms(n, jitter());
		int again = reload_after_401(c, &r, &reloaded) ||
			    (worth_retrying(&r) && n < most && waited + delay <= RETRY_BUDGET_MS);
		if (!again) {
			rc = finish(c, &r, &p, resp, err);
			break;
		}
		buf_free(&r.body);
		debug_line(c, "retrying in %u ms (attempt %d of %d)", delay, n + 1, most);
		pause_ms(c, delay);
		waited += delay;
	}
	free(p.url);
	return rc;
}

DSJ_API void dsj_oci_response_free(struct dsj_oci_response *resp)
{
	if (!resp)
		return;
	dsj_free(resp->body);
	resp->body = NULL;
	resp->body_len = 0;
}

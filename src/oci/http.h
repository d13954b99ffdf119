/* One HTTP exchange (http.c) and the URL parts signing needs (url.c). */
#ifndef DSJ_OCI_HTTP_H
#define DSJ_OCI_HTTP_H

#include "oci/libs.h"

#include "oci/oci.h"

struct http_exchange {
	const char *method;
	const char *url;
	struct curl_slist *headers;
	const char *body;
	size_t body_len;
};

struct http_reply {
	long status;
	struct buf body;
	char request_id[128];
	char next_page[4096];
	int next_page_cut;   /* opc-next-page was longer than next_page */
	char disposition[512]; /* content-disposition (HeadJobArtifact), "" when none */
	char net_error[256]; /* set when there was no answer */
};

/* 0 with r->status set, or -1 with r->net_error; r->body always to be freed. */
int http_perform(CURL *h, const struct http_exchange *x, struct http_reply *r);

/* "https://host:port/prefix" -> host "host:port" (port kept only when given
 * and not the scheme's default) and prefix "/prefix" ("" when none). */
int url_split(const char *base, char *host, size_t host_size, char *prefix, size_t prefix_size);

#endif

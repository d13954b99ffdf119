/* The client handle's insides, shared by client.c, call.c and the API files. */
#ifndef DSJ_OCI_CLIENT_H
#define DSJ_OCI_CLIENT_H

#include "oci/http.h"

struct dsj_oci_client {
	struct dsj_oci_options o; /* strings point at the copies below */
	char *config_file, *profile, *home, *endpoint, *region;
	struct credentials cred;
	CURL *curl;
	char disposition[512]; /* the last answer's content-disposition, "" when none */
};

/* The base URL of a service (endpoint or by region), heap, no trailing "/". */
char *client_base_url(const dsj_oci_client *c, enum dsj_oci_service service);

/* debug.c: the request and answer lines --debug shows, secrets redacted. */
void debug_request(const dsj_oci_client *c, const char *method, const char *url,
		   const struct curl_slist *headers, const struct dsj_oci_request *req);
void debug_reply(const dsj_oci_client *c, const struct http_reply *r, int attempt);
void debug_line(const dsj_oci_client *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif

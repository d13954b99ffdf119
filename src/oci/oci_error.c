/* Errors of the OCI layer. A service error says everything support asks for:
 * the HTTP status, OCI's code and message, and the opc-request-id. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/json.h"
#include "oci/oci.h"
#include "util/diag.h"

int oci_fail(struct dsj_error *err, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = diag_vnode(err, code, NULL, NULL, "OciError", fmt, ap);
	va_end(ap);
	return rc;
}

/* Keeps an answer's text printable on one line and short. */
static void one_line(char *dst, size_t size, const char *src)
{
	size_t n = 0;
	for (; src && *src && n + 1 < size; src++)
		dst[n++] = (*src == '\n' || *src == '\r' || *src == '\t') ? ' ' : *src;
	dst[n] = '\0';
}

static const char *status_hint(long status)
{
	switch (status) {
	case 401:
		return " (check the key, its fingerprint and the clock)";
	case 404:
		return " (no such resource, or no permission to see it)";
	default:
		return "";
	}
}

int oci_error_from_reply(struct dsj_error *err, long status, const char *body, size_t len,
			 const char *request_id)
{
	struct arena a;
	const struct node *root = answer_read(&a, body, len);
	char *code = json_pick_at(root, "code");
	char *message = json_pick_at(root, "message");
	arena_free(&a);
	char c[96], m[480];
	one_line(c, sizeof(c), code ? code : "");
	one_line(m, sizeof(m), message ? message : "");
	free(code);
	free(message);
	return diag_at(err, DSJ_OCI_EHTTP, 0, 0, NULL, c[0] ? c : "HttpError",
		       "HTTP %ld%s%s%s%s (opc-request-id: %s)%s", status, c[0] ? " " : "", c,
		       m[0] ? ": " : "", m, request_id && *request_id ? request_id : "none",
		       status_hint(status));
}

/* The expiry of a session token (a JWT): the `exp` claim of its payload, so an
 * expired token is reported before the service answers 401. */
#include <stdlib.h>
#include <string.h>

#include "doc/json.h"
#include "oci/oci.h"
#include "util/diag.h"

static long long exp_claim(const char *json, size_t len)
{
	struct arena a;
	const struct node *root = answer_read(&a, json, len);
	long long exp = -1;
	if (root && root->kind == NODE_MAP) {
		const struct node *n = map_get(root, "exp");
		if (n && n->kind == NODE_INT && n->u.integer.fits)
			exp = (long long)n->u.integer.i64;
		else if (n && n->kind == NODE_FLOAT && n->u.real > 0 && n->u.real < 1e15)
			exp = (long long)n->u.real;
	}
	arena_free(&a);
	return exp;
}

long long jwt_expiry(const char *token, size_t len)
{
	const char *dot1 = memchr(token, '.', len);
	if (!dot1)
		return -1;
	const char *payload = dot1 + 1;
	const char *dot2 = memchr(payload, '.', len - (size_t)(payload - token));
	if (!dot2)
		return -1;
	size_t n = 0;
	char *json = b64url_decode(payload, (size_t)(dot2 - payload), &n);
	if (!json)
		return -1;
	long long exp = exp_claim(json, n);
	free(json);
	return exp;
}

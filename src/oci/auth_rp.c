/* Resource principal v2.2, inside notebook sessions and job runs: the token
 * (RPST), the private key and its pass phrase come from OCI_RESOURCE_PRINCIPAL_*
 * variables, each holding the value itself or an absolute path to it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "oci/auth.h"
#include "util/diag.h"

#define RP_MAX_BYTES ((size_t)1 << 20)

/* The variable's value, or the file it names when it is an absolute path. */
static int rp_value(const char *name, int required, char **out, size_t *len, struct dsj_error *err)
{
	*out = NULL;
	*len = 0;
	const char *v = getenv(name);
	if (!v || !*v)
		return required ? oci_fail(err, DSJ_OCI_ECONFIG,
					   "resource principal: %s is not set", name)
				: 0;
	if (v[0] != '/') {
		*len = strlen(v);
		*out = strdup(v);
		return *out ? 0 : diag_nomem(err);
	}
	if (file_read_small(v, RP_MAX_BYTES, out, len))
		return oci_fail(err, DSJ_OCI_ECONFIG, "resource principal: %s: %s: %s", name, v,
				errno == ENOENT ? "no such file" : strerror(errno));
	return 0;
}

static void wipe(char *s, size_t n)
{
	if (s)
		OPENSSL_cleanse(s, n);
	free(s);
}

static int rp_key(EVP_PKEY **key, struct dsj_error *err)
{
	char *pem = NULL, *pass = NULL;
	size_t pem_len = 0, pass_len = 0;
	int rc = rp_value("OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM", 1, &pem, &pem_len, err);
	if (!rc)
		rc = rp_value("OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE", 0, &pass, &pass_len,
			      err);
	if (!rc) {
		while (pass_len && (pass[pass_len - 1] == '\n' || pass[pass_len - 1] == '\r'))
			pass[--pass_len] = '\0';
		char why[160];
		if (key_load(key, pem, pem_len, pass, why, sizeof(why)))
			rc = oci_fail(err, DSJ_OCI_ECONFIG,
				      "resource principal: OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: %s",
				      why);
	}
	wipe(pem, pem_len);
	wipe(pass, pass_len);
	return rc;
}

int auth_resource_principal(struct credentials *out, long long now, struct dsj_error *err)
{
	const char *version = getenv("OCI_RESOURCE_PRINCIPAL_VERSION");
	if (!version || strcmp(version, "2.2") != 0)
		return oci_fail(err, DSJ_OCI_ECONFIG,
				"resource principal: OCI_RESOURCE_PRINCIPAL_VERSION is %s%s%s; "
				"only 2.2 is supported",
				version ? "'" : "not set", version ? version : "",
				version ? "'" : "");
	char *rpst = NULL;
	size_t len = 0;
	EVP_PKEY *key = NULL;
	int rc = rp_value("OCI_RESOURCE_PRINCIPAL_RPST", 1, &rpst, &len, err);
	if (!rc)
		rc = rp_key(&key, err);
	if (!rc)
		rc = auth_token_signer(out, key, rpst, len, now, NULL, err);
	wipe(rpst, len);
	const char *region = getenv("OCI_RESOURCE_PRINCIPAL_REGION");
	if (!rc && region && *region && !out->region)
		out->region = strdup(region);
	return rc;
}

/* Session-token credentials (`oci session authenticate`): the profile's
 * security_token_file, signed for with its key_file; keyId "ST$<token>". An
 * expired token is reported here, with the command that renews it. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oci/auth.h"
#include "util/diag.h"

static void utc_text(char out[32], long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (gmtime_r(&tt, &tm))
		strftime(out, 32, "%Y-%m-%d %H:%M:%S UTC", &tm);
	else
		snprintf(out, 32, "%lld", t);
}

int auth_token_signer(struct credentials *out, EVP_PKEY *key, const char *token, size_t len,
		      long long now, const char *refresh_hint, struct dsj_error *err)
{
	while (len && isspace((unsigned char)token[len - 1]))
		len--;
	while (len && isspace((unsigned char)*token))
		token++, len--;
	for (size_t i = 0; i < len; i++)
		if (token[i] == '"' || token[i] == '\\' || (unsigned char)token[i] < 0x21) {
			EVP_PKEY_free(key);
			return oci_fail(err, DSJ_OCI_ECONFIG, "the %s is not a token",
					refresh_hint ? "session token"
						     : "resource principal token");
		}
	long long exp = jwt_expiry(token, len);
	if (exp >= 0 && exp <= now) {
		char when[32];
		utc_text(when, exp);
		EVP_PKEY_free(key);
		return oci_fail(err, DSJ_OCI_ECONFIG, "the %s expired at %s%s%s",
				refresh_hint ? "session token" : "resource principal token", when,
				refresh_hint ? ": " : "", refresh_hint ? refresh_hint : "");
	}
	char *key_id = malloc(len + 4);
	if (!key_id) {
		EVP_PKEY_free(key);
		return diag_nomem(err);
	}
	memcpy(key_id, "ST$", 3);
	memcpy(key_id + 3, token, len);
	key_id[len + 3] = '\0';
	int rc = signer_from_key(&out->signer, key, key_id);
	OPENSSL_cleanse(key_id, len + 3);
	free(key_id);
	return rc ? diag_nomem(err) : 0;
}

int auth_security_token(struct credentials *out, const struct config_profile *p,
			const char *profile, const char *home, long long now, struct dsj_error *err)
{
	const struct config_entry *tf = auth_require(p, profile, "security_token_file", err);
	if (!tf)
		return DSJ_OCI_ECONFIG;
	char *token = NULL;
	size_t len = 0;
	int rc = auth_entry_file(p, tf, home, &token, &len, err);
	if (rc)
		return rc;
	EVP_PKEY *key = NULL;
	rc = auth_profile_key(&key, p, profile, home, err);
	if (!rc) {
		char hint[160];
		snprintf(hint, sizeof(hint), "run `oci session refresh --profile %s`", profile);
		rc = auth_token_signer(out, key, token, len, now, hint, err);
	}
	OPENSSL_cleanse(token, len);
	free(token);
	const struct config_entry *t = config_get(p, "tenancy");
	if (!rc && t)
		out->tenancy = strdup(t->value);
	return rc;
}

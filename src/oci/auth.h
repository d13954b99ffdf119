/* The credential sources, one file each (auth_api_key.c, auth_token.c,
 * auth_rp.c), and the helpers they share. */
#ifndef DSJ_OCI_AUTH_H
#define DSJ_OCI_AUTH_H

#include "oci/oci.h"

const struct config_entry *auth_require(const struct config_profile *p, const char *profile,
					const char *key, struct dsj_error *err);
int auth_entry_file(const struct config_profile *p, const struct config_entry *e, const char *home,
		    char **data, size_t *len, struct dsj_error *err);
int auth_profile_key(EVP_PKEY **key, const struct config_profile *p, const char *profile,
		     const char *home, struct dsj_error *err);

int auth_api_key(struct credentials *out, const struct config_profile *p, const char *profile,
		 const char *home, struct dsj_error *err);
int auth_security_token(struct credentials *out, const struct config_profile *p,
			const char *profile, const char *home, long long now,
			struct dsj_error *err);
int auth_resource_principal(struct credentials *out, long long now, struct dsj_error *err);

/* "ST$<token>" signer; the token is checked for expiry (`refresh_hint` says how). */
int auth_token_signer(struct credentials *out, EVP_PKEY *key, const char *token, size_t len,
		      long long now, const char *refresh_hint, struct dsj_error *err);

#endif

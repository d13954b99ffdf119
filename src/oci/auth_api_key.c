/* API-key credentials from a config-file profile: user, tenancy, fingerprint
 * and key_file (decrypted with pass_phrase), the fingerprint checked against
 * the key so a mismatch is found here, not as a 401. Also the helpers the
 * session-token profile shares. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "oci/auth.h"
#include "oci/oci.h"
#include "util/diag.h"

#define KEY_MAX_BYTES ((size_t)1 << 20)

static int entry_fail(struct dsj_error *err, const struct config_profile *p,
		      const struct config_entry *e, const char *fmt, const char *arg)
{
	char msg[400];
	snprintf(msg, sizeof(msg), fmt, arg);
	return diag_at(err, DSJ_OCI_ECONFIG, e->line, 0, e->key, "ConfigFileError", "%s:%u: %s: %s",
		       p->file, e->line, e->key, msg);
}

const struct config_entry *auth_require(const struct config_profile *p, const char *profile,
					const char *key, struct dsj_error *err)
{
	const struct config_entry *e = config_get(p, key);
	if (e && *e->value)
		return e;
	diag_at(err, DSJ_OCI_ECONFIG, e ? e->line : 0, 0, key, "ConfigFileError",
		"%s: profile [%s]: `%s` is %s", p->file, profile, key, e ? "empty" : "missing");
	return NULL;
}

/* Reads the file a config entry names ("~" expanded). */
int auth_entry_file(const struct config_profile *p, const struct config_entry *e, const char *home,
		    char **data, size_t *len, struct dsj_error *err)
{
	char *path = path_expand(e->value, home);
	if (!path)
		return diag_nomem(err);
	int rc = file_read_small(path, KEY_MAX_BYTES, data, len);
	int why = errno;
	free(path);
	if (!rc)
		return 0;
	return entry_fail(err, p, e, "%s",
			  why == ENOENT	 ? "no such file"
			  : why == EFBIG ? "the file is larger than 1 MiB"
					 : strerror(why));
}

/* The profile's key (decrypted with pass_phrase), with `why` located on key_file. */
int auth_profile_key(EVP_PKEY **key, const struct config_profile *p, const char *profile,
		     const char *home, struct dsj_error *err)
{
	const struct config_entry *kf = auth_require(p, profile, "key_file", err);
	if (!kf)
		return DSJ_OCI_ECONFIG;
	char *pem = NULL;
	size_t len = 0;
	int rc = auth_entry_file(p, kf, home, &pem, &len, err);
	if (rc)
		return rc;
	const struct config_entry *pass = config_get(p, "pass_phrase");
	char why[160];
	rc = key_load(key, pem, len, pass ? pass->value : NULL, why, sizeof(why));
	OPENSSL_cleanse(pem, len);
	free(pem);
	return rc ? entry_fail(err, p, kf, "%s", why) : 0;
}

static int check_fingerprint(const EVP_PKEY *key, const struct config_profile *p,
			     const struct config_entry *fp, struct dsj_error *err)
{
	char actual[48];
	if (key_fingerprint(key, actual))
		return entry_fail(err, p, fp, "%s", "cannot compute the key's fingerprint");
	if (strcasecmp(actual, fp->value) == 0)
		return 0;
	char msg[200];
	snprintf(msg, sizeof(msg), "does not match the key in key_file, whose fingerprint is %s",
		 actual);
	return entry_fail(err, p, fp, "%s", msg);
}

int auth_api_key(struct credentials *out, const struct config_profile *p, const char *profile,
		 const char *home, struct dsj_error *err)
{
	const struct config_entry *user = auth_require(p, profile, "user", err);
	const struct config_entry *tenancy = user ? auth_require(p, profile, "tenancy", err) : NULL;
	const struct config_entry *fp =
		tenancy ? auth_require(p, profile, "fingerprint", err) : NULL;
	if (!fp)
		return DSJ_OCI_ECONFIG;
	EVP_PKEY *key = NULL;
	int rc = auth_profile_key(&key, p, profile, home, err);
	if (!rc && (rc = check_fingerprint(key, p, fp, err)))
		EVP_PKEY_free(key);
	if (rc)
		return rc;
	size_t n = strlen(tenancy->value) + strlen(user->value) + strlen(fp->value) + 3;
	char *key_id = malloc(n);
	if (!key_id) {
		EVP_PKEY_free(key);
		return diag_nomem(err);
	}
	snprintf(key_id, n, "%s/%s/%s", tenancy->value, user->value, fp->value);
	rc = signer_from_key(&out->signer, key, key_id);
	free(key_id);
	out->tenancy = strdup(tenancy->value);
	return rc ? diag_nomem(err) : 0;
}

/* Loading the credentials the client options name (auth mode, config file,
 * profile, region). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oci/auth.h"
#include "util/diag.h"

static char *config_path(const struct dsj_oci_options *o)
{
	const char *p = o->config_file;
	if (!p || !*p)
		p = getenv("OCI_CONFIG_FILE");
	if (!p || !*p)
		p = "~/.oci/config";
	return path_expand(p, o->home);
}

static const char *profile_name(const struct dsj_oci_options *o)
{
	const char *p = o->profile;
	if (!p || !*p)
		p = getenv("OCI_CLI_PROFILE");
	return p && *p ? p : "DEFAULT";
}

static int from_config(struct credentials *out, const struct dsj_oci_options *o,
		       enum dsj_oci_auth auth, long long now, struct dsj_error *err)
{
	char *path = config_path(o);
	char *shown = path ? path_shown(path, o->home) : NULL;
	struct config_profile p;
	int rc = shown ? config_read(&p, path, shown, profile_name(o), err) : diag_nomem(err);
	free(path);
	free(shown);
	if (rc)
		return rc;
	if (auth == DSJ_OCI_AUTH_AUTO)
		auth = config_get(&p, "security_token_file") ? DSJ_OCI_AUTH_SECURITY_TOKEN
							     : DSJ_OCI_AUTH_API_KEY;
	rc = auth == DSJ_OCI_AUTH_SECURITY_TOKEN
		     ? auth_security_token(out, &p, profile_name(o), o->home, now, err)
		     : auth_api_key(out, &p, profile_name(o), o->home, err);
	const struct config_entry *region = config_get(&p, "region");
	if (!rc && region && *region->value)
		out->region = strdup(region->value);
	config_free(&p);
	return rc;
}

int credentials_load(struct credentials *out, const struct dsj_oci_options *o,
		     struct dsj_error *err)
{
	memset(out, 0, sizeof(*out));
	long long now = (long long)time(NULL);
	enum dsj_oci_auth auth = o->auth;
	if (auth == DSJ_OCI_AUTH_AUTO && getenv("OCI_RESOURCE_PRINCIPAL_VERSION"))
		auth = DSJ_OCI_AUTH_RESOURCE_PRINCIPAL;
	int rc = auth == DSJ_OCI_AUTH_RESOURCE_PRINCIPAL ? auth_resource_principal(out, now, err)
							 : from_config(out, o, auth, now, err);
	if (rc)
		credentials_free(out);
	return rc;
}

void credentials_free(struct credentials *c)
{
	dsj_oci_signer_free(c->signer);
	free(c->region);
	free(c->tenancy);
	memset(c, 0, sizeof(*c));
}

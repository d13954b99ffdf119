/* The client handle: credentials, where each service lives, one libcurl
 * handle, and the options the caller gave (copied). */
#include <stdlib.h>
#include <string.h>

#include "oci/client.h"
#include "util/diag.h"

DSJ_API int dsj_oci_options_init(struct dsj_oci_options *o, unsigned int version)
{
	if (!o || version < 1 || version > DSJ_OCI_OPTIONS_VERSION)
		return DSJ_EUSAGE;
	memset(o, 0, sizeof(*o));
	o->version = version;
	return 0;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int copy_options(dsj_oci_client *c, const struct dsj_oci_options *o)
{
	c->o = *o;
	c->o.config_file = c->config_file = dup_or_null(o->config_file);
	c->o.profile = c->profile = dup_or_null(o->profile);
	c->o.home = c->home = dup_or_null(o->home);
	c->o.region = c->o.endpoint = NULL;
	c->endpoint = dup_or_null(o->endpoint);
	return (o->config_file && !c->config_file) || (o->profile && !c->profile) ||
			       (o->home && !c->home) || (o->endpoint && !c->endpoint)
		       ? -1
		       : 0;
}

static int check_endpoint(const char *endpoint, struct dsj_error *err)
{
	char host[256], prefix[512];
	if (url_split(endpoint, host, sizeof(host), prefix, sizeof(prefix)))
		return oci_fail(err, DSJ_EUSAGE,
				"--endpoint: '%s' is not an http:// or https:// base URL",
				endpoint);
	return 0;
}

static int set_region(dsj_oci_client *c, const char *region, struct dsj_error *err)
{
	const char *r = region && *region ? region : c->cred.region;
	c->region = strdup(r ? r : "");
	if (!c->region)
		return diag_nomem(err);
	if (!c->endpoint && !*c->region)
		return oci_fail(err, DSJ_OCI_ECONFIG,
				"no region: set `region` in the profile, or pass --region");
	return 0;
}

DSJ_API int dsj_oci_client_new(dsj_oci_client **out, const struct dsj_oci_options *o,
			       struct dsj_error *err)
{
	diag_clear(err);
	*out = NULL;
	if (!o || o->version < 1 || o->version > DSJ_OCI_OPTIONS_VERSION)
		return oci_fail(err, DSJ_EUSAGE, "dsj_oci_options: unknown version %u",
				o ? o->version : 0);
	if (o->endpoint && check_endpoint(o->endpoint, err))
		return DSJ_EUSAGE;
	dsj_oci_client *c = calloc(1, sizeof(*c));
	if (!c || copy_options(c, o)) {
		dsj_oci_client_free(c);
		return diag_nomem(err);
	}
	int rc = credentials_load(&c->cred, &c->o, err);
	if (!rc)
		rc = set_region(c, o->region, err);
	if (!rc && !(c->curl = curl_easy_init()))
		rc = oci_fail(err, DSJ_ENOMEM, "cannot start libcurl");
	if (rc) {
		dsj_oci_client_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

DSJ_API void dsj_oci_client_free(dsj_oci_client *c)
{
	if (!c)
		return;
	credentials_free(&c->cred);
	if (c->curl)
		curl_easy_cleanup(c->curl);
	free(c->config_file);
	free(c->profile);
	free(c->home);
	free(c->endpoint);
	free(c->region);
	free(c);
}

DSJ_API const char *dsj_oci_client_region(const dsj_oci_client *c)
{
	return c && c->region ? c->region : "";
}

char *client_base_url(const dsj_oci_client *c, enum dsj_oci_service service)
{
	if (c->endpoint) {
		char *b = strdup(c->endpoint);
		size_t n = b ? strlen(b) : 0;
		while (n && b[n - 1] == '/')
			b[--n] = '\0';
		return b;
	}
	return endpoint_for(service, c->region);
}

/* Region -> service host, by realm: the second-level domain of each realm and
 * the short region codes OCI accepts in configs ("iad"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oci/oci.h"

static const struct {
	const char *code, *name;
} region_codes[] = {
	{"iad", "us-ashburn-1"},     {"phx", "us-phoenix-1"},	   {"sjc", "us-sanjose-1"},
	{"ord", "us-chicago-1"},     {"yyz", "ca-toronto-1"},	   {"yul", "ca-montreal-1"},
	{"lhr", "uk-london-1"},	     {"cwl", "uk-cardiff-1"},	   {"fra", "eu-frankfurt-1"},
	{"ams", "eu-amsterdam-1"},   {"zrh", "eu-zurich-1"},	   {"mad", "eu-madrid-1"},
	{"cdg", "eu-paris-1"},	     {"lin", "eu-milan-1"},	   {"arn", "eu-stockholm-1"},
	{"mrs", "eu-marseille-1"},   {"nrt", "ap-tokyo-1"},	   {"kix", "ap-osaka-1"},
	{"icn", "ap-seoul-1"},	     {"yny", "ap-chuncheon-1"},	   {"bom", "ap-mumbai-1"},
	{"hyd", "ap-hyderabad-1"},   {"syd", "ap-sydney-1"},	   {"mel", "ap-melbourne-1"},
	{"sin", "ap-singapore-1"},   {"gru", "sa-saopaulo-1"},	   {"vcp", "sa-vinhedo-1"},
	{"scl", "sa-santiago-1"},    {"jed", "me-jeddah-1"},	   {"dxb", "me-dubai-1"},
	{"auh", "me-abudhabi-1"},    {"jnb", "af-johannesburg-1"}, {"mtz", "il-jerusalem-1"},
	{"qro", "mx-queretaro-1"},   {"mty", "mx-monterrey-1"},	   {"lfi", "us-langley-1"},
	{"luf", "us-luke-1"},	     {"ric", "us-gov-ashburn-1"},  {"pia", "us-gov-chicago-1"},
	{"tus", "us-gov-phoenix-1"}, {"ltn", "uk-gov-london-1"},   {"brs", "uk-gov-cardiff-1"},
	{"nja", "ap-chiyoda-1"},     {"ukb", "ap-ibaraki-1"},	   {"str", "eu-dcc-milan-1"},
};

/* Regions outside oc1, by realm; everything else is oc1 (oraclecloud.com). */
static const struct {
	const char *prefix, *domain;
} realm_regions[] = {
	{"us-langley-1", "oraclegovcloud.com"}, {"us-luke-1", "oraclegovcloud.com"},
	{"us-gov-", "oraclegovcloud.com"},	{"uk-gov-", "oraclegovcloud.uk"},
	{"ap-chiyoda-1", "oraclecloud8.com"},	{"ap-ibaraki-1", "oraclecloud8.com"},
	{"eu-dcc-", "oraclecloud.eu"},		{"eu-frankfurt-2", "oraclecloud.eu"},
	{"eu-madrid-2", "oraclecloud.eu"},
};

static const char *region_name(const char *region)
{
	for (size_t i = 0; i < sizeof(region_codes) / sizeof(region_codes[0]); i++)
		if (strcmp(region, region_codes[i].code) == 0)
			return region_codes[i].name;
	return region;
}

static int plausible_region(const char *r)
{
	if (!*r || strlen(r) > 64)
		return 0;
	for (; *r; r++)
		if (!((*r >= 'a' && *r <= 'z') || (*r >= '0' && *r <= '9') || *r == '-'))
			return 0;
	return 1;
}

const char *region_domain(const char *region)
{
	const char *name = region_name(region);
	for (size_t i = 0; i < sizeof(realm_regions) / sizeof(realm_regions[0]); i++)
		if (strncmp(name, realm_regions[i].prefix, strlen(realm_regions[i].prefix)) == 0)
			return realm_regions[i].domain;
	return "oraclecloud.com";
}

char *endpoint_for(enum dsj_oci_service service, const char *region)
{
	if (!region || !plausible_region(region))
		return NULL;
	const char *name = region_name(region);
	char out[256];
	if (service == DSJ_OCI_OBJECT_STORAGE) /* the one without ".oci." */
		snprintf(out, sizeof(out), "https://objectstorage.%s.%s", name,
			 region_domain(region));
	else
		snprintf(out, sizeof(out), "https://%s.%s.oci.%s",
			 service == DSJ_OCI_LOGGING ? "logging" : "datascience", name,
			 region_domain(region));
	return strdup(out);
}

DSJ_API char *dsj_oci_endpoint(enum dsj_oci_service service, const char *region)
{
	return endpoint_for(service, region);
}

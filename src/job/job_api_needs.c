/* What CreateJob needs that ADS sends without checking: a shape to run on,
 * and ids that are OCIDs. The conformance vectors have the reference send
 * bodies without a shape and with the documentation's placeholders
 * (<compartment_ocid>), so these are warnings, in translate and validate
 * alike. */
#include <stdio.h>
#include <string.h>

#include "job/job_parts.h"

#define INFRA "spec.infrastructure.spec"

/* The ids and the OCID resource types they take. */
static const struct {
	const char *key;
	const char *types[3];
	const char *what;
} ids[] = {
	{"compartmentId", {"compartment", "tenancy"}, "a compartment"},
	{"projectId", {"datascienceproject"}, "a Data Science project"},
	{"subnetId", {"subnet"}, "a subnet"},
	{"logGroupId", {"loggroup"}, "a log group"},
	{"logId", {"log"}, "a log"},
};

static bool looks_like_placeholder(struct str s)
{
	for (size_t i = 0; i < s.len; i++)
		if (strchr("<>{} ", s.ptr[i]))
			return true;
	return false;
}

/* The resource type of an OCID, ocid1.TYPE.REALM.[REGION].UNIQUE; len 0 when
 * `s` is not one. */
static struct str ocid_type(struct str s)
{
	struct str none = {"", 0};
	if (s.len < 6 || memcmp(s.ptr, "ocid1.", 6) != 0)
		return none;
	size_t dots = 0, type_end = 0;
	for (size_t i = 6; i < s.len; i++)
		if (s.ptr[i] == '.' && dots++ == 0)
			type_end = i;
	if (dots < 3 || type_end == 6)
		return none;
	return (struct str){s.ptr + 6, type_end - 6};
}

static void check_id(struct job_ctx *j, const struct node *ispec, size_t i)
{
	const struct node *v = map_get(ispec, ids[i].key);
	if (!node_is_str(v) || !v->u.str.len)
		return;
	char path[DSJ_ERROR_PATH_MAX];
	snprintf(path, sizeof(path), INFRA ".%s", ids[i].key);
	if (looks_like_placeholder(v->u.str)) {
		job_warning(j, v, path,
			    "'%s' looks like a placeholder from the documentation: put the OCID of "
			    "%s here (the API rejects anything else)",
			    v->u.str.ptr, ids[i].what);
		return;
	}
	struct str type = ocid_type(v->u.str);
	if (!type.len) {
		job_warning(j, v, path,
			    "'%s' is not an OCID (ocid1.TYPE.REALM.[REGION].ID): the API expects "
			    "the OCID of %s",
			    v->u.str.ptr, ids[i].what);
		return;
	}
	for (size_t t = 0; t < 3 && ids[i].types[t]; t++)
		if (str_eq(type, ids[i].types[t]))
			return;
	job_warning(j, v, path, "this is the OCID of a %.*s, not of %s", (int)type.len, type.ptr,
		    ids[i].what);
}

void job_check_api_needs(struct job_ctx *j, const struct node *ispec)
{
	if (!j->opts->warn || !ispec || ispec->kind != NODE_MAP)
		return;
	const struct node *type = map_get(ispec, "jobInfrastructureType");
	bool empty = node_is_str(type) && str_eq(type->u.str, "EMPTY");
	if (!empty && !node_truthy(map_get(ispec, "shapeName")))
		job_warning(j, ispec, INFRA,
			    "no shapeName: the API needs a shape to run the job on (e.g. "
			    "shapeName: VM.Standard.E4.Flex with shapeConfigDetails: {ocpus: 1, "
			    "memoryInGBs: 16})");
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		check_id(j, ispec, i);
}

/* Finding the job `dsjob apply` made from a file: ListJobs by compartment,
 * project and display name, ACTIVE only, newest first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/json.h"
#include "oci/oci.h"
#include "util/diag.h"

static int first_item(char **out, const char *json, size_t len)
{
	struct arena a;
	const struct node *root = answer_read(&a, json, len);
	int rc = DSJ_EINPUT;
	if (root) {
		const struct node *items = root->kind == NODE_SEQ ? root : json_walk(root, "items");
		if (items && items->kind == NODE_SEQ && items->u.seq.count) {
			struct buf b;
			buf_init(&b, 0);
			if (json_write(&b, items->u.seq.items[0], JSON_PRETTY, NULL) == 0)
				rc = (*out = buf_detach(&b, NULL)) ? 0 : DSJ_ENOMEM;
			buf_free(&b);
		}
	}
	arena_free(&a);
	return rc;
}

DSJ_API int dsj_oci_job_find(dsj_oci_client *c, const char *compartment_id, const char *project_id,
			     const char *name, char **out, struct dsj_error *err)
{
	diag_clear(err);
	*out = NULL;
	if (!compartment_id || !ocid_ok(compartment_id) || !project_id || !ocid_ok(project_id))
		return oci_fail(err, DSJ_EUSAGE,
				"find job: compartment and project OCIDs required");
	char escaped[1600], path[2400];
	url_escape(escaped, sizeof(escaped), name ? name : "");
	snprintf(path, sizeof(path),
		 "/20190101/jobs?compartmentId=%s&projectId=%s&displayName=%s"
		 "&lifecycleState=ACTIVE&sortBy=timeCreated&sortOrder=DESC&limit=1",
		 compartment_id, project_id, escaped);
	struct dsj_oci_request req = {DSJ_OCI_DATA_SCIENCE, "GET", path, NULL, 0, NULL, NULL, 0, 0};
	struct dsj_oci_response resp;
	int rc = dsj_oci_call(c, &req, &resp, err);
	if (rc)
		return rc;
	rc = first_item(out, resp.body, resp.body_len);
	dsj_oci_response_free(&resp);
	if (rc == DSJ_EINPUT)
		return oci_fail(err, DSJ_EINPUT, "no ACTIVE job named '%.200s' in the project",
				name);
	return rc ? diag_nomem(err) : 0;
}

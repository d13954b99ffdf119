/* The Data Science calls dsjob makes: jobs, their artifact, job runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oci/client.h"
#include "util/diag.h"

#define DS "/20190101"

static int check_ocid(const char *id, const char *what, struct dsj_error *err)
{
	diag_clear(err);
	if (!id || !*id)
		return oci_fail(err, DSJ_EUSAGE, "%s: an OCID is required", what);
	if (!ocid_ok(id))
		return oci_fail(err, DSJ_EUSAGE, "%s: '%.300s' is not an OCID", what, id);
	return 0;
}

static int call_json(dsj_oci_client *c, const char *method, const char *path, const char *body,
		     size_t len, int retry_token, char **out, struct dsj_error *err)
{
	struct dsj_oci_request req = {
		.service = DSJ_OCI_DATA_SCIENCE,
		.method = method,
		.path = path,
		.body = body,
		.body_len = len,
		.retry_token = retry_token,
	};
	struct dsj_oci_response resp;
	int rc = dsj_oci_call(c, &req, &resp, err);
	if (rc)
		return rc;
	if (out)
		*out = resp.body;
	else
		dsj_oci_response_free(&resp);
	return 0;
}

static int path_for(char *out, size_t size, const char *fmt, const char *id, const char *what,
		    struct dsj_error *err)
{
	if (check_ocid(id, what, err))
		return DSJ_EUSAGE;
	snprintf(out, size, fmt, id);
	return 0;
}

DSJ_API int dsj_oci_job_create(dsj_oci_client *c, const char *body, size_t len, char **out,
			       struct dsj_error *err)
{
	return call_json(c, "POST", DS "/jobs", body, len, 1, out, err);
}

/* "attachment; filename=x.zip" or filename="x.zip" -> x.zip; NULL when none. */
static char *disposition_file_name(const char *d)
{
	const char *f = strstr(d, "filename=");
	if (!f)
		return NULL;
	f += strlen("filename=");
	size_t n = *f == '"' ? strcspn(++f, "\"") : strcspn(f, "; \t");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)f[i] < 0x20 || f[i] == '/')
			return NULL; /* a file name, never a path or control bytes */
	return n ? strndup(f, n) : NULL;
}

DSJ_API int dsj_oci_job_artifact_name(dsj_oci_client *c, const char *job_id, char **name,
				      struct dsj_error *err)
{
	char path[400];
	*name = NULL;
	if (path_for(path, sizeof(path), DS "/jobs/%s/artifact", job_id, "artifact", err))
		return DSJ_EUSAGE;
	struct dsj_oci_request req = {DSJ_OCI_DATA_SCIENCE, "HEAD", path, NULL, 0, NULL, NULL, 0, 0};
	struct dsj_oci_response resp;
	int rc = dsj_oci_call(c, &req, &resp, err);
	dsj_oci_response_free(&resp);
	if (rc && resp.status == 404) { /* a job without an artifact */
		diag_clear(err);
		return 0;
	}
	if (rc)
		return rc;
	*name = disposition_file_name(c->disposition);
	return 0;
}

DSJ_API int dsj_oci_job_artifact_upload(dsj_oci_client *c, const char *job_id, const char *data,
					size_t len, const char *file_name, struct dsj_error *err)
{
	char path[400], disposition[600];
	if (path_for(path, sizeof(path), DS "/jobs/%s/artifact", job_id, "upload", err))
		return DSJ_EUSAGE;
	for (const char *p = file_name; *p; p++)
		if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20)
			return oci_fail(err, DSJ_EUSAGE, "upload: bad artifact file name");
	snprintf(disposition, sizeof(disposition), "attachment; filename=%s", file_name);
	struct dsj_oci_request req = {
		.service = DSJ_OCI_DATA_SCIENCE,
		.method = "POST",
		.path = path,
		.body = data,
		.body_len = len,
		.content_type = "application/octet-stream",
		.disposition = disposition,
		.exclude_body = 1,
		.retry_token = 1,
	};
	struct dsj_oci_response resp;
	int rc = dsj_oci_call(c, &req, &resp, err);
	dsj_oci_response_free(&resp);
	return rc;
}

DSJ_API int dsj_oci_job_delete(dsj_oci_client *c, const char *job_id, struct dsj_error *err)
{
	char path[400];
	if (path_for(path, sizeof(path), DS "/jobs/%s?deleteRelatedJobRuns=true", job_id, "delete",
		     err))
		return DSJ_EUSAGE;
	return call_json(c, "DELETE", path, NULL, 0, 0, NULL, err);
}

DSJ_API int dsj_oci_job_get(dsj_oci_client *c, const char *job_id, char **out,
			    struct dsj_error *err)
{
	char path[400];
	if (path_for(path, sizeof(path), DS "/jobs/%s", job_id, "get", err))
		return DSJ_EUSAGE;
	return call_json(c, "GET", path, NULL, 0, 0, out, err);
}

DSJ_API int dsj_oci_job_run_create(dsj_oci_client *c, const char *body, size_t len, char **out,
				   struct dsj_error *err)
{
	return call_json(c, "POST", DS "/jobRuns", body, len, 1, out, err);
}

DSJ_API int dsj_oci_job_run_get(dsj_oci_client *c, const char *run_id, char **out,
				struct dsj_error *err)
{
	char path[400];
	if (path_for(path, sizeof(path), DS "/jobRuns/%s", run_id, "job run", err))
		return DSJ_EUSAGE;
	return call_json(c, "GET", path, NULL, 0, 0, out, err);
}

DSJ_API int dsj_oci_job_run_cancel(dsj_oci_client *c, const char *run_id, struct dsj_error *err)
{
	char path[400];
	if (path_for(path, sizeof(path), DS "/jobRuns/%s/actions/cancelJobRun", run_id, "cancel",
		     err))
		return DSJ_EUSAGE;
	return call_json(c, "POST", path, NULL, 0, 0, NULL, err);
}

/*
 * dsjob_oci — a small OCI client: signed requests to Data Science and Logging.
 *
 * Ownership follows dsjob.h: text returned through `char **out` is a heap
 * buffer the caller frees with dsj_free(); inputs are borrowed for the call.
 * Handles (dsj_oci_signer, dsj_oci_client) are opaque, made by *_new and
 * released by *_free; one handle is used by one thread at a time.
 *
 * Errors: 0 on success, else a negative DSJ_E* (dsjob.h) or DSJ_OCI_E* code,
 * with struct dsj_error filled. Messages are complete sentences the caller can
 * print as they are: a config-file problem already names its place
 * ("~/.oci/config:7: key_file: no such file"); a service error names the HTTP
 * status, OCI's code and message and the opc-request-id. No message, and no
 * debug line, ever holds a private key, a pass phrase, a token or a signature.
 */
#ifndef DSJOB_OCI_H
#define DSJOB_OCI_H

#include <signal.h>
#include <stddef.h>

#include "dsjob.h"

#ifdef __cplusplus
extern "C" {
#endif

enum dsj_oci_code {
	DSJ_OCI_ECONFIG = -20, /* credentials: config file, key, token, environment */
	DSJ_OCI_EHTTP = -21,   /* the service answered with an error status */
	DSJ_OCI_ENET = -22,    /* no answer: connection, TLS, timeout */
	DSJ_OCI_EREPLY = -23,  /* an answer that is not what the API promises */
};

/* ---- The signer, usable alone ------------------------------------------ */

typedef struct dsj_oci_signer dsj_oci_signer;

/*
 * A signer from a PEM private key (PKCS#1 or PKCS#8, encrypted when
 * `passphrase` is not NULL) and the keyId to put in the Authorization header
 * (`tenancy/user/fingerprint`, or `ST$<token>`). Copies what it needs.
 */
DSJ_API int dsj_oci_signer_new(dsj_oci_signer **out, const char *pem, size_t pem_len,
			       const char *passphrase, const char *key_id, struct dsj_error *err);
DSJ_API void dsj_oci_signer_free(dsj_oci_signer *s);

/* What to sign. `date` NULL = now. `body` is signed (content-length,
 * content-type, x-content-sha256) for POST/PUT/PATCH unless `exclude_body`
 * (binary uploads such as CreateJobArtifact). */
struct dsj_oci_sign_input {
	const char *method;	  /* "GET", "POST", ... */
	const char *host;	  /* Host header value, with ":port" when not default */
	const char *target;	  /* path and "?query" exactly as sent */
	const char *date;	  /* RFC 1123 GMT, NULL = now */
	const char *content_type; /* NULL = "application/json" */
	const char *body;
	size_t body_len;
	int exclude_body;
};

/* The headers a signed request carries. Strings are NUL-terminated. */
struct dsj_oci_signed {
	char date[40];
	char content_sha256[48]; /* "" when the body is not signed */
	char *authorization;	 /* heap; free with dsj_free */
};

/* Signs one request; out->authorization is the full header value. */
DSJ_API int dsj_oci_sign(const dsj_oci_signer *s, const struct dsj_oci_sign_input *in,
			 struct dsj_oci_signed *out, struct dsj_error *err);

/* RFC 1123 date of `t` (UTC seconds) in the C locale: "Thu, 05 Jan 2014 21:31:40 GMT". */
DSJ_API void dsj_oci_http_date(char out[40], long long t);

/* ---- The client ---------------------------------------------------------- */

/* The version of the options structs below (struct dsj_oci_options,
 * dsj_oci_watch, dsj_oci_run_overrides) this header describes; as with
 * DSJ_OPTIONS_VERSION, fields are only ever added at the end. */
#define DSJ_OCI_OPTIONS_VERSION 1
#define DSJ_OCI_OPTIONS_INIT                                                                       \
	{                                                                                          \
		.version = DSJ_OCI_OPTIONS_VERSION                                                 \
	}

enum dsj_oci_auth {
	DSJ_OCI_AUTH_AUTO = 0, /* as ADS: resource principal when its variables say so, else
				  the config file (a session token when the profile has one) */
	DSJ_OCI_AUTH_API_KEY,
	DSJ_OCI_AUTH_SECURITY_TOKEN,
	DSJ_OCI_AUTH_RESOURCE_PRINCIPAL,
};

/* Receives one line of debug output (requests and answers, secrets redacted). */
typedef void (*dsj_oci_debug_fn)(const char *line, void *ctx);
/* Waits `ms` milliseconds (retries, polling); tests pass one that does not. */
typedef void (*dsj_oci_sleep_fn)(unsigned ms, void *ctx);

struct dsj_oci_options {
	unsigned int version; /* DSJ_OCI_OPTIONS_VERSION */
	enum dsj_oci_auth auth;
	const char *config_file; /* NULL = $OCI_CONFIG_FILE, else ~/.oci/config */
	const char *profile;	 /* NULL = $OCI_CLI_PROFILE, else DEFAULT */
	const char *region;	 /* NULL = the profile's (or resource principal's) region */
	const char *endpoint;	 /* base URL for every service call; NULL = by region */
	const char *home;	 /* for "~"; NULL = $HOME */
	int max_attempts;	 /* 0 = 8, as the SDKs */
	dsj_oci_debug_fn debug;	 /* NULL = no debug output */
	void *debug_ctx;
	dsj_oci_sleep_fn sleep; /* NULL = nanosleep */
	void *sleep_ctx;
};

/* Fills *o with the defaults, as DSJ_OCI_OPTIONS_INIT, for `version` (pass
 * DSJ_OCI_OPTIONS_VERSION). Returns 0, or DSJ_EUSAGE for a NULL o or a version
 * this library does not know. */
DSJ_API int dsj_oci_options_init(struct dsj_oci_options *o, unsigned int version);

typedef struct dsj_oci_client dsj_oci_client;

/* Reads the credentials the options name and makes a client. */
DSJ_API int dsj_oci_client_new(dsj_oci_client **out, const struct dsj_oci_options *o,
			       struct dsj_error *err);
DSJ_API void dsj_oci_client_free(dsj_oci_client *c);
/* The region requests go to (never NULL; "" when unknown). */
DSJ_API const char *dsj_oci_client_region(const dsj_oci_client *c);

enum dsj_oci_service {
	DSJ_OCI_DATA_SCIENCE = 0,   /* datascience.{region}.oci.{domain} */
	DSJ_OCI_LOGGING = 1,	    /* logging.{region}.oci.{domain} */
	DSJ_OCI_OBJECT_STORAGE = 2, /* objectstorage.{region}.{domain} */
};

/* A service's base URL in a region ("iad" or "us-ashburn-1"), by realm; a heap
 * string (dsj_free), NULL when the region is not a region name. */
DSJ_API char *dsj_oci_endpoint(enum dsj_oci_service service, const char *region);

struct dsj_oci_request {
	enum dsj_oci_service service;
	const char *method;
	const char *path; /* with the API version: "/20190101/jobs" */
	const char *body; /* NULL = none */
	size_t body_len;
	const char *content_type; /* NULL = application/json */
	const char *disposition;  /* content-disposition, or NULL */
	int exclude_body;	  /* body not signed (binary upload) */
	int retry_token;	  /* send one opc-retry-token on every attempt */
};

struct dsj_oci_response {
	long status;
	char *body; /* heap, NUL-terminated; free with dsj_free */
	size_t body_len;
	char request_id[128]; /* opc-request-id */
	char next_page[4096]; /* opc-next-page, "" when none */
};

/* Sends one request (retrying as the SDKs do) and fills *resp with a 2xx
 * answer. Any other final answer is DSJ_OCI_EHTTP with its status, code,
 * message and opc-request-id in err (resp->status set, resp->body freed). */
DSJ_API int dsj_oci_call(dsj_oci_client *c, const struct dsj_oci_request *req,
			 struct dsj_oci_response *resp, struct dsj_error *err);
DSJ_API void dsj_oci_response_free(struct dsj_oci_response *resp);

/* ---- Data Science and Logging calls ------------------------------------- */
/* Each returns the answer's JSON in *out (dsj_free), or NULL when none. */

DSJ_API int dsj_oci_job_create(dsj_oci_client *c, const char *body, size_t len, char **out,
			       struct dsj_error *err);
DSJ_API int dsj_oci_job_artifact_upload(dsj_oci_client *c, const char *job_id, const char *data,
					size_t len, const char *file_name, struct dsj_error *err);
/* HeadJobArtifact: the file name the artifact was uploaded under (its
 * content-disposition) in *name (dsj_free), NULL when the answer names none or
 * the job has no artifact (404, which is not an error here). */
DSJ_API int dsj_oci_job_artifact_name(dsj_oci_client *c, const char *job_id, char **name,
				      struct dsj_error *err);
DSJ_API int dsj_oci_job_delete(dsj_oci_client *c, const char *job_id, struct dsj_error *err);
DSJ_API int dsj_oci_job_get(dsj_oci_client *c, const char *job_id, char **out,
			    struct dsj_error *err);
DSJ_API int dsj_oci_job_run_create(dsj_oci_client *c, const char *body, size_t len, char **out,
				   struct dsj_error *err);
DSJ_API int dsj_oci_job_run_get(dsj_oci_client *c, const char *run_id, char **out,
				struct dsj_error *err);
DSJ_API int dsj_oci_job_run_cancel(dsj_oci_client *c, const char *run_id, struct dsj_error *err);

/* The newest ACTIVE job with this display name in the compartment and project
 * (ListJobs), as Job JSON in *out; DSJ_EINPUT when there is none. */
DSJ_API int dsj_oci_job_find(dsj_oci_client *c, const char *compartment_id, const char *project_id,
			     const char *name, char **out, struct dsj_error *err);

/* Run-level overrides for CreateJobRun. */
struct dsj_oci_run_overrides {
	unsigned int version;	/* DSJ_OCI_OPTIONS_VERSION */
	const char *name;	/* displayName; NULL = the service's default */
	const char *const *env; /* "NAME=VALUE" strings */
	size_t env_count;
	const char *args; /* commandLineArguments; NULL = the job's */
};

/* The CreateJobRun body for a Job (JSON as GetJob or CreateJob answer it). */
DSJ_API int dsj_oci_run_body(char **out, size_t *out_len, const char *job_json, size_t len,
			     const struct dsj_oci_run_overrides *ov, struct dsj_error *err);

/* How many job runs one run of this Job is: OCI__WORKER_COUNT + 1 for a 2.8
 * pyTorchDistributed job (ADS starts a main run and the workers), else 1. */
DSJ_API int dsj_oci_job_replicas(const char *job_json, size_t len);

/* Drift of a live Job (GetJob JSON) from a CreateJob body (translate's
 * "body"): every key the body sets whose live value differs, and variables and
 * tags only one side has. *out: a JSON array of {"path", "file", "live"}
 * ("live" or "file" null when that side has none), or with `text` one line
 * per difference ("PATH: file VALUE, live VALUE"); *count their number. */
DSJ_API int dsj_oci_job_drift(char **out, size_t *out_len, size_t *count, const char *body,
			      size_t body_len, const char *job, size_t job_len, int text,
			      struct dsj_error *err);

/* ---- JSON helpers for answers ---------------------------------------------- */

/* The string at a dotted path ("lifecycleState", "logDetails.logId") of a JSON
 * text, in *out (dsj_free); DSJ_EINPUT when absent or not a string. */
DSJ_API int dsj_oci_json_string(char **out, const char *json, size_t len, const char *path);
/* The value at a dotted path, written as indented JSON in *out (dsj_free). */
DSJ_API int dsj_oci_json_member(char **out, size_t *out_len, const char *json, size_t len,
				const char *path);

/* An Object Storage object, `oci://bucket@namespace/name`, read whole (at most
 * 64 MiB) into *data (dsj_free; *len its size). */
DSJ_API int dsj_oci_object_get(dsj_oci_client *c, const char *uri, char **data, size_t *len,
			       struct dsj_error *err);

/*
 * Copies `oci://bucket@namespace/name` to the local path `dest` (which must not
 * exist), as ADS's fsspec copy does: the object of that name becomes the file
 * dest; when there is none (or the name ends in "/", or is empty: the whole
 * bucket), the objects under "name/" become the folder dest, their names below
 * the prefix its relative paths (each object at most 64 MiB; names with "..",
 * "." or empty parts are refused). `client` is a dsj_oci_client *: this is a
 * dsj_fetch_fn (dsjob.h), so dsj_artifact_options.fetch = dsj_oci_fetch and
 * fetch_ctx = the client build artifacts from Object Storage sources; other
 * schemes give 1 ("not mine").
 */
DSJ_API int dsj_oci_fetch(void *client, const char *uri, const char *dest, struct dsj_error *err);

/* ---- Watching a job run --------------------------------------------------- */

/* Receives each new log line (de-duplicated), and each lifecycle state change
 * (line NULL, state set). */
typedef void (*dsj_oci_log_fn)(const char *line, const char *state, void *ctx);

struct dsj_oci_watch {
	unsigned int version;	     /* DSJ_OCI_OPTIONS_VERSION */
	unsigned poll_ms;	     /* 0 = 3000, as ADS */
	unsigned tail_ms;	     /* reading after the run ends; 0 = 90000, as ADS */
	volatile sig_atomic_t *stop; /* set nonzero (a signal handler) to stop watching */
	dsj_oci_log_fn on_log;
	void *ctx;
	/* A problem reading the logs (the watch goes on, without them), with ctx;
	 * NULL = dropped. */
	dsj_report_fn on_log_problem;
};

/* The exit status a finished run stands for: N from "exit code N" in
 * lifecycleDetails; 0 for SUCCEEDED; 1 for FAILED without a code;
 * DSJ_OCI_EXIT_CANCELED for CANCELED/DELETED. */
#define DSJ_OCI_EXIT_CANCELED 125
#define DSJ_OCI_EXIT_STOPPED 130 /* watching stopped before the run ended (Ctrl-C) */

/* Follows a run until it ends (or *w->stop), passing its log lines on; *exit_code
 * receives what the run's end stands for (see above). */
DSJ_API int dsj_oci_job_run_watch(dsj_oci_client *c, const char *run_id,
				  const struct dsj_oci_watch *w, int *exit_code,
				  struct dsj_error *err);

/* The exit status for a JobRun JSON; -1 while the run has not ended. */
DSJ_API int dsj_oci_run_exit_code(const char *run_json, size_t len);

#ifdef __cplusplus
}
#endif

#endif

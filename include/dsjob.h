/*
 * dsjob — convert between Oracle ADS job YAML and OCI Data Science Job payloads.
 *
 * Ownership, stated once: every function that returns text through `char **out`
 * hands the caller a NUL-terminated heap buffer that the caller releases with
 * dsj_free(). Inputs are borrowed for the duration of the call only. Nothing is
 * kept between calls: there is no global state, so calls may run on several
 * threads at once.
 *
 * Errors: functions return 0 on success or a negative DSJ_E* code. When an
 * error struct is given, it is filled with the first problem found: its
 * location (1-based line and column in the input, 0 when unknown), the key path
 * (e.g. "spec.env[2].value"), the Python exception class the reference
 * implementation raises for the same input, and a message.
 */
#ifndef DSJOB_H
#define DSJOB_H

#include <signal.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DSJ_API __attribute__((visibility("default")))
#else
#define DSJ_API
#endif

#define DSJ_VERSION "0.1.0"

enum dsj_code {
	DSJ_OK = 0,
	DSJ_EINPUT = -1, /* the input is not a valid runtime / job */
	DSJ_ENOMEM = -2, /* out of memory */
	DSJ_ELIMIT = -3, /* an input limit was exceeded */
	DSJ_EUSAGE = -4, /* the call itself is wrong (bad option value...) */
};

enum dsj_format {
	DSJ_FORMAT_JSON = 0,	  /* indented JSON, UTF-8 */
	DSJ_FORMAT_YAML = 1,	  /* block YAML, keys sorted as PyYAML dumps them */
	DSJ_FORMAT_JSON_LINE = 2, /* one-line JSON (batch answers) */
};

#define DSJ_ERROR_PATH_MAX 256
#define DSJ_ERROR_TYPE_MAX 48
#define DSJ_ERROR_MESSAGE_MAX 768

struct dsj_error {
	int code;			     /* DSJ_E* */
	unsigned line;			     /* 1-based; 0 = unknown */
	unsigned column;		     /* 1-based; 0 = unknown */
	char path[DSJ_ERROR_PATH_MAX];	     /* key path, "" when none */
	char type[DSJ_ERROR_TYPE_MAX];	     /* e.g. "ValueError" */
	char message[DSJ_ERROR_MESSAGE_MAX]; /* human-readable text */
};

/* Bounds on hostile input. Zero in a field means "use the default". */
struct dsj_limits {
	size_t max_input_bytes;	 /* default 16 MiB */
	size_t max_depth;	 /* nesting depth, default 256, at most DSJ_MAX_DEPTH_CAP */
	size_t max_nodes;	 /* nodes after alias expansion, default 1,000,000 */
	size_t max_scalar_bytes; /* one scalar, default 1 MiB */
	size_t max_env_vars;	 /* environment variables, default 10,000 */
};

/* Deeper nesting than this could exhaust the stack of the code that walks the
 * tree, so a larger max_depth is taken as this. */
#define DSJ_MAX_DEPTH_CAP 10000

/* Which conversion dsj_translate / dsj_extract make. */
enum dsj_level {
	DSJ_LEVEL_AUTO = 0,    /* translate: a job when `kind: job`; extract: a job when
				  the Job JSON has infrastructure or a project */
	DSJ_LEVEL_RUNTIME = 1, /* always the runtime (kind is not checked, as ADS) */
	DSJ_LEVEL_JOB = 2,     /* always the whole job */
};

/* How a job translation is printed. */
enum dsj_job_form {
	DSJ_JOB_FORM_API = 0,	  /* {"body": CreateJob request body, "artifact": {...}} */
	DSJ_JOB_FORM_OCI_CLI = 1, /* what `oci data-science job create --from-json` takes */
};

/* Receives each problem `dsj_validate` finds, or each warning (see
 * dsj_options.warn); `problem` is valid during the call only. */
typedef void (*dsj_report_fn)(const struct dsj_error *problem, void *ctx);

struct dsj_options {
	const char *region;   /* signed-in user's region; NULL or "" = unknown */
	const char *artifact; /* extract: job artifact file name; NULL = none */
	const char *cwd;      /* base for relative local paths; NULL = getcwd() */
	const char *home;     /* for "~"; NULL = $HOME */
	enum dsj_format output;
	struct dsj_limits limits;
	enum dsj_level level;
	enum dsj_job_form job_form;
	long long now; /* UTC seconds for generated job names; 0 = the current time */
	/* Called for each warning (a payload the API takes but that likely does not
	 * do what was meant, e.g. a variable the service sets itself); code is
	 * DSJ_OK. NULL = warnings are dropped. Batch answers do not include them. */
	dsj_report_fn warn;
	void *warn_ctx;
};

/* Fills *opts with defaults (JSON output, no region, no artifact). */
DSJ_API void dsj_options_init(struct dsj_options *opts);

/*
 * Runtime YAML (`kind: runtime`) -> job payload
 * {"jobConfigurationDetails", "freeformTags", "definedTags", "artifact"}; with
 * opts->level DSJ_LEVEL_AUTO a `kind: job` document is translated as
 * dsj_job_translate does. `opts` may be NULL. On success *out holds the result
 * in opts->output form (caller frees with dsj_free); on failure *out is NULL.
 */
DSJ_API int dsj_translate(char **out, size_t *out_len, const char *input, size_t input_len,
			  const struct dsj_options *opts, struct dsj_error *err);

/*
 * OCI Job JSON (raw or {"data": ...}) -> runtime {"kind", "type", "spec"}; with
 * opts->level DSJ_LEVEL_AUTO a Job that has infrastructure or a project gives
 * the whole job, as dsj_job_extract. `opts` may be NULL; opts->output picks YAML
 * or JSON (the caller frees *out with dsj_free).
 */
DSJ_API int dsj_extract(char **out, size_t *out_len, const char *input, size_t input_len,
			const struct dsj_options *opts, struct dsj_error *err);

/*
 * Job YAML (`kind: job`, with infrastructure and runtime) -> the CreateJob
 * request: {"body", "artifact"}, or with opts->job_form DSJ_JOB_FORM_OCI_CLI the
 * JSON `oci data-science job create --from-json` takes. `artifact` may be NULL;
 * else *artifact receives the artifact source to upload (a heap string the
 * caller frees with dsj_free), or NULL when there is none.
 */
DSJ_API int dsj_job_translate(char **out, size_t *out_len, char **artifact, const char *input,
			      size_t input_len, const struct dsj_options *opts,
			      struct dsj_error *err);

/*
 * GetJob JSON (raw or {"data": ...}) -> the job {"kind": "job", "spec": {name,
 * id, infrastructure, runtime}}; opts->output picks YAML or JSON.
 */
DSJ_API int dsj_job_extract(char **out, size_t *out_len, const char *input, size_t input_len,
			    const struct dsj_options *opts, struct dsj_error *err);

/*
 * Checks a runtime or job YAML and passes every problem it finds to `report`
 * (job-level checks go on after a problem, including the OCI service limits;
 * the runtime contributes its first problem). *problems receives their count.
 * Returns 0, or DSJ_ENOMEM.
 */
DSJ_API int dsj_validate(size_t *problems, const char *input, size_t input_len,
			 const struct dsj_options *opts, dsj_report_fn report, void *ctx);

/*
 * Answers one batch request line {"op", "input", "region", "artifact"} with
 * one JSON line (no trailing newline): the payload, or
 * {"error": {"type", "message"}}. Ops: translate, extract (runtime level), job-translate,
 * job-extract. Problems in the request become error
 * answers; only DSJ_ENOMEM is returned as a failure.
 */
DSJ_API int dsj_batch_answer(char **out, size_t *out_len, const char *request, size_t request_len,
			     const struct dsj_options *defaults);

/*
 * Formats `err` as "FILE:LINE:COL: PATH: MESSAGE" (parts that are unknown are
 * left out) into buf; returns the length it needed, like snprintf.
 */
DSJ_API int dsj_error_format(const struct dsj_error *err, const char *file, char *buf, size_t size);

/* Releases a buffer returned by this library. NULL is fine. */
DSJ_API void dsj_free(void *p);

/* The library version, DSJ_VERSION. */
DSJ_API const char *dsj_version(void);

/* ======================================================================== */
/* Job artifacts and local runs (src/artifact/, src/local/)                  */
/* ======================================================================== */

/*
 * Each options struct below starts with a version field: set it to the
 * matching *_OPTIONS_VERSION (the *_init functions do), so a struct from an
 * older caller is still read correctly when fields are added at the end.
 */
#define DSJ_ARTIFACT_OPTIONS_VERSION 1

struct dsj_artifact_options {
	int version;			   /* DSJ_ARTIFACT_OPTIONS_VERSION */
	const struct dsj_options *convert; /* how the YAML is translated; NULL = defaults */
	const char *out_dir;		   /* where the artifact is written; NULL = cwd */
	const char *driver_dir;		   /* drivers to package; NULL = the embedded ones */
	long long mtime;		   /* entry time (UTC seconds); -1 = $SOURCE_DATE_EPOCH,
					      else 1980-01-01 00:00:00 */
	int list_only;			   /* fill entries, write nothing (path stays NULL) */
	dsj_report_fn warn;		   /* ADS's build-time warnings; NULL = dropped */
	void *warn_ctx;
};

/* Fills *opts with the defaults (version set, mtime -1, everything else 0). */
DSJ_API void dsj_artifact_options_init(struct dsj_artifact_options *opts);

/* The artifact a job payload refers to; released with dsj_artifact_free. */
struct dsj_artifact {
	char *path;	   /* the file written (NULL with list_only) */
	char *upload_name; /* the file name to upload it under (content-disposition) */
	char sha256[65];   /* hex digest of the file ("" with list_only) */
	unsigned long long size;
	char **entries; /* archive entry names in order, "dir/" for folders; for a
			   file uploaded as is, its one name */
	size_t entry_count;
	int as_is; /* 1 when the source file is uploaded unchanged (not an archive we built) */
};

/*
 * Builds the job artifact of a runtime or job YAML as ADS 2.8 lays it out
 * (python/notebook/gitPython/pyTorchDistributed: root-less zip with the drivers
 * and code/; script: the file as is, or a folder zipped with its root; container:
 * the placeholder file). Sources: local paths, file:// URIs, .zip/.tar/.tar.gz/
 * .tgz archives; remote sources are an error. The zip bytes depend only on the
 * sources and opts->mtime (entries sorted, modes 0644/0755, uid/gid 0).
 * The file is written to a temporary name and renamed: nothing is left behind
 * on failure. Note: while a zip is written the process's TZ is set to UTC
 * (libarchive writes DOS times in local time) and restored afterwards, so do not
 * call this while other threads read the environment or local time.
 * On success *out is the caller's (dsj_artifact_free); errors: DSJ_EINPUT (bad
 * YAML, missing or remote source, failed check, I/O), DSJ_ENOMEM.
 */
DSJ_API int dsj_artifact_build(struct dsj_artifact **out, const char *input, size_t input_len,
			       const struct dsj_artifact_options *opts, struct dsj_error *err);

/* The description as JSON {"path", "uploadName", "sha256", "size", "entries"}
 * (path and sha256 null with list_only), indented; the caller frees *out with
 * dsj_free. Returns 0 or DSJ_ENOMEM. */
DSJ_API int dsj_artifact_to_json(char **out, size_t *out_len, const struct dsj_artifact *artifact);

/* Releases an artifact description (not the file). NULL is fine. */
DSJ_API void dsj_artifact_free(struct dsj_artifact *artifact);

/*
 * Extracts a .zip/.tar/.tar.gz/.tgz into the existing folder dest_dir, keeping
 * the stored modes. Refuses (DSJ_EINPUT, nothing more extracted) entries that are
 * absolute, contain "..", are devices or fifos, or are links pointing outside
 * dest_dir.
 */
DSJ_API int dsj_artifact_unpack(const char *archive_path, const char *dest_dir,
				struct dsj_error *err);

#define DSJ_LOCAL_OPTIONS_VERSION 1

struct dsj_local_options {
	int version;			   /* DSJ_LOCAL_OPTIONS_VERSION */
	const struct dsj_options *convert; /* how the YAML is translated; NULL = defaults */
	const char *driver_dir;		   /* as dsj_artifact_options.driver_dir */
	const char *workdir;		   /* run folder; NULL = a new one under $TMPDIR */
	int keep;		/* keep the run folder (always kept when workdir given) */
	const char *const *env; /* "NAME=VALUE" job-run overrides */
	size_t env_count;
	const char *args;	/* job-run arguments (shell words); NULL = the job's */
	const char *python;	/* interpreter for .py entries; NULL = "python3" */
	double timeout_minutes; /* 0 = the job's maximumRuntimeInMinutes (none = no limit) */
	int grace_seconds;	/* SIGTERM to SIGKILL; 0 = 10 */
	int inherit_env;	/* start from the whole environment, not PATH/LANG/TERM/TMPDIR */
	const char *engine;	/* container runtimes: "podman" or "docker"; NULL = refuse */
	volatile sig_atomic_t *stop; /* when it becomes non-zero (a signal handler), the run is
				     stopped as on a timeout; NULL = none */
	dsj_report_fn warn;	     /* warnings and progress notes; NULL = dropped */
	void *warn_ctx;
};

/* Fills *opts with the defaults (version set, everything else 0/NULL). */
DSJ_API void dsj_local_options_init(struct dsj_local_options *opts);

/*
 * Runs a runtime or job YAML on this machine as the service would: builds the
 * artifact, extracts it into <run folder>/decompressed_artifact, sets the job's
 * environment (payload variables, then opts->env, then the variables the service
 * sets, with local values; HOME = the run folder), starts JOB_RUN_ENTRYPOINT
 * (or the single file) there in its own process group with the job's arguments,
 * output inherited, and waits. *exit_status: the entry's exit code, 128 + signal
 * when it was killed by one, 124 when it ran out of time. *run_dir, when not
 * NULL, receives the run folder's path if it was kept (caller frees with dsj_free).
 * Errors (nothing started): DSJ_EINPUT, DSJ_EUSAGE (bad option), DSJ_ENOMEM.
 */
DSJ_API int dsj_local_run(int *exit_status, char **run_dir, const char *input, size_t input_len,
			  const struct dsj_local_options *opts, struct dsj_error *err);

#ifdef __cplusplus
}
#endif

#endif

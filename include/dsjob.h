/*
 * dsjob — convert between Oracle ADS job YAML and OCI Data Science Job payloads.
 *
 * Ownership, stated once: every function that returns text through `char **out`
 * hands the caller a NUL-terminated heap buffer that the caller releases with
 * dsj_free(). Inputs are borrowed for the duration of the call only. Nothing is
 * kept between calls: there is no global state, so calls may run on several
 * threads at once.
 *
 * Errors: functions return 0 on success or a negative DSJ_E* code
 * (dsj_strerror names it). When an error struct is given, it is filled with the
 * first problem found: its location (1-based line and column in the input, 0
 * when unknown, and the byte offset of that place), the key path (e.g.
 * "spec.env[2].value"), the Python exception class the reference implementation
 * raises for the same input, and a message. A wrong call (a NULL out pointer,
 * an option value outside its enum, options of an unknown version) is
 * DSJ_EUSAGE, with the error struct saying which.
 *
 * Growing without breaking callers (libgit2's convention): struct dsj_options
 * starts with a version. Set it with DSJ_OPTIONS_INIT or dsj_options_init();
 * new fields are only ever added at the end, and a library that is given an
 * older version reads only the fields that version had. A program built against
 * this header keeps working with later libraries of the same major version.
 */
#ifndef DSJOB_H
#define DSJOB_H

#include <signal.h>
#include <stddef.h>

#include "dsjob_version.h" /* DSJ_VERSION, DSJ_VERSION_NUMBER (generated) */

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DSJ_API __attribute__((visibility("default")))
#else
#define DSJ_API
#endif

/* The ADS releases dsjob matches (--ads). */
#define DSJ_ADS_VERSIONS "ADS 2.8.7 (default) and ADS 2.15.2 on OCI SDK 2.182.1"

enum dsj_code {
	DSJ_OK = 0,
	DSJ_EINPUT = -1,  /* the input is not a valid runtime / job */
	DSJ_ENOMEM = -2,  /* out of memory */
	DSJ_ELIMIT = -3,  /* an input limit was exceeded */
	DSJ_EUSAGE = -4,  /* the call itself is wrong (bad option value...) */
	DSJ_ESYSTEM = -5, /* the system failed a call the library needs (getcwd) */
};

/* A short English description of a DSJ_E* code ("out of memory"); a static
 * string, never NULL ("unknown error code" for values not in enum dsj_code). */
DSJ_API const char *dsj_strerror(int code);

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
	unsigned column;		     /* 1-based, in characters; 0 = unknown */
	size_t offset;			     /* bytes from the start of the input to
						line:column; 0 when line is 0 */
	char path[DSJ_ERROR_PATH_MAX];	     /* key path, "" when none */
	char type[DSJ_ERROR_TYPE_MAX];	     /* e.g. "ValueError" */
	char message[DSJ_ERROR_MESSAGE_MAX]; /* human-readable text */
};

/* Bounds on hostile input. Zero in a field means "use the default"
 * (dsj_limits_default). */
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

/* The limits a zero field stands for: 16 MiB of input, depth 256, 1,000,000
 * nodes, 1 MiB scalars, 10,000 environment variables. */
DSJ_API struct dsj_limits dsj_limits_default(void);

/* Which conversion dsj_translate / dsj_extract make: the one way to choose
 * between a runtime and a whole job. */
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

/* Which ADS release's answers a conversion gives. */
enum dsj_ads {
	DSJ_ADS_2_8 = 0,  /* ADS 2.8 (2023, the seed): CONTAINER_* variables, OCI__WORKER_COUNT */
	DSJ_ADS_2_15 = 1, /* ADS 2.15.2 on OCI SDK 2.182 (2026): native container config,
			     NODE_COUNT, multi-node jobs, storage-mount destinationPath */
};

/* Parses "2.8" / "2.15" (also "2.8.7", "2.15.2"); returns 0, or DSJ_EUSAGE. */
DSJ_API int dsj_ads_parse(enum dsj_ads *out, const char *text);

/* Receives each problem `dsj_validate` finds, or each warning (see
 * dsj_options.warn); `problem` is valid during the call only. */
typedef void (*dsj_report_fn)(const struct dsj_error *problem, void *ctx);

/* The version of struct dsj_options this header describes. */
#define DSJ_OPTIONS_VERSION 2

/* The defaults (JSON output, no region, no artifact, default limits):
 * `struct dsj_options o = DSJ_OPTIONS_INIT;` */
#define DSJ_OPTIONS_INIT                                                                           \
	{                                                                                          \
		.version = DSJ_OPTIONS_VERSION                                                     \
	}

struct dsj_options {
	unsigned int version; /* DSJ_OPTIONS_VERSION: set by DSJ_OPTIONS_INIT */
	const char *region;   /* signed-in user's region; NULL or "" = unknown */
	const char *artifact; /* extract: job artifact file name; NULL = none */
	const char *cwd;      /* base for relative local paths; NULL = getcwd(), and
				 DSJ_ESYSTEM when that fails */
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
	/* version 2: the ADS release to match; DSJ_ADS_2_8 by default (and for a
	 * version 1 caller). See dsj_extract for what it changes there. */
	enum dsj_ads ads;
};

/* Fills *opts with the defaults, as DSJ_OPTIONS_INIT, for `version` (pass
 * DSJ_OPTIONS_VERSION). Returns 0, or DSJ_EUSAGE for a NULL opts or a version
 * this library does not know (then *opts is left alone). */
DSJ_API int dsj_options_init(struct dsj_options *opts, unsigned int version);

/*
 * Translates a YAML document; opts->level says which conversion:
 * - a runtime (`kind: runtime`, or any document with DSJ_LEVEL_RUNTIME) -> the
 *   job payload {"jobConfigurationDetails", "freeformTags", "definedTags",
 *   "artifact"};
 * - a job (`kind: job`, with infrastructure and runtime; DSJ_LEVEL_AUTO picks
 *   it by `kind`, DSJ_LEVEL_JOB always) -> the CreateJob request
 *   {"body", "artifact"}, or with opts->job_form DSJ_JOB_FORM_OCI_CLI the JSON
 *   `oci data-science job create --from-json` takes.
 * `opts` may be NULL (the defaults). On success *out holds the result in
 * opts->output form and *out_len its length (out_len may be NULL); `artifact`
 * may be NULL, else *artifact receives the artifact source to upload (the
 * payload's artifact.source) or NULL when there is none. The caller frees *out
 * and *artifact with dsj_free. On failure both are NULL. DSJ_EUSAGE for a NULL
 * out, or NULL input with a non-zero length.
 */
DSJ_API int dsj_translate(char **out, size_t *out_len, char **artifact, const char *input,
			  size_t input_len, const struct dsj_options *opts, struct dsj_error *err);

/*
 * Extracts from OCI Job JSON; opts->level says which conversion: the runtime
 * {"kind", "type", "spec"} (DSJ_LEVEL_RUNTIME, or DSJ_LEVEL_AUTO for a Job
 * without infrastructure or project), or the job {"kind": "job", "spec": {name,
 * id, infrastructure, runtime}} (DSJ_LEVEL_JOB, or DSJ_LEVEL_AUTO for a Job that
 * has them). The Job may be camelCase (REST), kebab-case (the `oci` CLI, null
 * for unset fields) or snake_case (Python SDK), wrapped in {"data": ...} or not;
 * a job list ({"data": [...]} or [...]) gives one answer per job: a YAML stream
 * of documents, or a JSON array (DSJ_FORMAT_JSON_LINE, one answer a line, takes
 * one job). JSON that is not a Job is an error. A job made by ADS 2.8 reads as
 * 2.8 read it whatever opts->ads says; with DSJ_ADS_2_15 the service's native
 * container config, NODE_COUNT, multi-node jobs and storage-mount destination
 * paths are read too. A field the answer cannot carry is a warning (opts->warn)
 * or an error. `opts` may be NULL; opts->output picks
 * YAML or JSON. On success *out holds the text (caller frees with dsj_free;
 * out_len may be NULL); on failure *out is NULL.
 */
DSJ_API int dsj_extract(char **out, size_t *out_len, const char *input, size_t input_len,
			const struct dsj_options *opts, struct dsj_error *err);

/*
 * Explains dsj_translate's answer for the same input and options: one line per
 * environment variable, the argument string, the artifact and each body field,
 * "FIELD = VALUE ← SOURCE", where SOURCE is the spec key that gave the value
 * and its LINE:COL, or the rule that made it ("ME_STANDALONE: ADS's default
 * without a subnet"). Fails as dsj_translate fails. On success *out holds the
 * UTF-8 text (the caller frees it with dsj_free; out_len may be NULL).
 */
DSJ_API int dsj_explain(char **out, size_t *out_len, const char *input, size_t input_len,
			const struct dsj_options *opts, struct dsj_error *err);

/*
 * What applying a translated job to an existing one would change: `created`
 * is dsj_translate's answer for a job ({"body", "artifact"} JSON, or the body
 * alone), `existing` the job as GetJob returns it (the Job object, or
 * {"data": ...} as `oci data-science job get` prints it). *out receives one
 * line per difference over the fields of a CreateJob body, "~ PATH: OLD -> NEW",
 * "+ PATH: NEW" or "- PATH: OLD", and *changes their count (0: nothing would
 * change). The caller frees *out with dsj_free (out_len may be NULL).
 * DSJ_EINPUT when either text is not JSON or `existing` is not a job, the
 * error located in that text and its path "created" or "existing".
 */
DSJ_API int dsj_job_diff(char **out, size_t *out_len, size_t *changes, const char *created,
			 size_t created_len, const char *existing, size_t existing_len,
			 struct dsj_error *err);

/*
 * The JSON Schema (draft-07) of runtime and job YAML, made from the tables
 * the conversion reads, for editors (`# yaml-language-server: $schema=FILE`).
 * It checks the structure; unknown keys pass, as ADS ignores them, unless
 * `strict` is non-zero. *out is indented JSON the caller frees with dsj_free.
 * Returns 0, DSJ_ENOMEM or DSJ_EUSAGE (NULL out).
 */
DSJ_API int dsj_schema(char **out, size_t *out_len, int strict);

/*
 * Checks a runtime or job YAML and passes every problem it finds to `report`
 * (job-level checks go on after a problem, including the OCI service limits;
 * the runtime contributes its first problem). *problems receives their count.
 * Returns 0 (problems of the input are reported, not returned), DSJ_ENOMEM,
 * DSJ_ESYSTEM (no working directory and no opts->cwd) or DSJ_EUSAGE (a wrong
 * call: NULL problems, bad options); the last two are also passed to `report`.
 */
DSJ_API int dsj_validate(size_t *problems, const char *input, size_t input_len,
			 const struct dsj_options *opts, dsj_report_fn report, void *ctx);

/*
 * Answers one batch request line {"op", "input", "region", "artifact"} with
 * one JSON line (no trailing newline): the payload, or
 * {"error": {"type", "message"}}. Ops: translate, extract (runtime level), job-translate,
 * job-extract (job level). Problems in the request become error answers; only
 * DSJ_ENOMEM, and DSJ_EUSAGE for a NULL out or bad `defaults`, are returned as
 * failures (with *out NULL).
 */
DSJ_API int dsj_batch_answer(char **out, size_t *out_len, const char *request, size_t request_len,
			     const struct dsj_options *defaults);

/*
 * A batch session answers requests one after another as dsj_batch_answer does,
 * reusing its memory from one request to the next (`dsjob --jsonl` runs one).
 * dsj_batch_new stores a new session in *batch: it copies *defaults (NULL = the
 * defaults); the strings they point to must outlive the session. It returns 0,
 * DSJ_ENOMEM, or DSJ_EUSAGE for a NULL batch or bad defaults.
 * dsj_batch_next answers one request line: *answer (answer_len bytes, no
 * trailing newline) belongs to the session and stays valid until the next
 * dsj_batch_next or dsj_batch_free. Problems in the request are error answers;
 * it returns 0, DSJ_ENOMEM, or DSJ_EUSAGE for NULL arguments. A session is for
 * one thread at a time; dsj_batch_free(NULL) does nothing.
 */
struct dsj_batch;
DSJ_API int dsj_batch_new(struct dsj_batch **batch, const struct dsj_options *defaults);
DSJ_API int dsj_batch_next(struct dsj_batch *batch, const char **answer, size_t *answer_len,
			   const char *request, size_t request_len);
DSJ_API void dsj_batch_free(struct dsj_batch *batch);

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
 * The option structs below follow struct dsj_options's convention: each starts
 * with its version, set by its *_OPTIONS_INIT or *_options_init(); fields are
 * only ever added at the end.
 */
/*
 * Fetches a remote source `uri` (oci://bucket@namespace/name, ...) to the local
 * path `dest`, which does not exist yet: one object becomes the file `dest`, a
 * prefix (a folder) the folder `dest` with the objects below it. Returns 0; 1
 * when it does not read URIs of this scheme (the source is then refused as
 * without a fetch function); or a negative DSJ_E* code with err filled.
 * dsj_oci_fetch (dsjob_oci.h) is one, with a dsj_oci_client as ctx.
 */
typedef int (*dsj_fetch_fn)(void *ctx, const char *uri, const char *dest, struct dsj_error *err);

/* 2 added fetch/fetch_ctx; a caller built for 1 keeps working. */
#define DSJ_ARTIFACT_OPTIONS_VERSION 2

/* The defaults: `struct dsj_artifact_options o = DSJ_ARTIFACT_OPTIONS_INIT;` */
#define DSJ_ARTIFACT_OPTIONS_INIT                                                                  \
	{                                                                                          \
		.version = DSJ_ARTIFACT_OPTIONS_VERSION, .mtime = -1                               \
	}

struct dsj_artifact_options {
	unsigned int version;		   /* DSJ_ARTIFACT_OPTIONS_VERSION */
	const struct dsj_options *convert; /* how the YAML is translated; NULL = defaults */
	const char *out_dir;		   /* where the artifact is written; NULL = cwd */
	const char *driver_dir;		   /* drivers to package; NULL = the embedded ones */
	long long mtime;		   /* entry time (UTC seconds); -1 = $SOURCE_DATE_EPOCH,
					      else 1980-01-01 00:00:00 */
	int list_only;			   /* fill entries, write nothing (path stays NULL) */
	dsj_report_fn warn;		   /* ADS's build-time warnings; NULL = dropped */
	void *warn_ctx;
	/* version 2: how remote sources are read; NULL = they are an error */
	dsj_fetch_fn fetch;
	void *fetch_ctx;
};

/* Fills *opts with the defaults, as DSJ_ARTIFACT_OPTIONS_INIT, for `version`
 * (pass DSJ_ARTIFACT_OPTIONS_VERSION). Returns 0, or DSJ_EUSAGE for a NULL opts
 * or an unknown version (then *opts is left alone). */
DSJ_API int dsj_artifact_options_init(struct dsj_artifact_options *opts, unsigned int version);

/* The artifact a job payload refers to; released with dsj_artifact_free. */
struct dsj_artifact {
	char *path;	   /* the file written (NULL with list_only) */
	char *upload_name; /* the file name to upload it under (content-disposition);
			      NULL when the job has no artifact */
	char sha256[65];   /* hex digest of the file ("" with list_only) */
	unsigned long long size;
	char **entries; /* archive entry names in order, "dir/" for folders; for a
			   file uploaded as is, its one name */
	size_t entry_count;
	int as_is; /* 1 when the source file is uploaded unchanged (not an archive we built) */
};

/*
 * Builds the job artifact of a runtime or job YAML as ADS lays it out (2.8, or
 * 2.15 when opts->convert->ads says so)
 * (python/notebook/gitPython/pyTorchDistributed: root-less zip with the drivers
 * and code/; script: the file as is, or a folder zipped with its root; container:
 * the placeholder file). Sources: local paths, file:// URIs, .zip/.tar/.tar.gz/
 * .tgz archives; remote sources (any other scheme) through opts->fetch into a
 * private temporary folder (removed before the call returns), an error without. The zip bytes depend only on the
 * sources and opts->mtime (entries sorted, modes 0644/0755, uid/gid 0).
 * The file is written to a temporary name and renamed: nothing is left behind
 * on failure. Note: while a zip is written the process's TZ is set to UTC
 * (libarchive writes DOS times in local time) and restored afterwards, so do not
 * call this while other threads read the environment or local time.
 * A job with no artifact (ADS 2.15: a container runtime without scriptPathURI)
 * succeeds with upload_name and path NULL and no entries: nothing to upload.
 * On success *out is the caller's (dsj_artifact_free); errors: DSJ_EINPUT (bad
 * YAML, missing or remote source, failed check, I/O), DSJ_ENOMEM, DSJ_EUSAGE (a
 * NULL out, options of an unknown version).
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

/* 2 added fetch/fetch_ctx; a caller built for 1 keeps working. */
#define DSJ_LOCAL_OPTIONS_VERSION 2

/* The defaults: `struct dsj_local_options o = DSJ_LOCAL_OPTIONS_INIT;` */
#define DSJ_LOCAL_OPTIONS_INIT                                                                     \
	{                                                                                          \
		.version = DSJ_LOCAL_OPTIONS_VERSION                                               \
	}

struct dsj_local_options {
	unsigned int version;		   /* DSJ_LOCAL_OPTIONS_VERSION */
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
	volatile sig_atomic_t *stop; /* when it becomes non-zero (a signal handler), the job
				     is stopped as on a timeout (TERM, grace, KILL) and
				     *exit_status is its own; NULL = none */
	dsj_report_fn warn;	     /* warnings and progress notes; NULL = dropped */
	void *warn_ctx;
	/* version 2: as dsj_artifact_options.fetch */
	dsj_fetch_fn fetch;
	void *fetch_ctx;
};

/* Fills *opts with the defaults, as DSJ_LOCAL_OPTIONS_INIT, for `version`
 * (pass DSJ_LOCAL_OPTIONS_VERSION). Returns 0, or DSJ_EUSAGE for a NULL opts or
 * an unknown version (then *opts is left alone). */
DSJ_API int dsj_local_options_init(struct dsj_local_options *opts, unsigned int version);

/*
 * Runs a runtime or job YAML on this machine as the service would: builds the
 * artifact, extracts it into <run folder>/decompressed_artifact, sets the job's
 * environment (payload variables, then opts->env, then the variables the service
 * sets, with local values; HOME = the run folder), starts JOB_RUN_ENTRYPOINT
 * (or the single file) there in its own process group with the job's arguments,
 * output inherited, and waits; a container runtime runs its image with
 * opts->engine instead. *exit_status: the entry's exit code, 128 + signal when it
 * was killed by one, 124 when it ran out of time. *run_dir, when not NULL,
 * receives the run folder's path if it was kept (caller frees with dsj_free).
 * The call forks; while it waits, an ignored SIGCHLD is set back to its default.
 * Errors (nothing started): DSJ_EINPUT, DSJ_EUSAGE (bad option), DSJ_ENOMEM.
 */
DSJ_API int dsj_local_run(int *exit_status, char **run_dir, const char *input, size_t input_len,
			  const struct dsj_local_options *opts, struct dsj_error *err);

#ifdef __cplusplus
}
#endif

#endif

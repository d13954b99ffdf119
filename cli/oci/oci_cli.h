/* What the commands that talk to OCI share (oci_options.c, oci_session.c,
 * oci_watch.c; their help texts are in ../oci_usage.c): the OCI options,
 * making the client, printing progress and errors, and watching a run. These
 * files are the dsjob-oci helper's (and the dynamically linked full CLI's). */
#ifndef DSJOB_OCI_CLI_H
#define DSJOB_OCI_CLI_H

#include "cli.h"
#include "dsjob_oci.h"

/* The commands (argv[0] is the command's name): cli/oci/cmd_*.c. */
int cmd_apply(struct cli *c, int argc, char **argv);
int cmd_run(struct cli *c, int argc, char **argv);
int cmd_watch(struct cli *c, int argc, char **argv);
int cmd_cancel(struct cli *c, int argc, char **argv);
int cmd_get(struct cli *c, int argc, char **argv);
int cmd_diff_live(struct cli *c, int argc, char **argv);

#define OCI_ENV_MAX 256

/* Which options a command takes, beyond the common ones. */
enum oci_flag {
	OCI_DRY_RUN = 1u << 0,
	OCI_JOB_ID = 1u << 1,
	OCI_RUN_OVERRIDES = 1u << 2, /* --env --args --name */
	OCI_WATCH = 1u << 3,
	OCI_CANCEL_ON_INTERRUPT = 1u << 4,
};

struct oci_cli {
	struct dsj_oci_options o;
	int json, debug, dry_run, watch, cancel_on_interrupt;
	const char *job_id, *name, *args;
	const char *env[OCI_ENV_MAX];
	size_t env_count;
	const char *positional[4];
	int npositional;
};

/* oci_options.c: fills oc from argv (after the command name). Returns 0, -1
 * after --help, or an exit status. */
int oci_parse(struct cli *c, struct oci_cli *oc, int argc, char **argv, unsigned flags);


/* oci_session.c: the client of the options; oci_connect also says why not
 * (and returns the exit status). */
int oci_client_make(struct oci_cli *oc, dsj_oci_client **client, struct dsj_error *err);
int oci_connect(struct oci_cli *oc, dsj_oci_client **client);
/* oci_parse, exactly one positional argument (`what` names it), oci_connect. */
int oci_start_one(struct cli *c, struct oci_cli *oc, int argc, char **argv, unsigned flags,
		  const char *what, dsj_oci_client **client);
int oci_report(const struct dsj_error *err);
void progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void progress_done(void);
/* The job file's CreateJob body and artifact source (dsj_free both); custom
 * conda packs take --region, else the client's region (client may be NULL). */
int oci_translate_file(struct cli *c, const struct oci_cli *oc, const dsj_oci_client *client,
		       const char *file, char **body, size_t *body_len, char **artifact,
		       char **artifact_type);

/* oci_watch.c: follows a run, Ctrl-C stops (and with cancel, cancels). Returns
 * the exit status for the command. */
int oci_watch_run(dsj_oci_client *client, const struct oci_cli *oc, const char *run_id);

/* artifact_step.c: the artifact of a job YAML file, built as ADS lays it out
 * (dsj_artifact_build): its bytes and the name to upload them under. */
struct artifact_upload {
	char *data;
	size_t len;
	char *name;
	const char *remote; /* dry run: the oci:// source not read */
	int built;	    /* ... and the artifact would be built from it (not as is) */
};
struct artifact_source {
	const char *file;   /* the job YAML */
	const char *source; /* the translation's artifact source, or NULL */
	const char *type;   /* its artifact type ("ScriptArtifact"...), or NULL */
};
/* Builds the artifact; oci:// sources are read from Object Storage with the
 * client's credentials (with client NULL, a dry run, they are only named in
 * out->remote). */
int artifact_step(struct cli *c, dsj_oci_client *client, const struct artifact_source *src,
		  struct artifact_upload *out, char *why, size_t why_size);
void artifact_upload_free(struct artifact_upload *a);

#endif

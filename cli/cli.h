/* The dsjob command-line tool: what its files share. Each command lives in its
 * own cmd_*.c; main.c only dispatches. */
#ifndef DSJOB_CLI_H
#define DSJOB_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "dsjob.h"

#define EXIT_PROBLEM 1
#define EXIT_USAGE 2

struct cli {
	int argc;    /* the whole command line, to hand it to dsjob-oci */
	char **argv;
	const char *command;
	const char *file;
	const char *out_file;
	struct dsj_options opts;
	int output_set;
	int strict;		 /* --strict: every warning is an error */
	int quiet;		 /* validate --quiet: no warnings, no summary */
	int explain;		 /* translate --explain: where each field comes from, on stderr */
	const char *current;	 /* the file being converted, for warnings */
	size_t warnings;	 /* warnings reported for `current` */
	struct pending *pending; /* its problems and warnings, to print sorted */
	size_t npending, cap;
};

/* pending.c */
/* Holds a problem (or a warning) of c->current until pending_flush prints
 * them all in the order of their place in the file. */
void pending_add(struct cli *c, const struct dsj_error *e, int warning);
void pending_flush(struct cli *c);

/* usage.c */
/* The help of `command` (NULL: of dsjob itself), then the limit options'. */
void print_usage(FILE *f, const char *command);

/* io.c */
size_t max_input(const struct cli *c);
int read_input(const char *file, size_t max, char **data, size_t *len, char *why, size_t why_size);
int write_atomically(const char *path, const char *data, size_t len);
int emit(const struct cli *c, const char *data, size_t len);
void report(const char *file, const struct dsj_error *err);
/* dsj_options.warn printing at once; ctx points to the file name. */
void report_warning(const struct dsj_error *w, void *file);
/* dsj_options.warn for translate, extract, validate and diff: ctx is the
 * struct cli; counts, and holds "warning:" (or "error:" with --strict) for
 * pending_flush unless --quiet. */
void cli_warning(const struct dsj_error *w, void *cli);

/* options.c */
int usage_error(const char *fmt, const char *arg);
int set_limit(struct cli *c, const char *a, const char *v);
int set_ads_option(struct cli *c, const char *a, const char *v);
int parse_options(struct cli *c, int argc, char **argv, char **files, int *nfiles);
/* The options of artifact and run: flag() and value() return 0 when they took the
 * option, 1 when it is not theirs, else an exit status; one positional FILE. */
struct arg_handlers {
	int (*flag)(void *ctx, const char *opt);
	int (*value)(struct cli *c, void *ctx, const char *opt, const char *v);
	void *ctx;
};
int parse_command_args(struct cli *c, int argc, char **argv, const struct arg_handlers *h,
		       const char **file);

/* The commands: argv[0] is the command's name. */
int cmd_convert(struct cli *c, int argc, char **argv);
int cmd_validate(struct cli *c, int argc, char **argv);
int cmd_batch(struct cli *c, int argc, char **argv);
int cmd_artifact(struct cli *c, int argc, char **argv);
int cmd_run_local(struct cli *c, int argc, char **argv);
int cmd_diff(struct cli *c, int argc, char **argv); /* FILE JOB.json; --job-id is OCI's */
int cmd_schema(struct cli *c, int argc, char **argv);

/* A command and its cmd_* function; command_find (main.c) looks one up. */
struct command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
};
const struct command *command_find(const struct command *table, size_t n, const char *name);

/* The command lines that talk to OCI (apply, run without --local, watch,
 * cancel, get, diff --job-id: main.c tells them apart) run through oci_main,
 * argv[0] the program, argv[1] the command. In the full CLI it is
 * cli/oci/oci_main.c, which runs them; in the static CLI it is
 * cli/static/oci_exec.c, which execs the dsjob-oci helper with the same argv
 * (docs/performance.md: a static dsjob starts faster, and libcurl cannot be
 * dlopened into a static program). */
int oci_main(struct cli *c, int argc, char **argv);

/* Object Storage sources of artifact and run --local. source_options.c (both
 * programs): the OCI options they take, and source_needs_oci. In the programs
 * with OCI code (cli/oci/source_fetch.c) source_fetch_fn is a dsj_fetch_fn that
 * makes the client from those options on the first oci:// source; in the
 * static dsjob (cli/static/oci_exec.c) it is NULL: a command line whose source
 * needs OCI goes to dsjob-oci through oci_main. */
struct source_fetch {
	struct cli *cli;
	const char *config_file, *profile, *auth, *endpoint;
	int debug;
	void *client;	   /* a dsj_oci_client, made on the first oci:// source */
	char failed[1024]; /* why none could be made ("" = not tried) */
};
void source_fetch_init(struct source_fetch *f, struct cli *c);
/* 0 when the option is one of the above (or its usage error's status), 1 if not. */
int source_fetch_option(struct source_fetch *f, const char *opt, const char *v);
int source_fetch_flag(struct source_fetch *f, const char *opt);
/* Whether the artifact of this YAML is built from an oci:// source: its
 * translation's artifact source, read quietly (the command's own build reports
 * its problems). */
int source_needs_oci(const struct cli *c, const char *input, size_t len);
/* --auth NAME: its enum dsj_oci_auth value, -1 when unknown; the usage error. */
int auth_mode(const char *name);
int auth_usage_error(const char *v);
/* The whole command line to dsjob-oci (oci_main), when source_fetch_fn is NULL
 * and source_needs_oci; FILE names the YAML (standard input cannot be read twice). */
int source_hand_over(struct cli *c, const char *file);
dsj_fetch_fn source_fetch_fn(void);
void source_fetch_end(struct source_fetch *f);

/* oci_usage.c: the help of the OCI commands (in the main help too). */
const char *oci_usage(const char *command);
extern const char oci_usage_main[];

#endif

/* dsj_local_run's parts: the job run's environment (local_env.c), the command
 * that starts it (local_command.c), the supervised child (local_proc.c). */
#ifndef DSJ_LOCAL_H
#define DSJ_LOCAL_H

#include <signal.h>

#include "artifact/artifact.h"
#include "dsjob.h"

/* A NULL-terminated "NAME=VALUE" list, in the job's arena. */
struct local_env {
	struct arena *a;
	char **vars;
	size_t count, cap;
};

/* The job run's variables: the payload's, then the overrides ("NAME=VALUE";
 * malformed ones are DSJ_EUSAGE). Checked against the service's 20,000-character
 * limit. *merged receives the map (for local_env_build and the entry lookup). */
int local_job_variables(struct node **merged, struct art_job *j, const struct dsj_local_options *o,
			struct dsj_error *err);
/* The whole environment of the child: a base (PATH, LANG, LC_ALL, TERM, TMPDIR or
 * everything with inherit_env, minus resource-principal variables), the job's
 * variables, then what the service sets (HOME, JOB_ARTIFACT_FILE_NAME when there
 * is an artifact: upload_name not NULL...). */
int local_env_build(struct local_env *env, const struct node *vars,
		    const struct dsj_local_options *o, const char *home, const char *upload_name,
		    struct dsj_error *err);
/* A value of the finished environment, or NULL. */
const char *local_env_get(const struct local_env *env, const char *name);

/* The argument words: --args when given, else commandLineArguments; both split
 * as a POSIX shell does and checked against the 4,000-character limit. */
int local_arguments(struct node **words, struct art_job *j, const struct dsj_local_options *o,
		    struct dsj_error *err);
/* argv for the entry file `entry` (a path under decompressed_artifact) run as
 * the service runs it: .py with the Python, .sh with bash, else itself. */
int local_entry_command(const char ***argv, struct arena *a, const char *entry,
			const struct node *words, const struct local_env *env,
			const struct dsj_local_options *o, struct dsj_error *err);
/* argv for a container runtime: `<engine> run --rm -e ... image ...`; the image
 * and command from `config` (ADS 2.15's jobEnvironmentConfigurationDetails) when
 * given, else from the CONTAINER_* variables (ADS 2.8). */
int local_container_command(const char ***argv, struct arena *a, const struct node *vars,
			    const struct node *config, const struct node *words,
			    const struct local_env *env, const struct dsj_local_options *o,
			    struct dsj_error *err);

/* Runs argv with envp in cwd, in its own process group, until it ends, the
 * limit passes (timeout_seconds > 0) or *stop is set: then TERM, grace, KILL.
 * *status: exit code, 128 + signal, or 124 after a timeout. */
int local_supervise(int *status, const char **argv, char **envp, const char *cwd,
		    double timeout_seconds, int grace_seconds, volatile sig_atomic_t *stop,
		    struct dsj_error *err);
/* An executable named `name` in the colon-separated `path` (or name itself when it
 * holds a '/'), in `a`; NULL when none. */
char *local_find_program(struct arena *a, const char *name, const char *path);

#endif

/* The help texts of the commands that talk to OCI. */
#include <string.h>

#include "cli.h"

#define OCI_OPTIONS_HELP                                                                           \
	"\n"                                                                                       \
	"OCI options (every command that talks to OCI):\n"                                         \
	"  --config-file F   the config file (default $OCI_CONFIG_FILE, else ~/.oci/config)\n"     \
	"  --profile P       its profile (default $OCI_CLI_PROFILE, else DEFAULT)\n"               \
	"  --auth A          api_key, security_token or resource_principal (default: resource\n"   \
	"                    principal when OCI_RESOURCE_PRINCIPAL_VERSION is set, else the\n"     \
	"                    profile: a session token when it has security_token_file)\n"          \
	"  --region R        region (default: the profile's)\n"                                    \
	"  --endpoint URL    send every call to this base URL (private endpoints, tests)\n"        \
	"  --output FORMAT   text (default) or json\n"                                             \
	"  --debug           show each request and answer on stderr (secrets redacted)\n"

const char oci_usage_main[] =
	"\n"
	"Commands that talk to OCI (docs/oci.md):\n"
	"  dsjob apply  [--dry-run] [OCI] FILE\n"
	"  dsjob run    FILE | --job-id OCID [--env K=V]... [--args S] [--name N]\n"
	"               [--watch [--cancel-on-interrupt]] [OCI]\n"
	"  dsjob watch  [--cancel-on-interrupt] [OCI] RUN_OCID\n"
	"  dsjob cancel [OCI] RUN_OCID\n"
	"  dsjob get    [OCI] JOB_OCID\n"
	"  dsjob diff   [OCI] FILE --job-id OCID\n" OCI_OPTIONS_HELP;

static const char usage_apply[] =
	"usage: dsjob apply [--dry-run] [OCI] FILE\n"
	"\n"
	"Creates the job of a job YAML (the CreateJob body 'dsjob translate' prints) and\n"
	"uploads its artifact (content-disposition with its file name). When the upload\n"
	"fails the job is deleted again. Prints the job OCID (--output json: the Job).\n"
	"\n"
	"  --dry-run   print the requests instead of sending them (no credentials "
	"needed)\n" OCI_OPTIONS_HELP;

static const char usage_run[] =
	"usage: dsjob run FILE | --job-id OCID [--env K=V]... [--args S] [--name N]\n"
	"                 [--watch [--cancel-on-interrupt]] [OCI]\n"
	"\n"
	"Starts a job run: of the job OCID, or of the job 'dsjob apply FILE' created (the\n"
	"newest ACTIVE job with the file's name in its project). Prints the run OCID.\n"
	"\n"
	"  --env K=V     an environment variable for this run (repeatable)\n"
	"  --args S      the command-line arguments for this run\n"
	"  --name N      the run's display name\n"
	"  --watch       follow the run's logs to its end and exit with its exit code\n"
	"                (1 when FAILED without one, 125 when CANCELED, 130 after Ctrl-C)\n"
	"  --cancel-on-interrupt   Ctrl-C cancels the run (else it goes on)\n"
	"  --local       run the job on this machine instead (dsjob run --local "
	"--help)\n" OCI_OPTIONS_HELP;

static const char usage_watch[] =
	"usage: dsjob watch [--cancel-on-interrupt] [OCI] RUN_OCID\n"
	"\n"
	"Prints a job run's log lines until it ends (and for a while after: lines arrive\n"
	"late), then exits with its exit code (as run --watch).\n" OCI_OPTIONS_HELP;

static const char usage_cancel[] = "usage: dsjob cancel [OCI] RUN_OCID\n"
				   "\n"
				   "Asks the service to cancel a job run.\n" OCI_OPTIONS_HELP;

static const char usage_get[] =
	"usage: dsjob get [OCI] JOB_OCID\n"
	"\n"
	"Prints a job as job YAML, as 'dsjob extract' makes it (--output json: the Job\n"
	"JSON the service answered).\n" OCI_OPTIONS_HELP;

static const char usage_diff[] =
	"usage: dsjob diff [OCI] FILE --job-id OCID\n"
	"\n"
	"Compares a live job (GetJob) with the CreateJob body of its YAML: each value the\n"
	"YAML sets that differs, and environment variables and tags only one side has,\n"
	"one line each (--output json: [{\"path\", \"file\", \"live\"}]). Exit status 0\n"
	"when they match, 1 when they differ, 2 on trouble (as diff(1)).\n" OCI_OPTIONS_HELP;

const char *oci_usage(const char *command)
{
	static const struct {
		const char *name, *text;
	} texts[] = {{"apply", usage_apply},   {"run", usage_run}, {"watch", usage_watch},
		     {"cancel", usage_cancel}, {"get", usage_get}, {"diff", usage_diff}};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (strcmp(command, texts[i].name) == 0)
			return texts[i].text;
	return NULL;
}

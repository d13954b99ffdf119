/* The help texts of the commands. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The ADS release every command can match. */
#define ADS_HELP                                                                                   \
	"  --ads VERSION    the ADS release to match: 2.8 (default, ADS 2.8.7) or 2.15\n"          \
	"                   (ADS 2.15.2 on OCI SDK 2.182: native container config,\n"              \
	"                   multi-node jobs); jobs made by ADS 2.8 extract as 2.8 read them\n"     \
	"                   either way\n"

/* "16777216 = 16 MiB" for a whole number of MiB, else the number. */
static void print_bytes(FILE *f, size_t n)
{
	const size_t mib = (size_t)1 << 20;
	fprintf(f, "%zu", n);
	if (n % mib == 0)
		fprintf(f, " = %zu MiB", n / mib);
}

/* The input limits every command takes (struct dsj_limits), with the
 * library's defaults. */
static void print_limits_help(FILE *f)
{
	struct dsj_limits d = dsj_limits_default();
	fputs("\nInput limits (each exceeded is an error, exit status 1; N a whole number > 0):\n"
	      "  --max-input-bytes N   size of the input (default ",
	      f);
	print_bytes(f, d.max_input_bytes);
	fprintf(f,
		")\n"
		"  --max-depth N         nesting depth (default %zu, at most %d)\n"
		"  --max-nodes N         nodes, aliases expanded (default %zu)\n"
		"  --max-scalar-bytes N  one string or number (default ",
		d.max_depth, DSJ_MAX_DEPTH_CAP, d.max_nodes);
	print_bytes(f, d.max_scalar_bytes);
	fprintf(f,
		")\n"
		"  --max-env-vars N      environment variables in spec.env (default %zu)\n",
		d.max_env_vars);
}

static const char usage_main[] =
	"usage: dsjob translate [--ads V] [--region R] [--format api|oci-cli] [--output "
	"json|yaml]\n"
	"                       [--strict] [--explain] [-o FILE] [LIMITS] [FILE|-]\n"
	"       dsjob extract   [--ads V] [--artifact NAME] [--runtime-only] [--output yaml|json]\n"
	"                       [-o FILE] [LIMITS] [FILE|-]\n"
	"       dsjob validate  [--ads V] [--region R] [--strict] [--quiet] [LIMITS] FILE...\n"
	"       dsjob diff      [--ads V] [--region R] [LIMITS] FILE JOB.json\n"
	"       dsjob schema    [--strict]\n"
	"       dsjob artifact  [-o DIR] [--list] [--output text|json] [--driver-dir DIR] FILE\n"
	"       dsjob run --local [--env K=V]... [--args 'A B'] [--timeout MIN] [--workdir DIR]\n"
	"                       [--keep] [--python PATH] [--engine podman|docker] FILE\n"
	"       dsjob --jsonl   [--ads V] [LIMITS] [FILE|-]  (batch: one JSON request a line)\n"
	"       dsjob --version | --help\n"
	"\n"
	"Converts Oracle ADS job YAML (kind: job) or runtime YAML to the OCI Data Science\n"
	"CreateJob request (translate) and an OCI Job back to job or runtime YAML (extract);\n"
	"builds the job artifact (artifact) and runs a job on this machine (run --local).\n"
	"Run 'dsjob COMMAND --help' for a command's options.\n"
	"Matches " DSJ_ADS_VERSIONS ".\n";

static const char usage_translate[] =
	"usage: dsjob translate [--ads V] [--region R] [--format api|oci-cli] [--output "
	"json|yaml]\n"
	"                       [--strict] [--explain] [-o FILE] [LIMITS] [FILE|-]\n"
	"\n"
	"Reads a job YAML (kind: job) and prints the CreateJob request ADS would send,\n"
	"or a runtime YAML and prints its payload: jobConfigurationDetails, freeformTags,\n"
	"definedTags and the artifact to upload.\n"
	"\n" ADS_HELP "  --region R       region of the custom conda pack when its spec has none\n"
	"  --format FORM    job: api (default) prints {\"body\", \"artifact\"}; oci-cli prints\n"
	"                   the JSON 'oci data-science job create --from-json file://F' takes\n"
	"                   and names the artifact to upload on stderr\n"
	"  --output FORMAT  json (default) or yaml\n"
	"  --strict         every warning is an error: exit status 1, nothing written\n"
	"  --explain        also print on stderr where each field comes from (a spec key\n"
	"                   and its LINE:COL, or the rule that made it)\n"
	"  -o FILE          write to FILE (atomically) instead of stdout\n"
	"  FILE             the YAML file; '-' or nothing reads stdin\n"
	"\n"
	"Keys ADS does not read (a misspelling, another runtime type's key) are warnings\n"
	"naming the key and the likely fix, as are ids that are not OCIDs and a job\n"
	"without a shape.\n"
	"\n"
	"Where the OCI API would reject the payload (environment variables over 20,000\n"
	"characters in all, arguments over 4,000) it is an error; a variable the service\n"
	"sets itself (JOB_OCID...) is a warning on stderr ('warning:'), exit status "
	"0.\n";

static const char usage_extract[] =
	"usage: dsjob extract [--ads V] [--artifact NAME] [--runtime-only] [--output yaml|json]\n"
	"                     [-o FILE] [LIMITS] [FILE|-]\n"
	"\n"
	"Reads an OCI Data Science Job as JSON (as the API returns it, or as\n"
	"'oci data-science job get' prints it) and prints the job YAML (kind: job), or\n"
	"the runtime YAML when the JSON has no infrastructure or project. The JSON may be\n"
	"camelCase (REST), kebab-case ('oci' CLI) or snake_case (Python SDK), wrapped in\n"
	"{\"data\": ...} or not; a job list {\"data\": [...]} gives one document per job.\n"
	"\n" ADS_HELP
	"  --artifact NAME  file name of the job's artifact (scriptPathURI comes from it)\n"
	"  --runtime-only   print only the runtime\n"
	"  --output FORMAT  yaml (default) or json\n"
	"  -o FILE          write to FILE (atomically) instead of stdout\n"
	"  FILE             the JSON file; '-' or nothing reads stdin\n";

static const char usage_validate[] =
	"usage: dsjob validate [--ads V] [--region R] [--strict] [--quiet] [LIMITS] FILE...\n"
	"\n"
	"Checks job and runtime YAML files and prints every problem and warning found,\n"
	"in the order of the file, each as FILE:LINE:COL: KEY: MESSAGE (the checks of\n"
	"translate, the OCI limits included), then 'N problems in M files'.\n"
	"Exit status 0 when all are valid, 1 otherwise.\n"
	"\n" ADS_HELP "  --region R       region to assume for custom conda packs without one\n"
	"  --strict         every warning is a problem\n"
	"  --quiet          no warnings and no summary line: the problems only\n";

static const char usage_diff[] =
	"usage: dsjob diff [--ads V] [--region R] [LIMITS] FILE JOB.json\n"
	"\n"
	"Shows what creating the job YAML in FILE would change compared with the\n"
	"existing job in JOB.json (as 'oci data-science job get' prints it, or the Job\n"
	"object alone), field by field: '~ PATH: OLD -> NEW', '+ PATH: NEW' (new),\n"
	"'- PATH: OLD' (gone). Exit status 0 when nothing would change, 1 when\n"
	"something would, 2 on a problem.\n"
	"\n" ADS_HELP "  --region R       region of the custom conda pack when its spec has none\n";

static const char usage_schema[] =
	"usage: dsjob schema [--strict]\n"
	"\n"
	"Prints the JSON Schema of runtime and job YAML, for editors: save it and put\n"
	"'# yaml-language-server: $schema=PATH' at the top of a YAML file. It checks\n"
	"the structure (spec mappings, the runtime type, a job's infrastructure and\n"
	"runtime) and lists the keys for completion.\n"
	"\n"
	"  --strict         unknown keys are errors too (ADS ignores them)\n";

/* artifact and run --local: Object Storage sources (cli/source_options.c). */
#define SOURCE_OPTIONS                                                                             \
	"  --region R        region for a custom conda pack and for Object Storage\n"              \
	"\n"                                                                                       \
	"Object Storage sources (oci://bucket@namespace/name: the object, else the objects\n"      \
	"under name/ as a folder) are read with OCI credentials, made on the first one:\n"         \
	"  --config-file F   the config file (default $OCI_CONFIG_FILE, else ~/.oci/config)\n"     \
	"  --profile P       its profile (default $OCI_CLI_PROFILE, else DEFAULT)\n"               \
	"  --auth A          api_key, security_token or resource_principal\n"                      \
	"  --endpoint URL    send the Object Storage calls to this base URL\n"                     \
	"  --debug           show each request and answer on stderr (secrets redacted)\n"

static const char usage_artifact[] =
	"usage: dsjob artifact [-o DIR] [--list] [--output text|json] [--driver-dir DIR]\n"
	"                      [--ads V] [--region R] [OCI] [LIMITS] FILE\n"
	"\n"
	"Builds the job artifact a runtime or job YAML refers to, laid out as ADS 2.8 lays\n"
	"it out (python, notebook, gitPython, pyTorchDistributed: a zip of the drivers and\n"
	"code/; script: the file as is, or a folder zipped with its root; container: a\n"
	"placeholder), and prints the path written. The same sources give the same bytes\n"
	"(SOURCE_DATE_EPOCH sets the entry time; default 1980-01-01).\n"
	"\n"
	"  -o DIR            write into DIR (default: the current folder)\n"
	"  --list            print the entries instead of writing\n"
	"  --output json     print {\"path\", \"uploadName\", \"sha256\", \"size\", \"entries\"}\n"
	"  --driver-dir DIR  package the drivers in DIR instead of the built-in ones\n"
	"  --ads V           translate as ADS V does (2.8, the default, or 2.15)\n" SOURCE_OPTIONS;

static const char usage_run[] =
	"usage: dsjob run --local [--env NAME=VALUE]... [--args 'A B'] [--timeout MIN]\n"
	"                         [--workdir DIR] [--keep] [--inherit-env] [--python PATH]\n"
	"                         [--engine podman|docker] [--driver-dir DIR] [--ads V]\n"
	"                         [--region R] [OCI] [LIMITS] FILE\n"
	"\n"
	"Runs a runtime or job YAML on this machine as the OCI service would: builds its\n"
	"artifact, extracts it into RUN/decompressed_artifact, sets the job's variables\n"
	"(then --env, as a job run's overrides), HOME=RUN and JOB_ARTIFACT_FILE_NAME, starts\n"
	"JOB_RUN_ENTRYPOINT (or the single file: .py with python3, .sh with bash, else\n"
	"itself) with the job's arguments, and exits with its exit code (124 on a time-out).\n"
	"Your code runs as you, unconfined: isolation is yours to choose.\n"
	"\n"
	"  --env NAME=VALUE  override or add a variable (repeatable)\n"
	"  --args 'A B'      arguments instead of the job's (shell words)\n"
	"  --timeout MIN     stop after MIN minutes (default maximumRuntimeInMinutes):\n"
	"                    SIGTERM to its process group, SIGKILL 10 s later\n"
	"  --workdir DIR     the run folder (kept); default a new one under $TMPDIR\n"
	"  --keep            keep the default run folder and print its path\n"
	"  --inherit-env     start from this environment (default: PATH, LANG, LC_ALL,\n"
	"                    TERM, TMPDIR only)\n"
	"  --python PATH     the interpreter for .py entries (default python3 on PATH)\n"
	"  --engine ENGINE   container runtimes: run the image with podman or docker\n"
	"  --driver-dir DIR  package the drivers in DIR instead of the built-in ones\n"
	"  --ads V           translate as ADS V does (2.8, the default, or 2.15; a 2.15\n"
	"                    multi-node job runs its first node group, as one "
	"node)\n" SOURCE_OPTIONS;

void print_usage(FILE *f, const char *command)
{
	if (!command)
		fputs(usage_main, f);
	else if (strcmp(command, "artifact") == 0)
		fputs(usage_artifact, f);
	else if (strcmp(command, "run") == 0)
		fputs(usage_run, f);
	else if (strcmp(command, "translate") == 0)
		fputs(usage_translate, f);
	else if (strcmp(command, "extract") == 0)
		fputs(usage_extract, f);
	else if (strcmp(command, "diff") == 0)
		fputs(usage_diff, f);
	else if (strcmp(command, "schema") == 0) {
		fputs(usage_schema, f);
		return;
	} else
		fputs(usage_validate, f);
	print_limits_help(f);
}

/* dsjob: the command-line shell over libdsjob. Reads files, parses options,
 * prints; every conversion is the library's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dsjob.h"

#define EXIT_PROBLEM 1
#define EXIT_USAGE 2

static const char usage_main[] =
	"usage: dsjob translate [--region R] [--format api|oci-cli] [--output json|yaml]\n"
	"                       [-o FILE] [FILE|-]\n"
	"       dsjob extract   [--artifact NAME] [--runtime-only] [--output yaml|json]\n"
	"                       [-o FILE] [FILE|-]\n"
	"       dsjob validate  [--region R] FILE...\n"
	"       dsjob --jsonl   (batch: one JSON request per line on stdin)\n"
	"       dsjob --version | --help\n"
	"\n"
	"Converts Oracle ADS job YAML (kind: job) or runtime YAML to the OCI Data Science\n"
	"CreateJob request (translate) and an OCI Job back to job or runtime YAML (extract).\n"
	"Run 'dsjob COMMAND --help' for a command's options.\n";

static const char usage_translate[] =
	"usage: dsjob translate [--region R] [--format api|oci-cli] [--output json|yaml]\n"
	"                       [-o FILE] [FILE|-]\n"
	"\n"
	"Reads a job YAML (kind: job) and prints the CreateJob request ADS would send,\n"
	"or a runtime YAML and prints its payload: jobConfigurationDetails, freeformTags,\n"
	"definedTags and the artifact to upload.\n"
	"\n"
	"  --region R       region of the custom conda pack when its spec has none\n"
	"  --format FORM    job: api (default) prints {\"body\", \"artifact\"}; oci-cli prints\n"
	"                   the JSON 'oci data-science job create --from-json file://F' takes\n"
	"                   and names the artifact to upload on stderr\n"
	"  --output FORMAT  json (default) or yaml\n"
	"  -o FILE          write to FILE (atomically) instead of stdout\n"
	"  FILE             the YAML file; '-' or nothing reads stdin\n";

static const char usage_extract[] =
	"usage: dsjob extract [--artifact NAME] [--output yaml|json] [-o FILE] [FILE|-]\n"
	"\n"
	"Reads an OCI Data Science Job as JSON (as the API returns it, or as\n"
	"'oci data-science job get' prints it) and prints the job YAML (kind: job), or\n"
	"the runtime YAML when the JSON has no infrastructure or project.\n"
	"\n"
	"  --artifact NAME  file name of the job's artifact (scriptPathURI comes from it)\n"
	"  --runtime-only   print only the runtime\n"
	"  --output FORMAT  yaml (default) or json\n"
	"  -o FILE          write to FILE (atomically) instead of stdout\n"
	"  FILE             the JSON file; '-' or nothing reads stdin\n";

static const char usage_validate[] =
	"usage: dsjob validate [--region R] FILE...\n"
	"\n"
	"Checks job and runtime YAML files and prints every problem found, each as\n"
	"FILE:LINE:COL: KEY: MESSAGE (job files: also the OCI limits and the Flex rule).\n"
	"Exit status 0 when all are valid, 1 otherwise.\n"
	"\n"
	"  --region R       region to assume for custom conda packs without one\n";

struct cli {
	const char *command;
	const char *file;
	const char *out_file;
	struct dsj_options opts;
	int output_set;
};

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "dsjob: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nRun 'dsjob --help' for usage.\n");
	return EXIT_USAGE;
}

/* Reads all of FILE ('-' = stdin) up to `max` bytes (+1 to detect more). */
static int read_input(const char *file, size_t max, char **data, size_t *len, char *why, size_t why_size)
{
	FILE *f = stdin;
	if (strcmp(file, "-") != 0) {
		struct stat st;
		if (stat(file, &st) == 0 && S_ISDIR(st.st_mode)) {
			snprintf(why, why_size, "is a directory");
			return -1;
		}
		f = fopen(file, "rb");
		if (!f) {
			snprintf(why, why_size, "%s", strerror(errno));
			return -1;
		}
	}
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		if (n == cap) {
			if (cap > max + 1) {
				break;
			}
			char *bigger = realloc(buf, cap * 2);
			if (!bigger) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = bigger;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int failed = !buf || ferror(f);
	if (f != stdin)
		fclose(f);
	if (failed) {
		free(buf);
		snprintf(why, why_size, "%s", buf ? "read error" : "out of memory");
		return -1;
	}
	*data = buf;
	*len = n;
	return 0;
}

/* Writes to a temporary file beside `path`, then renames it into place. */
static int write_atomically(const char *path, const char *data, size_t len)
{
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	if (!tmp)
		return -1;
	snprintf(tmp, n, "%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	FILE *f = fdopen(fd, "wb");
	int ok = f && fwrite(data, 1, len, f) == len;
	ok = f && fclose(f) == 0 && ok;
	if (!f)
		close(fd);
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

static int emit(const struct cli *c, const char *data, size_t len)
{
	if (c->out_file) {
		if (write_atomically(c->out_file, data, len)) {
			fprintf(stderr, "dsjob: cannot write %s: %s\n", c->out_file, strerror(errno));
			return EXIT_PROBLEM;
		}
		return 0;
	}
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout)) {
		fprintf(stderr, "dsjob: cannot write the output\n");
		return EXIT_PROBLEM;
	}
	return 0;
}

static void report(const char *file, const struct dsj_error *err)
{
	char line[2048];
	dsj_error_format(err, file, line, sizeof(line));
	fprintf(stderr, "%s\n", line);
}

/* A job translates as one (with the artifact to upload); a runtime as before. */
static int translate_any(struct cli *c, char **out, size_t *out_len, char **artifact,
			 const char *input, size_t len, struct dsj_error *err)
{
	if (c->opts.job_form == DSJ_JOB_FORM_OCI_CLI)
		return dsj_job_translate(out, out_len, artifact, input, len, &c->opts, err);
	return dsj_translate(out, out_len, input, len, &c->opts, err);
}

static void artifact_note(const char *artifact)
{
	if (artifact)
		fprintf(stderr,
			"dsjob: after 'oci data-science job create --from-json file://FILE', upload the "
			"artifact: oci data-science job create-job-artifact --job-id <new job OCID> "
			"--job-artifact-file %s --content-disposition 'attachment; filename=<its file "
			"name>'\n",
			artifact);
	else
		fprintf(stderr, "dsjob: this runtime names no artifact file: ADS builds its driver "
				"artifact itself, so upload one with 'oci data-science job "
				"create-job-artifact' as ADS would\n");
}

static int convert(struct cli *c)
{
	const char *file = c->file ? c->file : "-";
	char *input = NULL, why[256];
	size_t len = 0;
	size_t max = c->opts.limits.max_input_bytes ? c->opts.limits.max_input_bytes : (16u << 20);
	if (read_input(file, max, &input, &len, why, sizeof(why))) {
		fprintf(stderr, "%s: cannot read: %s\n", file, why);
		return EXIT_PROBLEM;
	}
	char *out = NULL;
	size_t out_len = 0;
	struct dsj_error err;
	char *artifact = NULL;
	int rc = strcmp(c->command, "translate") == 0
			 ? translate_any(c, &out, &out_len, &artifact, input, len, &err)
			 : dsj_extract(&out, &out_len, input, len, &c->opts, &err);
	free(input);
	if (rc) {
		report(file, &err);
		return EXIT_PROBLEM;
	}
	rc = emit(c, out, out_len);
	if (!rc && c->opts.job_form == DSJ_JOB_FORM_OCI_CLI)
		artifact_note(artifact);
	dsj_free(out);
	dsj_free(artifact);
	return rc;
}

static void report_problem(const struct dsj_error *err, void *file)
{
	report(file, err);
}

static int validate(struct cli *c, int nfiles, char **files)
{
	int status = 0;
	if (nfiles == 0)
		return usage_error("%s", "validate needs at least one FILE");
	for (int i = 0; i < nfiles; i++) {
		char *input = NULL, why[256];
		size_t len = 0;
		if (read_input(files[i], 16u << 20, &input, &len, why, sizeof(why))) {
			fprintf(stderr, "%s: cannot read: %s\n", files[i], why);
			status = EXIT_PROBLEM;
			continue;
		}
		size_t problems = 0;
		if (dsj_validate(&problems, input, len, &c->opts, report_problem, files[i])) {
			fprintf(stderr, "dsjob: out of memory\n");
			problems = 1;
		}
		if (problems)
			status = EXIT_PROBLEM;
		free(input);
	}
	return status;
}

static int batch(const struct cli *c)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int status = 0;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		size_t len = (size_t)n;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (len == 0)
			continue;
		char *answer = NULL;
		size_t answer_len = 0;
		if (dsj_batch_answer(&answer, &answer_len, line, len, &c->opts)) {
			fprintf(stderr, "dsjob: out of memory\n");
			status = EXIT_PROBLEM;
			break;
		}
		fwrite(answer, 1, answer_len, stdout);
		fputc('\n', stdout);
		dsj_free(answer);
	}
	free(line);
	if (fflush(stdout))
		status = EXIT_PROBLEM;
	return status;
}

static int set_output(struct cli *c, const char *v)
{
	if (strcmp(v, "json") == 0)
		c->opts.output = DSJ_FORMAT_JSON;
	else if (strcmp(v, "yaml") == 0)
		c->opts.output = DSJ_FORMAT_YAML;
	else
		return usage_error("--output takes json or yaml, not '%s'", v);
	c->output_set = 1;
	return 0;
}

static int set_format(struct cli *c, const char *v)
{
	if (strcmp(v, "api") == 0)
		c->opts.job_form = DSJ_JOB_FORM_API;
	else if (strcmp(v, "oci-cli") == 0)
		c->opts.job_form = DSJ_JOB_FORM_OCI_CLI;
	else
		return usage_error("--format takes api or oci-cli, not '%s'", v);
	return 0;
}

static const char *command_usage(const char *command)
{
	if (strcmp(command, "translate") == 0)
		return usage_translate;
	if (strcmp(command, "extract") == 0)
		return usage_extract;
	return usage_validate;
}

/* Parses options after the command; positional arguments are left in files[]. */
static int parse_options(struct cli *c, int argc, char **argv, char **files, int *nfiles)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int takes_value = strcmp(a, "--region") == 0 || strcmp(a, "--artifact") == 0 ||
				  strcmp(a, "--output") == 0 || strcmp(a, "-o") == 0 ||
				  strcmp(a, "--format") == 0;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(command_usage(c->command), stdout);
			return -1;
		}
		if (takes_value && !v)
			return usage_error("%s needs a value", a);
		if (strcmp(a, "--region") == 0)
			c->opts.region = v;
		else if (strcmp(a, "--artifact") == 0 && strcmp(c->command, "extract") == 0)
			c->opts.artifact = v;
		else if (strcmp(a, "--format") == 0 && strcmp(c->command, "translate") == 0) {
			if (set_format(c, v))
				return EXIT_USAGE;
		} else if (strcmp(a, "--runtime-only") == 0 && strcmp(c->command, "extract") == 0) {
			c->opts.level = DSJ_LEVEL_RUNTIME;
			continue;
		}
		else if (strcmp(a, "--output") == 0 && strcmp(c->command, "validate") != 0) {
			if (set_output(c, v))
				return EXIT_USAGE;
		} else if (strcmp(a, "-o") == 0 && strcmp(c->command, "validate") != 0)
			c->out_file = v;
		else if (a[0] == '-' && a[1] != '\0')
			return usage_error("unknown option '%s'", a);
		else {
			files[(*nfiles)++] = argv[i];
			continue;
		}
		i++;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct cli c = {0};
	dsj_options_init(&c.opts);
	if (argc < 2)
		return fputs(usage_main, stderr), EXIT_USAGE;
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0)
		return fputs(usage_main, stdout), 0;
	if (strcmp(cmd, "--version") == 0)
		return printf("dsjob %s\n", dsj_version()), 0;
	if (strcmp(cmd, "--jsonl") == 0)
		return argc == 2 ? batch(&c) : usage_error("%s", "--jsonl takes no arguments");
	if (strcmp(cmd, "translate") && strcmp(cmd, "extract") && strcmp(cmd, "validate"))
		return usage_error("unknown command '%s'", cmd);
	c.command = cmd;
	if (strcmp(cmd, "extract") == 0)
		c.opts.output = DSJ_FORMAT_YAML;
	char **files = calloc((size_t)argc, sizeof(char *));
	int nfiles = 0;
	if (!files)
		return EXIT_PROBLEM;
	int rc = parse_options(&c, argc - 2, argv + 2, files, &nfiles);
	if (rc == 0 && strcmp(cmd, "validate") == 0)
		rc = validate(&c, nfiles, files);
	else if (rc == 0 && nfiles > 1)
		rc = usage_error("%s", "only one FILE, please");
	else if (rc == 0) {
		c.file = nfiles ? files[0] : NULL;
		rc = convert(&c);
	}
	free(files);
	return rc < 0 ? 0 : rc;
}

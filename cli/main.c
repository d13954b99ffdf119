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

/* The input limits every command takes (struct dsj_limits). */
#define LIMITS_HELP                                                                                \
	"\n"                                                                                       \
	"Input limits (each exceeded is an error, exit status 1; N a whole number > 0):\n"         \
	"  --max-input-bytes N   size of the input (default 16777216 = 16 MiB)\n"                  \
	"  --max-depth N         nesting depth (default 256, at most 10000)\n"                     \
	"  --max-nodes N         nodes, aliases expanded (default 1000000)\n"                      \
	"  --max-scalar-bytes N  one string or number (default 1048576 = 1 MiB)\n"                 \
	"  --max-env-vars N      environment variables in spec.env (default 10000)\n"

static const char usage_main[] =
	"usage: dsjob translate [--region R] [--format api|oci-cli] [--output json|yaml]\n"
	"                       [-o FILE] [LIMITS] [FILE|-]\n"
	"       dsjob extract   [--artifact NAME] [--runtime-only] [--output yaml|json]\n"
	"                       [-o FILE] [LIMITS] [FILE|-]\n"
	"       dsjob validate  [--region R] [LIMITS] FILE...\n"
	"       dsjob --jsonl   [LIMITS]  (batch: one JSON request per line on stdin)\n"
	"       dsjob --version | --help\n"
	"\n"
	"Converts Oracle ADS job YAML (kind: job) or runtime YAML to the OCI Data Science\n"
	"CreateJob request (translate) and an OCI Job back to job or runtime YAML (extract).\n"
	"Run 'dsjob COMMAND --help' for a command's options.\n" LIMITS_HELP;

static const char usage_translate[] =
	"usage: dsjob translate [--region R] [--format api|oci-cli] [--output json|yaml]\n"
	"                       [-o FILE] [LIMITS] [FILE|-]\n"
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
	"  FILE             the YAML file; '-' or nothing reads stdin\n"
	"\n"
	"Where the OCI API would reject the payload (environment variables over 20,000\n"
	"characters in all, arguments over 4,000) it is an error; a variable the service\n"
	"sets itself (JOB_OCID...) is a warning on stderr ('warning:'), exit status "
	"0.\n" LIMITS_HELP;

static const char usage_extract[] =
	"usage: dsjob extract [--artifact NAME] [--runtime-only] [--output yaml|json]\n"
	"                     [-o FILE] [LIMITS] [FILE|-]\n"
	"\n"
	"Reads an OCI Data Science Job as JSON (as the API returns it, or as\n"
	"'oci data-science job get' prints it) and prints the job YAML (kind: job), or\n"
	"the runtime YAML when the JSON has no infrastructure or project.\n"
	"\n"
	"  --artifact NAME  file name of the job's artifact (scriptPathURI comes from it)\n"
	"  --runtime-only   print only the runtime\n"
	"  --output FORMAT  yaml (default) or json\n"
	"  -o FILE          write to FILE (atomically) instead of stdout\n"
	"  FILE             the JSON file; '-' or nothing reads stdin\n" LIMITS_HELP;

static const char usage_validate[] =
	"usage: dsjob validate [--region R] [LIMITS] FILE...\n"
	"\n"
	"Checks job and runtime YAML files and prints every problem found, each as\n"
	"FILE:LINE:COL: KEY: MESSAGE (job files: also the OCI limits and the Flex rule).\n"
	"Exit status 0 when all are valid, 1 otherwise.\n"
	"\n"
	"  --region R       region to assume for custom conda packs without one\n" LIMITS_HELP;

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

#define DEFAULT_MAX_INPUT_BYTES ((size_t)16 << 20)

static size_t max_input(const struct cli *c)
{
	return c->opts.limits.max_input_bytes ? c->opts.limits.max_input_bytes
					      : DEFAULT_MAX_INPUT_BYTES;
}

static FILE *open_input(const char *file, char *why, size_t why_size)
{
	if (strcmp(file, "-") == 0)
		return stdin;
	struct stat st;
	if (stat(file, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(why, why_size, "cannot read: it is a directory");
		return NULL;
	}
	FILE *f = fopen(file, "rb");
	if (!f)
		snprintf(why, why_size, "cannot read: %s", strerror(errno));
	return f;
}

/* Reads at most max + 1 bytes: one more than allowed tells "too large" apart
 * without reading an endless stream (/dev/zero, a pipe) to its end. */
static char *read_bounded(FILE *f, size_t max, size_t *len)
{
	size_t cap = 0, n = 0;
	char *buf = NULL;
	for (;;) {
		if (n == cap) {
			if (cap > max)
				break;
			size_t want = cap ? cap * 2 : 65536;
			want = want < max + 1 ? want : max + 1;
			char *bigger = realloc(buf, want);
			if (!bigger) {
				free(buf);
				return NULL;
			}
			buf = bigger;
			cap = want;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	*len = n;
	return buf;
}

/* Reads all of FILE ('-' = stdin), up to `max` bytes. */
static int read_input(const char *file, size_t max, char **data, size_t *len, char *why,
		      size_t why_size)
{
	FILE *f = open_input(file, why, why_size);
	if (!f)
		return -1;
	size_t n = 0;
	char *buf = read_bounded(f, max, &n);
	int failed = !buf || ferror(f);
	if (failed)
		snprintf(why, why_size, "cannot read: %s", buf ? strerror(errno) : "out of memory");
	else if (n > max)
		snprintf(why, why_size,
			 "input size exceeds the limit of %zu bytes (--max-input-bytes)", max);
	if (f != stdin)
		fclose(f);
	if (failed || n > max) {
		free(buf);
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
			fprintf(stderr, "dsjob: cannot write %s: %s\n", c->out_file,
				strerror(errno));
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

/* FILE:LINE:COL: key.path: warning: message; `file` points to the name. */
static void report_warning(const struct dsj_error *w, void *file)
{
	struct dsj_error copy = *w;
	snprintf(copy.message, sizeof(copy.message), "warning: %s", w->message);
	report(*(const char **)file, &copy);
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
			"dsjob: after 'oci data-science job create --from-json file://FILE', "
			"upload the "
			"artifact: oci data-science job create-job-artifact --job-id <new job "
			"OCID> "
			"--job-artifact-file %s --content-disposition 'attachment; filename=<its "
			"file "
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
	c->opts.warn_ctx = &file;
	if (read_input(file, max_input(c), &input, &len, why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", file, why);
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
		c->opts.warn_ctx = &files[i];
		if (read_input(files[i], max_input(c), &input, &len, why, sizeof(why))) {
			fprintf(stderr, "%s: %s\n", files[i], why);
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

/* One line of stdin into *line (without its newline), keeping at most `max`
 * bytes of it: a longer line is cut, and the library answers it with a limit
 * error, so no line makes the reader grow without bound. Returns 0 at the end. */
static int read_line(char **line, size_t *cap, size_t max, size_t *len)
{
	int ch, any = 0;
	*len = 0;
	while ((ch = getchar()) != EOF && ch != '\n') {
		any = 1;
		if (*len == max)
			continue;
		if (*len + 1 >= *cap) {
			size_t want = *cap ? *cap * 2 : 4096;
			char *bigger = realloc(*line, want);
			if (!bigger)
				return -1;
			*line = bigger;
			*cap = want;
		}
		(*line)[(*len)++] = (char)ch;
	}
	return any || ch == '\n';
}

/* The request wraps the input in a JSON string, escaped up to 6 bytes per
 * byte (\u00XX), as dsj_batch_answer allows; one byte more marks a cut line. */
static size_t max_request(const struct cli *c)
{
	return max_input(c) * 6 + 1024 + 1;
}

static int batch(const struct cli *c)
{
	char *line = NULL;
	size_t cap = 0, len = 0;
	int more, status = 0;
	while ((more = read_line(&line, &cap, max_request(c), &len)) > 0) {
		while (len && line[len - 1] == '\r')
			len--;
		if (len == 0)
			continue;
		char *answer = NULL;
		size_t answer_len = 0;
		if (dsj_batch_answer(&answer, &answer_len, line, len, &c->opts)) {
			more = -1;
			break;
		}
		fwrite(answer, 1, answer_len, stdout);
		fputc('\n', stdout);
		dsj_free(answer);
	}
	free(line);
	if (more < 0) {
		fprintf(stderr, "dsjob: out of memory\n");
		status = EXIT_PROBLEM;
	}
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

/* The --max-* options: the field of struct dsj_limits each sets, and its range. */
static size_t *limit_field(struct dsj_limits *l, const char *option, size_t *most)
{
	*most = (size_t)1 << 40;
	if (strcmp(option, "--max-input-bytes") == 0)
		return &l->max_input_bytes;
	if (strcmp(option, "--max-nodes") == 0)
		return &l->max_nodes;
	if (strcmp(option, "--max-scalar-bytes") == 0)
		return &l->max_scalar_bytes;
	if (strcmp(option, "--max-env-vars") == 0)
		return &l->max_env_vars;
	*most = DSJ_MAX_DEPTH_CAP;
	if (strcmp(option, "--max-depth") == 0)
		return &l->max_depth;
	return NULL;
}

/* N: decimal digits only (no sign, no spaces), 1 to `most`. */
static int parse_count(const char *text, size_t most, size_t *out)
{
	size_t n = 0;
	if (!*text)
		return -1;
	for (const char *p = text; *p; p++) {
		if (*p < '0' || *p > '9' || n > most)
			return -1;
		n = n * 10 + (size_t)(*p - '0');
	}
	if (n == 0 || n > most)
		return -1;
	*out = n;
	return 0;
}

/* Returns 1 when `a` is not a limit option, 0 when it was set, else EXIT_USAGE. */
static int set_limit(struct cli *c, const char *a, const char *v)
{
	size_t most;
	size_t *field = limit_field(&c->opts.limits, a, &most);
	if (!field)
		return 1;
	if (!v)
		return usage_error("%s needs a value", a);
	if (parse_count(v, most, field)) {
		fprintf(stderr, "dsjob: %s takes a whole number from 1 to %zu, not '%s'\n", a, most,
			v);
		fprintf(stderr, "Run 'dsjob --help' for usage.\n");
		return EXIT_USAGE;
	}
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
		int limit = set_limit(c, a, v);
		if (limit != 1) {
			if (limit)
				return limit;
			i++;
			continue;
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
		} else if (strcmp(a, "--output") == 0 && strcmp(c->command, "validate") != 0) {
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

/* --jsonl takes the limit options only. */
static int batch_options(struct cli *c, int argc, char **argv)
{
	for (int i = 0; i < argc; i += 2) {
		int rc = set_limit(c, argv[i], i + 1 < argc ? argv[i + 1] : NULL);
		if (rc == 1)
			return usage_error("--jsonl takes only the --max-* options, not '%s'",
					   argv[i]);
		if (rc)
			return rc;
	}
	return batch(c);
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
		return batch_options(&c, argc - 2, argv + 2);
	if (strcmp(cmd, "translate") && strcmp(cmd, "extract") && strcmp(cmd, "validate"))
		return usage_error("unknown command '%s'", cmd);
	c.command = cmd;
	c.opts.warn = report_warning;
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

/* The options translate, extract and validate share, and the limit options. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "dsjob: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nRun 'dsjob --help' for usage.\n");
	return EXIT_USAGE;
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
	else if (strcmp(v, "oci-cli") == 0) {
		/* the oci CLI's form exists for jobs only: a runtime is an error */
		c->opts.job_form = DSJ_JOB_FORM_OCI_CLI;
		c->opts.level = DSJ_LEVEL_JOB;
	} else
		return usage_error("--format takes api or oci-cli, not '%s'", v);
	return 0;
}

static int set_ads(struct cli *c, const char *v)
{
	enum dsj_ads ads;
	if (dsj_ads_parse(&ads, v))
		return usage_error("--ads takes 2.8 or 2.15, not '%s'", v);
	c->opts.ads = ads;
	return 0;
}

/* Returns 1 when `a` is not --ads, 0 when it was set, else EXIT_USAGE. */
int set_ads_option(struct cli *c, const char *a, const char *v)
{
	if (strcmp(a, "--ads") != 0)
		return 1;
	if (!v)
		return usage_error("%s needs a value", a);
	return set_ads(c, v) ? EXIT_USAGE : 0;
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
int set_limit(struct cli *c, const char *a, const char *v)
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

/* Parses options after the command; positional arguments are left in files[]. */
int parse_options(struct cli *c, int argc, char **argv, char **files, int *nfiles)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int takes_value = strcmp(a, "--region") == 0 || strcmp(a, "--artifact") == 0 ||
				  strcmp(a, "--output") == 0 || strcmp(a, "-o") == 0 ||
				  strcmp(a, "--format") == 0;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			print_usage(stdout, c->command);
			return -1;
		}
		int limit = set_limit(c, a, v);
		if (limit == 1)
			limit = set_ads_option(c, a, v);
		if (limit != 1) {
			if (limit)
				return limit;
			i++;
			continue;
		}
		if (takes_value && !v)
			return usage_error("%s needs a value", a);
		if (strcmp(a, "--strict") == 0 && strcmp(c->command, "extract") != 0) {
			c->strict = 1;
			continue;
		}
		if (strcmp(a, "--explain") == 0 && strcmp(c->command, "translate") == 0) {
			c->explain = 1;
			continue;
		}
		if (strcmp(a, "--quiet") == 0 && strcmp(c->command, "validate") == 0) {
			c->quiet = 1;
			continue;
		}
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

int parse_command_args(struct cli *c, int argc, char **argv, const struct arg_handlers *h,
		       const char **file)
{
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0)
			return print_usage(stdout, c->command), -1;
		if (h->flag(h->ctx, opt) == 0)
			continue;
		int rc = set_limit(c, opt, v);
		if (rc == 1 && opt[0] == '-' && opt[1]) {
			rc = v ? h->value(c, h->ctx, opt, v) : 1;
			if (rc == 1)
				return usage_error(v ? "unknown option '%s'" : "%s needs a value",
						   opt);
		} else if (rc == 1) {
			if (*file)
				return usage_error("%s", "only one FILE, please");
			*file = opt;
			continue;
		}
		if (rc)
			return rc;
		i++;
	}
	return *file ? 0 : usage_error("%s needs the job or runtime YAML FILE", c->command);
}

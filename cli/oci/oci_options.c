/* The options of the commands that talk to OCI. */
#include <stdlib.h>
#include <string.h>

#include "oci_cli.h"

static int set_auth(struct oci_cli *oc, const char *v)
{
	int mode = auth_mode(v);
	if (mode < 0)
		return auth_usage_error(v);
	oc->o.auth = (enum dsj_oci_auth)mode;
	return 0;
}

static int set_output(struct oci_cli *oc, const char *v)
{
	if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0)
		return usage_error("--output takes json or text, not '%s'", v);
	oc->json = strcmp(v, "json") == 0;
	return 0;
}

/* Options with a value; 1 when `a` is none of them. */
static int value_option(struct oci_cli *oc, const char *a, const char *v, unsigned flags)
{
	if (strcmp(a, "--profile") == 0)
		oc->o.profile = v;
	else if (strcmp(a, "--config-file") == 0)
		oc->o.config_file = v;
	else if (strcmp(a, "--region") == 0)
		oc->o.region = v;
	else if (strcmp(a, "--endpoint") == 0)
		oc->o.endpoint = v;
	else if (strcmp(a, "--auth") == 0)
		return set_auth(oc, v);
	else if (strcmp(a, "--output") == 0)
		return set_output(oc, v);
	else if (strcmp(a, "--job-id") == 0 && (flags & OCI_JOB_ID))
		oc->job_id = v;
	else if (strcmp(a, "--name") == 0 && (flags & OCI_RUN_OVERRIDES))
		oc->name = v;
	else if (strcmp(a, "--args") == 0 && (flags & OCI_RUN_OVERRIDES))
		oc->args = v;
	else if (strcmp(a, "--env") == 0 && (flags & OCI_RUN_OVERRIDES)) {
		if (oc->env_count == OCI_ENV_MAX)
			return usage_error("at most 256 --env options, not more%s", "");
		if (!strchr(v, '=') || v[0] == '=')
			return usage_error("--env takes NAME=VALUE, not '%s'", v);
		oc->env[oc->env_count++] = v;
	} else
		return 1;
	return 0;
}

/* Flags without a value; 1 when `a` is none of them. */
static int flag_option(struct oci_cli *oc, const char *a, unsigned flags)
{
	if (strcmp(a, "--debug") == 0)
		oc->debug = 1;
	else if (strcmp(a, "--dry-run") == 0 && (flags & OCI_DRY_RUN))
		oc->dry_run = 1;
	else if (strcmp(a, "--watch") == 0 && (flags & OCI_WATCH))
		oc->watch = 1;
	else if (strcmp(a, "--cancel-on-interrupt") == 0 && (flags & OCI_CANCEL_ON_INTERRUPT))
		oc->cancel_on_interrupt = 1;
	else
		return 1;
	return 0;
}

static int takes_value(const char *a)
{
	static const char *names[] = {"--profile", "--config-file", "--region", "--endpoint",
				      "--auth",	   "--output",	    "--job-id", "--name",
				      "--args",	   "--env"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(a, names[i]) == 0)
			return 1;
	return 0;
}

int oci_parse(struct cli *c, struct oci_cli *oc, int argc, char **argv, unsigned flags)
{
	memset(oc, 0, sizeof(*oc));
	dsj_oci_options_init(&oc->o, DSJ_OCI_OPTIONS_VERSION);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return fputs(oci_usage(c->command), stdout), -1;
		if (takes_value(a)) {
			if (i + 1 >= argc)
				return usage_error("%s needs a value", a);
			int rc = value_option(oc, a, argv[++i], flags);
			if (rc)
				return rc == 1 ? usage_error("unknown option '%s'", a) : rc;
			continue;
		}
		int rc = flag_option(oc, a, flags);
		if (rc == 0)
			continue;
		if (a[0] == '-' && a[1] != '\0')
			return usage_error("unknown option '%s'", a);
		if (oc->npositional == 4)
			return usage_error("too many arguments ('%s')", a);
		oc->positional[oc->npositional++] = a;
	}
	return 0;
}

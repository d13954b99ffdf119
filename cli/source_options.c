/* The OCI options of artifact and run --local (for their oci:// sources), the
 * --auth names of every command, and the quiet translation that tells whether a
 * YAML's source needs OCI. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dsjob_oci.h" /* enum dsj_oci_auth only */

void source_fetch_init(struct source_fetch *f, struct cli *c)
{
	memset(f, 0, sizeof(*f));
	f->cli = c;
}

int auth_mode(const char *name)
{
	static const struct {
		const char *name;
		enum dsj_oci_auth auth;
	} modes[] = {{"api_key", DSJ_OCI_AUTH_API_KEY},
		     {"security_token", DSJ_OCI_AUTH_SECURITY_TOKEN},
		     {"resource_principal", DSJ_OCI_AUTH_RESOURCE_PRINCIPAL}};
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strcmp(name, modes[i].name) == 0)
			return (int)modes[i].auth;
	return -1;
}

int auth_usage_error(const char *v)
{
	return usage_error("--auth takes api_key, security_token or resource_principal, not '%s'",
			   v);
}

int source_fetch_option(struct source_fetch *f, const char *opt, const char *v)
{
	if (strcmp(opt, "--config-file") == 0)
		f->config_file = v;
	else if (strcmp(opt, "--profile") == 0)
		f->profile = v;
	else if (strcmp(opt, "--endpoint") == 0)
		f->endpoint = v;
	else if (strcmp(opt, "--auth") == 0 && auth_mode(v) >= 0)
		f->auth = v;
	else if (strcmp(opt, "--auth") == 0)
		return auth_usage_error(v);
	else
		return 1;
	return 0;
}

int source_fetch_flag(struct source_fetch *f, const char *opt)
{
	if (strcmp(opt, "--debug") != 0)
		return 1;
	f->debug = 1;
	return 0;
}

int source_needs_oci(const struct cli *c, const char *input, size_t len)
{
	struct dsj_options quiet = c->opts;
	quiet.warn = NULL;
	char *out = NULL, *source = NULL;
	struct dsj_error err;
	dsj_translate(&out, NULL, &source, input, len, &quiet, &err);
	int remote = source && strncmp(source, "oci://", 6) == 0;
	dsj_free(out);
	dsj_free(source);
	return remote;
}

int source_hand_over(struct cli *c, const char *file)
{
	if (strcmp(file, "-") == 0) {
		fprintf(stderr, "dsjob: -: an oci:// source is read by dsjob-oci, which needs the "
				"YAML as a file, not on standard input\n");
		return EXIT_PROBLEM;
	}
	return oci_main(c, c->argc, c->argv);
}

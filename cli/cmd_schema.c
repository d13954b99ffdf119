/* dsjob schema [--strict]: the JSON Schema of runtime and job YAML. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_schema(struct cli *c, int argc, char **argv)
{
	int strict = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--strict") == 0)
			strict = 1;
		else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return print_usage(stdout, c->command), -1;
		else
			return usage_error("schema takes only --strict, not '%s'", argv[i]);
	}
	char *text = NULL;
	size_t len = 0;
	if (dsj_schema(&text, &len, strict)) {
		fprintf(stderr, "dsjob: %s\n", dsj_strerror(DSJ_ENOMEM));
		return EXIT_PROBLEM;
	}
	int rc = emit(c, text, len);
	dsj_free(text);
	return rc;
}

/* Translates a small runtime YAML through the installed libdsjob and checks the
 * answer; exit status 0 when it is right. */
#include <dsjob.h>
#include <stdio.h>
#include <string.h>

static const char yaml[] = "kind: runtime\n"
			   "type: container\n"
			   "spec:\n"
			   "  image: iad.ocir.io/ns/app:1\n"
			   "  env: [{name: MODE, value: 1:30}]\n";

static const char want[] =
	"{\"jobConfigurationDetails\": {\"jobType\": \"DEFAULT\", \"environmentVariables\": "
	"{\"MODE\": \"90\", \"CONTAINER_CUSTOM_IMAGE\": \"iad.ocir.io/ns/app:1\"}}, "
	"\"artifact\": {\"type\": \"path\", \"source\": \"jobs/templates/container.py\"}}";

int main(void)
{
	if (strcmp(dsj_version(), DSJ_VERSION) != 0 || DSJ_VERSION_NUMBER < 100) {
		fprintf(stderr, "version: library %s, header %s (%d)\n", dsj_version(), DSJ_VERSION,
			DSJ_VERSION_NUMBER);
		return 1;
	}
	struct dsj_options opts = DSJ_OPTIONS_INIT;
	opts.output = DSJ_FORMAT_JSON_LINE;
	struct dsj_error err;
	char *out = NULL, *artifact = NULL;
	size_t len = 0;
	if (dsj_translate(&out, &len, &artifact, yaml, sizeof(yaml) - 1, &opts, &err)) {
		char line[1024];
		dsj_error_format(&err, "consumer", line, sizeof(line));
		fprintf(stderr, "%s\n", line);
		return 1;
	}
	int ok = len == strlen(want) && memcmp(out, want, len) == 0 && artifact &&
		 strcmp(artifact, "jobs/templates/container.py") == 0;
	if (!ok)
		fprintf(stderr, "got  %s\nwant %s\nartifact %s\n", out, want,
			artifact ? artifact : "NULL");
	dsj_free(out);
	dsj_free(artifact);
	return ok ? 0 : 1;
}

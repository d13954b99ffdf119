/* What a job run's lifecycle means for a caller waiting on it: ended or not,
 * and the exit status it stands for ("... exit code N" in lifecycleDetails). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc/json.h"
#include "oci/watch.h"

int run_state_terminal(const char *state)
{
	static const char *ends[] = {"SUCCEEDED", "FAILED", "CANCELED", "DELETED"};
	for (size_t i = 0; state && i < 4; i++)
		if (strcmp(state, ends[i]) == 0)
			return 1;
	return 0;
}

/* N from the last "exit code N" in the details, or -1. */
static int details_exit_code(const char *d)
{
	int code = -1;
	for (const char *p = d; p && *p; p++) {
		if (strncasecmp(p, "exit code", 9) != 0)
			continue;
		const char *q = p + 9;
		while (*q == ' ' || *q == ':' || *q == '=')
			q++;
		if (!isdigit((unsigned char)*q))
			continue;
		long v = 0;
		while (isdigit((unsigned char)*q) && v < 100000)
			v = v * 10 + (*q++ - '0');
		code = v > 255 ? 255 : (int)v;
	}
	return code;
}

int run_exit_status(const char *state, const char *details)
{
	if (!run_state_terminal(state))
		return -1;
	if (strcmp(state, "CANCELED") == 0 || strcmp(state, "DELETED") == 0)
		return DSJ_OCI_EXIT_CANCELED;
	int code = details_exit_code(details);
	if (strcmp(state, "SUCCEEDED") == 0)
		return code > 0 ? code : 0;
	return code > 0 ? code : 1;
}

DSJ_API int dsj_oci_run_exit_code(const char *run_json, size_t len)
{
	struct arena a;
	const struct node *root = answer_read(&a, run_json, len);
	char *state = json_pick_at(root, "lifecycleState");
	char *details = json_pick_at(root, "lifecycleDetails");
	arena_free(&a);
	int code = run_exit_status(state, details);
	free(state);
	free(details);
	return code;
}

/* dsjob --jsonl: batch mode, one JSON request a line on stdin, one answer a line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

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

/* --jsonl takes --ads and the limit options; argv[0] is "--jsonl". */
int cmd_batch(struct cli *c, int argc, char **argv)
{
	for (int i = 1; i < argc; i += 2) {
		int rc = set_limit(c, argv[i], i + 1 < argc ? argv[i + 1] : NULL);
		if (rc == 1)
			rc = set_ads_option(c, argv[i], i + 1 < argc ? argv[i + 1] : NULL);
		if (rc == 1)
			return usage_error(
				"--jsonl takes only --ads and the --max-* options, not '%s'",
				argv[i]);
		if (rc)
			return rc;
	}
	return batch(c);
}

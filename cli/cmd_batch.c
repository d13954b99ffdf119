/* dsjob --jsonl: batch mode, one JSON request a line on stdin, one answer a line. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* stdin in big reads; lines are found with memchr, not a call per byte. */
struct reader {
	FILE *f; /* stdin, or the --jsonl FILE */
	char buf[1 << 16];
	size_t pos, end;
	bool eof;
};

/* One line of stdin into *line (without its newline), keeping at most `max`
 * bytes of it: a longer line is cut, and the library answers it with a limit
 * error, so no line makes the reader grow without bound. Returns 1 for a line,
 * 0 at the end, -1 when out of memory. */
static int read_line(struct reader *r, char **line, size_t *cap, size_t max, size_t *len)
{
	bool any = false;
	*len = 0;
	for (;;) {
		if (r->pos == r->end) {
			if (r->eof)
				return any;
			r->pos = 0;
			r->end = fread(r->buf, 1, sizeof(r->buf), r->f);
			if (r->end < sizeof(r->buf))
				r->eof = true;
			if (r->end == 0)
				return any;
		}
		any = true;
		const char *start = r->buf + r->pos;
		const char *nl = memchr(start, '\n', r->end - r->pos);
		size_t n = nl ? (size_t)(nl - start) : r->end - r->pos;
		r->pos += n + (nl != NULL);
		size_t take = n < max - *len ? n : max - *len;
		if (take) {
			if (*len + take + 1 > *cap) {
				size_t want = *cap ? *cap : 4096;
				while (want < *len + take + 1)
					want *= 2;
				char *bigger = realloc(*line, want);
				if (!bigger)
					return -1;
				*line = bigger;
				*cap = want;
			}
			memcpy(*line + *len, start, take);
			*len += take;
		}
		if (nl)
			return 1;
	}
}

/* The request wraps the input in a JSON string, escaped up to 6 bytes per
 * byte (\u00XX), as dsj_batch_answer allows; one byte more marks a cut line. */
static size_t max_request(const struct cli *c)
{
	return max_input(c) * 6 + 1024 + 1;
}

static int batch(const struct cli *c, FILE *f)
{
	static struct reader in;
	in.f = f;
	char *line = NULL;
	size_t cap = 0, len = 0;
	int more, status = 0;
	struct dsj_batch *session = NULL;
	if (dsj_batch_new(&session, &c->opts)) {
		fprintf(stderr, "dsjob: out of memory\n");
		return EXIT_PROBLEM;
	}
	while ((more = read_line(&in, &line, &cap, max_request(c), &len)) > 0) {
		while (len && line[len - 1] == '\r')
			len--;
		/* a blank line too gets its answer (an error), so answers line up */
		const char *answer = NULL;
		size_t answer_len = 0;
		if (dsj_batch_next(session, &answer, &answer_len, line, len)) {
			more = -1;
			break;
		}
		fwrite(answer, 1, answer_len, stdout);
		putchar('\n');
	}
	dsj_batch_free(session);
	free(line);
	if (more < 0) {
		fprintf(stderr, "dsjob: out of memory\n");
		status = EXIT_PROBLEM;
	}
	if (ferror(f)) {
		fprintf(stderr, "dsjob: reading %s: %s\n", c->file ? c->file : "stdin",
			strerror(errno));
		status = EXIT_PROBLEM;
	}
	if (fflush(stdout))
		status = EXIT_PROBLEM;
	return status;
}

/* --jsonl takes --ads, the limit options and a FILE ('-' or none: stdin);
 * argv[0] is "--jsonl". */
int cmd_batch(struct cli *c, int argc, char **argv)
{
	for (int i = 1; i < argc; i += 2) {
		if (argv[i][0] != '-' || strcmp(argv[i], "-") == 0) {
			if (c->file)
				return usage_error("--jsonl reads one FILE, not '%s' too", argv[i]);
			c->file = argv[i--]; /* one word, not an option and its value */
			continue;
		}
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
	if (!c->file || strcmp(c->file, "-") == 0)
		return batch(c, stdin);
	FILE *f = fopen(c->file, "rb");
	if (!f) {
		fprintf(stderr, "%s: cannot read: %s\n", c->file, strerror(errno));
		return EXIT_PROBLEM;
	}
	int rc = batch(c, f);
	fclose(f);
	return rc;
}

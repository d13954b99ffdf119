/* Reading inputs, writing outputs, printing problems. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

size_t max_input(const struct cli *c)
{
	return c->opts.limits.max_input_bytes ? c->opts.limits.max_input_bytes
					      : dsj_limits_default().max_input_bytes;
}

/* *size_hint: the size of a regular file (0 when unknown), so that a small
 * input is read into a buffer its size. */
static FILE *open_input(const char *file, size_t *size_hint, char *why, size_t why_size)
{
	*size_hint = 0;
	if (strcmp(file, "-") == 0)
		return stdin;
	struct stat st;
	int known = stat(file, &st) == 0;
	if (known && S_ISDIR(st.st_mode)) {
		snprintf(why, why_size, "cannot read: it is a directory");
		return NULL;
	}
	if (known && S_ISREG(st.st_mode) && st.st_size > 0)
		*size_hint = (size_t)st.st_size;
	FILE *f = fopen(file, "rb");
	if (!f)
		snprintf(why, why_size, "cannot read: %s", strerror(errno));
	else
		setvbuf(f, NULL, _IONBF, 0); /* read_bounded reads big blocks itself */
	return f;
}

/* Reads at most max + 1 bytes: one more than allowed tells "too large" apart
 * without reading an endless stream (/dev/zero, a pipe) to its end. */
static char *read_bounded(FILE *f, size_t max, size_t size_hint, size_t *len)
{
	size_t cap = 0, n = 0;
	char *buf = NULL;
	for (;;) {
		if (n == cap) {
			if (cap > max)
				break;
			/* a regular file: its size and the byte that tells EOF */
			size_t first = size_hint && size_hint < 65536 ? size_hint + 1 : 65536;
			size_t want = cap ? cap * 2 : first;
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
int read_input(const char *file, size_t max, char **data, size_t *len, char *why, size_t why_size)
{
	size_t size_hint;
	FILE *f = open_input(file, &size_hint, why, why_size);
	if (!f)
		return -1;
	size_t n = 0;
	char *buf = read_bounded(f, max, size_hint, &n);
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

/* The file a write to `path` lands in: symlinks followed (a dangling one to
 * the file it names), so the link stays a link. Caller frees. */
static char *write_target(const char *path)
{
	char *p = strdup(path);
	for (int hops = 0; p && hops < 40; hops++) {
		struct stat st;
		if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
			return p;
		char link[4096];
		ssize_t n = readlink(p, link, sizeof(link) - 1);
		if (n < 0)
			return p;
		link[n] = '\0';
		char *next;
		const char *slash = strrchr(p, '/');
		if (link[0] == '/' || !slash) {
			next = strdup(link);
		} else {
			size_t dir = (size_t)(slash - p) + 1, size = dir + (size_t)n + 1;
			next = malloc(size);
			if (next)
				snprintf(next, size, "%.*s%s", (int)dir, p, link);
		}
		free(p);
		p = next;
	}
	return p;
}

/* The mode a new file gets from the umask, or the existing file's. */
static mode_t target_mode(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0)
		return st.st_mode & 07777;
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

/* Writes to a temporary file beside the target, then renames it into place:
 * the target has the whole output or its old content, never a part. */
int write_atomically(const char *path, const char *data, size_t len)
{
	char *target = write_target(path);
	size_t n = target ? strlen(target) + 16 : 0;
	char *tmp = target ? malloc(n) : NULL;
	if (!tmp) {
		free(target);
		return -1;
	}
	snprintf(tmp, n, "%s.XXXXXX", target);
	int fd = mkstemp(tmp);
	if (fd < 0 || fchmod(fd, target_mode(target)) != 0) {
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		free(target);
		return -1;
	}
	FILE *f = fdopen(fd, "wb");
	int ok = f && fwrite(data, 1, len, f) == len;
	ok = f && fclose(f) == 0 && ok;
	if (!f)
		close(fd);
	ok = ok && rename(tmp, target) == 0;
	if (!ok)
		unlink(tmp);
	free(tmp);
	free(target);
	return ok ? 0 : -1;
}

int emit(const struct cli *c, const char *data, size_t len)
{
	if (c->out_file && strcmp(c->out_file, "-") != 0) {
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

void report(const char *file, const struct dsj_error *err)
{
	char line[2048];
	dsj_error_format(err, file, line, sizeof(line));
	fprintf(stderr, "%s\n", line);
}

/* FILE:LINE:COL: key.path: warning: message; `file` points to the name. */
void report_warning(const struct dsj_error *w, void *file)
{
	struct dsj_error copy = *w;
	snprintf(copy.message, sizeof(copy.message), "warning: %s", w->message);
	report(*(const char **)file, &copy);
}

void cli_warning(const struct dsj_error *w, void *cli)
{
	struct cli *c = cli;
	c->warnings++;
	if (!c->quiet || c->strict)
		pending_add(c, w, 1);
}

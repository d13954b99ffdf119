/* Replays the reference implementation's conformance vectors (JSON lines)
 * through dsj_batch_answer and judges each answer by its policy, as
 * ../shared/conformance/check.py does with --errors=full:
 *   exact           the expected answer; an expected error must come with the
 *                   same type and message
 *   error           any error
 *   exact-or-error  the expected answer, or any error
 *   any-outcome     any error, or a well-formed CreateJob answer (job vectors)
 * An expected {"$match": REGEX} (a generated job name) matches any string the
 * regex fully matches.
 * Deliberate differences from an expected error are listed in a deviations
 * file (--deviations FILE: "id<TAB>type|message<TAB>reason" lines, # comments):
 * "message" lets the message differ, "type" the type and the message;
 * "message@2.8" only on the vectors of that ADS release (a vector's "ads",
 * 2.8 when it has none). Any
 * other difference fails, and so does a listed deviation that did not occur
 * (it must be removed) or whose vector was not run (unless --partial: the
 * files run hold only some of the vectors, e.g. one input form).
 * Usage: conformance_runner [--deviations FILE]... [--partial] [--show N] VECTORS.jsonl...
 * Prints per-policy and per-type counts and "N passed, M failed". */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/json.h"
#include "dsjob.h"
#include "util/buf.h"
#include "util/diag.h"

struct deviation {
	char id[64];
	char release[16]; /* only for vectors of this ADS release ("ads"); "" = all */
	bool type;	  /* the type may differ (and the message) */
	bool seen;	  /* its vector was run */
	bool found;	  /* and deviated as listed */
};

struct deviations {
	struct deviation *items;
	size_t count;
};

struct tally {
	char name[48];
	int passed, failed;
};

#define MAX_TALLIES 64

static struct tally *tally_for(struct tally *t, int *n, const char *name)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	if (*n == MAX_TALLIES)
		return &t[MAX_TALLIES - 1];
	snprintf(t[*n].name, sizeof(t[*n].name), "%s", name);
	return &t[(*n)++];
}

static bool is_error(const struct node *n)
{
	return n && n->kind == NODE_MAP && n->u.map.count == 1 && map_get(n, "error");
}

/* Python equality of JSON values: types must match (1 is not 1.0, true is not 1),
 * mappings compare regardless of order. */
static bool matches(const struct node *pattern, const struct node *s)
{
	if (!pattern || pattern->kind != NODE_STR || s->kind != NODE_STR)
		return false;
	/* POSIX ERE has no \d */
	struct buf re;
	buf_init(&re, 0);
	for (size_t i = 0; i < pattern->u.str.len; i++) {
		if (pattern->u.str.ptr[i] == '\\' && i + 1 < pattern->u.str.len &&
		    pattern->u.str.ptr[i + 1] == 'd') {
			buf_puts(&re, "[0-9]");
			i++;
		} else {
			buf_putc(&re, pattern->u.str.ptr[i]);
		}
	}
	regex_t rx;
	bool ok = false;
	if (regcomp(&rx, buf_cstr(&re), REG_EXTENDED | REG_NOSUB) == 0) {
		ok = regexec(&rx, s->u.str.ptr, 0, NULL, 0) == 0;
		regfree(&rx);
	}
	buf_free(&re);
	return ok;
}

static bool same(const struct node *a, const struct node *b)
{
	if (a->kind == NODE_MAP && map_get(a, "$match"))
		return matches(map_get(a, "$match"), b);
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case NODE_NULL:
		return true;
	case NODE_BOOL:
		return a->u.boolean == b->u.boolean;
	case NODE_INT:
		return a->u.integer.text.len == b->u.integer.text.len &&
		       memcmp(a->u.integer.text.ptr, b->u.integer.text.ptr,
			      a->u.integer.text.len) == 0;
	case NODE_FLOAT:
		return a->u.real == b->u.real;
	case NODE_STR:
		return a->u.str.len == b->u.str.len &&
		       memcmp(a->u.str.ptr, b->u.str.ptr, a->u.str.len) == 0;
	case NODE_SEQ:
		if (a->u.seq.count != b->u.seq.count)
			return false;
		for (size_t i = 0; i < a->u.seq.count; i++)
			if (!same(a->u.seq.items[i], b->u.seq.items[i]))
				return false;
		return true;
	case NODE_MAP:
		if (a->u.map.count != b->u.map.count)
			return false;
		for (size_t i = 0; i < a->u.map.count; i++) {
			const struct node *k = a->u.map.items[i].key;
			const struct node *v = map_getn(b, k->u.str.ptr, k->u.str.len);
			if (!v || !same(a->u.map.items[i].value, v))
				return false;
		}
		return true;
	default:
		return false;
	}
}

static bool all_strings(const struct node *m)
{
	if (!m || m->kind != NODE_MAP)
		return m == NULL;
	for (size_t i = 0; i < m->u.map.count; i++)
		if (m->u.map.items[i].value->kind != NODE_STR)
			return false;
	return true;
}

static bool not_unknown(const struct node *m, const char *key)
{
	const struct node *v = m ? map_get(m, key) : NULL;
	return !v || (v->kind == NODE_STR && !str_eq(v->u.str, "UNKNOWN_ENUM_VALUE"));
}

/* A successful job answer the OCI API would take (check_jobs.py's any-outcome). */
static bool well_formed_job(const struct node *got)
{
	const struct node *body = map_get(got, "body");
	if (!body || body->kind != NODE_MAP || !map_get(body, "projectId") ||
	    !map_get(body, "compartmentId"))
		return false;
	const struct node *jcd = map_get(body, "jobConfigurationDetails");
	const struct node *infra = map_get(body, "jobInfrastructureConfigurationDetails");
	const struct node *mounts = map_get(body, "jobStorageMountConfigurationDetailsList");
	const struct node *size = infra ? map_get(infra, "blockStorageSizeInGBs") : NULL;
	return jcd && jcd->kind == NODE_MAP && all_strings(map_get(jcd, "environmentVariables")) &&
	       all_strings(map_get(body, "freeformTags")) && not_unknown(jcd, "jobType") &&
	       not_unknown(infra, "jobInfrastructureType") &&
	       (!mounts || (mounts->kind == NODE_SEQ && mounts->u.seq.count <= 5)) &&
	       (!size || (size->kind == NODE_INT && size->u.integer.i64 > 0));
}

static const struct node *error_field(const struct node *answer, const char *key)
{
	const struct node *v = map_get(map_get(answer, "error"), key);
	return v && v->kind == NODE_STR ? v : NULL;
}

static bool same_field(const struct node *expect, const struct node *got, const char *key)
{
	const struct node *a = error_field(expect, key), *b = error_field(got, key);
	return a && b && same(a, b);
}

/* An expected error against the answer's, with the vector's listed deviation. */
static const char *judge_error(const struct node *expect, const struct node *got,
			       struct deviation *dev)
{
	bool type_ok = same_field(expect, got, "type");
	bool message_ok = same_field(expect, got, "message");
	if (!dev)
		return !type_ok	     ? "error type differs"
		       : !message_ok ? "error message differs"
				     : NULL;
	if (type_ok && message_ok)
		return "listed as a deviation, but the answer is the reference's: remove it";
	if (!type_ok && !dev->type)
		return "error type differs (the deviation listed is the message only)";
	if (type_ok && dev->type)
		return "listed as a type deviation, but the types agree: list it as message";
	dev->found = true;
	return NULL;
}

static const char *judge(const struct node *expect, const struct node *got, const char *policy,
			 struct deviation *dev)
{
	if (!got)
		return "no JSON answer";
	bool got_err = is_error(got);
	if (strcmp(policy, "error") == 0)
		return got_err ? NULL : "an error is required by policy";
	if ((strcmp(policy, "exact-or-error") == 0 || strcmp(policy, "any-outcome") == 0) &&
	    got_err)
		return NULL;
	if (strcmp(policy, "any-outcome") == 0)
		return well_formed_job(got) ? NULL : "not a well-formed CreateJob answer";
	bool exp_err = is_error(expect);
	if (exp_err && got_err)
		return judge_error(expect, got, dev);
	if (exp_err || got_err)
		return exp_err ? "error expected" : "unexpected error";
	return same(expect, got) ? NULL : "output differs";
}

/* The entry for vector `id` of ADS `release` (NULL: any release, for the
 * duplicate check). */
static struct deviation *deviation_for(struct deviations *d, const char *id, const char *release)
{
	for (size_t i = 0; i < d->count; i++)
		if (strcmp(d->items[i].id, id) == 0 && (!release || !d->items[i].release[0] ||
							strcmp(d->items[i].release, release) == 0))
			return &d->items[i];
	return NULL;
}

/* Reads "id<TAB>type|message[@RELEASE]<TAB>reason" lines; returns -1 (with a
 * message) on a malformed line, a duplicate id or an empty reason. */
static int deviations_load(struct deviations *d, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int rc = 0;
	while (!rc && (n = getline(&line, &cap, f)) > 0) {
		lineno++;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = 0;
		if (!n || line[0] == '#')
			continue;
		char *field = strchr(line, '\t');
		char *reason = field ? strchr(field + 1, '\t') : NULL;
		if (!reason || field - line >= (ptrdiff_t)sizeof(d->items[0].id) || !reason[1]) {
			fprintf(stderr, "%s:%zu: expected id<TAB>type|message<TAB>reason\n", path,
				lineno);
			rc = -1;
			break;
		}
		*field++ = 0;
		*reason = 0;
		char *release = strchr(field, '@');
		if (release)
			*release++ = 0;
		if (release && (!*release || strlen(release) >= sizeof(d->items[0].release))) {
			fprintf(stderr, "%s:%zu: expected an ADS release after @\n", path, lineno);
			rc = -1;
		} else if (strcmp(field, "type") != 0 && strcmp(field, "message") != 0) {
			fprintf(stderr, "%s:%zu: the field is type or message, not %s\n", path,
				lineno, field);
			rc = -1;
		} else if (deviation_for(d, line, NULL)) {
			fprintf(stderr, "%s:%zu: %s is listed twice\n", path, lineno, line);
			rc = -1;
		} else {
			struct deviation *grown =
				realloc(d->items, (d->count + 1) * sizeof(*d->items));
			if (!grown) {
				rc = -1;
				break;
			}
			d->items = grown;
			struct deviation *x = &d->items[d->count++];
			memset(x, 0, sizeof(*x));
			snprintf(x->id, sizeof(x->id), "%s", line);
			x->type = strcmp(field, "type") == 0;
			if (release)
				snprintf(x->release, sizeof(x->release), "%s", release);
		}
	}
	free(line);
	fclose(f);
	return rc;
}

static int run_vector(struct arena *a, const char *line, size_t len, struct deviations *devs,
		      struct tally *t, int *nt, int *shown, int show)
{
	struct node *v = NULL;
	struct dsj_error err = {0};
	if (json_read(&v, line, len, a, NULL, 0, &err) || v->kind != NODE_MAP) {
		fprintf(stderr, "bad vector line: %s\n", err.message);
		return -1;
	}
	struct dsj_options opts;
	dsj_options_init(&opts, DSJ_OPTIONS_VERSION);
	opts.cwd = "/";
	opts.home = "/home/datascience";
	char *answer = NULL;
	size_t answer_len = 0;
	if (dsj_batch_answer(&answer, &answer_len, line, len, &opts))
		return -1;
	struct node *got = NULL;
	struct dsj_error gerr = {0};
	if (json_read(&got, answer, answer_len, a, NULL, 0, &gerr))
		got = NULL;
	else if (got->kind == NODE_MAP)
		map_remove(got, "id"); /* the request's (the vector's) id, echoed */
	const struct node *policy = map_get(v, "policy");
	const struct node *rtype = map_get(v, "rtype");
	const struct node *op = map_get(v, "op");
	const struct node *id = map_get(v, "id");
	const struct node *ads = map_get(v, "ads");
	struct deviation *dev =
		id && id->kind == NODE_STR
			? deviation_for(devs, id->u.str.ptr,
					ads && ads->kind == NODE_STR ? ads->u.str.ptr : "2.8")
			: NULL;
	const char *why =
		judge(map_get(v, "expect"), got, policy ? policy->u.str.ptr : "exact", dev);
	if (dev)
		dev->seen = true;
	if (dev && !dev->found && !why)
		why = "listed as a deviation, but the answer passes without it: remove it";
	char key[96];
	const char *names[3] = {policy ? policy->u.str.ptr : "exact", NULL, NULL};
	snprintf(key, sizeof(key), "%s %s", op ? op->u.str.ptr : "?",
		 rtype ? rtype->u.str.ptr : "-");
	names[1] = key;
	names[2] = "all";
	for (int i = 0; i < 3; i++) {
		struct tally *x = tally_for(t, nt, names[i]);
		if (why)
			x->failed++;
		else
			x->passed++;
	}
	if (why && (*shown)++ < show) {
		printf("FAIL %s: %s\n  answer: %.*s\n", id ? id->u.str.ptr : "?", why,
		       (int)answer_len, answer);
	}
	dsj_free(answer);
	return why ? 1 : 0;
}

static int run_file(const char *path, struct deviations *devs, struct tally *t, int *nt, int *shown,
		    int show)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;
	while (!rc && (n = getline(&line, &cap, f)) > 0) {
		struct arena a;
		arena_init(&a, 0);
		size_t len = (size_t)n;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (len && run_vector(&a, line, len, devs, t, nt, shown, show) < 0)
			rc = -1;
		arena_free(&a);
	}
	free(line);
	fclose(f);
	return rc;
}

int main(int argc, char **argv)
{
	int show = 10;
	bool partial = false; /* the vectors run are some of those the deviations name */
	struct deviations devs = {0};
	int first = 1;
	while (first < argc && strncmp(argv[first], "--", 2) == 0) {
		const char *opt = argv[first], *value = first + 1 < argc ? argv[first + 1] : NULL;
		if (strcmp(opt, "--partial") == 0) {
			partial = true;
			first++;
		} else if (strcmp(opt, "--show") == 0 && value) {
			show = (int)strtol(value, NULL, 10);
			first += 2;
		} else if (strcmp(opt, "--deviations") == 0 && value) {
			if (deviations_load(&devs, value)) {
				free(devs.items);
				return 2;
			}
			first += 2;
		} else {
			break;
		}
	}
	if (first >= argc || argv[first][0] == '-') {
		fprintf(stderr, "usage: conformance_runner [--deviations FILE]... [--partial] "
				"[--show N] VECTORS.jsonl...\n");
		free(devs.items);
		return 2;
	}
	struct tally t[MAX_TALLIES];
	memset(t, 0, sizeof(t));
	int nt = 0, shown = 0;
	for (int i = first; i < argc; i++) {
		if (run_file(argv[i], &devs, t, &nt, &shown, show)) {
			free(devs.items);
			return 2;
		}
	}
	struct tally *all = tally_for(t, &nt, "all");
	size_t used = 0;
	for (size_t i = 0; i < devs.count; i++) {
		used += devs.items[i].found;
		if (!devs.items[i].seen && !partial) {
			printf("FAIL %s: listed in the deviations, but no such vector was run\n",
			       devs.items[i].id);
			all->failed++;
		}
	}
	free(devs.items);
	for (int i = 0; i < nt; i++)
		if (&t[i] != all)
			printf("  %-32s %4d passed, %3d failed\n", t[i].name, t[i].passed,
			       t[i].failed);
	printf("%zu deviations listed and seen\n", used);
	printf("%d passed, %d failed\n", all->passed, all->failed);
	return all->failed ? 1 : 0;
}

/* Replays the reference implementation's conformance vectors (JSON lines)
 * through dsj_batch_answer and judges each answer by its policy, as
 * ../shared/conformance/check.py does with --errors=any:
 *   exact           the expected answer (an error where an error is expected)
 *   error           any error
 *   exact-or-error  the expected answer, or any error
 *   any-outcome     any error, or a well-formed CreateJob answer (job vectors)
 * An expected {"$match": REGEX} (a generated job name) matches any string the
 * regex fully matches.
 * Usage: conformance_runner VECTORS.jsonl [--show N] [--rtype T]...
 * Prints per-policy and per-type counts and "N passed, M failed". */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "dsjob.h"
#include "doc/json.h"

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

static const char *judge(const struct node *expect, const struct node *got, const char *policy)
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
	if (exp_err || got_err)
		return exp_err == got_err ? NULL : exp_err ? "error expected" : "unexpected error";
	return same(expect, got) ? NULL : "output differs";
}

static int run_vector(struct arena *a, const char *line, size_t len, struct tally *t, int *nt,
		      int *shown, int show)
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
	const struct node *policy = map_get(v, "policy");
	const struct node *rtype = map_get(v, "rtype");
	const struct node *op = map_get(v, "op");
	const char *why = judge(map_get(v, "expect"), got, policy ? policy->u.str.ptr : "exact");
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
		const struct node *id = map_get(v, "id");
		printf("FAIL %s: %s\n  answer: %.*s\n", id ? id->u.str.ptr : "?", why,
		       (int)answer_len, answer);
	}
	dsj_free(answer);
	return why ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: conformance_runner VECTORS.jsonl [--show N]\n");
		return 2;
	}
	int show = 10;
	if (argc >= 4 && strcmp(argv[2], "--show") == 0)
		show = (int)strtol(argv[3], NULL, 10);
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	struct tally t[MAX_TALLIES];
	memset(t, 0, sizeof(t));
	int nt = 0, shown = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) > 0) {
		struct arena a;
		arena_init(&a, 0);
		size_t len = (size_t)n;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (len && run_vector(&a, line, len, t, &nt, &shown, show) < 0) {
			arena_free(&a);
			free(line);
			fclose(f);
			return 2;
		}
		arena_free(&a);
	}
	free(line);
	fclose(f);
	struct tally *all = tally_for(t, &nt, "all");
	for (int i = 0; i < nt; i++)
		if (&t[i] != all)
			printf("  %-32s %4d passed, %3d failed\n", t[i].name, t[i].passed,
			       t[i].failed);
	printf("%d passed, %d failed\n", all->passed, all->failed);
	return all->failed ? 1 : 0;
}

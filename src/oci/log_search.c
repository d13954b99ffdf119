/* A job run's log lines from the Logging search API, queried as ADS does:
 * SEARCH "<compartment>/<logGroupId>/<logId>" | WHERE source = '*<run>' |
 * SORT BY datetime ASC, from the run's start to now (at most 14 days), page by
 * page, each line passed on once (by logContent.id). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doc/json.h"
#include "oci/watch.h"
#include "util/diag.h"

#define WINDOW_MAX_S (14LL * 24 * 3600)
#define PAGES_MAX 100

static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

/* "2026-12-01T19:00:00.123Z" (or with +00:00) -> UTC seconds; -1 when not. */
static long long rfc3339_seconds(const char *s)
{
	int y, mo, d, h, mi, sec;
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) != 6 || mo < 1 ||
	    mo > 12 || d < 1 || d > 31)
		return -1;
	return days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec;
}

static void rfc3339(char out[32], long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d.000Z", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int log_source_find(dsj_oci_client *c, const char *run_json, size_t len, const char *run_id,
		    struct log_source *src, struct dsj_error *err)
{
	if (src->query)
		return 0;
	struct arena a;
	const struct node *run = answer_read(&a, run_json, len);
	char *log_id = json_pick_at(run, "logDetails.logId");
	char *group = json_pick_at(run, "logDetails.logGroupId");
	char *accepted = json_pick_at(run, "timeAccepted");
	arena_free(&a);
	src->since = rfc3339_seconds(accepted);
	free(accepted);
	int rc = 0;
	if (log_id && group && (!ocid_ok(log_id) || !ocid_ok(group)))
		rc = oci_fail(err, DSJ_OCI_EREPLY, "the job run's logDetails are not OCIDs");
	else if (log_id && group) {
		char path[700];
		snprintf(path, sizeof(path), "/20200531/logGroups/%s/logs/%s", group, log_id);
		struct dsj_oci_request req = {
			DSJ_OCI_LOGGING, "GET", path, NULL, 0, NULL, NULL, 0, 0};
		struct dsj_oci_response resp;
		rc = dsj_oci_call(c, &req, &resp, err);
		char *compartment =
			rc ? NULL : json_pick(resp.body, resp.body_len, "compartmentId");
		dsj_oci_response_free(&resp);
		if (!rc && !compartment)
			rc = oci_fail(err, DSJ_OCI_EREPLY, "the log %s has no compartmentId",
				      log_id);
		struct buf q;
		buf_init(&q, 0);
		if (!rc)
			buf_printf(
				&q,
				"SEARCH \"%s/%s/%s\" | WHERE source = '*%s' | SORT BY datetime ASC",
				compartment, group, log_id, run_id);
		free(compartment);
		if (!rc && !(src->query = buf_detach(&q, NULL)))
			rc = diag_nomem(err);
		buf_free(&q);
	}
	free(log_id);
	free(group);
	return rc;
}

static char *search_body(const struct log_source *src)
{
	struct arena a;
	arena_init(&a, 0);
	long long now = (long long)time(NULL);
	long long start = src->since > 0 ? src->since - 60 : now - 3600;
	if (start < now - WINDOW_MAX_S)
		start = now - WINDOW_MAX_S;
	char from[32], to[32];
	rfc3339(from, start);
	rfc3339(to, now + 60);
	struct node *m = node_new(&a, NODE_MAP, 0, 0);
	char *out = NULL;
	if (m && !map_set(&a, m, "timeStart", node_new_cstr(&a, from)) &&
	    !map_set(&a, m, "timeEnd", node_new_cstr(&a, to)) &&
	    !map_set(&a, m, "searchQuery", node_new_cstr(&a, src->query)) &&
	    !map_set(&a, m, "isReturnFieldInfo", node_new_bool(&a, false))) {
		struct buf b;
		buf_init(&b, 0);
		if (json_write(&b, m, 0, NULL) == 0)
			out = buf_detach(&b, NULL);
		buf_free(&b);
	}
	arena_free(&a);
	return out;
}

/* Each result's logContent: {id, data: {message}}. */
static int pass_results(const struct node *root, struct seen *seen, const struct dsj_oci_watch *w)
{
	const struct node *results = json_walk(root, "results");
	if (!results || results->kind != NODE_SEQ)
		return results ? -1 : 0;
	for (size_t i = 0; i < results->u.seq.count; i++) {
		const struct node *content = json_walk(results->u.seq.items[i], "data.logContent");
		const struct node *id = json_walk(content, "id");
		const struct node *msg = json_walk(content, "data.message");
		if (!id || id->kind != NODE_STR || !msg || msg->kind != NODE_STR)
			continue;
		int fresh = seen_add(seen, id->u.str.ptr);
		if (fresh < 0)
			return -2;
		if (fresh && w->on_log)
			w->on_log(msg->u.str.ptr, NULL, w->ctx);
	}
	return 0;
}

int log_page_parse(const char *body, size_t len, struct seen *seen, const struct dsj_oci_watch *w,
		   struct dsj_error *err)
{
	struct arena a;
	const struct node *root = answer_read(&a, body, len);
	int rc = root ? pass_results(root, seen, w) : -1;
	arena_free(&a);
	if (rc == -2)
		return diag_nomem(err);
	return rc ? oci_fail(err, DSJ_OCI_EREPLY,
			     "the log search answer is not SearchResponse JSON")
		  : 0;
}

int log_search_new(dsj_oci_client *c, const struct log_source *src, struct seen *seen,
		   const struct dsj_oci_watch *w, struct dsj_error *err)
{
	if (!src->query)
		return 0;
	char *body = search_body(src);
	if (!body)
		return diag_nomem(err);
	char path[12400] = "/20190909/search?limit=1000", page[12300];
	int rc = 0;
	for (int n = 0; !rc && n < PAGES_MAX; n++) {
		struct dsj_oci_request req = {
			DSJ_OCI_LOGGING, "POST", path, body, strlen(body), NULL, NULL, 0, 0};
		struct dsj_oci_response resp;
		rc = dsj_oci_call(c, &req, &resp, err);
		if (!rc)
			rc = log_page_parse(resp.body, resp.body_len, seen, w, err);
		int more = !rc && resp.next_page[0];
		if (more) {
			url_escape(page, sizeof(page), resp.next_page);
			snprintf(path, sizeof(path), "/20190909/search?limit=1000&page=%s", page);
		}
		dsj_oci_response_free(&resp);
		if (!more)
			break;
	}
	free(body);
	return rc;
}

void log_source_free(struct log_source *src)
{
	free(src->query);
	memset(src, 0, sizeof(*src));
}

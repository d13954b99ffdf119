/* Following a job run: its state (run_state.c), its log lines (log_search.c),
 * and the ids already shown (seen.c). */
#ifndef DSJ_OCI_WATCH_H
#define DSJ_OCI_WATCH_H

#include "oci/client.h"

int run_state_terminal(const char *state);
int run_exit_status(const char *state, const char *details);

struct seen {
	char **slots;
	size_t cap, count;
};
/* 1 when new, 0 when already there, -1 when full or out of memory. */
int seen_add(struct seen *s, const char *id);
void seen_free(struct seen *s);

struct log_source {
	char *query;	 /* the search query, NULL until the run has a log */
	long long since; /* UTC seconds: the run's start */
};
/* Finds the run's log (logDetails) and its compartment; 0 without a log yet. */
int log_source_find(dsj_oci_client *c, const char *run_json, size_t len, const char *run_id,
		    struct log_source *src, struct dsj_error *err);
/* Passes each line not seen before to w->on_log, oldest first. */
int log_search_new(dsj_oci_client *c, const struct log_source *src, struct seen *seen,
		   const struct dsj_oci_watch *w, struct dsj_error *err);
void log_source_free(struct log_source *src);
/* One SearchResponse page: passes its new lines on (also the fuzz target's entry). */
int log_page_parse(const char *body, size_t len, struct seen *seen, const struct dsj_oci_watch *w,
		   struct dsj_error *err);

#endif

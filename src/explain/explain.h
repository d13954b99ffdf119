/* "Where did this value come from?": each field of a translation answer with
 * the spec key that gave it, or the rule (ADS's default, a derivation) that
 * made it. */
#ifndef DSJ_EXPLAIN_H
#define DSJ_EXPLAIN_H

#include "doc/node.h"
#include "util/buf.h"

/* Appends one line per leaf of `answer` (dsj_translate's tree for `doc`):
 * "FIELD = VALUE ← SOURCE". A value that is the user's own node is traced to
 * its key path and LINE:COL; any other to a rule (explain_rules.c). False when
 * out of memory. */
bool explain_answer(struct buf *out, struct arena *a, const struct node *doc,
		    const struct node *answer);

/* A rule for a field no spec key gave as it is. */
enum explain_base { FROM_RUNTIME_SPEC, FROM_RUNTIME_DOC, FROM_INFRA_SPEC, FROM_JOB_SPEC };

struct explain_rule {
	const char *field; /* the answer's last key ("JOB_RUN_ENTRYPOINT") */
	const char *text;  /* how the value is made */
	enum explain_base base;
	const char *keys[4];  /* keys it is made from (cited when present) */
	const char *fallback; /* when none of them is present; NULL = text */
};

/* The rule for `field`, NULL when none (explain_rules.c). */
const struct explain_rule *explain_rule_for(const char *field);

#endif

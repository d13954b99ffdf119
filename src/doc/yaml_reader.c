/* Builds the node tree from libyaml events with an explicit stack (no
 * recursion), so nesting is bounded by lim->max_depth alone. Aliases share the
 * anchored node, as PyYAML shares the Python object; the node budget counts
 * every node an alias stands for, so "billion laughs" fails fast.
 *
 * PyYAML composes the whole document before constructing it, so a parser or
 * composer error anywhere wins over a constructor error: constructor errors are
 * held in r->cerr and reported only once the stream has parsed. */
#include "doc/yaml_reader.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "doc/yaml_construct.h"
#include "util/diag.h"
#include "util/strindex.h"
#include "util/textpos.h"

#define LIMIT_ERROR "LimitError"
#define CONSTRUCTOR_ERROR "ConstructorError"
#define COMPOSER_ERROR "ComposerError"
#define TAG_PREFIX "tag:yaml.org,2002:"

/* A composed node and what its parent needs to know about it. */
struct item {
	struct node *node;
	size_t size;	       /* nodes it stands for, aliases expanded */
	size_t height;	       /* container levels, 0 for a scalar */
	enum yaml_tag special; /* YTAG_MERGE / YTAG_VALUE for those plain scalars */
	bool is_mapping;       /* a YAML mapping node */
	size_t raw_pairs;      /* its pairs before merging and de-duplication */
};

struct anchor {
	const char *name;
	struct anchor *next;
	struct item item;
	bool done; /* false while its container is still open */
};

enum container { C_SEQ, C_MAP, C_OMAP, C_PAIRS, C_SET, C_BAD };

struct frame {
	struct node *node;
	enum container type;
	struct anchor *anchor;
	size_t size, height;
	struct item *items; /* mappings: key, value, key, value... */
	size_t count, cap;
	bool is_mapping;
};

struct reader {
	struct arena *a;
	struct dsj_limits lim;
	struct dsj_error *err;
	struct dsj_error cerr;
	const char *input;
	size_t len;
	struct frame *stack;
	size_t depth, stack_cap;
	struct anchor **buckets;
	size_t nbuckets, nanchors;
	size_t total_nodes;
	struct item root;
	bool have_root;
	int documents;
};

static uint32_t mark_line(yaml_mark_t m)
{
	return (uint32_t)m.line + 1;
}

static uint32_t mark_col(yaml_mark_t m)
{
	return (uint32_t)m.column + 1;
}

static int limit_error(struct reader *r, yaml_mark_t m, const char *what, size_t limit)
{
	return diag_at(r->err, DSJ_ELIMIT, mark_line(m), mark_col(m), NULL, LIMIT_ERROR,
		       "%s of %zu", what, limit);
}

/* Records a constructor problem; the first one is kept. */
static void construct_error(struct reader *r, uint32_t line, uint32_t col, const char *type,
			    const char *msg, const char *arg)
{
	diag_at(&r->cerr, DSJ_EINPUT, line, col, NULL, type, msg, arg);
}

static void no_constructor(struct reader *r, uint32_t line, uint32_t col, const char *tag)
{
	construct_error(r, line, col, CONSTRUCTOR_ERROR,
			"could not determine a constructor for the tag '%s'", tag);
}

/* ---- anchors ---- */

static size_t hash_name(const char *s)
{
	return (size_t)strindex_hash(STRINDEX_SEED, s, strlen(s));
}

static struct anchor *anchor_find(const struct reader *r, const char *name)
{
	if (!r->nbuckets)
		return NULL;
	struct anchor *an = r->buckets[hash_name(name) & (r->nbuckets - 1)];
	while (an && strcmp(an->name, name) != 0)
		an = an->next;
	return an;
}

static int anchors_grow(struct reader *r)
{
	size_t nb = r->nbuckets ? r->nbuckets * 2 : 64;
	struct anchor **b = calloc(nb, sizeof(*b));
	if (!b)
		return -1;
	for (size_t i = 0; i < r->nbuckets; i++) {
		struct anchor *an = r->buckets[i];
		while (an) {
			struct anchor *next = an->next;
			size_t k = hash_name(an->name) & (nb - 1);
			an->next = b[k];
			b[k] = an;
			an = next;
		}
	}
	free(r->buckets);
	r->buckets = b;
	r->nbuckets = nb;
	return 0;
}

/* PyYAML registers an anchor when its node starts; a second use is a ComposerError. */
static int anchor_add_named(struct reader *r, const yaml_char_t *name, yaml_mark_t m,
			    struct anchor **out)
{
	if (anchor_find(r, (const char *)name))
		return diag_at(r->err, DSJ_EINPUT, mark_line(m), mark_col(m), NULL, COMPOSER_ERROR,
			       "found duplicate anchor '%s'", (const char *)name);
	if (r->nanchors >= r->nbuckets && anchors_grow(r))
		return diag_nomem(r->err);
	struct anchor *an = arena_alloc(r->a, sizeof(*an));
	if (!an ||
	    !(an->name = arena_strndup(r->a, (const char *)name, strlen((const char *)name))))
		return diag_nomem(r->err);
	size_t k = hash_name(an->name) & (r->nbuckets - 1);
	an->next = r->buckets[k];
	r->buckets[k] = an;
	r->nanchors++;
	*out = an;
	return 0;
}

/* Most nodes have no anchor: that case stays inline. */
static inline int anchor_add(struct reader *r, const yaml_char_t *name, yaml_mark_t m,
			     struct anchor **out)
{
	*out = NULL;
	return name ? anchor_add_named(r, name, m, out) : 0;
}

/* ---- the node budget ---- */

static int count_nodes(struct reader *r, size_t n, yaml_mark_t m)
{
	if (n > r->lim.max_nodes || r->total_nodes > r->lim.max_nodes - n)
		return limit_error(r, m, "number of nodes (aliases expanded) exceeds the limit",
				   r->lim.max_nodes);
	r->total_nodes += n;
	return 0;
}

/* ---- mappings: PyYAML's flatten_mapping, then dict assignment ---- */

/* Python dict assignment: an equal key keeps its place and takes the new
 * value (map_set_node; big mappings find keys through the map's hash index). */
static int dict_set(struct reader *r, struct node *map, struct node *key, struct node *value)
{
	return map_set_node(r->a, map, key, value) ? diag_nomem(r->err) : 0;
}

static const char *node_id(const struct node *n)
{
	if (n->kind == NODE_SEQ)
		return "sequence";
	return n->kind == NODE_MAP ? "mapping" : "scalar";
}

static int merge_map(struct reader *r, struct node *map, const struct node *from)
{
	for (size_t i = 0; i < from->u.map.count; i++) {
		int rc = dict_set(r, map, from->u.map.items[i].key, from->u.map.items[i].value);
		if (rc)
			return rc;
	}
	return 0;
}

/* One "<<" value: a mapping, or a sequence of mappings where earlier ones win. */
static int merge_value(struct reader *r, struct node *map, const struct node *v)
{
	if (v->kind == NODE_MAP)
		return merge_map(r, map, v);
	if (v->kind != NODE_SEQ) {
		construct_error(r, v->line, v->col, CONSTRUCTOR_ERROR,
				"expected a mapping or list of mappings for merging, but found %s",
				node_id(v));
		return 0;
	}
	for (size_t i = 0; i < v->u.seq.count; i++) {
		const struct node *sub = v->u.seq.items[i];
		if (sub->kind != NODE_MAP) {
			construct_error(r, sub->line, sub->col, CONSTRUCTOR_ERROR,
					"expected a mapping for merging, but found %s",
					node_id(sub));
			return 0;
		}
	}
	for (size_t i = v->u.seq.count; i-- > 0;) {
		int rc = merge_map(r, map, v->u.seq.items[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static int own_pair(struct reader *r, struct node *map, const struct item *k, const struct item *v)
{
	if (k->node->kind == NODE_SEQ || k->node->kind == NODE_MAP) {
		construct_error(r, k->node->line, k->node->col, CONSTRUCTOR_ERROR,
				"while constructing a mapping: found unhashable key%s", "");
		return 0;
	}
	if (v->special != YTAG_STR) {
		no_constructor(r, v->node->line, v->node->col,
			       v->special == YTAG_MERGE ? TAG_PREFIX "merge" : TAG_PREFIX "value");
		return 0;
	}
	return dict_set(r, map, k->node, v->node);
}

static int build_map(struct reader *r, struct frame *f)
{
	size_t pairs = f->count / 2;
	int rc = 0;
	for (size_t i = 0; i < pairs && !rc; i++)
		if (f->items[2 * i].special == YTAG_MERGE)
			rc = merge_value(r, f->node, f->items[2 * i + 1].node);
	for (size_t i = 0; i < pairs && !rc; i++)
		if (f->items[2 * i].special != YTAG_MERGE)
			rc = own_pair(r, f->node, &f->items[2 * i], &f->items[2 * i + 1]);
	if (rc || f->type != C_SET)
		return rc;
	struct node *none = node_new(r->a, NODE_NULL, 0, 0);
	if (!none)
		return diag_nomem(r->err);
	for (size_t i = 0; i < f->node->u.map.count; i++)
		f->node->u.map.items[i].value = none;
	return 0;
}

/* ---- attaching a finished node to its parent ---- */

static int push_item(struct reader *r, struct frame *f, const struct item *it)
{
	if (f->count == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		struct item *items =
			arena_grow(r->a, f->items, f->count * sizeof(*items), cap * sizeof(*items));
		if (!items)
			return diag_nomem(r->err);
		f->items = items;
		f->cap = cap;
	}
	f->items[f->count++] = *it;
	return 0;
}

/* !!omap / !!pairs items are one-pair mappings, constructed as [key, value]. */
static int push_pair_item(struct reader *r, struct frame *f, const struct item *it)
{
	const struct node *m = it->node;
	const char *what = f->type == C_OMAP ? "an ordered map" : "pairs";
	if (!it->is_mapping) {
		diag_at(&r->cerr, DSJ_EINPUT, m->line, m->col, NULL, CONSTRUCTOR_ERROR,
			"while constructing %s: expected a mapping of length 1, but found %s", what,
			node_id(m));
		return 0;
	}
	if (it->raw_pairs != 1 || m->kind != NODE_MAP || m->u.map.count != 1) {
		diag_at(&r->cerr, DSJ_EINPUT, m->line, m->col, NULL, CONSTRUCTOR_ERROR,
			"while constructing %s: expected a single mapping item, but found %zu "
			"items",
			what, it->raw_pairs);
		return 0;
	}
	struct node *pair = node_new(r->a, NODE_SEQ, m->line, m->col);
	if (!pair || seq_push(r->a, pair, m->u.map.items[0].key) ||
	    seq_push(r->a, pair, m->u.map.items[0].value) || seq_push(r->a, f->node, pair))
		return diag_nomem(r->err);
	return 0;
}

static int attach(struct reader *r, const struct item *it)
{
	if (r->depth == 0) {
		r->root = *it;
		r->have_root = true;
		if (it->special != YTAG_STR)
			no_constructor(r, it->node->line, it->node->col,
				       it->special == YTAG_MERGE ? TAG_PREFIX "merge"
								 : TAG_PREFIX "value");
		return 0;
	}
	struct frame *f = &r->stack[r->depth - 1];
	f->size += it->size;
	if (it->height + 1 > f->height)
		f->height = it->height + 1;
	if (f->is_mapping)
		return push_item(r, f, it);
	if (it->special != YTAG_STR) {
		no_constructor(r, it->node->line, it->node->col,
			       it->special == YTAG_MERGE ? TAG_PREFIX "merge" : TAG_PREFIX "value");
		return 0;
	}
	if (f->type == C_OMAP || f->type == C_PAIRS)
		return push_pair_item(r, f, it);
	if (f->type == C_BAD)
		return 0;
	return seq_push(r->a, f->node, it->node) ? diag_nomem(r->err) : 0;
}

/* ---- events ---- */

static bool is_nonspecific(const yaml_char_t *tag)
{
	return !tag || strcmp((const char *)tag, "!") == 0;
}

static bool tag_is(const yaml_char_t *tag, const char *name)
{
	size_t plen = strlen(TAG_PREFIX);
	return strncmp((const char *)tag, TAG_PREFIX, plen) == 0 &&
	       strcmp((const char *)tag + plen, name) == 0;
}

/* The constructor for an explicit scalar tag; false when there is none. */
static bool scalar_tag(const yaml_char_t *tag, enum yaml_tag *out)
{
	static const struct {
		const char *name;
		enum yaml_tag tag;
	} tags[] = {{"str", YTAG_STR},	     {"null", YTAG_NULL},   {"bool", YTAG_BOOL},
		    {"int", YTAG_INT},	     {"float", YTAG_FLOAT}, {"timestamp", YTAG_TIMESTAMP},
		    {"binary", YTAG_BINARY}, {"merge", YTAG_MERGE}, {"value", YTAG_VALUE}};
	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		if (tag_is(tag, tags[i].name)) {
			*out = tags[i].tag;
			return true;
		}
	}
	return false;
}

/* A known tag on the wrong kind of node: the error PyYAML's constructor gives. */
static const char *wrong_kind_problem(const yaml_char_t *tag, const char *found)
{
	static const char *const scalars[] = {"str",   "null",	    "bool",   "int",
					      "float", "timestamp", "binary", NULL};
	for (size_t i = 0; scalars[i]; i++)
		if (tag_is(tag, scalars[i]))
			return "expected a scalar node, but found %s";
	if (tag_is(tag, "seq"))
		return "expected a sequence node, but found %s";
	if (tag_is(tag, "map") || tag_is(tag, "set"))
		return "expected a mapping node, but found %s";
	if (tag_is(tag, "omap") || tag_is(tag, "pairs"))
		return "expected a sequence, but found %s";
	(void)found;
	return NULL;
}

static void bad_tag(struct reader *r, const struct node *n, const yaml_char_t *tag,
		    const char *found)
{
	const char *problem = wrong_kind_problem(tag, found);
	if (problem)
		construct_error(r, n->line, n->col, CONSTRUCTOR_ERROR, problem, found);
	else
		no_constructor(r, n->line, n->col, (const char *)tag);
}

static int on_scalar(struct reader *r, const yaml_event_t *ev)
{
	const char *value = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	if (len > r->lim.max_scalar_bytes)
		return limit_error(r, ev->start_mark, "scalar length exceeds the limit",
				   r->lim.max_scalar_bytes);
	struct anchor *an;
	int rc = count_nodes(r, 1, ev->start_mark);
	if (rc || (rc = anchor_add(r, ev->data.scalar.anchor, ev->start_mark, &an)))
		return rc;
	struct node *n =
		node_new(r->a, NODE_NULL, mark_line(ev->start_mark), mark_col(ev->start_mark));
	if (!n)
		return diag_nomem(r->err);
	const yaml_char_t *tag = ev->data.scalar.tag;
	enum yaml_tag t = YTAG_STR;
	if (is_nonspecific(tag)) {
		/* PyYAML's own parser resolves under "!" even where libyaml
		 * (an empty node: "a: !") leaves plain_implicit unset */
		if (ev->data.scalar.plain_implicit || tag)
			t = yaml_resolve_plain(value, len);
	} else if (!scalar_tag(tag, &t)) {
		bad_tag(r, n, tag, "scalar");
	}
	if (yaml_construct_scalar(n, r->a, t, value, len, &r->cerr) == DSJ_ENOMEM)
		return diag_nomem(r->err);
	struct item it = {.node = n, .size = 1};
	if (t == YTAG_MERGE || t == YTAG_VALUE)
		it.special = t;
	else
		it.special = YTAG_STR;
	if (an) {
		an->item = it;
		an->done = true;
	}
	return attach(r, &it);
}

static enum container container_type(struct reader *r, const struct node *n, const yaml_char_t *tag,
				     bool mapping)
{
	if (is_nonspecific(tag))
		return mapping ? C_MAP : C_SEQ;
	if (mapping && tag_is(tag, "map"))
		return C_MAP;
	if (mapping && tag_is(tag, "set"))
		return C_SET;
	if (!mapping && tag_is(tag, "seq"))
		return C_SEQ;
	if (!mapping && tag_is(tag, "omap"))
		return C_OMAP;
	if (!mapping && tag_is(tag, "pairs"))
		return C_PAIRS;
	bad_tag(r, n, tag, mapping ? "mapping" : "sequence");
	return C_BAD;
}

static int on_start(struct reader *r, const yaml_event_t *ev, bool mapping)
{
	if (r->depth + 1 > r->lim.max_depth)
		return limit_error(r, ev->start_mark, "nesting depth exceeds the limit",
				   r->lim.max_depth);
	const yaml_char_t *anchor =
		mapping ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
	const yaml_char_t *tag = mapping ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
	struct anchor *an;
	int rc = count_nodes(r, 1, ev->start_mark);
	if (rc || (rc = anchor_add(r, anchor, ev->start_mark, &an)))
		return rc;
	if (r->depth == r->stack_cap) {
		size_t cap = r->stack_cap ? r->stack_cap * 2 : 16;
		struct frame *s =
			arena_grow(r->a, r->stack, r->stack_cap * sizeof(*s), cap * sizeof(*s));
		if (!s)
			return diag_nomem(r->err);
		r->stack = s;
		r->stack_cap = cap;
	}
	struct node *n = node_new(r->a, mapping ? NODE_MAP : NODE_SEQ, mark_line(ev->start_mark),
				  mark_col(ev->start_mark));
	if (!n)
		return diag_nomem(r->err);
	struct frame *f = &r->stack[r->depth++];
	*f = (struct frame){.node = n, .anchor = an, .size = 1, .height = 1, .is_mapping = mapping};
	f->type = container_type(r, n, tag, mapping);
	if (an)
		an->item = (struct item){.node = n, .is_mapping = mapping, .special = YTAG_STR};
	return 0;
}

static int on_end(struct reader *r)
{
	struct frame *f = &r->stack[r->depth - 1];
	if (f->is_mapping) {
		int rc = build_map(r, f);
		if (rc)
			return rc;
	}
	if (f->type == C_BAD) {
		f->node->kind = NODE_NULL;
		memset(&f->node->u, 0, sizeof(f->node->u));
	}
	struct item it = {.node = f->node,
			  .size = f->size,
			  .height = f->height,
			  .special = YTAG_STR,
			  .is_mapping = f->is_mapping,
			  .raw_pairs = f->count / 2};
	if (f->anchor) {
		f->anchor->item = it;
		f->anchor->done = true;
	}
	r->depth--;
	return attach(r, &it);
}

static int on_alias(struct reader *r, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct anchor *an = anchor_find(r, name);
	if (!an)
		return diag_at(r->err, DSJ_EINPUT, mark_line(ev->start_mark),
			       mark_col(ev->start_mark), NULL, COMPOSER_ERROR,
			       "found undefined alias '%s'", name);
	if (!an->done)
		return diag_at(r->err, DSJ_ELIMIT, mark_line(ev->start_mark),
			       mark_col(ev->start_mark), NULL, LIMIT_ERROR,
			       "a recursive alias is not supported");
	if (r->depth + an->item.height > r->lim.max_depth)
		return limit_error(r, ev->start_mark, "nesting depth exceeds the limit",
				   r->lim.max_depth);
	int rc = count_nodes(r, an->item.size, ev->start_mark);
	return rc ? rc : attach(r, &an->item);
}

static int on_event(struct reader *r, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++r->documents > 1)
			return diag_at(r->err, DSJ_EINPUT, mark_line(ev->start_mark),
				       mark_col(ev->start_mark), NULL, COMPOSER_ERROR,
				       "expected a single document in the stream");
		return 0;
	case YAML_SCALAR_EVENT:
		return on_scalar(r, ev);
	case YAML_SEQUENCE_START_EVENT:
		return on_start(r, ev, false);
	case YAML_MAPPING_START_EVENT:
		return on_start(r, ev, true);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return on_end(r);
	case YAML_ALIAS_EVENT:
		return on_alias(r, ev);
	default:
		return 0;
	}
}

/* ---- libyaml errors ---- */

/* Where 1-based (line, col) is in the input, counting as libyaml does. */
static const char *find_char(const struct reader *r, size_t line, size_t col)
{
	size_t i = textpos_offset(r->input, r->len, (unsigned)line, (unsigned)col, TEXTPOS_YAML);
	return i < r->len ? r->input + i : NULL;
}

/* Python's repr() of one character, for the message PyYAML gives. */
static void char_repr(char *dst, size_t size, const char *p, const char *end)
{
	unsigned char ch = (unsigned char)*p;
	if (ch == '\t')
		snprintf(dst, size, "'\\t'");
	else if (ch == '\'')
		snprintf(dst, size, "\"'\"");
	else if (ch == '\\')
		snprintf(dst, size, "'\\\\'");
	else if (ch < 0x20 || ch == 0x7f)
		snprintf(dst, size, "'\\x%02x'", ch);
	else {
		size_t n = 1;
		while (p + n < end && n < 4 && ((unsigned char)p[n] & 0xc0) == 0x80)
			n++;
		snprintf(dst, size, "'%.*s'", (int)n, p);
	}
}

static void reader_error_at(const struct reader *r, size_t offset, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < offset && i < r->len; i++) {
		if (r->input[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)r->input[i] & 0xc0) != 0x80) {
			++*col;
		}
	}
}

/* What a YAML user can do about the parser's most common complaints. */
static const char *syntax_hint(const char *problem)
{
	static const struct {
		const char *problem, *hint;
	} hints[] = {
		{"mapping values are not allowed in this context",
		 " (a value with ': ' in it: quote the value, or check the indentation)"},
		{"did not find expected key", " (check the indentation of this line)"},
		{"could not find expected ':'", " (a key needs ': ' after it, or quote the line)"},
		{"did not find expected '-' indicator",
		 " (check the indentation of this list item)"},
	};
	for (size_t i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		if (strcmp(problem, hints[i].problem) == 0)
			return hints[i].hint;
	return "";
}

static int parser_error(struct reader *r, const yaml_parser_t *p)
{
	if (p->error == YAML_MEMORY_ERROR)
		return diag_nomem(r->err);
	const char *problem = p->problem ? p->problem : "unknown error";
	if (p->error == YAML_READER_ERROR) {
		unsigned line, col;
		reader_error_at(r, p->problem_offset, &line, &col);
		if (strcmp(problem, "control characters are not allowed") == 0)
			problem = "special characters are not allowed"; /* PyYAML's words */
		if (p->problem_value < 0) /* libyaml has no character to show */
			return diag_at(r->err, DSJ_EINPUT, line, col, NULL, "ReaderError",
				       "invalid UTF-8: %s", problem);
		return diag_at(r->err, DSJ_EINPUT, line, col, NULL, "ReaderError",
			       "unacceptable character #x%04x: %s", (unsigned)p->problem_value,
			       problem);
	}
	const char *type = p->error == YAML_SCANNER_ERROR ? "ScannerError" : "ParserError";
	unsigned line = mark_line(p->problem_mark), col = mark_col(p->problem_mark);
	if (strcmp(problem, "found character that cannot start any token") == 0) {
		const char *at = find_char(r, line, col);
		char rep[16] = "'?'";
		if (at)
			char_repr(rep, sizeof(rep), at, r->input + r->len);
		return diag_at(r->err, DSJ_EINPUT, line, col, NULL, type,
			       "found character %s that cannot start any token%s", rep,
			       at && *at == '\t' ? " (indent with spaces: YAML does not take tabs)"
						 : "");
	}
	const char *hint = syntax_hint(problem);
	if (p->context)
		return diag_at(r->err, DSJ_EINPUT, line, col, NULL, type, "%s: %s%s", p->context,
			       problem, hint);
	return diag_at(r->err, DSJ_EINPUT, line, col, NULL, type, "%s%s", problem, hint);
}

static int parse_stream(struct reader *r, yaml_parser_t *p)
{
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(p, &ev))
			return parser_error(r, p);
		int rc = on_event(r, &ev);
		bool end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (rc || end)
			return rc;
	}
}

int yaml_read(struct node **out, const char *input, size_t len, struct arena *a,
	      const struct dsj_limits *lim, struct dsj_error *err)
{
	struct reader r = {.a = a, .err = err, .input = input, .len = len};
	limits_resolve(&r.lim, lim);
	*out = NULL;
	if (len > r.lim.max_input_bytes)
		return diag_at(err, DSJ_ELIMIT, 0, 0, NULL, LIMIT_ERROR,
			       "input size exceeds the limit of %zu bytes", r.lim.max_input_bytes);
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return diag_nomem(err);
	yaml_parser_set_input_string(&p, (const unsigned char *)(input ? input : ""), len);
	int rc = parse_stream(&r, &p);
	yaml_parser_delete(&p);
	free(r.buckets);
	if (rc)
		return rc;
	if (diag_is_set(&r.cerr)) {
		if (err)
			*err = r.cerr;
		return r.cerr.code;
	}
	*out = r.have_root ? r.root.node : node_new(a, NODE_NULL, 1, 1);
	return *out ? 0 : diag_nomem(err);
}

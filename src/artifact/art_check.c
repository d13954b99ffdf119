/* The checks made before anything is written. ADS's own (python: a warning
 * when the entrypoint is not where the driver will look; notebook: an error)
 * keep their severity; ours (JOB_RUN_ENTRYPOINT must be in the zip we built) are
 * errors, with a "did you mean" hint from the entries that share the file name. */
#include <stdio.h>
#include <string.h>

#include "artifact/artifact.h"
#include "py/pypath.h"
#include "util/diag.h"

static struct str cstr(const char *s)
{
	return (struct str){s, strlen(s)};
}

/* normpath(join(a, b, c)) in the tree's arena ("" parts are skipped by join). */
static const char *join3(struct arena *a, const char *x, const char *y, const char *z)
{
	struct str s = py_path_join(a, py_path_join(a, cstr(x), cstr(y)), cstr(z));
	return s.ptr ? py_normpath(a, s).ptr : NULL;
}

static bool has_file(const struct art_tree *t, const char *name)
{
	const struct art_entry *e = name ? art_tree_find(t, name) : NULL;
	return e && e->kind == ART_FILE;
}

/* The shortest entry named like `wanted`'s last component, or NULL. */
static const char *same_file_name(const char *const *names, size_t count, const char *wanted)
{
	const char *slash = strrchr(wanted, '/');
	const char *leaf = slash ? slash + 1 : wanted;
	size_t leaf_len = strlen(leaf);
	const char *best = NULL;
	for (size_t i = 0; i < count; i++) {
		size_t len = strlen(names[i]);
		bool match = len >= leaf_len && strcmp(names[i] + len - leaf_len, leaf) == 0 &&
			     (len == leaf_len || names[i][len - leaf_len - 1] == '/');
		if (match && strcmp(names[i], wanted) != 0 && (!best || len < strlen(best)))
			best = names[i];
	}
	return best;
}

static const char *tree_suggestion(const struct art_tree *t, const char *wanted)
{
	const char *best = NULL;
	for (size_t i = 0; i < t->count; i++) {
		if (t->items[i].kind != ART_FILE)
			continue;
		const char *name = t->items[i].name;
		const char *hit = same_file_name(&name, 1, wanted);
		if (hit && (!best || strlen(hit) < strlen(best)))
			best = hit;
	}
	return best;
}

/* " (did you mean 'x'?)", relative to `base/` when the suggestion is under it. */
static void hint(char *out, size_t size, const char *suggestion, const char *base)
{
	size_t n = strlen(base);
	if (!suggestion) {
		out[0] = '\0';
		return;
	}
	if (n && strncmp(suggestion, base, n) == 0 && suggestion[n] == '/')
		suggestion += n + 1;
	snprintf(out, size, " (did you mean '%s'?)", suggestion);
}

static void check_python(const struct art_plan *p)
{
	const struct node *ep = art_job_spec(p->job, "entrypoint", NULL);
	if (!node_is_str(ep))
		return;
	const struct node *wd_node = art_job_spec(p->job, "workingDir", "working_dir");
	const char *wd = node_is_str(wd_node) ? wd_node->u.str.ptr : ".";
	struct arena *a = p->tree.a;
	const char *where = join3(a, "code", wd, ep->u.str.ptr);
	if (!where || has_file(&p->tree, where))
		return;
	const char *code_wd = join3(a, "code", wd, "");
	const char *nested =
		join3(a, code_wd ? code_wd : "code", p->src.base ? p->src.base : "", ep->u.str.ptr);
	char more[600];
	if (p->src.base && has_file(&p->tree, nested)) /* ADS's own hint */
		snprintf(more, sizeof(more), ". Do you mean %s/%s?", p->src.base, ep->u.str.ptr);
	else
		hint(more, sizeof(more), tree_suggestion(&p->tree, where), code_wd ? code_wd : "");
	art_job_warn(p->job, p->warn, p->warn_ctx, "entrypoint",
		     "'%s' is not in the artifact: the driver will look for %s%s", ep->u.str.ptr,
		     where, more);
}

static int check_notebook(const struct art_plan *p, struct dsj_error *err)
{
	const struct node *ep = art_job_spec(p->job, "entrypoint", NULL);
	const struct node *source = art_job_spec(p->job, "source", NULL);
	if (!node_is_str(ep) || !node_is_str(source))
		return 0;
	struct arena *a = p->tree.a;
	struct str base = py_basename(source->u.str);
	const char *base_text = arena_strndup(a, base.ptr, base.len);
	const char *where = base_text ? join3(a, "code", base_text, ep->u.str.ptr) : NULL;
	if (!where)
		return diag_nomem(err);
	if (has_file(&p->tree, where))
		return 0;
	char more[600];
	hint(more, sizeof(more), tree_suggestion(&p->tree, where), "code");
	return art_job_fail(p->job, err, "entrypoint",
			    "Invalid notebook path: %s is not in the artifact%s%s", where, more,
			    base.len ? ""
				     : " (ADS takes the folder name from source, so drop "
				       "its trailing '/')");
}

/* "./a/b" and "a/b" name the same entry of a user's archive. */
static const char *without_dot_slash(const char *name)
{
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	return name;
}

static int check_entrypoint(const struct art_plan *p, struct dsj_error *err)
{
	const char *ep = art_job_env(p->job, "JOB_RUN_ENTRYPOINT");
	if (!ep || (p->as_is && !p->as_is_names))
		return 0;
	char more[600];
	if (p->as_is) {
		for (size_t i = 0; i < p->as_is_count; i++)
			if (strcmp(without_dot_slash(p->as_is_names[i]), without_dot_slash(ep)) ==
			    0)
				return 0;
		hint(more, sizeof(more), same_file_name(p->as_is_names, p->as_is_count, ep), "");
		art_job_warn(p->job, p->warn, p->warn_ctx, "entrypoint",
			     "'%s' is not in %s: the job run will not find its entrypoint%s", ep,
			     p->src.base, more);
		return 0;
	}
	if (has_file(&p->tree, ep))
		return 0;
	hint(more, sizeof(more), tree_suggestion(&p->tree, ep), "");
	return art_job_fail(p->job, err, "entrypoint",
			    "JOB_RUN_ENTRYPOINT '%s' is not in the artifact%s", ep, more);
}

int art_check(const struct art_plan *p, struct dsj_error *err)
{
	const char *type = p->layout->artifact_type;
	if (strcmp(type, "PythonArtifact") == 0)
		check_python(p);
	int rc = strcmp(type, "NotebookArtifact") == 0 ? check_notebook(p, err) : 0;
	return rc ? rc : check_entrypoint(p, err);
}

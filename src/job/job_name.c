/* The job's displayName: the name with the runtime's environment variables
 * substituted as Python's string.Template.safe_substitute does, or, when that
 * is empty, the name the reference generates: "<artifact file name up to its
 * first dot>-<UTC time>", or (when there is no artifact, or the runtime type
 * says its artifact is not the user's) "<adjective>-<animal>-<UTC time>". */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "job/job_parts.h"
#include "py/pyrepr.h"
#include "runtime/env_vars.h"
#include "runtime/runtime.h"
#include "util/buf.h"
#include "util/diag.h"

static const char *const adjectives[] = {
	"amber", "brave", "calm",  "daring", "eager",  "fancy",	 "gentle", "happy",
	"icy",	 "jolly", "keen",  "lively", "mellow", "nimble", "olive",  "proud",
	"quiet", "rapid", "sunny", "tidy",   "upbeat", "vivid",	 "witty",  "zesty",
};
static const char *const animals[] = {
	"alpaca", "badger", "camel",  "dolphin", "eagle",  "falcon", "gecko",  "heron",
	"ibis",	  "jaguar", "koala",  "lemur",	 "marmot", "newt",   "otter",  "panda",
	"quail",  "raven",  "salmon", "tapir",	 "urchin", "vole",   "walrus", "yak",
};

/* The runtime's own variables (runtime.envs: spec.env after the value rules
 * and ${VAR} interpolation, not the ones the runtime type adds), which the
 * reference substitutes into the name; NULL when spec.env gives none or does
 * not translate (that problem is the runtime's, reported there). */
static const struct node *runtime_envs(struct job_ctx *j, const struct node *runtime)
{
	struct node *spec = runtime && runtime->kind == NODE_MAP ? map_get(runtime, "spec") : NULL;
	const struct node *type =
		runtime && runtime->kind == NODE_MAP ? map_get(runtime, "type") : NULL;
	if (!spec || spec->kind != NODE_MAP || !node_is_str(type))
		return NULL;
	struct dsj_error scratch;
	diag_clear(&scratch);
	struct translate_ctx t = {.a = j->a,
				  .opts = j->opts,
				  .limits = j->limits,
				  .type = runtime_type_find(type->u.str.ptr, type->u.str.len),
				  .spec = spec,
				  .env = node_new(j->a, NODE_MAP, 0, 0),
				  .err = &scratch,
				  .prefix = "spec.runtime."};
	if (!t.type || !t.env || translate_user_env(&t))
		return NULL;
	return t.env;
}

static size_t identifier_len(const char *s, size_t len)
{
	size_t n = 0;
	if (len == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return 0;
	while (n < len && (isalnum((unsigned char)s[n]) || s[n] == '_') &&
	       !((unsigned char)s[n] & 0x80))
		n++;
	return n;
}

/* One "$..." at s[0]; returns how many bytes it used. */
static size_t substitute_one(struct buf *b, const char *s, size_t len, const struct node *envs)
{
	if (len > 1 && s[1] == '$')
		return buf_putc(b, '$'), 2;
	bool braced = len > 1 && s[1] == '{';
	const char *id = s + 1 + braced;
	size_t n = identifier_len(id, len - 1 - braced);
	size_t used = 1 + braced + n + braced;
	if (n == 0 || (braced && (used > len || id[n] != '}')))
		return buf_putc(b, '$'), 1;
	const struct node *v = envs ? map_getn(envs, id, n) : NULL;
	if (!v || py_str(b, v))
		buf_append(b, s, used);
	return used;
}

static int substitute(struct job_ctx *j, const struct node *name, const struct node *runtime,
		      struct buf *b)
{
	const char *s = name->u.str.ptr;
	size_t len = name->u.str.len;
	const struct node *envs = memchr(s, '$', len) ? runtime_envs(j, runtime) : NULL;
	for (size_t i = 0; i < len;) {
		if (s[i] == '$')
			i += substitute_one(b, s + i, len - i, envs);
		else
			buf_putc(b, s[i++]);
	}
	return b->failed ? diag_nomem(j->err) : 0;
}

static size_t fnv(const char *s, size_t len, size_t h)
{
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* os.path.basename(source).split(".")[0] */
static void artifact_prefix(struct buf *b, const struct node *source)
{
	const char *s = source->u.str.ptr, *end = s + source->u.str.len;
	const char *base = s;
	for (const char *p = s; p < end; p++)
		if (*p == '/')
			base = p + 1;
	const char *dot = memchr(base, '.', (size_t)(end - base));
	buf_append(b, base, (size_t)((dot ? dot : end) - base));
}

static int generate(struct job_ctx *j, const struct node *runtime, const struct node *artifact,
		    struct buf *b)
{
	char stamp[64];
	struct tm tm;
	time_t now = j->now;
	if (!gmtime_r(&now, &tm) || !strftime(stamp, sizeof(stamp), "%Y-%m-%d-%H:%M.%S", &tm))
		snprintf(stamp, sizeof(stamp), "1970-01-01-00:00.00");
	const struct node *type = map_get(runtime, "type");
	const struct runtime_type *rt =
		node_is_str(type) ? runtime_type_find(type->u.str.ptr, type->u.str.len) : NULL;
	const struct node *source = artifact ? map_get(artifact, "source") : NULL;
	bool random = !source || source->kind != NODE_STR || (rt && rt->job_name_ignores_artifact);
	if (random) {
		size_t h = fnv(stamp, strlen(stamp), 2166136261u);
		buf_printf(b, "%s-%s-", adjectives[h % (sizeof(adjectives) / sizeof(*adjectives))],
			   animals[(h / 31) % (sizeof(animals) / sizeof(*animals))]);
	} else {
		artifact_prefix(b, source);
		buf_putc(b, '-');
	}
	buf_puts(b, stamp);
	return b->failed ? diag_nomem(j->err) : 0;
}

int job_display_name(struct job_ctx *j, const struct node *name, const struct node *runtime,
		     const struct node *artifact, struct node **out)
{
	*out = NULL;
	if (name && name->kind != NODE_NULL && name->kind != NODE_STR)
		return job_problem(j, name, "spec.name", PY_TYPE_ERROR,
				   "expected string or bytes-like object, got '%s'",
				   node_type_name(name));
	struct buf b;
	buf_init(&b, 0);
	int rc = node_is_str(name) ? substitute(j, name, runtime, &b) : 0;
	if (!rc && b.len == 0)
		rc = generate(j, runtime, artifact, &b);
	if (!rc && !(*out = node_new_str(j->a, buf_cstr(&b), b.len)))
		rc = diag_nomem(j->err);
	buf_free(&b);
	return rc;
}

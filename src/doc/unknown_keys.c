#include "doc/unknown_keys.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/suggest.h"

static const char *names_nth(const void *data, size_t i)
{
	return ((const char *const *)data)[i];
}

struct key_set key_set_names(const char *const *names)
{
	return (struct key_set){.nth = names_nth, .data = names};
}

static bool set_has(const struct key_set *known, struct str key)
{
	if (known->has)
		return known->has(known->data, key);
	const char *name;
	for (size_t i = 0; (name = known->nth(known->data, i)); i++)
		if (str_eq(key, name))
			return true;
	return false;
}

/* A name may repeat (a mapping table's key is also an alias table's). */
static bool listed_before(const struct key_set *known, size_t i, const char *name)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(known->nth(known->data, j), name) == 0)
			return true;
	return false;
}

/* " (did you mean 'a' or 'b'?)", or the known names when none is near. */
static void advice(struct buf *b, const struct key_set *known, struct str key)
{
	struct suggestion s = {0};
	size_t best = 0;
	const char *name;
	for (size_t i = 0; (name = known->nth(known->data, i)); i++)
		suggest_consider(&s, &best, key.ptr, key.len, name);
	if (s.count) {
		buf_puts(b, " (did you mean ");
		for (size_t i = 0; i < s.count; i++)
			buf_printf(b, "%s'%s'",
				   i == 0	      ? ""
				   : i + 1 == s.count ? " or "
						      : ", ",
				   s.names[i]);
		buf_puts(b, "?)");
		return;
	}
	/* the camelCase names only: the snake_case aliases would double the list */
	buf_puts(b, "; ADS ignores it. Known keys here: ");
	size_t listed = 0;
	for (size_t i = 0; (name = known->nth(known->data, i)); i++)
		if (!strchr(name, '_') && !listed_before(known, i, name))
			buf_printf(b, "%s%s", listed++ ? ", " : "", name);
}

void unknown_keys_warn(const struct dsj_options *opts, const struct node *map, const char *path,
		       const struct key_set *known, key_elsewhere_fn elsewhere,
		       const void *elsewhere_ctx)
{
	if (!opts || !opts->warn || !map || map->kind != NODE_MAP)
		return;
	for (size_t i = 0; i < map->u.map.count; i++) {
		const struct node *k = map->u.map.items[i].key;
		if (k->kind != NODE_STR || set_has(known, k->u.str))
			continue;
		struct buf b;
		buf_init(&b, 0);
		buf_printf(&b, "unknown key '%.*s'", (int)k->u.str.len, k->u.str.ptr);
		struct buf where;
		buf_init(&where, 0);
		if (elsewhere && elsewhere(k->u.str, elsewhere_ctx, &where))
			buf_printf(&b, " (%s)", buf_cstr(&where));
		else
			advice(&b, known, k->u.str);
		char full[DSJ_ERROR_PATH_MAX];
		snprintf(full, sizeof(full), "%s%s%.*s", path, path[0] ? "." : "",
			 (int)k->u.str.len, k->u.str.ptr);
		struct dsj_error w;
		diag_clear(&w);
		diag_node(&w, DSJ_OK, k, full, "UserWarning", "%s", buf_cstr(&b));
		opts->warn(&w, opts->warn_ctx);
		buf_free(&b);
		buf_free(&where);
	}
}

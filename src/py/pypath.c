/* posixpath functions, with the same edge cases as Python's. */
#include "py/pypath.h"

#include <stdlib.h>
#include <string.h>

static const struct str empty_str = {"", 0};

static struct str make_str(struct arena *a, const char *s, size_t len)
{
	char *p = arena_strndup(a, s, len);
	if (!p)
		return (struct str){NULL, 0};
	return (struct str){p, len};
}

static const char *last_slash(struct str path)
{
	for (size_t i = path.len; i > 0; i--)
		if (path.ptr[i - 1] == '/')
			return path.ptr + i - 1;
	return NULL;
}

struct str py_basename(struct str path)
{
	const char *slash = last_slash(path);
	if (!slash)
		return path;
	return (struct str){slash + 1, path.len - (size_t)(slash + 1 - path.ptr)};
}

struct str py_splitext_root(struct str path)
{
	/* genericpath._splitext: the last '.' after the last '/' counts unless
	 * only dots precede it in the last component. */
	const char *slash = last_slash(path);
	size_t name_start = slash ? (size_t)(slash - path.ptr) + 1 : 0;
	size_t dot = path.len;
	for (size_t i = path.len; i > name_start; i--) {
		if (path.ptr[i - 1] == '.') {
			dot = i - 1;
			break;
		}
	}
	if (dot == path.len)
		return path;
	for (size_t i = name_start; i < dot; i++)
		if (path.ptr[i] != '.')
			return (struct str){path.ptr, dot};
	return path;
}

struct str py_path_join(struct arena *a, struct str left, struct str right)
{
	if ((right.len > 0 && right.ptr[0] == '/') || left.len == 0)
		return make_str(a, right.ptr ? right.ptr : "", right.len);
	bool slash = left.ptr[left.len - 1] != '/';
	size_t len = left.len + slash + right.len;
	char *p = arena_alloc(a, len + 1);
	if (!p)
		return (struct str){NULL, 0};
	memcpy(p, left.ptr, left.len);
	if (slash)
		p[left.len] = '/';
	if (right.len)
		memcpy(p + left.len + slash, right.ptr, right.len);
	p[len] = '\0';
	return (struct str){p, len};
}

struct str py_normpath(struct arena *a, struct str path)
{
	if (path.len == 0)
		return make_str(a, ".", 1);
	size_t initial = 0;
	if (path.ptr[0] == '/') {
		initial = 1;
		if (path.len >= 2 && path.ptr[1] == '/' && !(path.len >= 3 && path.ptr[2] == '/'))
			initial = 2;
	}
	/* Components are written into `out` as they are kept; `starts` records
	 * where each begins so that ".." can drop the last one. */
	char *out = arena_alloc(a, path.len + 2);
	size_t *starts = malloc((path.len / 2 + 1) * sizeof(*starts));
	if (!out || !starts) {
		free(starts);
		return (struct str){NULL, 0};
	}
	size_t len = initial;
	memset(out, '/', initial);
	size_t count = 0;
	size_t i = 0;
	while (i <= path.len) {
		size_t j = i;
		while (j < path.len && path.ptr[j] != '/')
			j++;
		const char *comp = path.ptr + i;
		size_t comp_len = j - i;
		bool dotdot = comp_len == 2 && comp[0] == '.' && comp[1] == '.';
		bool last_is_dotdot = count > 0 && len - starts[count - 1] == 2 &&
				      out[starts[count - 1]] == '.' &&
				      out[starts[count - 1] + 1] == '.';
		if (comp_len == 0 || (comp_len == 1 && comp[0] == '.')) {
			/* skipped */
		} else if (!dotdot || (initial == 0 && count == 0) || last_is_dotdot) {
			if (count > 0)
				out[len++] = '/';
			starts[count++] = len;
			memcpy(out + len, comp, comp_len);
			len += comp_len;
		} else if (count > 0) {
			count--;
			len = starts[count];
			if (count > 0)
				len--; /* the '/' before it */
		}
		i = j + 1;
	}
	free(starts);
	if (len == 0) {
		out[len++] = '.';
	}
	out[len] = '\0';
	return (struct str){out, len};
}

struct str py_abspath(struct arena *a, struct str path, const char *cwd, const char *home)
{
	/* os.path.expanduser: only "~" and "~/..." (not "~user") */
	if (path.len > 0 && path.ptr[0] == '~' && (path.len == 1 || path.ptr[1] == '/')) {
		if (!home)
			home = getenv("HOME");
		if (home) {
			size_t home_len = strlen(home);
			while (home_len > 0 && home[home_len - 1] == '/')
				home_len--;
			size_t len = home_len + path.len - 1;
			char *p = arena_alloc(a, len + 2);
			if (!p)
				return (struct str){NULL, 0};
			memcpy(p, home, home_len);
			memcpy(p + home_len, path.ptr + 1, path.len - 1);
			if (len == 0)
				p[len++] = '/';
			p[len] = '\0';
			path = (struct str){p, len};
		}
	}
	if (path.len > 0 && path.ptr[0] == '/')
		return py_normpath(a, path);
	struct str joined =
		py_path_join(a, (struct str){cwd, strlen(cwd)}, path.ptr ? path : empty_str);
	if (!joined.ptr)
		return joined;
	return py_normpath(a, joined);
}

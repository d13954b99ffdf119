#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "py/pypath.h"

struct path_case {
	const char *in;
	const char *basename, *splitext_root, *normpath, *abspath;
};

struct join_case {
	const char *left, *right, *want;
};

/* Generated with Python 3.11.7 posixpath (cwd /work/cwd, home /home/u). */
static const struct path_case path_cases[] = {
	{"", "", "", ".", "/work/cwd"},
	{"a", "a", "a", "a", "/work/cwd/a"},
	{"/", "", "/", "/", "/"},
	{"//", "", "//", "//", "//"},
	{"///", "", "///", "/", "/"},
	{"////a", "a", "////a", "/a", "/a"},
	{"//a//b", "b", "//a//b", "//a/b", "//a/b"},
	{"a/./b/../c.py", "c.py", "a/./b/../c", "a/c.py", "/work/cwd/a/c.py"},
	{"code_dir/", "", "code_dir/", "code_dir", "/work/cwd/code_dir"},
	{"../x", "x", "../x", "../x", "/work/x"},
	{"../../a/..", "..", "../../a/..", "../..", "/"},
	{"/..", "..", "/..", "/", "/"},
	{"/../a", "a", "/../a", "/a", "/a"},
	{"a/..", "..", "a/..", ".", "/work/cwd"},
	{"a/../..", "..", "a/../..", "..", "/work"},
	{".", ".", ".", ".", "/work/cwd"},
	{"./", "", "./", ".", "/work/cwd"},
	{"..", "..", "..", "..", "/work"},
	{"a//b///c/", "", "a//b///c/", "a/b/c", "/work/cwd/a/b/c"},
	{"/a/b/../../..", "..", "/a/b/../../..", "/", "/"},
	{"x/../../y", "y", "x/../../y", "../y", "/work/y"},
	{"~", "~", "~", "~", "/home/u"},
	{"~/x.py", "x.py", "~/x", "~/x.py", "/home/u/x.py"},
	{"~user/x", "x", "~user/x", "~user/x", "/work/cwd/~user/x"},
	{"a/~", "~", "a/~", "a/~", "/work/cwd/a/~"},
	{".bashrc", ".bashrc", ".bashrc", ".bashrc", "/work/cwd/.bashrc"},
	{"archive.tar.gz", "archive.tar.gz", "archive.tar", "archive.tar.gz",
	 "/work/cwd/archive.tar.gz"},
	{"a.b/c", "c", "a.b/c", "a.b/c", "/work/cwd/a.b/c"},
	{"x.", "x.", "x", "x.", "/work/cwd/x."},
	{"..x", "..x", "..x", "..x", "/work/cwd/..x"},
	{"...", "...", "...", "...", "/work/cwd/..."},
	{".a.b", ".a.b", ".a", ".a.b", "/work/cwd/.a.b"},
	{"dir/.hidden", ".hidden", "dir/.hidden", "dir/.hidden", "/work/cwd/dir/.hidden"},
	{"dir/.hidden.txt", ".hidden.txt", "dir/.hidden", "dir/.hidden.txt",
	 "/work/cwd/dir/.hidden.txt"},
	{"/a/b.c/", "", "/a/b.c/", "/a/b.c", "/a/b.c"},
	{"a.b/.c", ".c", "a.b/.c", "a.b/.c", "/work/cwd/a.b/.c"},
	{"/.", ".", "/.", "/", "/"},
	{"..a.b", "..a.b", "..a", "..a.b", "/work/cwd/..a.b"},
};
static const struct join_case join_cases[] = {
	{"", "", ""},	    {"a", "", "a/"},   {"", "b", "b"},		 {"a", "b", "a/b"},
	{"a/", "b", "a/b"}, {"a", "/b", "/b"}, {"/x/", "y/z", "/x/y/z"}, {"a//", "b", "a//b"},
};

static struct str S(const char *s) {
	return (struct str){s, strlen(s)};
}

static void
check(struct str got, const char *want)
{
	assert_non_null(got.ptr);
	assert_int_equal(got.len, strlen(want));
	assert_memory_equal(got.ptr, want, got.len);
}

static void test_path_python_cases(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	for (size_t i = 0; i < sizeof(path_cases) / sizeof(path_cases[0]); i++) {
		const struct path_case *c = &path_cases[i];
		check(py_basename(S(c->in)), c->basename);
		check(py_splitext_root(S(c->in)), c->splitext_root);
		struct str n = py_normpath(&a, S(c->in));
		check(n, c->normpath);
		assert_int_equal(n.ptr[n.len], '\0');
		struct str abs = py_abspath(&a, S(c->in), "/work/cwd", "/home/u");
		check(abs, c->abspath);
		assert_int_equal(abs.ptr[abs.len], '\0');
	}
	arena_free(&a);
}

static void test_path_join(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	for (size_t i = 0; i < sizeof(join_cases) / sizeof(join_cases[0]); i++) {
		struct str j = py_path_join(&a, S(join_cases[i].left), S(join_cases[i].right));
		check(j, join_cases[i].want);
		assert_int_equal(j.ptr[j.len], '\0');
	}
	arena_free(&a);
}

static void test_abspath_brief_cases_and_home_edges(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	check(py_abspath(&a, S("a/./b/../c.py"), "/", "/h"), "/a/c.py");
	check(py_abspath(&a, S("code_dir/"), "/", "/h"), "/code_dir");
	check(py_abspath(&a, S("~"), "/", "/home/me"), "/home/me");
	check(py_abspath(&a, S("~/x.py"), "/", "/home/me/"), "/home/me/x.py");
	check(py_abspath(&a, S(""), "/srv/app", "/h"), "/srv/app");
	check(py_abspath(&a, S("~user"), "/c", "/h"), "/c/~user");
	/* Python: home "/" and "" rstrip to "", then "~" -> "/" */
	check(py_abspath(&a, S("~"), "/c", "/"), "/");
	check(py_abspath(&a, S("~/x"), "/c", "/"), "/x");
	check(py_abspath(&a, S("~"), "/c", "/h//"), "/h");
	check(py_abspath(&a, S("~/x"), "/c", ""), "/x");
	check(py_abspath(&a, S("~"), "/c", ""), "/");
	check(py_abspath(&a, S("~/../y"), "/c", "/h"), "/y");
	/* relative home: joined with cwd like any relative path */
	check(py_abspath(&a, S("~/z"), "/c", "rel"), "/c/rel/z");
	arena_free(&a);
}

static void test_normpath_long(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	char text[4001];
	for (int i = 0; i < 2000; i++) {
		text[2 * i] = 'x';
		text[2 * i + 1] = '/';
	}
	text[4000] = '\0';
	struct str n = py_normpath(&a, (struct str){text, 4000});
	assert_int_equal(n.len, 3999);
	char ups[6001];
	for (int i = 0; i < 2000; i++)
		memcpy(ups + 3 * i, "../", 3);
	ups[6000] = '\0';
	n = py_normpath(&a, (struct str){ups, 6000});
	assert_int_equal(n.len, 5999);
	n = py_normpath(&a, (struct str){ups, 1});
	check(n, ".");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_python_cases),
		cmocka_unit_test(test_path_join),
		cmocka_unit_test(test_abspath_brief_cases_and_home_edges),
		cmocka_unit_test(test_normpath_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "py/pyurl.h"

struct url_case {
	const char *in;
	const char *err; /* ValueError message, NULL when parsing succeeds */
	const char *scheme, *netloc, *path;
	const char *username; /* NULL = None */
	const char *hostname; /* NULL = None */
};

/* Generated with Python 3.11.7 urllib.parse.urlparse. */
static const struct url_case url_cases[] = {
	{"oci://bucket@namespace/object", NULL, "oci", "bucket@namespace", "/object", "bucket",
	 "namespace"},
	{"oci://b@/x", NULL, "oci", "b@", "/x", "b", NULL},
	{"oci://@ns/x", NULL, "oci", "@ns", "/x", "", "ns"},
	{"oci://b@ns", NULL, "oci", "b@ns", "", "b", "ns"},
	{"not a uri", NULL, "", "", "not a uri", NULL, NULL},
	{"bucket@namespace/x", NULL, "", "", "bucket@namespace/x", NULL, NULL},
	{"oci://namespace/x", NULL, "oci", "namespace", "/x", NULL, "namespace"},
	{"oci://b@[::1]/x", NULL, "oci", "b@[::1]", "/x", "b", "::1"},
	{"oci://b@[ns/x", "Invalid IPv6 URL", NULL, NULL, NULL, NULL, NULL},
	{"OCI://B@NS/X", NULL, "oci", "B@NS", "/X", "B", "ns"},
	{"oci://u:p@Host:80/p", NULL, "oci", "u:p@Host:80", "/p", "u", "host"},
	{" oci://b@ns/lead-space", NULL, "oci", "b@ns", "/lead-space", "b", "ns"},
	{"oci://bu\012cket@ns/x", NULL, "oci", "bucket@ns", "/x", "bucket", "ns"},
	{"oci://b@ns/x;p\077q#f", NULL, "oci", "b@ns", "/x;p", "b", "ns"},
	{"http://h/a;b/c;d\077q", NULL, "http", "h", "/a;b/c", NULL, "h"},
	{";a", NULL, "", "", "", NULL, NULL},
	{"/x;y", NULL, "", "", "/x", NULL, NULL},
	{"oci://b@ns/x ", NULL, "oci", "b@ns", "/x ", "b", "ns"},
	{"\001\037 oci://b@NS/o\011", NULL, "oci", "b@NS", "/o", "b", "ns"},
	{"oci:", NULL, "oci", "", "", NULL, NULL},
	{"oci:/x", NULL, "oci", "", "/x", NULL, NULL},
	{"1oci://b@ns/x", NULL, "", "", "1oci://b@ns/x", NULL, NULL},
	{"o_ci://b@ns/x", NULL, "", "", "o_ci://b@ns/x", NULL, NULL},
	{"a+b-c.d://U@H/p", NULL, "a+b-c.d", "U@H", "/p", "U", "h"},
	{"oci://b@ns\077x/y", NULL, "oci", "b@ns", "", "b", "ns"},
	{"oci://b@ns#frag/y", NULL, "oci", "b@ns", "", "b", "ns"},
	{"oci://a@b@ns/x", NULL, "oci", "a@b@ns", "/x", "a@b", "ns"},
	{"oci://u:p:q@ns/x", NULL, "oci", "u:p:q@ns", "/x", "u", "ns"},
	{"oci://b@[fe80::1%eTh0]:443/x", NULL, "oci", "b@[fe80::1%eTh0]:443", "/x", "b",
	 "fe80::1%eTh0"},
	{"oci://b@[v1.abc]/x", NULL, "oci", "b@[v1.abc]", "/x", "b", "v1.abc"},
	{"oci://b@[vz.x]/x", "IPvFuture address is invalid", NULL, NULL, NULL, NULL, NULL},
	{"oci://b@[1.2.3.4]/x", "An IPv4 address cannot be in brackets", NULL, NULL, NULL, NULL,
	 NULL},
	{"oci://b@[ns]/x", "'ns' does not appear to be an IPv4 or IPv6 address", NULL, NULL, NULL,
	 NULL, NULL},
	{"oci://b@x[::1]/x", NULL, "oci", "b@x[::1]", "/x", "b", "::1"},
	{"oci://b@ns]/x", "Invalid IPv6 URL", NULL, NULL, NULL, NULL, NULL},
	{"oci://b@[::1]x/x", NULL, "oci", "b@[::1]x", "/x", "b", "::1"},
	{"oci://b@[::ffff:1.2.3.4]/x", NULL, "oci", "b@[::ffff:1.2.3.4]", "/x", "b",
	 "::ffff:1.2.3.4"},
	{"oci://b@[1:2:3:4:5:6:7:8]/", NULL, "oci", "b@[1:2:3:4:5:6:7:8]", "/", "b",
	 "1:2:3:4:5:6:7:8"},
	{"oci://b@[1:2:3:4:5:6:7:8:9]/",
	 "'1:2:3:4:5:6:7:8:9' does not appear to be an IPv4 or IPv6 address", NULL, NULL, NULL,
	 NULL, NULL},
	{"oci://b@[1::2::3]/", "'1::2::3' does not appear to be an IPv4 or IPv6 address", NULL,
	 NULL, NULL, NULL, NULL},
	{"oci://b@[::]/", NULL, "oci", "b@[::]", "/", "b", "::"},
	{"oci://b@[:1]/", "':1' does not appear to be an IPv4 or IPv6 address", NULL, NULL, NULL,
	 NULL, NULL},
	{"oci://b@[12345::]/", "'12345::' does not appear to be an IPv4 or IPv6 address", NULL,
	 NULL, NULL, NULL, NULL},
	{"oci://b@[::1%]/", "'::1%' does not appear to be an IPv4 or IPv6 address", NULL, NULL,
	 NULL, NULL, NULL},
	{"oci://]x[@ns/o", "'@ns' does not appear to be an IPv4 or IPv6 address", NULL, NULL, NULL,
	 NULL, NULL},
	{"oci://b@n\357\274\217s/x",
	 "netloc 'b@n\357\274\217s' contains invalid characters under NFKC normalization", NULL,
	 NULL, NULL, NULL, NULL},
	{"oci://b@n\303\251s/x", NULL, "oci", "b@n\303\251s", "/x", "b", "n\303\251s"},
	{"oci://b\342\204\200@ns/x",
	 "netloc 'b\342\204\200@ns' contains invalid characters under NFKC normalization", NULL,
	 NULL, NULL, NULL, NULL},
	{"oci://\303\211@NS/x", NULL, "oci", "\303\211@NS", "/x", "\303\211", "ns"},
	{"//b@ns/x", NULL, "", "b@ns", "/x", "b", "ns"},
	{"oci:///x", NULL, "oci", "", "/x", NULL, NULL},
	{"oci://b@ns:/x", NULL, "oci", "b@ns:", "/x", "b", "ns"},
	{"oci://b@:80/x", NULL, "oci", "b@:80", "/x", "b", NULL},
	{"", NULL, "", "", "", NULL, NULL},
	{"   ", NULL, "", "", "", NULL, NULL},
	{"oci://[::1]@ns/x", NULL, "oci", "[::1]@ns", "/x", "[", "ns"},
	{"oci://[x@b]@ns/x", "'x@b' does not appear to be an IPv4 or IPv6 address", NULL, NULL,
	 NULL, NULL, NULL},
	{"oci://b@[::1]:80/x", NULL, "oci", "b@[::1]:80", "/x", "b", "::1"},
	{"oci://b@[v1.x/y]/z", "Invalid IPv6 URL", NULL, NULL, NULL, NULL, NULL},
};

static void check_str(struct str got, const char *want)
{
	assert_non_null(got.ptr);
	assert_int_equal(got.len, strlen(want));
	assert_memory_equal(got.ptr, want, got.len);
	assert_int_equal(got.ptr[got.len], '\0');
}

static void test_urlparse_python_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(url_cases) / sizeof(url_cases[0]); i++) {
		const struct url_case *c = &url_cases[i];
		struct arena a;
		arena_init(&a, 0);
		struct py_url u;
		const char *err = NULL;
		int rc = py_urlparse(&a, c->in, strlen(c->in), &u, &err);
		if (c->err) {
			assert_int_equal(rc, -1);
			assert_string_equal(err, c->err);
		} else {
			assert_int_equal(rc, 0);
			assert_null(err);
			check_str(u.scheme, c->scheme);
			check_str(u.netloc, c->netloc);
			check_str(u.path, c->path);
			assert_int_equal(u.has_username, c->username != NULL);
			if (c->username)
				check_str(u.username, c->username);
			assert_int_equal(u.has_hostname, c->hostname != NULL);
			if (c->hostname)
				check_str(u.hostname, c->hostname);
		}
		arena_free(&a);
	}
}

static void test_urlparse_not_nul_terminated(void **state)
{
	(void)state;
	/* only the given length counts */
	const char text[] = "oci://b@ns/objXXXX";
	struct arena a;
	arena_init(&a, 0);
	struct py_url u;
	const char *err = NULL;
	assert_int_equal(py_urlparse(&a, text, 14, &u, &err), 0);
	check_str(u.path, "/obj");
	assert_int_equal(py_urlparse(&a, text, 0, &u, &err), 0);
	check_str(u.path, "");
	assert_false(u.has_hostname);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_urlparse_python_cases),
		cmocka_unit_test(test_urlparse_not_nul_terminated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

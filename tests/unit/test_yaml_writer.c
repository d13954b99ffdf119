#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "doc/yaml_reader.h"
#include "doc/yaml_writer.h"

static void round_trip(const struct node *tree)
{
	struct buf out;
	buf_init(&out, 0);
	assert_int_equal(yaml_write(&out, tree), 0);
	struct arena a;
	arena_init(&a, 0);
	struct dsj_error err;
	memset(&err, 0, sizeof(err));
	struct node *back;
	int rc = yaml_read(&back, out.data, out.len, &a, NULL, &err);
	if (rc)
		fail_msg("cannot read back:\n%s\n%s", buf_cstr(&out), err.message);
	if (!node_equal(tree, back, true))
		fail_msg("different after round trip:\n%s", buf_cstr(&out));
	arena_free(&a);
	buf_free(&out);
}

static const char *const tricky[] = {
	"yes",
	"No",
	"ON",
	"y",
	"010",
	"0o10",
	"08",
	"0x1F",
	"1:30",
	"-1:30",
	"1_000",
	"",
	"~",
	"null",
	"NULL",
	"1e3",
	"1.5e+3",
	".5",
	".nan",
	".inf",
	"-.inf",
	"2001-12-14",
	"2001-12-14 21:59:43",
	" lead",
	"trail ",
	"a: b",
	"- x",
	"#c",
	"x #c",
	"multi\nline",
	"trailing newline\n",
	"\n",
	"caf\xc3\xa9 \xe2\x82\xac",
	"\x01",
	"tab\there",
	"'quoted'",
	"\"dq\"",
	"<<",
	"=",
	"!tag",
	"&anchor",
	"*alias",
	"[flow]",
	"{flow}",
	"%percent",
	"@at",
	"`tick",
	"?",
	":",
	"-",
	"---",
	"...",
	"a,b",
	"12345678901234567890123",
	"\xc2\x85nel",
	"\xe2\x80\xa8ls",
	"nul\0byte",
	"back\\slash",
	"very long line that goes past the eighty "
	"column default width of the libyaml emitter so that folding would happen if the width "
	"was not raised, which it is"};

static void test_string_round_trip(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct node *map = node_new(&a, NODE_MAP, 0, 0);
	struct node *seq = node_new(&a, NODE_SEQ, 0, 0);
	for (size_t i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++) {
		size_t len = strcmp(tricky[i], "nul") == 0 ? 8 : strlen(tricky[i]);
		struct node *s = node_new_str(&a, tricky[i], len);
		round_trip(s);
		assert_int_equal(seq_push(&a, seq, s), 0);
		assert_int_equal(map_push(&a, map, s, s), 0);
	}
	round_trip(seq);
	round_trip(map);
	arena_free(&a);
}

static void write_expect(const struct node *n, const char *want)
{
	struct buf out;
	buf_init(&out, 0);
	assert_int_equal(yaml_write(&out, n), 0);
	assert_string_equal(buf_cstr(&out), want);
	buf_free(&out);
}

static void test_scalars(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct node *seq = node_new(&a, NODE_SEQ, 0, 0);
	const double floats[] = {1e-05, 1500.0, 0.1, -2.5, 1e16, 5e-324, INFINITY, -INFINITY, NAN};
	for (size_t i = 0; i < sizeof(floats) / sizeof(floats[0]); i++)
		seq_push(&a, seq, node_new_float(&a, floats[i]));
	seq_push(&a, seq, node_new(&a, NODE_NULL, 0, 0));
	seq_push(&a, seq, node_new_bool(&a, true));
	seq_push(&a, seq, node_new_int(&a, -90));
	seq_push(&a, seq, node_new_int_text(&a, "123456789012345678901234567890", 30));
	write_expect(seq, "- 1.0e-05\n- 1500.0\n- 0.1\n- -2.5\n- 1.0e+16\n- 5.0e-324\n- .inf\n"
			  "- -.inf\n- .nan\n- null\n- true\n- -90\n"
			  "- 123456789012345678901234567890\n");
	round_trip(seq);

	struct node *times = node_new(&a, NODE_SEQ, 0, 0);
	struct node *d = node_new(&a, NODE_DATE, 0, 0);
	d->u.time = (struct node_time){.year = 2001, .month = 12, .day = 14};
	seq_push(&a, times, d);
	struct node *dt = node_new(&a, NODE_DATETIME, 0, 0);
	dt->u.time = (struct node_time){2001, 12, 14, 21, 59, 43, 100000, true, -300};
	seq_push(&a, times, dt);
	struct node *utc = node_new(&a, NODE_DATETIME, 0, 0);
	utc->u.time = (struct node_time){2001, 12, 14, 21, 59, 43, 0, true, 0};
	seq_push(&a, times, utc);
	struct node *naive = node_new(&a, NODE_DATETIME, 0, 0);
	naive->u.time = (struct node_time){2001, 1, 2, 3, 4, 5, 6, false, 0};
	seq_push(&a, times, naive);
	write_expect(times, "- 2001-12-14\n- 2001-12-14T21:59:43.100000-05:00\n"
			    "- 2001-12-14T21:59:43+00:00\n- 2001-01-02T03:04:05.000006\n");
	round_trip(times);
	arena_free(&a);
}

static void test_containers(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct node *root = node_new(&a, NODE_MAP, 0, 0);
	struct node *inner = node_new(&a, NODE_MAP, 0, 0);
	struct node *list = node_new(&a, NODE_SEQ, 0, 0);
	seq_push(&a, list, node_new_cstr(&a, "x"));
	seq_push(&a, list, node_new(&a, NODE_SEQ, 0, 0));
	seq_push(&a, list, node_new(&a, NODE_MAP, 0, 0));
	map_set(&a, inner, "list", list);
	map_set(&a, inner, "n", node_new_int(&a, 1));
	map_set(&a, root, "kind", node_new_cstr(&a, "runtime"));
	map_set(&a, root, "spec", inner);
	map_set(&a, root, "empty", node_new(&a, NODE_SEQ, 0, 0));
	map_push(&a, root, node_new_int(&a, 3), node_new_cstr(&a, "int key"));
	write_expect(root, "kind: runtime\nspec:\n  list:\n  - x\n  - []\n  - {}\n  n: 1\n"
			   "empty: []\n3: int key\n");
	round_trip(root);

	struct node *bin = node_new(&a, NODE_BINARY, 0, 0);
	static const char bytes[] = "binary \0 data that is long enough for two base64 lines "
				    "of output, which needs more than 57 bytes";
	bin->u.str = (struct str){bytes, sizeof(bytes) - 1};
	round_trip(bin);
	bin->u.str = (struct str){"", 0};
	round_trip(bin);
	write_expect(node_new(&a, NODE_MAP, 0, 0), "{}\n");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_string_round_trip),
		cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_containers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

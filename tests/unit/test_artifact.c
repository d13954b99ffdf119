/* The pure parts of artifact building (entry-name safety, archive names, upload
 * names, entry order, the entry time) and dsj_artifact_build as a C caller such
 * as `dsjob apply` uses it: path, upload name, sha256 and size of the file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "artifact/artifact.h"
#include "util/sha256.h"

static void test_unsafe_names(void **state)
{
	(void)state;
	const char *safe[] = {"a", "code/x.py", "./a", "a/./b", "a..b", "..a/b", "a/b..", "dir/"};
	const char *unsafe[] = {"", "/etc/passwd", "..", "../x", "a/../b", "a/..", "a//../b"};
	for (size_t i = 0; i < sizeof(safe) / sizeof(safe[0]); i++)
		assert_null(art_unsafe_name(safe[i]));
	for (size_t i = 0; i < sizeof(unsafe) / sizeof(unsafe[0]); i++)
		assert_non_null(art_unsafe_name(unsafe[i]));
}

static void test_archive_names(void **state)
{
	(void)state;
	assert_true(art_is_archive_name("a.zip"));
	assert_true(art_is_archive_name("a.tar.gz"));
	assert_true(art_is_archive_name("a.tgz"));
	assert_true(art_is_archive_name("a.tar"));
	assert_false(art_is_archive_name("a.gz"));
	assert_false(art_is_archive_name("a.py"));
	assert_false(art_is_archive_name("zip"));
}

static const char *upload(struct arena *a, const char *type, enum art_source_kind kind,
			  const char *base)
{
	struct art_source src = {kind, base, base};
	return art_upload_name(a, art_layout_find(type), &src);
}

static void test_upload_names(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	assert_string_equal(upload(&a, "PythonArtifact", ART_SRC_FILE, "my.job.py"), "my.zip");
	assert_string_equal(upload(&a, "PythonArtifact", ART_SRC_ARCHIVE, "code.tar.gz"),
			    "code.zip");
	assert_string_equal(upload(&a, "PythonArtifact", ART_SRC_NONE, NULL), "artifact.zip");
	assert_string_equal(upload(&a, "NotebookArtifact", ART_SRC_DIR, "nbs"), "nbs.zip");
	assert_string_equal(upload(&a, "PyTorchDistributedArtifact", ART_SRC_NONE, NULL),
			    "artifact.zip");
	assert_string_equal(upload(&a, "GitPythonArtifact", ART_SRC_NONE, NULL), "ads_driver.zip");
	assert_string_equal(upload(&a, "ScriptArtifact", ART_SRC_FILE, "run.v2.sh"), "run.v2.sh");
	assert_string_equal(upload(&a, "ScriptArtifact", ART_SRC_DIR, "my.tools"), "my.tools.zip");
	assert_string_equal(upload(&a, "path", ART_SRC_NONE, NULL), "container.py");
	assert_null(art_layout_find("DataFlowArtifact"));
	arena_free(&a);
}

/* Folders sort as "name/": "a-b" (0x2d) before "a/" (0x2f) before "a0" (0x30). */
static void test_entry_order(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct art_tree t;
	art_tree_init(&t, &a);
	assert_int_equal(art_tree_add_file(&t, "a0", NULL, NULL, 0, false), 0);
	assert_int_equal(art_tree_add_file(&t, "a/z", NULL, NULL, 0, false), 0);
	assert_int_equal(art_tree_add_file(&t, "a-b", NULL, NULL, 0, false), 0);
	assert_int_equal(art_tree_add_file(&t, "a/c/d", NULL, NULL, 0, true), 0);
	assert_int_equal(art_tree_add_dir(&t, "a"), 0);
	art_tree_finish(&t);
	const char *want[] = {"a-b", "a/", "a/c/", "a/c/d", "a/z", "a0"};
	assert_int_equal(t.count, 6);
	for (size_t i = 0; i < t.count; i++)
		assert_string_equal(art_entry_label(&t, &t.items[i]), want[i]);
	assert_int_equal(art_tree_find(&t, "a/c/d")->mode, 0755);
	assert_int_equal(art_tree_find(&t, "a/z")->mode, 0644);
	arena_free(&a);
}

static void test_entry_time(void **state)
{
	(void)state;
	unsetenv("SOURCE_DATE_EPOCH");
	assert_int_equal(art_resolve_mtime(-1), 315532800LL);
	assert_int_equal(art_resolve_mtime(1700000000LL), 1700000000LL);
	assert_int_equal(art_resolve_mtime(5), 315532800LL); /* before 1980: the zip epoch */
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	assert_int_equal(art_resolve_mtime(-1), 1700000000LL);
	setenv("SOURCE_DATE_EPOCH", "17x", 1);
	assert_int_equal(art_resolve_mtime(-1), 315532800LL);
	setenv("SOURCE_DATE_EPOCH", "99999999999999999999999", 1);
	assert_int_equal(art_resolve_mtime(-1), 4354819198LL); /* the last DOS time */
	unsetenv("SOURCE_DATE_EPOCH");
}

static void sha256_of_file(const char *path, char hex[65])
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct sha256 h;
	sha256_begin(&h);
	char block[4096];
	size_t n;
	while ((n = fread(block, 1, sizeof(block), f)) > 0)
		sha256_add(&h, block, n);
	fclose(f);
	sha256_final_hex(&h, hex);
}

/* dsj_artifact_build from C: a python runtime over a one-file source. */
static void test_build_from_c(void **state)
{
	(void)state;
	char dir[] = "/tmp/dsjob-test-artifact.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char src[64];
	snprintf(src, sizeof(src), "%s/train.py", dir);
	FILE *f = fopen(src, "w");
	assert_non_null(f);
	fputs("print('hi')\n", f);
	fclose(f);
	const char yaml[] = "kind: runtime\ntype: python\nspec:\n  scriptPathURI: train.py\n";
	struct dsj_options conv = DSJ_OPTIONS_INIT;
	conv.cwd = dir;
	struct dsj_artifact_options o = DSJ_ARTIFACT_OPTIONS_INIT;
	o.convert = &conv;
	o.out_dir = dir;
	struct dsj_artifact *art = NULL;
	struct dsj_error err;
	assert_int_equal(dsj_artifact_build(&art, yaml, sizeof(yaml) - 1, &o, &err), 0);
	assert_string_equal(art->upload_name, "train.zip");
	char want_path[80], hex[65];
	snprintf(want_path, sizeof(want_path), "%s/train.zip", dir);
	assert_string_equal(art->path, want_path);
	struct stat st;
	assert_int_equal(stat(art->path, &st), 0);
	assert_int_equal(art->size, (unsigned long long)st.st_size);
	sha256_of_file(art->path, hex);
	assert_string_equal(art->sha256, hex);
	assert_int_equal(art->entry_count, 5);
	assert_string_equal(art->entries[0], "code/");
	assert_string_equal(art->entries[1], "code/train.py");
	assert_int_equal(art->as_is, 0);
	char *json = NULL;
	size_t json_len = 0;
	assert_int_equal(dsj_artifact_to_json(&json, &json_len, art), 0);
	assert_non_null(strstr(json, "\"uploadName\": \"train.zip\""));
	dsj_free(json);
	unlink(art->path);
	dsj_artifact_free(art);
	unlink(src);
	rmdir(dir);
}

/* ADS 2.15 container without scriptPathURI: success, nothing to upload. */
static void test_no_artifact(void **state)
{
	(void)state;
	const char yaml[] = "kind: runtime\ntype: container\nspec:\n  image: img:1\n";
	struct dsj_options conv = DSJ_OPTIONS_INIT;
	conv.ads = DSJ_ADS_2_15;
	struct dsj_artifact_options o = DSJ_ARTIFACT_OPTIONS_INIT;
	o.convert = &conv;
	o.out_dir = "/nonexistent/never/made";
	struct dsj_artifact *art = NULL;
	struct dsj_error err;
	assert_int_equal(dsj_artifact_build(&art, yaml, sizeof(yaml) - 1, &o, &err), 0);
	assert_null(art->upload_name);
	assert_null(art->path);
	assert_int_equal(art->entry_count, 0);
	dsj_artifact_free(art);
	conv.ads = DSJ_ADS_2_8; /* 2.8 uploads its placeholder */
	o.list_only = 1;
	assert_int_equal(dsj_artifact_build(&art, yaml, sizeof(yaml) - 1, &o, &err), 0);
	assert_string_equal(art->upload_name, "container.py");
	assert_int_equal(art->as_is, 1);
	dsj_artifact_free(art);
}

struct fake_store {
	const char *want_uri;
	char dest[512];
	int calls;
	int fail;
};

/* A dsj_fetch_fn: writes one small file, or fails as a client would. */
static int fake_fetch(void *ctx, const char *uri, const char *dest, struct dsj_error *err)
{
	struct fake_store *s = ctx;
	s->calls++;
	assert_string_equal(uri, s->want_uri);
	snprintf(s->dest, sizeof(s->dest), "%s", dest);
	struct stat st;
	assert_int_not_equal(stat(dest, &st), 0); /* dest does not exist yet */
	if (s->fail) {
		snprintf(err->message, sizeof(err->message), "HTTP 403 NotAllowed");
		err->code = -21;
		return -21;
	}
	FILE *f = fopen(dest, "w");
	assert_non_null(f);
	fputs("print('remote')\n", f);
	return fclose(f);
}

static void test_remote_source(void **state)
{
	(void)state;
	char dir[] = "/tmp/dsjob-test-remote.XXXXXX";
	assert_non_null(mkdtemp(dir));
	const char yaml[] = "kind: runtime\ntype: python\nspec:\n  scriptPathURI: "
			    "s3://bucket/jobs/train.v2.py\n";
	struct fake_store store = {"s3://bucket/jobs/train.v2.py", "", 0, 0};
	struct dsj_artifact_options o = DSJ_ARTIFACT_OPTIONS_INIT;
	o.out_dir = dir;
	o.fetch = fake_fetch;
	o.fetch_ctx = &store;
	struct dsj_artifact *art = NULL;
	struct dsj_error err;
	assert_int_equal(dsj_artifact_build(&art, yaml, sizeof(yaml) - 1, &o, &err), 0);
	assert_int_equal(store.calls, 1);
	assert_non_null(strstr(store.dest, "/train.v2.py"));
	assert_string_equal(art->upload_name, "train.zip");
	assert_string_equal(art->entries[1], "code/train.v2.py");
	struct stat st;
	assert_int_not_equal(stat(store.dest, &st), 0); /* the fetched copy is gone */
	unlink(art->path);
	dsj_artifact_free(art);
	art = NULL;

	store.fail = 1;
	assert_int_equal(dsj_artifact_build(&art, yaml, sizeof(yaml) - 1, &o, &err), DSJ_EINPUT);
	assert_null(art);
	assert_int_equal(err.line, 4);
	assert_non_null(strstr(err.message, "cannot read 's3://bucket/jobs/train.v2.py': HTTP 403"));

	/* a caller built for version 1 has no fetch: its smaller struct is read as it
	 * is (ASan sees a read past it) and remote sources are refused */
	size_t v1_size = offsetof(struct dsj_artifact_options, fetch);
	unsigned char *v1 = malloc(v1_size);
	assert_non_null(v1);
	assert_int_equal(dsj_artifact_options_init((void *)v1, 1), 0);
	unsigned version = 0;
	const char *out_dir = dir;
	memcpy(&version, v1 + offsetof(struct dsj_artifact_options, version), sizeof(version));
	assert_int_equal(version, 1);
	memcpy(v1 + offsetof(struct dsj_artifact_options, out_dir), &out_dir, sizeof(out_dir));
	assert_int_equal(dsj_artifact_build(&art, yaml, sizeof(yaml) - 1, (void *)v1, &err),
			 DSJ_EINPUT);
	assert_non_null(strstr(err.message, "remote source 's3://bucket/jobs/train.v2.py'"));
	free(v1);
	assert_int_equal(rmdir(dir), 0);
}

static void test_bad_calls(void **state)
{
	(void)state;
	struct dsj_artifact *art = NULL;
	struct dsj_error err;
	struct dsj_artifact_options o = DSJ_ARTIFACT_OPTIONS_INIT;
	o.version = 99;
	assert_int_equal(dsj_artifact_build(&art, "a: 1", 4, &o, &err), DSJ_EUSAGE);
	assert_null(art);
	assert_int_equal(dsj_artifact_build(NULL, "a: 1", 4, NULL, &err), DSJ_EUSAGE);
	assert_int_equal(dsj_artifact_options_init(&o, DSJ_ARTIFACT_OPTIONS_VERSION + 1), DSJ_EUSAGE);
	assert_int_equal(dsj_artifact_options_init(&o, 0), DSJ_EUSAGE);
	assert_int_equal(dsj_artifact_options_init(&o, DSJ_ARTIFACT_OPTIONS_VERSION), 0);
	assert_int_equal(o.mtime, -1);
	struct dsj_local_options lo;
	assert_int_equal(dsj_local_options_init(&lo, DSJ_LOCAL_OPTIONS_VERSION), 0);
	assert_int_equal(dsj_local_options_init(NULL, DSJ_LOCAL_OPTIONS_VERSION), DSJ_EUSAGE);
	int status = -1;
	lo.version = 0;
	assert_int_equal(dsj_local_run(&status, NULL, "a: 1", 4, &lo, &err), DSJ_EUSAGE);
	dsj_artifact_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unsafe_names), cmocka_unit_test(test_archive_names),
		cmocka_unit_test(test_upload_names), cmocka_unit_test(test_entry_order),
		cmocka_unit_test(test_entry_time),   cmocka_unit_test(test_build_from_c),
		cmocka_unit_test(test_no_artifact),  cmocka_unit_test(test_bad_calls),
		cmocka_unit_test(test_remote_source),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

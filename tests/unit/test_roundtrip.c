/* Laws between the two directions, on generated runtimes of every type:
 *   translate(extract(translate(r))) == translate(r)   (payload, artifact aside)
 *   extract(translate(extract(j))) == extract(j)
 * and extraction's priority order on jobs that several handlers could take. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "dsjob.h"
#include "doc/json.h"
#include "test_rng.h"

static const char *pick(const char *const *items, size_t n)
{
	return items[test_rng_below((uint32_t)n)];
}
#define PICK(a) pick(a, sizeof(a) / sizeof(a[0]))

/* YAML single-quoted scalar: any text, ' doubled. */
static void yq(struct buf *b, const char *s)
{
	buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_putc(b, '\'');
		buf_putc(b, *s);
	}
	buf_putc(b, '\'');
}

static const char *const words[] = {
	"alpha",      "data/train.csv",
	"--epochs",   "5",
	"with space", "quote'd",
	"dq\"x",      "ünïcödé",
	"日本語",     "a,b",
	"#hash",      "back\\slash",
	"",	      "-1",
	"yes",	      "010",
	"1:30",	      "~",
	"null",	      "tab\there",
	"x=y",	      "😀",
};
static const char *const env_names[] = {"DATA_DIR",    "EPOCHS", "LOG_LEVEL", "Mixed.Case",
					"_UNDERSCORE", "ÜNÏ",	 "A-B",	      "KEY1"};
static const char *const paths[] = {"train.py", "src/main.py", "oci://b@ns/p/run.py",
				    "dir.with.dots/run.py", "pkg/job.sh"};

static void gen_common(struct buf *b)
{
	if (test_rng_below(2)) {
		buf_puts(b, "  env:\n");
		int n = 1 + (int)test_rng_below(4);
		for (int i = 0; i < n; i++) {
			buf_printf(b, "    - name: '%s%d'\n      value: ", PICK(env_names), i);
			yq(b, PICK(words));
			buf_putc(b, '\n');
		}
	}
	if (test_rng_below(2)) {
		buf_puts(b, "  args:\n");
		int n = 1 + (int)test_rng_below(5);
		for (int i = 0; i < n; i++) {
			buf_puts(b, "    - ");
			yq(b, PICK(words));
			buf_putc(b, '\n');
		}
	}
	if (test_rng_below(3) == 0)
		buf_printf(b, "  maximumRuntimeInMinutes: %u\n", 1 + test_rng_below(1000));
	if (test_rng_below(3) == 0)
		buf_puts(b, "  freeformTags:\n    team: ml\n    'with space': 'v 1'\n");
	if (test_rng_below(3) == 0)
		buf_puts(b, "  definedTags:\n    Operations:\n      CostCenter: '42'\n");
}

static void gen_conda(struct buf *b, bool required)
{
	uint32_t c = test_rng_below(required ? 2 : 3);
	if (c == 0)
		buf_puts(b, "  conda:\n    type: service\n    slug: pytorch110_p38_cpu_v1\n");
	else if (c == 1)
		buf_puts(b, "  conda:\n    type: published\n    uri: oci://packs@ns/conda/pack_v1\n"
			    "    region: us-ashburn-1\n");
}

static const char *gen_runtime(struct buf *b)
{
	static const char *const types[] = {"script",	 "python",    "notebook",
					    "gitPython", "container", "pyTorchDistributed"};
	const char *type = PICK(types);
	buf_printf(b, "kind: runtime\ntype: %s\nspec:\n", type);
	gen_common(b);
	if (strcmp(type, "container") == 0) {
		buf_puts(b, "  image: iad.ocir.io/ns/img:1.0\n");
		if (test_rng_below(2))
			buf_puts(b, "  entrypoint: [/bin/sh, -c]\n");
		if (test_rng_below(2))
			buf_puts(b, "  cmd: ['echo hello', 'x']\n");
		return type;
	}
	gen_conda(b, strcmp(type, "gitPython") == 0);
	if (strcmp(type, "notebook") == 0) {
		if (test_rng_below(2))
			buf_puts(b, "  notebookPathURI: nb/x.ipynb\n");
		else
			buf_puts(b, "  source: src\n  entrypoint: sub/nb.ipynb\n");
		if (test_rng_below(2))
			buf_puts(b, "  excludeTags: [ignore, remove]\n");
		if (test_rng_below(2))
			buf_puts(b, "  outputUri: oci://b@ns/out\n  notebookEncoding: latin-1\n");
		return type;
	}
	if (strcmp(type, "gitPython") == 0) {
		buf_puts(b, "  url: https://github.com/org/repo.git\n  entrypoint: src/main.py\n");
		if (test_rng_below(2))
			buf_puts(b,
				 "  branch: main\n  commit: abc123\n  gitSecretId: ocid1.secret\n");
		if (test_rng_below(2))
			buf_puts(b, "  skipMetadataUpdate: true\n");
	} else {
		buf_printf(b, "  scriptPathURI: %s\n", PICK(paths));
		if (strcmp(type, "script") == 0 && test_rng_below(2))
			buf_puts(b, "  entrypoint: pkg/run.sh\n");
	}
	if (strcmp(type, "script") != 0) {
		if (test_rng_below(2))
			buf_puts(b, "  entrypoint: src/main.py\n  entryFunction: run\n");
		if (test_rng_below(2))
			buf_puts(b, "  pythonPath: [lib, other/pkg]\n  workingDir: src\n");
		if (test_rng_below(2))
			buf_puts(b, "  outputDir: out\n  outputUri: oci://b@ns/out\n");
	}
	if (strcmp(type, "pyTorchDistributed") == 0) {
		buf_printf(b, "  replicas: %u\n", 1 + test_rng_below(8));
		if (test_rng_below(2))
			buf_puts(b, "  git:\n    url: https://github.com/org/repo.git\n    branch: "
				    "dev\n");
		if (test_rng_below(2))
			buf_puts(b, "  inputs:\n    'oci://b@ns/data': /data\n");
		if (test_rng_below(2))
			buf_puts(b, "  dependencies:\n    pipPackages: 'torch numpy'\n"
				    "    pipRequirements: req.txt\n");
		if (test_rng_below(2))
			buf_puts(b, "  command: torchrun train.py\n");
		if (test_rng_below(2))
			buf_puts(b, "  deepspeed: true\n");
	}
	return type;
}

static struct node *parse_json(struct arena *a, const char *text, size_t len)
{
	struct node *n = NULL;
	struct dsj_error err;
	assert_int_equal(json_read(&n, text, len, a, NULL, 0, &err), 0);
	return n;
}

/* The payload as a Job: everything but the artifact. */
static char *payload_as_job(struct arena *a, const char *payload, size_t len, size_t *job_len)
{
	struct node *p = parse_json(a, payload, len);
	map_remove(p, "artifact");
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(json_write(&b, p, 0, NULL), 0);
	return buf_detach(&b, job_len);
}

static void check_one_roundtrip(int i)
{
	struct arena a;
	arena_init(&a, 0);
	struct buf yaml;
	buf_init(&yaml, 0);
	const char *type = gen_runtime(&yaml);
	struct dsj_options opts;
	dsj_options_init(&opts, DSJ_OPTIONS_VERSION);
	opts.output = DSJ_FORMAT_JSON_LINE;
	opts.cwd = "/";
	opts.home = "/home/datascience";
	struct dsj_error err;
	char *p1 = NULL, *p2 = NULL, *rt = NULL, *job = NULL;
	size_t p1_len, p2_len, rt_len, job_len;
	if (dsj_translate(&p1, &p1_len, NULL, yaml.data, yaml.len, &opts, &err)) {
		print_error("case %d (%s): %s: %s\n%s\n", i, type, err.path, err.message,
			    yaml.data);
		fail();
	}
	job = payload_as_job(&a, p1, p1_len, &job_len);
	opts.output = DSJ_FORMAT_YAML;
	opts.artifact = "run.zip";
	assert_int_equal(dsj_extract(&rt, &rt_len, job, job_len, &opts, &err), 0);
	opts.output = DSJ_FORMAT_JSON_LINE;
	if (dsj_translate(&p2, &p2_len, NULL, rt, rt_len, &opts, &err)) {
		print_error("case %d: re-translate failed: %s: %s\n%s\n", i, err.path, err.message,
			    rt);
		fail();
	}
	struct node *x = parse_json(&a, p1, p1_len), *y = parse_json(&a, p2, p2_len);
	map_remove(x, "artifact");
	map_remove(y, "artifact");
	if (!node_equal(x, y, false)) {
		print_error("case %d (%s) differs:\n%s\n--- extract:\n%s\n--- %s\n--- %s\n", i,
			    type, yaml.data, rt, p1, p2);
		fail();
	}
	/* the runtime YAML names the generated type (or a more specific one it looks like) */
	assert_non_null(strstr(rt, "type: "));
	dsj_free(p1);
	dsj_free(p2);
	dsj_free(rt);
	free(job);
	buf_free(&yaml);
	arena_free(&a);
}

static void test_translate_extract_translate(void **state)
{
	(void)state;
	test_rng_state = 0x9E3779B97F4A7C15u;
	const char *env = getenv("DSJ_PROPERTY_CASES"); /* fewer under valgrind */
	int cases = env ? (int)strtol(env, NULL, 10) : 3000;
	for (int i = 0; i < cases; i++)
		check_one_roundtrip(i);
}

/* extract of JOB (with --artifact ARTIFACT), as JSON; returns the runtime type. */
static const char *extracted_type(struct arena *a, const char *job, const char *artifact,
				  struct node **spec)
{
	struct dsj_options opts;
	dsj_options_init(&opts, DSJ_OPTIONS_VERSION);
	opts.artifact = artifact;
	char *out = NULL;
	size_t len;
	struct dsj_error err;
	assert_int_equal(dsj_extract(&out, &len, job, strlen(job), &opts, &err), 0);
	struct node *rt = parse_json(a, out, len);
	dsj_free(out);
	*spec = map_get(rt, "spec");
	return map_get(rt, "type")->u.str.ptr;
}

static void test_extraction_priority(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct node *spec;
	/* notebook variables win over python's */
	assert_string_equal(
		extracted_type(&a,
			       "{\"jobConfigurationDetails\": {\"environmentVariables\": "
			       "{\"CODE_ENTRYPOINT\": \"m.py\","
			       " \"JOB_RUN_NOTEBOOK\": \"nb.ipynb\", \"JOB_RUN_ENTRYPOINT\": "
			       "\"driver_notebook.py\"}}}",
			       "x.zip", &spec),
		"notebook");
	/* a gitPython job whose user env has OCI__WORKER_COUNT reads as pyTorchDistributed */
	assert_string_equal(
		extracted_type(&a,
			       "{\"jobConfigurationDetails\": {\"environmentVariables\": "
			       "{\"GIT_URL\": \"u\","
			       " \"GIT_ENTRYPOINT\": \"m.py\", \"OCI__WORKER_COUNT\": \"2\"}}}",
			       "x.zip", &spec),
		"pyTorchDistributed");
	assert_string_equal(map_get(spec, "replicas")->u.integer.text.ptr, "3");
	/* a container image beats everything */
	assert_string_equal(
		extracted_type(&a,
			       "{\"jobConfigurationDetails\": {\"environmentVariables\": "
			       "{\"CONTAINER_CUSTOM_IMAGE\": \"i\","
			       " \"OCI__WORKER_COUNT\": \"1\", \"CODE_ENTRYPOINT\": \"m.py\"}}}",
			       NULL, &spec),
		"container");
	/* only unknown variables: script, which keeps them all */
	assert_string_equal(
		extracted_type(&a,
			       "{\"jobConfigurationDetails\": {\"environmentVariables\": {\"A\": "
			       "\"1\", \"B\": \"2\"}}}",
			       "run.sh", &spec),
		"script");
	assert_int_equal(map_get(spec, "env")->u.seq.count, 2);
	assert_string_equal(map_get(spec, "scriptPathURI")->u.str.ptr, "run.sh");
	/* python: scriptPathURI is the artifact name without its extension */
	assert_string_equal(
		extracted_type(&a,
			       "{\"data\": {\"jobConfigurationDetails\": "
			       "{\"environmentVariables\": {\"CODE_ENTRYPOINT\": \"m.py\"}}}}",
			       "archive.tar.gz", &spec),
		"python");
	assert_string_equal(map_get(spec, "scriptPathURI")->u.str.ptr, "archive.tar");
	/* the reference's pyTorchDistributed handler fails on a non-string PYTHON_PATH
	 * before it rejects the job, whatever type the job is */
	const char *bad = "{\"jobConfigurationDetails\": {\"environmentVariables\": "
			  "{\"PYTHON_PATH\": 5, \"A\": \"1\"}}}";
	char *out = NULL;
	size_t len;
	struct dsj_error err;
	assert_int_equal(dsj_extract(&out, &len, bad, strlen(bad), NULL, &err), DSJ_EINPUT);
	assert_string_equal(err.type, "AttributeError");
	assert_null(out);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_translate_extract_translate),
		cmocka_unit_test(test_extraction_priority),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* dsjob throughput benchmark. Builds one seeded in-memory corpus of runtime
 * YAMLs (every type, 200 B - 20 KB) and the OCI Job JSONs made from them, then
 * times, on the same bytes: (a) libyaml's event parse alone (the floor), (b)
 * batch translate, (c) batch extract, (d) YAML -> tree only, (e) JSON write
 * only, and a plain JSON parse of the job JSONs (the extract floor). Then the
 * scaling run: one runtime with N env variables, 200 B to 20 MB.
 *
 * Batch mode is measured as the library's batch session on request lines
 * ((g) translate, (h) extract), and with --cli DSJOB as `DSJOB --jsonl` child
 * processes reading the same requests from a file (wall clock, process start
 * included), next to the floors: libyaml's parse for translate and jansson's
 * json_loadb of the job JSONs for extract (when built with jansson).
 *
 * usage: dsjob-bench [--docs N] [--seed S] [--min-time SECONDS] [--max-scale BYTES]
 *                    [--only corpus|scale] [--cli PATH] */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>
#ifdef DSJ_HAVE_JANSSON
#include <jansson.h>
#endif

#include "doc/json.h"
#include "doc/node.h"
#include "doc/yaml_reader.h"
#include "dsjob.h"
#include "gen.h"
#include "util/arena.h"
#include "util/buf.h"

struct doc {
	char *text;
	size_t len;
};

struct corpus {
	struct doc *yaml, *job;
	struct doc *req_translate, *req_extract; /* batch request lines */
	struct dsj_batch *session;
	struct node **payloads; /* translate's trees, for the JSON-write-only case */
	struct arena payload_arena;
	size_t n, yaml_bytes, job_bytes;
};

static double min_time = 0.5;
static const char *cli_path; /* --cli: a dsjob binary to time in batch mode */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what)
{
	fprintf(stderr, "dsjob-bench: %s\n", what);
	exit(1);
}

static struct dsj_options big_options(enum dsj_format format)
{
	struct dsj_options o;
	dsj_options_init(&o, DSJ_OPTIONS_VERSION);
	o.output = format;
	o.artifact = "train.py";
	o.cwd = "/home/datascience";
	o.home = "/home/datascience";
	o.limits.max_input_bytes = (size_t)256 << 20;
	o.limits.max_scalar_bytes = (size_t)256 << 20;
	o.limits.max_nodes = (size_t)1 << 26;
	o.limits.max_env_vars = (size_t)1 << 24;
	return o;
}

/* ---- the cases: each handles one document, returns nonzero on failure ---- */

typedef int (*case_fn)(const struct corpus *c, size_t i);

static int libyaml_events(const char *text, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int rc = 0;
	if (!yaml_parser_initialize(&p))
		return -1;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev)) {
			rc = -1;
			break;
		}
		int end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&p);
	return rc;
}

static int case_libyaml(const struct corpus *c, size_t i)
{
	return libyaml_events(c->yaml[i].text, c->yaml[i].len);
}

static int case_translate(const struct corpus *c, size_t i)
{
	struct dsj_options o = big_options(DSJ_FORMAT_JSON_LINE);
	char *out;
	size_t len;
	int rc = dsj_translate(&out, &len, NULL, c->yaml[i].text, c->yaml[i].len, &o, NULL);
	dsj_free(out);
	return rc;
}

static int case_yaml_tree(const struct corpus *c, size_t i)
{
	struct arena a;
	struct node *root;
	arena_init(&a, 0);
	int rc = yaml_read(&root, c->yaml[i].text, c->yaml[i].len, &a, NULL, NULL);
	arena_free(&a);
	return rc;
}

static int case_json_write(const struct corpus *c, size_t i)
{
	struct buf b;
	buf_init(&b, 0);
	int rc = json_write(&b, c->payloads[i], 0, NULL);
	buf_free(&b);
	return rc;
}

static int case_json_parse(const struct corpus *c, size_t i)
{
	struct arena a;
	struct node *root;
	arena_init(&a, 0);
	int rc = json_read(&root, c->job[i].text, c->job[i].len, &a, NULL, 0, NULL);
	arena_free(&a);
	return rc;
}

static int case_extract(const struct corpus *c, size_t i)
{
	struct dsj_options o = big_options(DSJ_FORMAT_JSON_LINE);
	char *out;
	size_t len;
	int rc = dsj_extract(&out, &len, c->job[i].text, c->job[i].len, &o, NULL);
	dsj_free(out);
	return rc;
}

static int case_extract_yaml(const struct corpus *c, size_t i)
{
	struct dsj_options o = big_options(DSJ_FORMAT_YAML);
	char *out;
	size_t len;
	int rc = dsj_extract(&out, &len, c->job[i].text, c->job[i].len, &o, NULL);
	dsj_free(out);
	return rc;
}

static int batch_case(const struct corpus *c, const struct doc *d)
{
	const char *out;
	size_t len;
	if (dsj_batch_next(c->session, &out, &len, d->text, d->len))
		return -1;
	return len > 10 && memcmp(out, "{\"error\"", 9) == 0 ? -1 : 0;
}

static int case_batch_translate(const struct corpus *c, size_t i)
{
	return batch_case(c, &c->req_translate[i]);
}

static int case_batch_extract(const struct corpus *c, size_t i)
{
	return batch_case(c, &c->req_extract[i]);
}

#ifdef DSJ_HAVE_JANSSON
static int case_jansson(const struct corpus *c, size_t i)
{
	json_error_t e;
	json_t *j = json_loadb(c->job[i].text, c->job[i].len, 0, &e);
	json_decref(j);
	return j ? 0 : -1;
}
#endif

/* A batch request line {"op": op, "input": text, "artifact": "train.py"}. */
static void request_line(struct doc *out, const char *op, const struct doc *in)
{
	struct arena a;
	arena_init(&a, 0);
	struct node *req = node_new(&a, NODE_MAP, 0, 0);
	struct buf b;
	buf_init(&b, 0);
	if (!req || map_set(&a, req, "op", node_new_cstr(&a, op)) ||
	    map_set(&a, req, "input", node_new_str(&a, in->text, in->len)) ||
	    map_set(&a, req, "artifact", node_new_cstr(&a, "train.py")) ||
	    json_write(&b, req, 0, NULL) || b.failed)
		die("request line");
	out->len = b.len;
	out->text = buf_detach(&b, NULL);
	arena_free(&a);
}

/* Best of three rounds, each at least min_time/3 long: documents per second. */
static double measure(const struct corpus *c, case_fn fn)
{
	double best = 0;
	for (int round = 0; round < 3; round++) {
		size_t docs = 0;
		double start = now(), elapsed;
		do {
			for (size_t i = 0; i < c->n; i++)
				if (fn(c, i))
					die("a corpus document failed");
			docs += c->n;
			elapsed = now() - start;
		} while (elapsed < min_time / 3);
		double rate = (double)docs / elapsed;
		if (rate > best)
			best = rate;
	}
	return best;
}

static void build_corpus(struct corpus *c, size_t n, uint64_t seed)
{
	struct gen_rng r;
	gen_seed(&r, seed);
	memset(c, 0, sizeof(*c));
	c->n = n;
	c->yaml = calloc(n, sizeof(*c->yaml));
	c->job = calloc(n, sizeof(*c->job));
	c->payloads = calloc(n, sizeof(*c->payloads));
	c->req_translate = calloc(n, sizeof(*c->req_translate));
	c->req_extract = calloc(n, sizeof(*c->req_extract));
	if (!c->yaml || !c->job || !c->payloads || !c->req_translate || !c->req_extract)
		die("out of memory");
	arena_init(&c->payload_arena, 0);
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++) {
		gen_runtime_yaml(&b, &r, (enum gen_type)(i % GEN_NTYPES), gen_size(&r, 200, 20000));
		if (b.failed)
			die("out of memory");
		c->yaml[i].len = b.len;
		c->yaml[i].text = buf_detach(&b, NULL);
		c->yaml_bytes += c->yaml[i].len;
		struct dsj_options o = big_options(DSJ_FORMAT_JSON_LINE);
		struct dsj_error err;
		char *payload;
		size_t plen;
		if (dsj_translate(&payload, &plen, NULL, c->yaml[i].text, c->yaml[i].len, &o,
				  &err)) {
			fprintf(stderr, "document %zu (%s): %s: %s\n%s\n", i,
				gen_type_name((enum gen_type)(i % GEN_NTYPES)), err.path,
				err.message, c->yaml[i].text);
			die("the generator made a document that does not translate");
		}
		if (json_read(&c->payloads[i], payload, plen, &c->payload_arena, NULL, 0, NULL))
			die("payload does not parse");
		buf_init(&b, 0);
		if (gen_job_json(&b, &r, payload, plen))
			die("job JSON");
		dsj_free(payload);
		c->job[i].len = b.len;
		c->job[i].text = buf_detach(&b, NULL);
		c->job_bytes += c->job[i].len;
		buf_init(&b, 0);
		if (case_extract(c, i))
			die("a generated job does not extract");
		request_line(&c->req_translate[i], "translate", &c->yaml[i]);
		request_line(&c->req_extract[i], "extract", &c->job[i]);
	}
	buf_free(&b);
	struct dsj_options o = big_options(DSJ_FORMAT_JSON_LINE);
	if (dsj_batch_new(&c->session, &o))
		die("out of memory");
}

/* A file holding the request lines `copies` times. */
static char *requests_file(const struct doc *reqs, size_t n, size_t copies)
{
	char *path = strdup("/tmp/dsjob-bench-XXXXXX");
	int fd = path ? mkstemp(path) : -1;
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!f)
		die("cannot write a temporary requests file");
	for (size_t k = 0; k < copies; k++)
		for (size_t i = 0; i < n; i++)
			if (fwrite(reqs[i].text, 1, reqs[i].len, f) != reqs[i].len ||
			    fputc('\n', f) == EOF)
				die("writing the requests file");
	if (fclose(f))
		die("writing the requests file");
	return path;
}

/* Wall seconds of one `cli --jsonl <path >/dev/null`. */
static double run_cli(const char *path)
{
	double start = now();
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		int in = open(path, O_RDONLY), out = open("/dev/null", O_WRONLY);
		if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0)
			_exit(127);
		execl(cli_path, cli_path, "--jsonl", "--max-input-bytes", "268435456",
		      "--max-scalar-bytes", "268435456", (char *)NULL);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		die("the --cli batch run failed");
	return now() - start;
}

/* Documents per second of the CLI on `reqs`, and of `floor` on the same
 * documents, in alternating rounds (best of three each), so both see the
 * same load. */
static void cli_side_by_side(const struct corpus *c, const struct doc *reqs, case_fn floor,
			     double *cli_rate, double *floor_rate)
{
	char *once = requests_file(reqs, c->n, 1);
	double one = run_cli(once); /* also a warm-up */
	unlink(once);
	free(once);
	size_t copies = one > 0 ? (size_t)(min_time / 3 / one) + 1 : 1;
	char *path = requests_file(reqs, c->n, copies);
	*cli_rate = *floor_rate = 0;
	for (int round = 0; round < 3; round++) {
		double r = (double)(c->n * copies) / run_cli(path);
		if (r > *cli_rate)
			*cli_rate = r;
		size_t docs = 0;
		double start = now(), elapsed;
		do {
			for (size_t i = 0; i < c->n; i++)
				if (floor(c, i))
					die("a corpus document failed");
			docs += c->n;
			elapsed = now() - start;
		} while (elapsed < min_time / 3);
		if ((double)docs / elapsed > *floor_rate)
			*floor_rate = (double)docs / elapsed;
	}
	unlink(path);
	free(path);
}

static void row(const char *name, double docs_per_s, size_t n, size_t bytes)
{
	double mb = (double)bytes / (double)n * docs_per_s / 1e6;
	printf("| %-34s | %10.0f | %8.1f | %8.2f |\n", name, docs_per_s, mb, 1e6 / docs_per_s);
}

static void run_corpus(size_t n, uint64_t seed)
{
	struct corpus c;
	build_corpus(&c, n, seed);
	printf("corpus: %zu runtime YAMLs, %zu bytes (mean %zu B); %zu job JSONs, %zu bytes "
	       "(mean %zu B); seed %llu\n\n",
	       n, c.yaml_bytes, c.yaml_bytes / n, n, c.job_bytes, c.job_bytes / n,
	       (unsigned long long)seed);
	printf("| case                               |     docs/s |     MB/s | us/doc   |\n");
	printf("|------------------------------------|-----------:|---------:|---------:|\n");
	double a = measure(&c, case_libyaml);
	row("(a) libyaml event parse (floor)", a, n, c.yaml_bytes);
	double d = measure(&c, case_yaml_tree);
	row("(d) YAML -> tree (yaml_read)", d, n, c.yaml_bytes);
	double b = measure(&c, case_translate);
	row("(b) translate, JSON line out", b, n, c.yaml_bytes);
	double jp = measure(&c, case_json_parse);
	row("(f) JSON parse of jobs (json_read)", jp, n, c.job_bytes);
	double x = measure(&c, case_extract);
	row("(c) extract, JSON line out", x, n, c.job_bytes);
	double xy = measure(&c, case_extract_yaml);
	row("(c') extract, YAML out", xy, n, c.job_bytes);
	double e = measure(&c, case_json_write);
	row("(e) JSON write of payload trees", e, n, c.yaml_bytes);
	double g = measure(&c, case_batch_translate);
	row("(g) batch session, translate", g, n, c.yaml_bytes);
	double h = measure(&c, case_batch_extract);
	row("(h) batch session, extract", h, n, c.job_bytes);
#ifdef DSJ_HAVE_JANSSON
	double jj = measure(&c, case_jansson);
	row("(i) jansson json_loadb of jobs", jj, n, c.job_bytes);
#endif
	printf("\n(b)/(a) translate vs libyaml floor:   %5.1f%%  (target >= 70%%)\n", 100 * b / a);
	printf("(g)/(a) batch translate vs libyaml:   %5.1f%%  (target >= 60%%)\n", 100 * g / a);
#ifdef DSJ_HAVE_JANSSON
	printf("(h)/(i) batch extract vs jansson:     %5.1f%%  (target >= 80%%)\n", 100 * h / jj);
#endif
	printf("(d)/(a) YAML tree vs libyaml floor:   %5.1f%%\n", 100 * d / a);
	printf("(c)/(f) extract vs JSON parse:        %5.1f%%  (target >= 70%%)\n", 100 * x / jp);
	printf("(e) MB/s is per input YAML byte; payload JSON written: see above\n\n");
	if (cli_path) {
		double cli_t, floor_t, cli_x, floor_x;
		cli_side_by_side(&c, c.req_translate, case_libyaml, &cli_t, &floor_t);
		printf("`%s --jsonl` translate: %.0f docs/s, libyaml parse %.0f docs/s in the "
		       "same rounds: %5.1f%%  (target >= 60%%)\n",
		       cli_path, cli_t, floor_t, 100 * cli_t / floor_t);
#ifdef DSJ_HAVE_JANSSON
		cli_side_by_side(&c, c.req_extract, case_jansson, &cli_x, &floor_x);
		printf("`%s --jsonl` extract:   %.0f docs/s, jansson parse %.0f docs/s in the "
		       "same rounds: %5.1f%%  (target >= 80%%)\n",
		       cli_path, cli_x, floor_x, 100 * cli_x / floor_x);
#else
		(void)cli_x;
		(void)floor_x;
#endif
		printf("\n");
	}
	for (size_t i = 0; i < n; i++) {
		free(c.yaml[i].text);
		free(c.job[i].text);
		free(c.req_translate[i].text);
		free(c.req_extract[i].text);
	}
	free(c.req_translate);
	free(c.req_extract);
	dsj_batch_free(c.session);
	free(c.yaml);
	free(c.job);
	free(c.payloads);
	arena_free(&c.payload_arena);
}

/* Seconds per call of fn(text, len), repeated to at least 0.2 s (once for big inputs). */
static double time_one(int (*fn)(const char *, size_t), const char *text, size_t len)
{
	size_t runs = 0;
	double start = now(), elapsed;
	do {
		if (fn(text, len))
			die("scaling document failed");
		runs++;
		elapsed = now() - start;
	} while (elapsed < 0.2);
	return elapsed / (double)runs;
}

static int scale_translate(const char *text, size_t len)
{
	struct dsj_options o = big_options(DSJ_FORMAT_JSON_LINE);
	char *out;
	size_t n;
	int rc = dsj_translate(&out, &n, NULL, text, len, &o, NULL);
	dsj_free(out);
	return rc;
}

static int scale_extract(const char *text, size_t len)
{
	struct dsj_options o = big_options(DSJ_FORMAT_JSON_LINE);
	char *out;
	size_t n;
	int rc = dsj_extract(&out, &n, text, len, &o, NULL);
	dsj_free(out);
	return rc;
}

static int scale_json_parse(const char *text, size_t len)
{
	struct arena a;
	struct node *root;
	struct dsj_options o = big_options(DSJ_FORMAT_JSON_LINE);
	arena_init(&a, 0);
	int rc = json_read(&root, text, len, &a, &o.limits, 0, NULL);
	arena_free(&a);
	return rc;
}

static void run_scale(size_t max_bytes)
{
	printf("scaling: a python runtime with N freeform tags (and up to %d env variables, "
	       "%d args)\n\n",
	       GEN_WIDE_ENV, GEN_WIDE_ENV / 4 + 1);
	printf("| YAML bytes | N tags   | libyaml ns/B | translate ns/B | ratio | job JSON bytes "
	       "| json_read ns/B | extract ns/B | ratio |\n");
	printf("|-----------:|---------:|-------------:|---------------:|------:|---------------:"
	       "|---------------:|-------------:|------:|\n");
	struct buf y, j;
	buf_init(&y, (size_t)1 << 30);
	buf_init(&j, (size_t)1 << 30);
	struct gen_rng r;
	gen_seed(&r, 7);
	for (size_t target = 200; target <= max_bytes; target *= 10) {
		size_t n = target > 300 ? (target - 250) / 30 : 1;
		gen_wide_yaml(&y, n);
		struct dsj_options o = big_options(DSJ_FORMAT_JSON_LINE);
		struct dsj_error err;
		char *payload;
		size_t plen;
		double t0 = now();
		if (dsj_translate(&payload, &plen, NULL, y.data, y.len, &o, &err)) {
			fprintf(stderr, "%s: %s\n", err.path, err.message);
			die("scaling document does not translate");
		}
		double once = now() - t0;
		if (gen_job_json(&j, &r, payload, plen))
			die("scaling job JSON");
		dsj_free(payload);
		double ty = time_one(libyaml_events, y.data, y.len);
		double tt = time_one(scale_translate, y.data, y.len);
		double tj = time_one(scale_json_parse, j.data, j.len);
		double tx = time_one(scale_extract, j.data, j.len);
		printf("| %10zu | %8zu | %12.2f | %14.2f | %5.2f | %14zu | %14.2f | %12.2f | %5.2f "
		       "|\n",
		       y.len, n, ty * 1e9 / (double)y.len, tt * 1e9 / (double)y.len, tt / ty, j.len,
		       tj * 1e9 / (double)j.len, tx * 1e9 / (double)j.len, tx / tj);
		fflush(stdout);
		if (once > 20)
			break; /* the next size would take minutes: it is not linear */
	}
	buf_free(&y);
	buf_free(&j);
	printf("\n");
}

int main(int argc, char **argv)
{
	size_t docs = 3000, max_scale = 20000000;
	unsigned long long seed = 42;
	const char *only = NULL;
	for (int i = 1; i < argc; i += 2) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v)
			die("usage: dsjob-bench [--docs N] [--seed S] [--min-time SEC] "
			    "[--max-scale BYTES] [--only corpus|scale] [--cli DSJOB]");
		if (strcmp(argv[i], "--docs") == 0)
			docs = strtoull(v, NULL, 10);
		else if (strcmp(argv[i], "--seed") == 0)
			seed = strtoull(v, NULL, 10);
		else if (strcmp(argv[i], "--min-time") == 0)
			min_time = strtod(v, NULL);
		else if (strcmp(argv[i], "--max-scale") == 0)
			max_scale = strtoull(v, NULL, 10);
		else if (strcmp(argv[i], "--only") == 0)
			only = v;
		else if (strcmp(argv[i], "--cli") == 0)
			cli_path = v;
		else
			die("unknown option");
	}
	if (docs == 0)
		die("--docs must be positive");
	printf("dsjob %s benchmark\n\n", dsj_version());
	if (!only || strcmp(only, "corpus") == 0)
		run_corpus(docs, seed);
	if (!only || strcmp(only, "scale") == 0)
		run_scale(max_scale);
	return 0;
}

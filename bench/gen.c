#include "gen.h"

#include <stdio.h>
#include <string.h>

#include "util/arena.h"
#include "dsjob.h"
#include "doc/json.h"
#include "doc/node.h"

void gen_seed(struct gen_rng *r, uint64_t seed)
{
	r->state = seed * 0x9e3779b97f4a7c15ull + 1;
}

/* splitmix64 */
uint64_t gen_next(struct gen_rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static size_t pick(struct gen_rng *r, size_t n)
{
	return (size_t)(gen_next(r) % n);
}

size_t gen_size(struct gen_rng *r, size_t lo, size_t hi)
{
	/* log-uniform without libm: pick an octave, then a point inside it */
	size_t octaves = 0;
	for (size_t s = lo; s < hi; s *= 2)
		octaves++;
	size_t base = lo << pick(r, octaves ? octaves : 1);
	size_t v = base + pick(r, base);
	return v > hi ? hi : v;
}

const char *gen_type_name(enum gen_type t)
{
	static const char *const names[] = {"script",	 "python",    "notebook",
					    "gitPython", "container", "pyTorchDistributed"};
	return names[t];
}

static const char *const words[] = {
	"data",	 "model", "train", "eval",   "cache",  "output", "batch", "epoch", "token",
	"shard", "lr",	  "seed",  "bucket", "region", "cpu",	 "gpu",	  "log",   "path",
};
static const char *const slugs[] = {"pytorch110_p38_cpu_v1", "generalml_p38_cpu_v1",
				    "tensorflow28_p38_gpu_v1", "onnx110_p37_cpu_v1",
				    "dataexpl_p37_cpu_v2"};
static const char *const teams[] = {"ml", "platform", "research", "data-eng", "fraud"};

static const char *word(struct gen_rng *r)
{
	return words[pick(r, sizeof(words) / sizeof(words[0]))];
}

static void put_name(struct buf *b, struct gen_rng *r, size_t i)
{
	const char *w = word(r);
	for (const char *p = w; *p; p++)
		buf_putc(b, (char)(*p - 'a' + 'A'));
	buf_printf(b, "_%s_%zu", i % 3 ? "DIR" : "OPT", i);
}

/* One env value: a path, a number, a flag or a ${} reference to the previous
 * name (when its value is short, so that chains of references stay short).
 * Returns the value's length once interpolated, as the OCI limit counts it. */
static size_t put_value(struct buf *b, struct gen_rng *r, const char *prev_name, size_t prev_len)
{
	size_t start = b->len;
	switch (pick(r, 5)) {
	case 0:
		buf_printf(b, "/home/datascience/%s/%s", word(r), word(r));
		return b->len - start;
	case 1:
		buf_printf(b, "\"%u\"", (unsigned)pick(r, 100000));
		return b->len - start - 2;
	case 2:
		if (prev_name && prev_len < 200) {
			const char *w = word(r);
			buf_printf(b, "${%s}/%s", prev_name, w);
			return prev_len + 1 + strlen(w);
		}
		/* fall through */
	case 3:
		buf_printf(b, "oci://%s@tenancy/%s/%s.bin", word(r), word(r), word(r));
		return b->len - start;
	default:
		buf_puts(b, pick(r, 2) ? "\"true\"" : "\"some text with spaces and a: colon\"");
		return b->len - start - 2;
	}
}

static void put_conda(struct buf *b, struct gen_rng *r)
{
	if (pick(r, 4) == 0) {
		buf_printf(b,
			   "  conda:\n    type: published\n    uri: oci://conda@tenancy/packs/%s\n"
			   "    region: us-ashburn-1\n",
			   slugs[pick(r, 5)]);
	} else if (pick(r, 2)) {
		buf_printf(b, "  conda:\n    type: service\n    slug: %s\n", slugs[pick(r, 5)]);
	} else {
		buf_printf(b, "  conda: {type: service, slug: %s}\n", slugs[pick(r, 5)]);
	}
}

static void put_type_keys(struct buf *b, struct gen_rng *r, enum gen_type type)
{
	switch (type) {
	case GEN_SCRIPT:
		put_conda(b, r);
		buf_printf(b, "  scriptPathURI: oci://code@tenancy/jobs/%s.py\n", word(r));
		break;
	case GEN_PYTHON:
		put_conda(b, r);
		buf_printf(b,
			   "  scriptPathURI: oci://code@tenancy/jobs/%s.zip\n"
			   "  entrypoint: src/%s.py\n  entryFunction: main\n"
			   "  pythonPath: [src, lib]\n  workingDir: src\n"
			   "  outputDir: outputs\n  outputUri: oci://out@tenancy/%s\n",
			   word(r), word(r), word(r));
		break;
	case GEN_NOTEBOOK:
		put_conda(b, r);
		buf_printf(b,
			   "  notebookPathURI: oci://nb@tenancy/%s.ipynb\n"
			   "  excludeTags: [ignore, remove]\n  notebookEncoding: utf-8\n"
			   "  outputUri: oci://out@tenancy/%s\n",
			   word(r), word(r));
		break;
	case GEN_GITPYTHON:
		put_conda(b, r);
		buf_printf(b,
			   "  url: https://github.com/example/%s.git\n  branch: main\n"
			   "  commit: 5b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d\n"
			   "  entrypoint: %s/run.py\n  gitSecretId: ocid1.vaultsecret.oc1..aaaa\n",
			   word(r), word(r));
		break;
	case GEN_CONTAINER:
		buf_printf(b,
			   "  image: iad.ocir.io/tenancy/%s:1.%u\n"
			   "  entrypoint: [/bin/sh, -c]\n  cmd:\n  - python run.py --%s\n",
			   word(r), (unsigned)pick(r, 20), word(r));
		break;
	case GEN_PYTORCH:
		put_conda(b, r);
		buf_printf(b,
			   "  replicas: %u\n  command: torchrun %s.py\n"
			   "  scriptPathURI: oci://code@tenancy/%s.zip\n",
			   (unsigned)(2 + pick(r, 6)), word(r), word(r));
		break;
	default:
		break;
	}
}

void gen_runtime_yaml(struct buf *out, struct gen_rng *r, enum gen_type type, size_t target)
{
	buf_reset(out);
	buf_printf(out, "kind: runtime\ntype: %s\nspec:\n", gen_type_name(type));
	put_type_keys(out, r, type);
	buf_printf(out, "  maximumRuntimeInMinutes: %u\n", (unsigned)(10 + pick(r, 600)));
	buf_printf(out, "  freeformTags:\n    team: %s\n    cost-center: \"%u\"\n",
		   teams[pick(r, 5)], (unsigned)pick(r, 9999));
	/* The rest of the budget: two thirds env, one third args, each kept inside
	 * the OCI limits (20,000 characters of env names and values, dsjob's own
	 * variables included; 4,000 of joined args) so that every document
	 * translates. */
	size_t rest = target > out->len ? target - out->len : 0;
	size_t env_end = out->len + rest * 2 / 3;
	bool as_list = pick(r, 3) != 0;
	buf_puts(out, "  env:\n");
	char prev[64] = "";
	size_t i = 0, env_chars = 0, prev_len = 0;
	do {
		size_t start = out->len;
		buf_puts(out, as_list ? "  - name: " : "    ");
		put_name(out, r, i);
		size_t name_len = out->len - start - (as_list ? 10 : 4);
		char name[64];
		if (name_len < sizeof(name)) {
			memcpy(name, out->data + out->len - name_len, name_len);
			name[name_len] = '\0';
		} else {
			name[0] = '\0';
		}
		buf_puts(out, as_list ? "\n    value: " : ": ");
		prev_len = put_value(out, r, prev[0] ? prev : NULL, prev_len);
		env_chars += name_len + prev_len;
		buf_putc(out, '\n');
		memcpy(prev, name, sizeof(prev));
		i++;
	} while (out->len < env_end && env_chars < GEN_ENV_CHARS);
	buf_puts(out, "  args:\n");
	size_t args_chars = 0;
	do {
		size_t start = out->len;
		buf_printf(out, "  - --%s-%zu\n  - \"%u\"\n", word(r), i++,
			   (unsigned)pick(r, 1000));
		args_chars += out->len - start - 12; /* the two args and their spaces */
	} while (out->len < target && args_chars < GEN_ARGS_CHARS);
}

void gen_wide_yaml(struct buf *out, size_t n)
{
	buf_reset(out);
	buf_puts(out, "kind: runtime\ntype: python\nspec:\n"
		      "  conda: {type: service, slug: pytorch110_p38_cpu_v1}\n"
		      "  scriptPathURI: oci://code@tenancy/jobs/train.zip\n"
		      "  entrypoint: src/train.py\n  env:\n");
	/* env and args stay inside the OCI limits; the tags take the size */
	size_t env = n < GEN_WIDE_ENV ? n : GEN_WIDE_ENV;
	for (size_t i = 0; i < env; i++) {
		if (i % 8 == 7)
			buf_printf(out, "  - {name: VAR_%zu, value: \"${VAR_%zu}/sub\"}\n", i,
				   i - 1);
		else
			buf_printf(out, "  - {name: VAR_%zu, value: /home/datascience/v%zu}\n", i,
				   i);
	}
	buf_puts(out, "  args:\n");
	for (size_t i = 0; i < env / 4 + 1; i++)
		buf_printf(out, "  - --arg%zu\n", i);
	buf_puts(out, "  freeformTags:\n");
	for (size_t i = 0; i < n; i++)
		buf_printf(out, "    tag_%zu: value of tag %zu\n", i, i);
}

static int put_str(struct arena *a, struct node *map, const char *key, const char *value)
{
	return map_set(a, map, key, node_new_cstr(a, value));
}

int gen_job_json(struct buf *out, struct gen_rng *r, const char *payload, size_t len)
{
	struct arena a;
	arena_init(&a, 0);
	struct node *p = NULL, *job, *infra, *shape, *logc;
	char id[128];
	int rc = -1;
	struct dsj_limits lim = {.max_input_bytes = (size_t)1 << 30,
				 .max_scalar_bytes = (size_t)1 << 30,
				 .max_nodes = (size_t)1 << 28};
	if (json_read(&p, payload, len, &a, &lim, 0, NULL) || p->kind != NODE_MAP)
		goto done;
	job = node_new(&a, NODE_MAP, 0, 0);
	infra = node_new(&a, NODE_MAP, 0, 0);
	shape = node_new(&a, NODE_MAP, 0, 0);
	logc = node_new(&a, NODE_MAP, 0, 0);
	if (!job || !infra || !shape || !logc)
		goto done;
	snprintf(id, sizeof(id), "ocid1.datasciencejob.oc1.iad.amaaaaaa%016llx",
		 (unsigned long long)gen_next(r));
	if (put_str(&a, job, "id", id) ||
	    put_str(&a, job, "projectId", "ocid1.datascienceproject.oc1.iad.amaaaaaaproject") ||
	    put_str(&a, job, "compartmentId", "ocid1.compartment.oc1..aaaaaaaacompartment") ||
	    put_str(&a, job, "displayName", word(r)) ||
	    put_str(&a, job, "description", "generated by bench/gen.c") ||
	    put_str(&a, job, "timeCreated", "2024-05-01T12:34:56.789000+00:00") ||
	    put_str(&a, job, "createdBy", "ocid1.user.oc1..aaaaaaaauser") ||
	    put_str(&a, job, "lifecycleState", "ACTIVE") ||
	    map_set(&a, job, "jobConfigurationDetails", map_get(p, "jobConfigurationDetails")))
		goto done;
	if (put_str(&a, infra, "jobInfrastructureType", "ME_STANDALONE") ||
	    put_str(&a, infra, "shapeName", "VM.Standard.E4.Flex") ||
	    map_set(&a, infra, "blockStorageSizeInGBs", node_new_int(&a, 50)) ||
	    map_set(&a, shape, "ocpus", node_new_float(&a, 2.0)) ||
	    map_set(&a, shape, "memoryInGBs", node_new_float(&a, 32.0)) ||
	    map_set(&a, infra, "jobShapeConfigDetails", shape) ||
	    map_set(&a, job, "jobInfrastructureConfigurationDetails", infra) ||
	    map_set(&a, logc, "enableLogging", node_new_bool(&a, true)) ||
	    map_set(&a, logc, "enableAutoLogCreation", node_new_bool(&a, false)) ||
	    put_str(&a, logc, "logGroupId", "ocid1.loggroup.oc1.iad.amaaaaaaloggroup") ||
	    map_set(&a, job, "jobLogConfigurationDetails", logc) ||
	    map_set(&a, job, "artifactContentLength", node_new_int(&a, 4096)) ||
	    put_str(&a, job, "artifactContentDisposition", "attachment; filename=job.zip"))
		goto done;
	struct node *tags = map_get(p, "freeformTags");
	if (tags && map_set(&a, job, "freeformTags", tags))
		goto done;
	buf_reset(out);
	rc = json_write(out, job, 0, NULL) || out->failed ? -1 : 0;
done:
	arena_free(&a);
	return rc;
}

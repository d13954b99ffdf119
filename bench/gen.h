/* Seeded generator of realistic ADS runtime YAMLs and OCI Job JSONs for the
 * benchmarks. Deterministic: the same seed gives the same corpus. */
#ifndef DSJ_BENCH_GEN_H
#define DSJ_BENCH_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

enum gen_type {
	GEN_SCRIPT,
	GEN_PYTHON,
	GEN_NOTEBOOK,
	GEN_GITPYTHON,
	GEN_CONTAINER,
	GEN_PYTORCH,
	GEN_NTYPES
};

struct gen_rng {
	uint64_t state;
};

void gen_seed(struct gen_rng *r, uint64_t seed);
uint64_t gen_next(struct gen_rng *r);
/* A size drawn log-uniformly from [lo, hi]. */
size_t gen_size(struct gen_rng *r, size_t lo, size_t hi);
const char *gen_type_name(enum gen_type t);

/* Inside the OCI limits (20,000 characters of env, 4,000 of args), with room
 * for the variables dsjob sets itself. */
#define GEN_ENV_CHARS 12000
#define GEN_ARGS_CHARS 3000
#define GEN_WIDE_ENV 200

/* A runtime YAML of the given type, about `target` bytes (never less than the
 * type's minimal document, and less when the OCI limits stop env and args
 * first): conda, env (list or mapping, some values with ${} references), args,
 * tags, maximumRuntimeInMinutes... */
void gen_runtime_yaml(struct buf *out, struct gen_rng *r, enum gen_type type, size_t target);

/* The scaling case: a python runtime with n freeform tags, and env variables
 * (every 8th a ${} reference) and args up to GEN_WIDE_ENV and GEN_WIDE_ENV/4. */
void gen_wide_yaml(struct buf *out, size_t n);

/* An OCI GetJob response body for a payload JSON (what translate printed):
 * the payload's jobConfigurationDetails and tags, plus the ids, lifecycle,
 * infrastructure and logging fields the service adds. Returns 0 or -1. */
int gen_job_json(struct buf *out, struct gen_rng *r, const char *payload, size_t len);

#endif

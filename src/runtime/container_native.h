/* The container runtime in ADS 2.15's form: jobEnvironmentConfigurationDetails. */
#ifndef DSJ_CONTAINER_NATIVE_H
#define DSJ_CONTAINER_NATIVE_H

#include "runtime/runtime.h"

/* Sets t->environment (OCIR_CONTAINER: image, cmd, entrypoint, imageDigest,
 * imageSignatureId, and at the runtime level env, args and tags as ADS 2.15
 * adds them) and t->artifact (a ScriptArtifact for scriptPathURI, else none).
 * A missing or empty image, and cmd / entrypoint items that are not strings,
 * are errors: the API rejects them. */
int container_translate_native(struct translate_ctx *t);

/* The object as the CreateJob body carries it: the SDK model's attributes
 * only. Returns 0, or -1 when out of memory. */
int job_environment_body(struct arena *a, const struct node *cfg, struct node **out);

/* The job's jobEnvironmentConfigurationDetails when it is an OCIR_CONTAINER
 * one, else NULL. */
const struct node *container_native_config(const struct node *job);

/* Extraction from that object (ADS 2.15): image, cmd, entrypoint, imageDigest,
 * imageSignatureId into x->spec; the variables are left for env. */
int container_extract_native(struct extract_ctx *x, const struct node *cfg);

#endif

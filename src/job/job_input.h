/* The forms a Job comes in, made one: what the REST API answers (camelCase),
 * what the `oci` CLI prints (kebab-case keys, null for unset fields, wrapped in
 * {"data": ..., "etag": ...}), what the Python SDK's to_dict gives (snake_case),
 * and a job list ({"data": [...]}). */
#ifndef DSJ_JOB_INPUT_H
#define DSJ_JOB_INPUT_H

#include <stdbool.h>

#include "doc/node.h"
#include "dsjob.h"

/* The Jobs in `root` with the Job model's attribute names in camelCase, null
 * fields left out and free-form mappings (environment variables, tags) kept
 * as they are. *jobs receives a list of Job mappings; *is_list is true when the
 * input was a list of jobs (each is then its own answer). A document that is
 * not a Job (it holds none of the Job's fields, or a field of the wrong kind)
 * is an error located at the offending value. */
int job_input_normalize(struct arena *a, struct node *root, struct node **jobs, bool *is_list,
			struct dsj_error *err);

/* True when `key` spells the camelCase attribute `camel` as camelCase,
 * kebab-case (block-storage-size-in-gbs) or snake_case (block_storage_size_in_gbs). */
bool job_input_key_is(const char *camel, struct str key);

#endif

/* The spec keys a runtime type knows, from the tables its conversion reads
 * (struct runtime_type: runtime_base_keys, mappings, keys, aliases,
 * sections), and the warnings for the keys of a spec it does not know. */
#ifndef DSJ_SPEC_KEYS_H
#define DSJ_SPEC_KEYS_H

#include "runtime/runtime.h"

/* The i-th key `type` knows at the top of its spec (camelCase and snake_case;
 * a name may repeat), NULL past the last. */
const char *spec_key_nth(const struct runtime_type *type, size_t i);
bool spec_key_known(const struct runtime_type *type, const char *key);
bool spec_key_known_str(const struct runtime_type *type, struct str key);
/* Also the keys only `ads`'s handler reads (keys_ads215). */
bool spec_key_known_ads(const struct runtime_type *type, struct str key, enum dsj_ads ads);
/* The first key of mapping `doc` beside its `spec` that belongs in the spec of
 * `type` (a sign of bad indentation), or NULL. */
const struct node *spec_key_outside(const struct runtime_type *type, const struct node *doc);
/* The nested mapping `key` of `type` (conda, git...), or NULL. */
const struct spec_section *spec_section_of(const struct runtime_type *type, const char *key,
					   size_t len);
/* The i-th key of a section, NULL past the last. */
const char *spec_section_key_nth(const struct spec_section *s, size_t i);

/* The keys of a runtime document ({kind, type, spec}) and of env list items. */
extern const char *const runtime_doc_keys[];
extern const char *const env_item_keys[];

/* Warns (t->opts->warn) of the keys of the runtime document, of its spec, of
 * the spec's sections and of its env items that t->type does not know. */
void spec_keys_check(struct translate_ctx *t, const struct node *runtime);

#endif

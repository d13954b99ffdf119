/* The OCI client's internal interfaces: one small module per file. */
#ifndef DSJ_OCI_INTERNAL_H
#define DSJ_OCI_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "oci/libs.h" /* OpenSSL and curl, loaded on first use */

#include "dsjob_oci.h"
#include "util/buf.h"

/* base64.c: standard base64 with padding (out needs 4*ceil(len/3)+1 bytes);
 * base64url (or standard) decoding, NULL on a bad character. */
size_t b64_encode(char *out, const unsigned char *in, size_t len);
char *b64url_decode(const char *in, size_t len, size_t *out_len);

/* key.c: never prompts; `why` says what is wrong, without key material. */
int key_load(EVP_PKEY **out, const char *pem, size_t len, const char *passphrase, char *why,
	     size_t why_size);
int key_fingerprint(const EVP_PKEY *key, char out[48]);

/* sign.c */
struct dsj_oci_signer {
	EVP_PKEY *key;
	char *key_id;
};
/* A signer over a key already loaded (takes ownership of `key`). */
int signer_from_key(dsj_oci_signer **out, EVP_PKEY *key, const char *key_id);

/* config.c: one profile of an INI config file, DEFAULT's keys inherited. */
#define CONFIG_KEYS_MAX 64
struct config_entry {
	char *key, *value;
	unsigned line; /* where the value was set */
};
struct config_profile {
	char *file; /* as shown in messages ("~/.oci/config") */
	char *path; /* as opened */
	struct config_entry entries[CONFIG_KEYS_MAX];
	size_t count;
};
int config_read(struct config_profile *out, const char *path, const char *shown,
		const char *profile, struct dsj_error *err);
int config_parse(struct config_profile *out, const char *text, size_t len, const char *shown,
		 const char *profile, struct dsj_error *err);
const struct config_entry *config_get(const struct config_profile *p, const char *key);
void config_free(struct config_profile *p);

/* files.c */
/* "~/x" -> "$HOME/x"; others copied. Heap string or NULL. */
char *path_expand(const char *path, const char *home);
/* Shows a path with $HOME as "~". Heap string or NULL. */
char *path_shown(const char *path, const char *home);
/* Reads a small file whole; -1 with errno set. */
int file_read_small(const char *path, size_t max, char **data, size_t *len);

/* jwt.c: the `exp` claim of a JWT, or -1 when there is none. */
long long jwt_expiry(const char *token, size_t len);

/* auth.c: the credentials the options name. */
struct credentials {
	dsj_oci_signer *signer;
	char *region;
	char *tenancy;
};
int credentials_load(struct credentials *out, const struct dsj_oci_options *o,
		     struct dsj_error *err);
void credentials_free(struct credentials *c);

/* endpoint.c: "https://datascience.us-ashburn-1.oci.oraclecloud.com"; region
 * codes ("iad") are expanded. Heap string, NULL when the region is unknown. */
char *endpoint_for(enum dsj_oci_service service, const char *region);
/* The realm's domain of a region name; NULL when unknown. */
const char *region_domain(const char *region);

/* retry.c */
int retry_should(long status, const char *code, int net_error);
unsigned retry_delay_ms(int attempt, uint32_t random);
void retry_token_make(char out[31]);

/* oci_error.c: err from a non-2xx answer (status, code, message, request id). */
int oci_error_from_reply(struct dsj_error *err, long status, const char *body, size_t len,
			 const char *request_id);
int oci_fail(struct dsj_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* url.c: percent-encodes all but unreserved characters (RFC 3986). */
void url_escape(char *out, size_t size, const char *s);

/* ocid.c: an OCID goes into a URL path as it is, so only [A-Za-z0-9._-]
 * (at most 255 bytes) is taken for one. */
int ocid_ok(const char *id);

/* json_pick.c: a string member at a dotted path of a JSON text ("data.id"), as
 * a heap string; NULL when absent or not a string. */
char *json_pick(const char *json, size_t len, const char *path);
/* Parses an answer into arena `a` (initialized here; the caller frees it);
 * NULL when it is not JSON. */
struct arena;
struct node;
struct node *answer_read(struct arena *a, const char *json, size_t len);
/* json_pick over an answer already read (root may be NULL). */
char *json_pick_at(const struct node *root, const char *path);
/* json_api.c: the node at a dotted path, or NULL (also for n NULL). */
const struct node *json_walk(const struct node *n, const char *path);

/* object_storage.c: oci://bucket@namespace/name split; with name_needed 0 the
 * name may be empty ("oci://bucket@namespace" or ".../": the whole bucket). */
#define OBJECT_NAME_MAX 1024
struct object_uri {
	char bucket[256], ns[256], name[OBJECT_NAME_MAX + 1];
};
int object_uri_parse(struct object_uri *u, const char *uri, int name_needed);
/* object_fetch.c: NULL when `rel` (an object name below the prefix) is a
 * safe relative path, else what is wrong with it. */
const char *object_name_unsafe(const char *rel, size_t len);
/* One ListObjects answer: each object's name to `each` (stopping at its first
 * error); *next = nextStartWith (heap), NULL on the last page. */
typedef int (*object_name_fn)(void *ctx, const char *name, size_t len, struct dsj_error *err);
int object_page_parse(const char *json, size_t len, const char *start, object_name_fn each,
		      void *ctx, char **next, struct dsj_error *err);
/* GetObject of u's name (resp as dsj_oci_call fills it). */
int object_read(dsj_oci_client *c, const struct object_uri *u, struct dsj_oci_response *resp,
		struct dsj_error *err);

#endif

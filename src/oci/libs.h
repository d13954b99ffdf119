/* libcurl and libcrypto, loaded with dlopen on first use (libs.c), so that
 * commands which never talk to OCI (translate, build...) do not load them and
 * their ~40 shared objects at every start (docs/performance.md). The headers
 * still give the types and constants; the calls go through the table below,
 * under the names the code would use with linked libraries. Every OCI file
 * includes this (through oci.h or http.h) before anything else of OpenSSL or
 * curl, so the prototypes are read before the names become macros. */
#ifndef DSJ_OCI_LIBS_H
#define DSJ_OCI_LIBS_H

/* curl's type-checking macros would wrap our curl_easy_setopt below */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include "dsjob.h"

struct oci_libs {
	/* libcurl */
	CURL *(*curl_easy_init)(void);
	void (*curl_easy_cleanup)(CURL *h);
	void (*curl_easy_reset)(CURL *h);
	CURLcode (*curl_easy_setopt)(CURL *h, CURLoption option, ...);
	CURLcode (*curl_easy_perform)(CURL *h);
	CURLcode (*curl_easy_getinfo)(CURL *h, CURLINFO info, ...);
	const char *(*curl_easy_strerror)(CURLcode code);
	struct curl_slist *(*curl_slist_append)(struct curl_slist *list, const char *line);
	void (*curl_slist_free_all)(struct curl_slist *list);
	/* libcrypto */
	BIO *(*BIO_new_mem_buf)(const void *buf, int len);
	int (*BIO_free)(BIO *b);
	void (*CRYPTO_free)(void *p, const char *file, int line);
	void (*ERR_clear_error)(void);
	int (*EVP_Digest)(const void *data, size_t count, unsigned char *md, unsigned int *size,
			  const EVP_MD *type, ENGINE *impl);
	int (*EVP_DigestSign)(EVP_MD_CTX *ctx, unsigned char *sig, size_t *siglen,
			      const unsigned char *tbs, size_t tbslen);
	int (*EVP_DigestSignInit)(EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const EVP_MD *type,
				  ENGINE *e, EVP_PKEY *pkey);
	int (*EVP_EncodeBlock)(unsigned char *t, const unsigned char *f, int n);
	void (*EVP_MD_CTX_free)(EVP_MD_CTX *ctx);
	EVP_MD_CTX *(*EVP_MD_CTX_new)(void);
	void (*EVP_PKEY_free)(EVP_PKEY *pkey);
	int (*EVP_PKEY_get_base_id)(const EVP_PKEY *pkey);
	const EVP_MD *(*EVP_md5)(void);
	const EVP_MD *(*EVP_sha256)(void);
	void (*OPENSSL_cleanse)(void *ptr, size_t len);
	EVP_PKEY *(*PEM_read_bio_PrivateKey)(BIO *bp, EVP_PKEY **x, pem_password_cb *cb, void *u);
	int (*RAND_bytes)(unsigned char *buf, int num);
	int (*i2d_PUBKEY)(const EVP_PKEY *a, unsigned char **pp);
};

/* Loads both libraries once per process (thread-safe): the files DSJ_LIBCURL
 * and DSJ_LIBCRYPTO name when set (tests), else libcurl.so.4 and
 * libcrypto.so.3. 0, or DSJ_ESYSTEM with the package to install and the
 * loader's reason in err; the same answer on every later call. The public
 * entry points (dsj_oci_client_new, dsj_oci_signer_new) call it first. */
int oci_libs_load(struct dsj_error *err);

/* The loaded table, loading it if need be (internal callers that no public
 * entry point guarded, such as unit tests). A failure there is a bug of ours:
 * it aborts, saying why. */
const struct oci_libs *oci_libs(void);

#ifndef DSJ_OCI_LIBS_NO_MACROS
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_easy_init (*oci_libs()->curl_easy_init)
#define curl_easy_cleanup (*oci_libs()->curl_easy_cleanup)
#define curl_easy_reset (*oci_libs()->curl_easy_reset)
#define curl_easy_setopt (*oci_libs()->curl_easy_setopt)
#define curl_easy_perform (*oci_libs()->curl_easy_perform)
#define curl_easy_getinfo (*oci_libs()->curl_easy_getinfo)
#define curl_easy_strerror (*oci_libs()->curl_easy_strerror)
#define curl_slist_append (*oci_libs()->curl_slist_append)
#define curl_slist_free_all (*oci_libs()->curl_slist_free_all)
#define BIO_new_mem_buf (*oci_libs()->BIO_new_mem_buf)
#define BIO_free (*oci_libs()->BIO_free)
#define CRYPTO_free (*oci_libs()->CRYPTO_free)
#define ERR_clear_error (*oci_libs()->ERR_clear_error)
#define EVP_Digest (*oci_libs()->EVP_Digest)
#define EVP_DigestSign (*oci_libs()->EVP_DigestSign)
#define EVP_DigestSignInit (*oci_libs()->EVP_DigestSignInit)
#define EVP_EncodeBlock (*oci_libs()->EVP_EncodeBlock)
#define EVP_MD_CTX_free (*oci_libs()->EVP_MD_CTX_free)
#define EVP_MD_CTX_new (*oci_libs()->EVP_MD_CTX_new)
#define EVP_PKEY_free (*oci_libs()->EVP_PKEY_free)
#define EVP_PKEY_get_base_id (*oci_libs()->EVP_PKEY_get_base_id)
#define EVP_md5 (*oci_libs()->EVP_md5)
#define EVP_sha256 (*oci_libs()->EVP_sha256)
#define OPENSSL_cleanse (*oci_libs()->OPENSSL_cleanse)
#define PEM_read_bio_PrivateKey (*oci_libs()->PEM_read_bio_PrivateKey)
#define RAND_bytes (*oci_libs()->RAND_bytes)
#define i2d_PUBKEY (*oci_libs()->i2d_PUBKEY)
#endif

#endif

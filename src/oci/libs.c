/* Loads libcurl and libcrypto on first use. The table is filled under
 * pthread_once, so two threads creating their first clients at once load them
 * once; a failure is remembered with its reason and given to every later
 * caller. RTLD_LOCAL keeps their symbols out of the global scope. libcurl
 * (built on OpenSSL) brings libcrypto.so.3 itself; asking for it by the same
 * soname then gives that very object: one OpenSSL in the process. */
#define DSJ_OCI_LIBS_NO_MACROS 1 /* the table's own names, not the calls through it */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oci/libs.h"
#include "oci/oci.h"

static struct oci_libs libs;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char load_error[600]; /* empty once both are loaded */

struct symbol {
	const char *name;
	size_t offset, size;
};

/* clang-format off */
#define SYM(field) {#field, offsetof(struct oci_libs, field), sizeof(((struct oci_libs *)0)->field)}
/* clang-format on */

static const struct symbol curl_symbols[] = {
	SYM(curl_easy_init),	 SYM(curl_easy_cleanup), SYM(curl_easy_reset),
	SYM(curl_easy_setopt),	 SYM(curl_easy_perform), SYM(curl_easy_getinfo),
	SYM(curl_easy_strerror), SYM(curl_slist_append), SYM(curl_slist_free_all),
};

static const struct symbol crypto_symbols[] = {
	SYM(BIO_new_mem_buf),
	SYM(BIO_free),
	SYM(CRYPTO_free),
	SYM(ERR_clear_error),
	SYM(EVP_Digest),
	SYM(EVP_DigestSign),
	SYM(EVP_DigestSignInit),
	SYM(EVP_EncodeBlock),
	SYM(EVP_MD_CTX_free),
	SYM(EVP_MD_CTX_new),
	SYM(EVP_PKEY_free),
	SYM(EVP_PKEY_get_base_id),
	SYM(EVP_md5),
	SYM(EVP_sha256),
	SYM(OPENSSL_cleanse),
	SYM(PEM_read_bio_PrivateKey),
	SYM(RAND_bytes),
	SYM(i2d_PUBKEY),
};

struct library {
	const char *what, *package, *env, *soname;
	const struct symbol *symbols;
	size_t count;
};

static const struct library libraries[] = {
	{"libcurl", "libcurl4", "DSJ_LIBCURL", "libcurl.so.4", curl_symbols,
	 sizeof(curl_symbols) / sizeof(curl_symbols[0])},
	{"libcrypto", "libssl3", "DSJ_LIBCRYPTO", "libcrypto.so.3", crypto_symbols,
	 sizeof(crypto_symbols) / sizeof(crypto_symbols[0])},
};

/* 0, or -1 with load_error set. The library stays open for the life of the
 * process: handles and keys made from it may outlive any client. */
static int load_library(const struct library *l, struct oci_libs *into)
{
	const char *path = getenv(l->env);
	if (!path || !*path)
		path = l->soname;
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();
		snprintf(load_error, sizeof(load_error),
			 "talking to OCI needs %s (Debian package %s): %s", l->what, l->package,
			 why ? why : path);
		return -1;
	}
	for (size_t i = 0; i < l->count; i++) {
		/* dlsym gives void *; POSIX guarantees it holds a function's address */
		void *sym = dlsym(h, l->symbols[i].name);
		if (!sym) {
			snprintf(load_error, sizeof(load_error),
				 "talking to OCI needs %s (Debian package %s): %s has no %s",
				 l->what, l->package, path, l->symbols[i].name);
			dlclose(h);
			return -1;
		}
		memcpy((char *)into + l->symbols[i].offset, &sym, l->symbols[i].size);
	}
	return 0;
}

static void load(void)
{
	struct oci_libs got;
	memset(&got, 0, sizeof(got));
	for (size_t i = 0; i < sizeof(libraries) / sizeof(libraries[0]); i++)
		if (load_library(&libraries[i], &got))
			return;
	libs = got;
}

int oci_libs_load(struct dsj_error *err)
{
	if (pthread_once(&load_once, load))
		return oci_fail(err, DSJ_ESYSTEM, "talking to OCI: pthread_once failed");
	if (load_error[0])
		return oci_fail(err, DSJ_ESYSTEM, "%s", load_error);
	return 0;
}

const struct oci_libs *oci_libs(void)
{
	if (oci_libs_load(NULL)) {
		fprintf(stderr, "dsjob: %s\n", load_error);
		abort();
	}
	return &libs;
}

/* Private keys: PEM (PKCS#1 or PKCS#8, maybe encrypted) to EVP_PKEY, and the
 * fingerprint OCI computes for an API key (MD5 of the DER public key). */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <string.h>

#include "oci/oci.h"

/* Never prompts: OpenSSL's default callback would read the terminal. */
static int pass_cb(char *buf, int size, int rwflag, void *u)
{
	(void)rwflag;
	const char *pass = u;
	if (!pass)
		return -1;
	size_t n = strlen(pass);
	if (n > (size_t)size)
		return -1;
	memcpy(buf, pass, n);
	return (int)n;
}

static int pem_is_encrypted(const char *pem, size_t len)
{
	static const char *marks[] = {"ENCRYPTED PRIVATE KEY", "Proc-Type: 4,ENCRYPTED"};
	for (size_t m = 0; m < 2; m++) {
		size_t k = strlen(marks[m]);
		for (size_t i = 0; i + k <= len; i++)
			if (memcmp(pem + i, marks[m], k) == 0)
				return 1;
	}
	return 0;
}

int key_load(EVP_PKEY **out, const char *pem, size_t len, const char *passphrase, char *why,
	     size_t why_size)
{
	*out = NULL;
	if (len > (1u << 20)) {
		snprintf(why, why_size, "the key file is larger than 1 MiB");
		return -1;
	}
	int encrypted = pem_is_encrypted(pem, len);
	if (encrypted && (!passphrase || !*passphrase)) {
		snprintf(why, why_size, "the key is encrypted: set pass_phrase");
		return -1;
	}
	BIO *bio = BIO_new_mem_buf(pem, (int)len);
	if (!bio) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	*out = PEM_read_bio_PrivateKey(bio, NULL, pass_cb, (void *)(uintptr_t)passphrase);
	BIO_free(bio);
	ERR_clear_error();
	if (!*out) {
		snprintf(why, why_size, "%s",
			 encrypted ? "cannot decrypt the key: wrong pass_phrase?"
				   : "not a PEM private key");
		return -1;
	}
	if (EVP_PKEY_get_base_id(*out) != EVP_PKEY_RSA) {
		EVP_PKEY_free(*out);
		*out = NULL;
		snprintf(why, why_size, "not an RSA key (OCI signs with rsa-sha256)");
		return -1;
	}
	return 0;
}

int key_fingerprint(const EVP_PKEY *key, char out[48])
{
	unsigned char *der = NULL;
	int n = i2d_PUBKEY(key, &der);
	if (n <= 0)
		return -1;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned md_len = 0;
	int ok = EVP_Digest(der, (size_t)n, md, &md_len, EVP_md5(), NULL);
	OPENSSL_free(der);
	if (!ok || md_len != 16)
		return -1;
	for (unsigned i = 0; i < 16; i++)
		snprintf(out + i * 3, 4, i < 15 ? "%02x:" : "%02x", md[i]);
	return 0;
}

/* Request signing, signature version "1" (draft-cavage HTTP signatures as OCI
 * uses them): which headers each method signs, the signing string, and the
 * RSA-SHA256 signature through EVP_DigestSign. */
#include <ctype.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "oci/oci.h"
#include "util/diag.h"

int signer_from_key(dsj_oci_signer **out, EVP_PKEY *key, const char *key_id)
{
	dsj_oci_signer *s = calloc(1, sizeof(*s));
	char *id = strdup(key_id);
	if (!s || !id) {
		free(s);
		free(id);
		EVP_PKEY_free(key);
		return DSJ_ENOMEM;
	}
	s->key = key;
	s->key_id = id;
	*out = s;
	return 0;
}

DSJ_API int dsj_oci_signer_new(dsj_oci_signer **out, const char *pem, size_t pem_len,
			       const char *passphrase, const char *key_id, struct dsj_error *err)
{
	diag_clear(err);
	*out = NULL;
	EVP_PKEY *key = NULL;
	char why[160];
	if (key_load(&key, pem, pem_len, passphrase, why, sizeof(why)))
		return oci_fail(err, DSJ_OCI_ECONFIG, "private key: %s", why);
	if (signer_from_key(out, key, key_id))
		return diag_nomem(err);
	return 0;
}

DSJ_API void dsj_oci_signer_free(dsj_oci_signer *s)
{
	if (!s)
		return;
	EVP_PKEY_free(s->key);
	free(s->key_id);
	free(s);
}

/* POST, PUT and PATCH sign their body unless it is a binary upload. */
static int signs_body(const struct dsj_oci_sign_input *in)
{
	if (in->exclude_body)
		return 0;
	return strcasecmp(in->method, "POST") == 0 || strcasecmp(in->method, "PUT") == 0 ||
	       strcasecmp(in->method, "PATCH") == 0;
}

static void lower_method(struct buf *b, const char *method)
{
	for (const char *p = method; *p; p++)
		buf_putc(b, (char)tolower((unsigned char)*p));
}

static void body_sha256(char out[48], const char *body, size_t len)
{
	unsigned char md[32];
	unsigned md_len = 0;
	EVP_Digest(body ? body : "", len, md, &md_len, EVP_sha256(), NULL);
	b64_encode(out, md, 32);
}

static int signing_string(struct buf *b, const struct dsj_oci_sign_input *in,
			  struct dsj_oci_signed *out)
{
	buf_printf(b, "date: %s\n(request-target): ", out->date);
	lower_method(b, in->method);
	buf_printf(b, " %s\nhost: %s", in->target, in->host);
	if (signs_body(in)) {
		body_sha256(out->content_sha256, in->body, in->body_len);
		buf_printf(b, "\ncontent-length: %zu\ncontent-type: %s\nx-content-sha256: %s",
			   in->body_len, in->content_type ? in->content_type : "application/json",
			   out->content_sha256);
	}
	return b->failed ? -1 : 0;
}

static int rsa_sha256(const EVP_PKEY *key, const char *data, size_t len, char *out_b64,
		      size_t out_size)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned char sig[1024];
	size_t sig_len = sizeof(sig);
	int ok = ctx &&
		 EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, (EVP_PKEY *)(uintptr_t)key) ==
			 1 &&
		 EVP_DigestSign(ctx, sig, &sig_len, (const unsigned char *)data, len) == 1 &&
		 (sig_len + 2) / 3 * 4 + 1 <= out_size;
	EVP_MD_CTX_free(ctx);
	ERR_clear_error();
	if (!ok)
		return -1;
	b64_encode(out_b64, sig, sig_len);
	return 0;
}

static int bad_header_value(const char *s)
{
	for (; s && *s; s++)
		if (*s == '\r' || *s == '\n')
			return 1;
	return 0;
}

DSJ_API int dsj_oci_sign(const dsj_oci_signer *s, const struct dsj_oci_sign_input *in,
			 struct dsj_oci_signed *out, struct dsj_error *err)
{
	diag_clear(err);
	memset(out, 0, sizeof(*out));
	if (!s || !in || !in->method || !in->host || !in->target)
		return oci_fail(err, DSJ_EUSAGE, "sign: method, host and target are required");
	if (bad_header_value(in->host) || bad_header_value(in->target) ||
	    bad_header_value(in->date) || bad_header_value(in->content_type))
		return oci_fail(err, DSJ_EUSAGE, "sign: a header value holds a line break");
	if (in->date)
		snprintf(out->date, sizeof(out->date), "%s", in->date);
	else
		dsj_oci_http_date(out->date, (long long)time(NULL));
	struct buf str, auth;
	buf_init(&str, 1 << 16);
	buf_init(&auth, 1 << 16);
	char sig[1400];
	int rc = signing_string(&str, in, out) ? DSJ_ENOMEM : 0;
	if (!rc && rsa_sha256(s->key, str.data, str.len, sig, sizeof(sig)))
		rc = oci_fail(err, DSJ_OCI_ECONFIG, "sign: the private key cannot sign");
	if (!rc) {
		buf_printf(&auth,
			   "Signature version=\"1\",headers=\"date (request-target) host%s\","
			   "keyId=\"%s\",algorithm=\"rsa-sha256\",signature=\"%s\"",
			   signs_body(in) ? " content-length content-type x-content-sha256" : "",
			   s->key_id, sig);
		out->authorization = buf_detach(&auth, NULL);
		if (!out->authorization)
			rc = DSJ_ENOMEM;
	}
	if (rc == DSJ_ENOMEM)
		diag_nomem(err);
	buf_free(&str);
	buf_free(&auth);
	return rc;
}

/* The OCI config file: INI profiles as Python's configparser reads them
 * (`key = value` or `key: value`, `#`/`;` comment lines, keys case-insensitive),
 * with every profile inheriting DEFAULT's keys. Problems are located:
 * "~/.oci/config:7: ...". */
#include <ctype.h>
#include <errno.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "oci/oci.h"
#include "util/diag.h"

#define CONFIG_MAX_BYTES ((size_t)1 << 20)

enum section_kind { BEFORE_ANY, OTHER, DEFAULT_SECTION, WANTED };

struct parse {
	struct config_profile *own;	 /* the wanted profile's keys */
	struct config_profile *defaults; /* DEFAULT's keys */
	const char *profile;
	enum section_kind in;
	int seen_profile;
	unsigned line;
	struct dsj_error *err;
};

static int located(struct parse *p, const char *msg)
{
	return diag_at(p->err, DSJ_OCI_ECONFIG, p->line, 0, NULL, "ConfigFileError", "%s:%u: %s",
		       p->own->file, p->line, msg);
}

static void trim(const char **s, const char **e)
{
	while (*s < *e && isspace((unsigned char)**s))
		(*s)++;
	while (*e > *s && isspace((unsigned char)(*e)[-1]))
		(*e)--;
}

static struct config_entry *entry_for(struct config_profile *p, const char *key)
{
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->entries[i].key, key) == 0)
			return &p->entries[i];
	if (p->count == CONFIG_KEYS_MAX)
		return NULL;
	struct config_entry *e = &p->entries[p->count];
	if (!(e->key = strdup(key)))
		return NULL;
	p->count++;
	return e;
}

static int put(struct config_profile *p, const char *key, const char *v, size_t vlen, unsigned line)
{
	struct config_entry *e = entry_for(p, key);
	char *value = e ? strndup(v, vlen) : NULL;
	if (!value)
		return -1;
	free(e->value);
	e->value = value;
	e->line = line;
	return 0;
}

static int key_value(struct parse *p, const char *s, const char *e)
{
	const char *sep = s;
	while (sep < e && *sep != '=' && *sep != ':')
		sep++;
	if (sep == e)
		return located(p, "expected `key = value` or `[PROFILE]`");
	const char *ks = s, *ke = sep, *vs = sep + 1, *ve = e;
	trim(&ks, &ke);
	trim(&vs, &ve);
	char key[64];
	size_t klen = (size_t)(ke - ks);
	if (klen == 0 || klen >= sizeof(key))
		return located(p, klen ? "key name too long" : "a key name is missing before `=`");
	for (size_t i = 0; i < klen; i++)
		key[i] = (char)tolower((unsigned char)ks[i]);
	key[klen] = '\0';
	if (p->in == BEFORE_ANY)
		return located(p, "a key before the first `[PROFILE]` header");
	struct config_profile *into = p->in == WANTED		 ? p->own
				      : p->in == DEFAULT_SECTION ? p->defaults
								 : NULL;
	if (into && put(into, key, vs, (size_t)(ve - vs), p->line))
		return located(p, "too many keys in one profile (or out of memory)");
	return 0;
}

static int section(struct parse *p, const char *s, const char *e)
{
	if (e[-1] != ']' || e - s < 3)
		return located(p, "a section header is `[NAME]`");
	size_t n = (size_t)(e - s - 2);
	int is_default = n == 7 && memcmp(s + 1, "DEFAULT", 7) == 0;
	int wanted = strlen(p->profile) == n && memcmp(s + 1, p->profile, n) == 0;
	p->in = wanted ? WANTED : is_default ? DEFAULT_SECTION : OTHER;
	p->seen_profile |= wanted;
	return 0;
}

static int parse_line(struct parse *p, const char *s, const char *e)
{
	trim(&s, &e);
	if (s == e || *s == '#' || *s == ';')
		return 0;
	for (const char *c = s; c < e; c++)
		if (*c == '\0')
			return located(p, "a NUL byte in the line");
	return *s == '[' ? section(p, s, e) : key_value(p, s, e);
}

/* Keys DEFAULT has and the profile does not. */
static int inherit(struct config_profile *own, const struct config_profile *defaults)
{
	for (size_t i = 0; i < defaults->count; i++) {
		const struct config_entry *d = &defaults->entries[i];
		if (!config_get(own, d->key) &&
		    put(own, d->key, d->value, strlen(d->value), d->line))
			return -1;
	}
	return 0;
}

int config_parse(struct config_profile *out, const char *text, size_t len, const char *shown,
		 const char *profile, struct dsj_error *err)
{
	struct config_profile defaults = {0};
	memset(out, 0, sizeof(*out));
	out->file = strdup(shown);
	if (!out->file)
		return diag_nomem(err);
	struct parse p = {.own = out, .defaults = &defaults, .profile = profile, .err = err};
	int rc = 0;
	const char *end = text + len;
	for (const char *s = text; !rc && s < end;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		p.line++;
		rc = parse_line(&p, s, e);
		s = nl ? nl + 1 : end;
	}
	if (!rc && !p.seen_profile && strcmp(profile, "DEFAULT") != 0)
		rc = diag_at(err, DSJ_OCI_ECONFIG, 0, 0, NULL, "ConfigFileError",
			     "%s: no profile [%s]", shown, profile);
	if (!rc && inherit(out, &defaults))
		rc = diag_nomem(err);
	config_free(&defaults);
	if (rc)
		config_free(out);
	return rc;
}

int config_read(struct config_profile *out, const char *path, const char *shown,
		const char *profile, struct dsj_error *err)
{
	char *text = NULL;
	size_t len = 0;
	memset(out, 0, sizeof(*out));
	if (file_read_small(path, CONFIG_MAX_BYTES, &text, &len))
		return diag_at(err, DSJ_OCI_ECONFIG, 0, 0, NULL, "ConfigFileError",
			       "%s: cannot read the config file: %s", shown,
			       errno == EFBIG ? "larger than 1 MiB" : strerror(errno));
	int rc = config_parse(out, text, len, shown, profile, err);
	free(text);
	if (!rc && !(out->path = strdup(path))) {
		config_free(out);
		rc = diag_nomem(err);
	}
	return rc;
}

const struct config_entry *config_get(const struct config_profile *p, const char *key)
{
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->entries[i].key, key) == 0)
			return &p->entries[i];
	return NULL;
}

void config_free(struct config_profile *p)
{
	for (size_t i = 0; i < p->count; i++) {
		free(p->entries[i].key);
		/* values include pass_phrase */
		if (p->entries[i].value)
			OPENSSL_cleanse(p->entries[i].value, strlen(p->entries[i].value));
		free(p->entries[i].value);
	}
	free(p->file);
	free(p->path);
	memset(p, 0, sizeof(*p));
}

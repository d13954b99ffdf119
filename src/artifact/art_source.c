/* Where the user's code comes from: a local path (translate already made it
 * absolute), a file:// URI, or a remote URI read by the caller's fetch function
 * into a private folder (as ADS copies every source into its temporary folder
 * first). Without one, remote sources are refused with what to do instead. */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "artifact/artifact.h"
#include "py/pypath.h"
#include "util/diag.h"

bool art_is_archive_name(const char *name)
{
	static const char *const suffixes[] = {".zip", ".tar.gz", ".tar", ".tgz"};
	size_t len = strlen(name);
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t n = strlen(suffixes[i]);
		if (len >= n && strcmp(name + len - n, suffixes[i]) == 0)
			return true;
	}
	return false;
}

/* The scheme's length ("oci" in "oci://..."), 0 when the text has none. */
static size_t scheme_length(const char *s)
{
	size_t n = 0;
	if (!isalpha((unsigned char)s[0]))
		return 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '+' || s[n] == '-' || s[n] == '.')
		n++;
	return s[n] == ':' && s[n + 1] == '/' && s[n + 2] == '/' ? n : 0;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* file:///abs/path or file://localhost/abs/path, percent-decoded; NULL if not that. */
static char *file_uri_path(struct arena *a, const char *uri)
{
	const char *p = uri + strlen("file://");
	if (strncmp(p, "localhost/", 10) == 0)
		p += 9;
	if (*p != '/')
		return NULL;
	char *out = arena_strndup(a, p, strlen(p));
	if (!out)
		return NULL;
	char *w = out;
	for (const char *r = p; *r; r++) {
		int hi = r[0] == '%' ? hex_value(r[1]) : -1;
		int lo = hi >= 0 ? hex_value(r[2]) : -1;
		if (lo >= 0 && (hi || lo)) {
			*w++ = (char)(hi * 16 + lo);
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return out;
}

static int refuse_remote(const struct art_job *j, const char *key, const char *src,
			 size_t scheme, struct dsj_error *err)
{
	if (scheme == 3 && strncmp(src, "oci", 3) == 0)
		return art_job_fail(j, err, key,
				    "remote source '%s': nothing was given to read Object "
				    "Storage with (dsj_artifact_options.fetch = dsj_oci_fetch); or "
				    "download it first (oci os object get, or oci os object "
				    "bulk-download for a prefix) and point %s at the local copy",
				    src, key);
	return art_job_fail(j, err, key,
			    "remote source '%s': dsjob builds artifacts from local files; fetch "
			    "it first (e.g. curl -LO) and point %s at the local copy",
			    src, key);
}

static char *strip_trailing_slashes(struct arena *a, const char *path)
{
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	return arena_strndup(a, path, len);
}

/* Fetches the remote source into p->fetched/<base>; *path is that copy. */
static int fetch_remote(struct art_plan *p, const char *key, size_t scheme, const char **path,
			struct dsj_error *err)
{
	const struct art_job *j = p->job;
	struct arena *a = p->tree.a; /* the job's arena */
	/* the URI's last path part, as ADS names its local copy */
	const char *rest = strip_trailing_slashes(a, j->source + scheme + 3);
	if (!rest)
		return diag_nomem(err);
	struct str base = py_basename((struct str){rest, strlen(rest)});
	if (!base.len || (base.len <= 2 && strncmp(base.ptr, "..", base.len) == 0))
		return art_job_fail(j, err, key, "remote source '%s' names no file or folder",
				    j->source);
	int rc = art_temp_dir(a, "dsjob-fetch", &p->fetched, err);
	if (rc)
		return rc;
	struct str dest = py_path_join(a, (struct str){p->fetched, strlen(p->fetched)}, base);
	if (!dest.ptr)
		return diag_nomem(err);
	struct dsj_error why;
	diag_clear(&why);
	rc = p->fetch(p->fetch_ctx, j->source, dest.ptr, &why);
	if (rc == 1)
		return refuse_remote(j, key, j->source, scheme, err);
	if (rc)
		return why.code == DSJ_ENOMEM
			       ? diag_nomem(err)
			       : art_job_fail(j, err, key, "cannot read '%s': %s", j->source,
					      why.message);
	*path = dest.ptr;
	return 0;
}

static int classify(struct art_source *out, const struct art_job *j, const char *key,
		    const char *path, struct dsj_error *err)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return art_job_fail(j, err, key, "source '%s' cannot be read: %s", path,
				    strerror(errno));
	if (S_ISDIR(st.st_mode))
		out->kind = ART_SRC_DIR;
	else if (S_ISREG(st.st_mode))
		out->kind = art_is_archive_name(path) ? ART_SRC_ARCHIVE : ART_SRC_FILE;
	else
		return art_job_fail(j, err, key, "source '%s' is not a file or a folder", path);
	return 0;
}

int art_source_resolve(struct art_plan *p, const char *key, struct dsj_error *err)
{
	struct art_source *out = &p->src;
	const struct art_job *j = p->job;
	struct arena *a = p->tree.a; /* the job's arena */
	memset(out, 0, sizeof(*out));
	const char *src = j->source;
	if (!src || !*src)
		return 0;
	size_t scheme = scheme_length(src);
	const char *path = src;
	if (scheme == 4 && strncmp(src, "file", 4) == 0) {
		if (!(path = file_uri_path(a, src)))
			return art_job_fail(j, err, key,
					    "'%s' is not a file:// URI of an absolute path "
					    "(file:///path/to/code)",
					    src);
	} else if (scheme && !p->fetch) {
		return refuse_remote(j, key, src, scheme, err);
	} else if (scheme) {
		int rc = fetch_remote(p, key, scheme, &path, err);
		if (rc)
			return rc;
	}
	char *clean = strip_trailing_slashes(a, path);
	if (!clean)
		return diag_nomem(err);
	out->path = clean;
	struct str base = py_basename((struct str){clean, strlen(clean)});
	out->base = arena_strndup(a, base.ptr, base.len);
	if (!out->base)
		return diag_nomem(err);
	return classify(out, j, key, clean, err);
}

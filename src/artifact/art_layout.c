/* What each artifact type holds and how it is named, as ADS 2.8 builds it
 * (docs/artifacts.md). A new runtime type is one row here. */
#include <string.h>

#include "artifact/artifact.h"

static const struct art_layout layouts[] = {
	{"ScriptArtifact", {NULL}, ART_UPLOAD_SCRIPT, NULL, "scriptPathURI", "script_path_uri"},
	{"PythonArtifact",
	 {"driver_utils.py", "driver_python.py", "driver_notebook.py", NULL},
	 ART_UPLOAD_BASE_ZIP,
	 NULL,
	 "scriptPathURI",
	 "script_path_uri"},
	{"NotebookArtifact",
	 {"driver_utils.py", "driver_notebook.py", NULL},
	 ART_UPLOAD_BASE_ZIP,
	 NULL,
	 "source",
	 NULL},
	{"GitPythonArtifact",
	 {"driver_utils.py", "driver_oci.py", "driver_notebook.py", NULL},
	 ART_UPLOAD_FIXED,
	 "ads_driver.zip",
	 "url",
	 NULL},
	{"PyTorchDistributedArtifact",
	 {"driver_utils.py", "driver_pytorch.py", "hostname_from_env.c", "oci_metrics.py",
	  "driver_oci.py", NULL},
	 ART_UPLOAD_BASE_ZIP,
	 NULL,
	 "scriptPathURI",
	 "script_path_uri"},
	/* container: ADS 2.8 uploads its comment-only placeholder; ours is drivers/container.py */
	{"path", {"container.py", NULL}, ART_UPLOAD_PLACEHOLDER, "container.py", "image", NULL},
};

const struct art_layout *art_layout_find(const char *artifact_type)
{
	for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
		if (strcmp(layouts[i].artifact_type, artifact_type) == 0)
			return &layouts[i];
	return NULL;
}

/* ADS: the source's basename (trailing "/" already gone) cut at its first dot. */
static const char *base_zip_name(struct arena *a, const struct art_source *src)
{
	if (src->kind == ART_SRC_NONE)
		return "artifact.zip";
	size_t stem = strcspn(src->base, ".");
	char *name = arena_alloc(a, stem + 5);
	if (name) {
		memcpy(name, src->base, stem);
		memcpy(name + stem, ".zip", 5);
	}
	return name;
}

static const char *with_zip(struct arena *a, const char *base)
{
	size_t len = strlen(base);
	char *name = arena_alloc(a, len + 5);
	if (name) {
		memcpy(name, base, len);
		memcpy(name + len, ".zip", 5);
	}
	return name;
}

const char *art_upload_name(struct arena *a, const struct art_layout *l,
			    const struct art_source *src)
{
	switch (l->upload) {
	case ART_UPLOAD_BASE_ZIP:
		return base_zip_name(a, src);
	case ART_UPLOAD_SCRIPT:
		return src->kind == ART_SRC_DIR ? with_zip(a, src->base) : src->base;
	case ART_UPLOAD_FIXED:
	case ART_UPLOAD_PLACEHOLDER:
		break;
	}
	return l->fixed_name;
}

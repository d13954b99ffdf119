/* What passes for an OCID in a URL path. */
#include <string.h>

#include "oci/oci.h"

int ocid_ok(const char *id)
{
	size_t n = strlen(id);
	if (n == 0 || n > 255)
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
			return 0;
	return 1;
}

#include <stdlib.h>

#include "dsjob.h"

const char *dsj_version(void)
{
	return DSJ_VERSION;
}

void dsj_free(void *p)
{
	free(p);
}

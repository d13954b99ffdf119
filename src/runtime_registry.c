/* The runtime types dsjob knows, and the order extraction tries them in: a
 * more specific type before the one it specialises (the seed's runtime_handlers). */
#include <string.h>

#include "runtime.h"

static const struct runtime_type *const by_priority[] = {
	&rt_container, &rt_pytorch, &rt_gitpython, &rt_notebook, &rt_python, &rt_script,
};

const struct runtime_type *runtime_type_find(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(by_priority) / sizeof(by_priority[0]); i++)
		if (strlen(by_priority[i]->name) == len &&
		    memcmp(by_priority[i]->name, name, len) == 0)
			return by_priority[i];
	return NULL;
}

const struct runtime_type *const *runtime_types_by_priority(size_t *count)
{
	*count = sizeof(by_priority) / sizeof(by_priority[0]);
	return by_priority;
}

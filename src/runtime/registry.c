/* The runtime types dsjob knows, and the order extraction tries them in: a
 * more specific type before the one it specialises (the seed's runtime_handlers). */
#include <string.h>

#include "runtime/runtime.h"

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

static bool has_all(const struct node *envs, const char *const *names)
{
	for (; names && *names; names++)
		if (map_find(envs, *names, strlen(*names)) < 0)
			return false;
	return true;
}

const struct runtime_type *runtime_type_for_job(const struct node *envs)
{
	size_t n = sizeof(by_priority) / sizeof(by_priority[0]);
	for (size_t i = 0; i + 1 < n; i++)
		if (envs && has_all(envs, by_priority[i]->signature))
			return by_priority[i];
	return by_priority[n - 1];
}

/* spec.env -> the first environment variables of the payload. */
#ifndef DSJ_RUNTIME_ENV_H
#define DSJ_RUNTIME_ENV_H

#include "runtime/runtime.h"

int translate_user_env(struct translate_ctx *t);

#endif

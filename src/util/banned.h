/* Functions the library and the tool must not use, made compile errors
 * (curl's list): unbounded writes (sprintf, strcpy, strcat, gets), silent
 * failure on bad numbers (atoi, atol, atof) and hidden state (strtok). Use
 * snprintf, memcpy with a known length, buf_*, strtol/strtod with an end check.
 * CMake puts this header before every source file (-include). The system
 * headers that declare these names come first: a poisoned name may not appear
 * even in a declaration, and their include guards keep them from being read
 * again later. */
#ifndef DSJ_BANNED_H
#define DSJ_BANNED_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#pragma GCC poison sprintf vsprintf strcpy stpcpy strcat strncat strncpy gets
#pragma GCC poison atoi atol atoll atof strtok strtok_r

#endif

/* dsjob-driver-version: 1
 *
 * LD_PRELOAD shim for multi-node PyTorch jobs: makes this host's name read as the value of
 * OCI__HOSTNAME (its IP address), so that c10d rendezvous advertises an address the other
 * nodes can reach instead of a host name they cannot resolve.
 *
 *   gcc -shared -fPIC -o libhostname.so.1 hostname_from_env.c -ldl
 *   LD_PRELOAD=$PWD/libhostname.so.1 OCI__HOSTNAME=10.0.0.5 torchrun ...
 *
 * - gethostname() returns OCI__HOSTNAME when it is set (NUL-terminated, ENAMETOOLONG when
 *   the buffer is too small) and the real host name otherwise.
 * - gethostbyaddr_r() sets h_name to OCI__HOSTNAME when the address looked up is that
 *   address (compared as text).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int (*gethostname_fn)(char *, size_t);
typedef int (*gethostbyaddr_r_fn)(const void *, socklen_t, int, struct hostent *, char *, size_t,
				  struct hostent **, int *);

int gethostname(char *name, size_t len)
{
	const char *value = getenv("OCI__HOSTNAME");
	size_t n;

	if (value == NULL || value[0] == '\0') {
		gethostname_fn real = (gethostname_fn)dlsym(RTLD_NEXT, "gethostname");
		if (real == NULL) {
			errno = ENOSYS;
			return -1;
		}
		return real(name, len);
	}
	n = strlen(value);
	if (n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, value, n + 1);
	return 0;
}

int gethostbyaddr_r(const void *addr, socklen_t len, int type, struct hostent *ret, char *buf,
		    size_t buflen, struct hostent **result, int *h_errnop)
{
	gethostbyaddr_r_fn real = (gethostbyaddr_r_fn)dlsym(RTLD_NEXT, "gethostbyaddr_r");
	const char *value = getenv("OCI__HOSTNAME");
	char text[INET6_ADDRSTRLEN];
	int rc;

	if (real == NULL) {
		if (h_errnop != NULL)
			*h_errnop = NO_RECOVERY;
		return ENOSYS;
	}
	rc = real(addr, len, type, ret, buf, buflen, result, h_errnop);
	if (rc == 0 && result != NULL && *result != NULL && value != NULL && addr != NULL &&
	    inet_ntop(type, addr, text, sizeof(text)) != NULL && strcmp(text, value) == 0)
		(*result)->h_name = (char *)value;
	return rc;
}

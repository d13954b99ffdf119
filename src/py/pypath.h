/* The os.path functions (POSIX) the conversion uses. Results live in `a`. */
#ifndef DSJ_PYPATH_H
#define DSJ_PYPATH_H

#include "doc/node.h"
#include "util/arena.h"

/* os.path.basename */
struct str py_basename(struct str path);
/* os.path.splitext(path)[0] (leading dots of the last component do not count) */
struct str py_splitext_root(struct str path);
/* os.path.join(a, b): b when b is absolute, else a + "/" + b (no "/" added when a is empty or ends
 * in "/") */
struct str py_path_join(struct arena *a, struct str left, struct str right);
/* os.path.abspath(os.path.expanduser(path)) against cwd and home: "~" and "~/..."
 * use home ("~user" is kept as is; NULL home = $HOME), then normpath. cwd is never
 * NULL: the API finds it, or fails, before converting. */
struct str py_abspath(struct arena *a, struct str path, const char *cwd, const char *home);
/* os.path.normpath */
struct str py_normpath(struct arena *a, struct str path);

#endif

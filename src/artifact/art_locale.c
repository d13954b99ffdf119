/* libarchive converts entry names between UTF-8 and the current locale's
 * charset; in the "C" locale (no LANG, as in CI) a non-ASCII name then fails
 * ("Pathname cannot be converted"). The calls that read or write archives run
 * with C.UTF-8 as this thread's locale (uselocale: no other thread sees it). */
#include <locale.h>

#include "artifact/artifact.h"

void art_locale_enter(struct art_locale *l)
{
	l->utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	l->previous = l->utf8 ? uselocale(l->utf8) : (locale_t)0;
}

void art_locale_leave(struct art_locale *l)
{
	if (!l->utf8)
		return;
	uselocale(l->previous);
	freelocale(l->utf8);
}

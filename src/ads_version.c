/* The ADS releases dsjob matches, by name: what --ads and a batch request's
 * "ads" take. */
#include <string.h>

#include "dsjob.h"

static const struct {
	const char *name;
	enum dsj_ads ads;
} releases[] = {
	{"2.8", DSJ_ADS_2_8},	{"2.8.7", DSJ_ADS_2_8},	  {"2023", DSJ_ADS_2_8},
	{"2.15", DSJ_ADS_2_15}, {"2.15.2", DSJ_ADS_2_15}, {"2026", DSJ_ADS_2_15},
};

int dsj_ads_parse(enum dsj_ads *out, const char *text)
{
	for (size_t i = 0; text && i < sizeof(releases) / sizeof(releases[0]); i++)
		if (strcmp(text, releases[i].name) == 0) {
			*out = releases[i].ads;
			return 0;
		}
	return DSJ_EUSAGE;
}

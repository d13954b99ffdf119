/* RFC 1123 dates for the signed `date` header. Built by hand, not with
 * strftime, so the process locale (LC_TIME=de_DE...) cannot change the day and
 * month names the service checks. */
#include <stdio.h>
#include <time.h>

#include "dsjob_oci.h"

static const char day_names[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char month_names[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

DSJ_API void dsj_oci_http_date(char out[40], long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm)) {
		snprintf(out, 40, "Thu, 01 Jan 1970 00:00:00 GMT");
		return;
	}
	snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d GMT", day_names[tm.tm_wday % 7],
		 tm.tm_mday, month_names[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		 tm.tm_sec);
}

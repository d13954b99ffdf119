/* source_fetch_fn of the static dsjob, which holds no OCI code: none. Its
 * artifact and run --local hand a command line whose source is oci:// to
 * dsjob-oci (source_hand_over), which reads it. */
#include "cli.h"

dsj_fetch_fn source_fetch_fn(void)
{
	return NULL;
}

void source_fetch_end(struct source_fetch *f)
{
	(void)f;
}

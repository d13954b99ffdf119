#include <stdio.h>

#include "dsjob.h"

int main(void)
{
	printf("dsjob %s\n", dsj_version());
	return 0;
}

/* dsjob-gen: writes the benchmark corpus as files, for bench/single.sh and for
 * looking at. usage: dsjob-gen DIR [COUNT] [SEED]
 * DIR/<i>-<type>.yaml (runtime YAML) and DIR/<i>-<type>.json (its OCI Job). */
#include <stdio.h>
#include <stdlib.h>

#include "dsjob.h"
#include "gen.h"

static int write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	int ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok ? 0 : -1;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: dsjob-gen DIR [COUNT] [SEED]\n");
		return 2;
	}
	size_t count = argc > 2 ? strtoull(argv[2], NULL, 10) : 60;
	unsigned long long seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 42;
	struct gen_rng r;
	gen_seed(&r, seed);
	struct buf y, j;
	buf_init(&y, 0);
	buf_init(&j, 0);
	char path[4096];
	for (size_t i = 0; i < count; i++) {
		enum gen_type t = (enum gen_type)(i % GEN_NTYPES);
		gen_runtime_yaml(&y, &r, t, gen_size(&r, 200, 20000));
		struct dsj_options o;
		dsj_options_init(&o, DSJ_OPTIONS_VERSION);
		o.output = DSJ_FORMAT_JSON_LINE;
		char *payload;
		size_t plen;
		if (y.failed || dsj_translate(&payload, &plen, NULL, y.data, y.len, &o, NULL) ||
		    gen_job_json(&j, &r, payload, plen)) {
			fprintf(stderr, "dsjob-gen: document %zu failed\n", i);
			return 1;
		}
		dsj_free(payload);
		snprintf(path, sizeof(path), "%s/%03zu-%s.yaml", argv[1], i, gen_type_name(t));
		if (write_file(path, y.data, y.len))
			return perror(path), 1;
		snprintf(path, sizeof(path), "%s/%03zu-%s.json", argv[1], i, gen_type_name(t));
		if (write_file(path, j.data, j.len))
			return perror(path), 1;
	}
	buf_free(&y);
	buf_free(&j);
	return 0;
}

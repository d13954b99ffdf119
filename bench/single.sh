#!/usr/bin/env bash
# Times single `dsjob translate` / `dsjob extract` invocations (process start
# included) with hyperfine, next to /bin/true (the cost of exec itself), and
# their peak RSS with /usr/bin/time -v.
# usage: bench/single.sh [BUILD_DIR]   (default build-bench; scripts/bench.sh builds it)
# DSJ_BENCH_RUNS=N sets the hyperfine runs (default 300).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}
runs=${DSJ_BENCH_RUNS:-300}
dsjob=$build/dsjob
gen=$build/bench/dsjob-gen
[ -x "$dsjob" ] && [ -x "$gen" ] || { echo "build first: scripts/bench.sh" >&2; exit 2; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$gen" "$dir" 12 42
typical=examples/python_runtime.yaml
mid=$(ls "$dir"/*-python.yaml | head -1)     # a generated python runtime
big=$(ls -S "$dir"/*.yaml | head -1)         # the largest generated YAML
job=$(ls -S "$dir"/*.json | head -1)         # the largest generated job JSON
echo "inputs: $typical ($(wc -c <"$typical") B), $mid ($(wc -c <"$mid") B), $big ($(wc -c <"$big") B), $job ($(wc -c <"$job") B)"
echo "dsjob: $(file -b "$dsjob" 2>/dev/null | cut -d, -f1-2 || echo "$dsjob")"
echo
for cmd in "translate $typical" "translate $mid" "translate $big" "extract --artifact train.py $job" "--version"; do
	"$dsjob" $cmd >/dev/null || { echo "dsjob $cmd failed" >&2; exit 1; }
done

if command -v hyperfine >/dev/null; then
	warmup=$((runs < 20 ? 1 : 20))
	hyperfine -N --warmup "$warmup" --runs "$runs" --style basic --export-json "$dir/h.json" \
		-n "/bin/true (exec floor)" "/bin/true" \
		-n "translate $(basename "$typical")" "$dsjob translate $typical" \
		-n "translate $(basename "$mid")" "$dsjob translate $mid" \
		-n "translate $(basename "$big")" "$dsjob translate $big" \
		-n "extract $(basename "$job")" "$dsjob extract --artifact train.py $job" \
		-n "dsjob --version (process floor)" "$dsjob --version" 2>&1 | grep -v '^ *$'
	python3 - "$dir/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
floor = r[0]
print()
for x in r[1:]:
    print("%-40s mean %.3f ms  median %.3f ms  = %.2f x /bin/true (mean), %.2f x (median)" % (
        x["command"], x["mean"] * 1e3, x["median"] * 1e3, x["mean"] / floor["mean"],
        x["median"] / floor["median"]))
PY
else
	echo "hyperfine is missing (apt-get install hyperfine): no single-run timings"
fi
echo
if [ -x /usr/bin/time ]; then
	echo "peak RSS (max of 20 runs, /usr/bin/time -v):"
	for cmd in "translate $typical" "translate $mid" "translate $big" "extract --artifact train.py $job" "--version"; do
		max=0
		for _ in $(seq 20); do
			kb=$( { /usr/bin/time -v "$dsjob" $cmd >/dev/null; } 2>&1 | awk '/Maximum resident/ {print $6}')
			[ "$kb" -gt "$max" ] && max=$kb
		done
		printf '  %-60s %6d KiB (%.2f MiB)\n' "dsjob $cmd" "$max" "$(awk "BEGIN {print $max/1024}")"
	done
else
	echo "/usr/bin/time is missing (apt-get install time): no peak RSS"
fi

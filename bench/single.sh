#!/usr/bin/env bash
# Times single `dsjob translate` / `dsjob extract` invocations (process start
# included) with hyperfine, and their peak RSS with /usr/bin/time -v.
# usage: bench/single.sh [BUILD_DIR]   (default build-bench; scripts/bench.sh builds it)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}
dsjob=$build/dsjob
gen=$build/bench/dsjob-gen
[ -x "$dsjob" ] && [ -x "$gen" ] || { echo "build first: scripts/bench.sh" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$gen" "$dir" 12 42
typical=examples/python_runtime.yaml
mid=$(ls "$dir"/*-python.yaml | head -1)     # a generated python runtime
big=$(ls -S "$dir"/*.yaml | head -1)         # the largest generated YAML
job=$(ls -S "$dir"/*.json | head -1)         # the largest generated job JSON
echo "inputs: $typical ($(wc -c <"$typical") B), $mid ($(wc -c <"$mid") B), $big ($(wc -c <"$big") B), $job ($(wc -c <"$job") B)"
echo

hyperfine -N --warmup 20 --runs 300 --style basic \
	-n "translate $(basename "$typical")" "$dsjob translate $typical" \
	-n "translate $(basename "$mid")" "$dsjob translate $mid" \
	-n "translate $(basename "$big")" "$dsjob translate $big" \
	-n "extract $(basename "$job")" "$dsjob extract --artifact train.py $job" \
	-n "dsjob --version (process floor)" "$dsjob --version" 2>&1 | grep -v '^ *$'
echo
echo "peak RSS (max of 20 runs, /usr/bin/time -v):"
for cmd in "translate $typical" "translate $mid" "translate $big" "extract --artifact train.py $job" "--version"; do
	max=0
	for _ in $(seq 20); do
		kb=$( { /usr/bin/time -v "$dsjob" $cmd >/dev/null; } 2>&1 | awk '/Maximum resident/ {print $6}')
		[ "$kb" -gt "$max" ] && max=$kb
	done
	printf '  %-60s %6d KiB (%.2f MiB)\n' "dsjob $cmd" "$max" "$(echo "$max/1024" | bc -l)"
done

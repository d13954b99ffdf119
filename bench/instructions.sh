#!/usr/bin/env bash
# The batch ratios by instruction count (valgrind --tool=callgrind), which the
# load of a shared machine does not change: `dsjob --jsonl` (the whole process)
# on N generated documents against the floors on the same documents, libyaml's
# event parse (translate) and jansson's json_loadb (extract), from dsjob-bench.
# usage: bench/instructions.sh [BUILD_DIR] [N]   (default build-bench, 200)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}
n=${2:-200}
command -v valgrind >/dev/null || { echo "valgrind is missing" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$build/bench/dsjob-gen" "$dir" "$n" 42
python3 - "$dir" <<'PY'
import glob, json, sys
d = sys.argv[1]
for op, ext in (("translate", "yaml"), ("extract", "json")):
    with open(f"{d}/{op}.jsonl", "w") as f:
        for p in sorted(glob.glob(f"{d}/*.{ext}")):
            f.write(json.dumps({"op": op, "input": open(p).read(), "artifact": "train.py"}) + "\n")
PY
total() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'; }
for op in translate extract; do
	valgrind -q --tool=callgrind --callgrind-out-file="$dir/cli-$op" "$build/dsjob" --jsonl \
		<"$dir/$op.jsonl" >/dev/null
done
# dsjob-bench measures each case in 3 rounds of one pass each with --min-time 0
for c in case_libyaml case_jansson; do
	valgrind -q --tool=callgrind --callgrind-out-file="$dir/$c" --toggle-collect="$c" \
		"$build/bench/dsjob-bench" --docs "$n" --min-time 0 --only corpus >/dev/null
done
t=$(total "$dir/cli-translate"); x=$(total "$dir/cli-extract")
y=$(( $(total "$dir/case_libyaml") / 3 )); j=$(( $(total "$dir/case_jansson") / 3 ))
echo "$n documents; instructions (callgrind):"
echo "  dsjob --jsonl translate  $t   libyaml event parse $y   floor/dsjob = $(awk "BEGIN {printf \"%.1f%%\", 100 * $y / $t}")"
echo "  dsjob --jsonl extract    $x   jansson json_loadb  $j   floor/dsjob = $(awk "BEGIN {printf \"%.1f%%\", 100 * $j / $x}")"

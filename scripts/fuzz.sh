#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build-fuzz/) and runs each for
# SECONDS (default 900) or 5 million executions, two at a time, growing the
# corpora in fuzz/corpus-<target>/ (not committed). Crashes, leaks and timeouts
# are written to fuzz/findings/. usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-900}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(yaml json translate extract shlex envinterp batch validate unpack oci_config oci_reply)
command -v clang >/dev/null || { echo "fuzz.sh needs clang (apt-get install clang)"; exit 2; }
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDSJ_FUZZ=ON >/dev/null
cmake --build build-fuzz -j"$(nproc)"
mkdir -p fuzz/findings
run() {
  local t=$1
  mkdir -p "fuzz/corpus-$t"
  cp -n fuzz/corpus/"$t"/* "fuzz/corpus-$t/" 2>/dev/null || true
  "build-fuzz/fuzz/fuzz_$t" -max_total_time="$seconds" -runs=5000000 -max_len=16384 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="fuzz/findings/$t-" \
    "fuzz/corpus-$t" >"fuzz/findings/$t.log" 2>&1
  echo "$t: exit $? ($(grep -o 'number_of_executed_units: [0-9]*' "fuzz/findings/$t.log"))"
}
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  run "${targets[i]}" &
  [ $((i + 1)) -lt ${#targets[@]} ] && run "${targets[i + 1]}" &
  wait
done

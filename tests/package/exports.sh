#!/usr/bin/env bash
# The library defines no global name outside dsj_*, so it cannot clash with a
# program's own buf_init or map_get when linked statically.
# usage: exports.sh NM LIBRARY static|shared
set -euo pipefail
nm=$1 lib=$2 kind=$3
if [ "$kind" = shared ]; then
  defined=$("$nm" -D --defined-only "$lib")
else
  defined=$("$nm" -g --defined-only "$lib")
fi
names=$(awk 'NF >= 3 { print $3 }' <<<"$defined" | sort -u)
public=$(grep -c '^dsj_' <<<"$names" || true)
others=$(grep -v '^dsj_' <<<"$names" || true)
if [ -n "$others" ]; then
  echo "$lib: global symbols outside dsj_*:"
  echo "$others"
  exit 1
fi
if [ "$public" -lt 5 ]; then
  echo "$lib: only $public dsj_* symbols: is this the library?"
  exit 1
fi
echo "$lib: $public global symbols, all dsj_*"

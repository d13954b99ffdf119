#!/usr/bin/env bash
# The bad-input suite: every case under cases/ is an input and an `expected`
# file (see README.md here). Each case runs dsjob and checks the exit status,
# the first stderr line, an empty stdout and, with -o OUT, that a pre-existing
# OUT stays as it was with no temporary file left beside it.
# usage: run.sh PATH/TO/dsjob          run all cases; last line "N passed, M failed"
#        run.sh --record PATH/TO/dsjob  rewrite status/stderr from what dsjob does
# DSJ_TEST_WRAPPER (e.g. "valgrind -q --error-exitcode=99") runs dsjob under it;
# with DSJ_BAD_WRAP_EVERY=K only every K-th case and all the limit cases (alias
# bombs, deep nesting, huge inputs, OCI limits) run under it, the rest run bare,
# so a valgrind pass stays short (the ASan+UBSan build runs every case).
set -u
here=$(cd "$(dirname "$0")" && pwd)
record=0
if [ "${1:-}" = --record ]; then record=1; shift; fi
if [ "${1:-}" = --case ]; then
  shift
  source "$here/case.sh"
  run_case "$@"
  exit $?
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
source "$here/case.sh"
make_special "$work"
jobs=$(nproc 2>/dev/null || echo 2)
# every case in its own process, nproc at a time; each prints "ok NAME" or "FAIL NAME: why"
(cd "$here/cases" && ls | awk '{ print NR - 1, $0 }') |
  (cd "$work" && xargs -P "$jobs" -L 1 "$here/run.sh" --case "$bin" "$work" "$here" "$record") \
    >"$work/results"
grep '^FAIL' "$work/results" | sort
grep '^SKIP' "$work/results" | sort
passed=$(grep -c '^ok' "$work/results")
failed=$(grep -c '^FAIL' "$work/results")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

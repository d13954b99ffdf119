#!/usr/bin/env bash
# Checks that a committed generated file is what its generator prints now.
# usage: check_generated.sh FILE PYTHON_MODULES GENERATOR [ARGS...]
# PYTHON_MODULES (comma-separated, or -) must import, else the check is skipped
# (exit 77): e.g. PyYAML for the cases made from PyYAML's own answers.
set -euo pipefail
file=$1 modules=$2
shift 2
if [ "$modules" != - ] && ! python3 -c "import ${modules}" 2>/dev/null; then
	echo "skipped: python3 cannot import ${modules}"
	exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if ! "$@" | diff -u "$file" - >"$out" 2>&1; then
	head -40 "$out"
	echo "$file differs from what '$*' writes: regenerate it"
	exit 1
fi
echo "$file matches '$*'"

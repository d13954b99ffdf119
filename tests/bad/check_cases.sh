#!/usr/bin/env bash
# Checks that make_cases.py rebuilds the committed cases: it is run from
# scratch in a temporary copy and the result must equal cases/ except for the
# status/stderr/warning lines, which `run.sh --record` fills in (and bad_input checks).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$here/make_cases.py" "$here/accepted.txt" "$tmp/"
python3 "$tmp/make_cases.py" >/dev/null
if ! diff -r -I '^status: ' -I '^stderr: ' -I '^warning: ' "$here/cases" "$tmp/cases" >"$tmp/diff"; then
	head -40 "$tmp/diff"
	echo "tests/bad/cases differs from what make_cases.py writes: run it and run.sh --record"
	exit 1
fi
echo "make_cases.py rebuilds all $(ls "$here/cases" | wc -l) cases"

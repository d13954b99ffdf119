#!/usr/bin/env bash
# The artifact cases: cases/NAME/input.yaml (@FIX@ = the fixture folder) with
#   expected         stdout of `dsjob artifact --list --output json` (layout, upload name)
#   expected_stderr  its stderr (@FIX@ for the fixture folder), when there is one
#   expected_status  its exit status when not 0
#   options          more dsjob options for the case (e.g. --ads 2.15)
# Every case that succeeds is also built for real, and the zip tested with
# `python3 -m zipfile -t` and `unzip -t`. Usage: run_cases.sh DSJOB
set -uo pipefail
dsjob=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
wrap=${DSJ_TEST_WRAPPER:-} # e.g. valgrind, set by ctest in DSJ_VALGRIND builds
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$here/make_fixture.sh" "$work/fix"
: > "$work/no_stderr"
failed=0
fail() {
	echo "FAIL $1: $2"
	failed=$((failed + 1))
}
check_zip() { # case, file, listing (JSON): valid, and its names are the listed entries
	case "$2" in *.zip) ;; *) return 0 ;; esac
	python3 -m zipfile -t "$2" >/dev/null 2>&1 || fail "$1" "python3 -m zipfile -t $2"
	unzip -tq "$2" >/dev/null 2>&1 || fail "$1" "unzip -t $2"
	python3 -c 'import json, sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
listed = json.load(open(sys.argv[2], encoding="utf-8"))["entries"]
sys.exit(names != listed and "%r != %r" % (names, listed))' "$2" "$3" ||
		fail "$1" "the zip's names are not the listed entries"
}
for case_dir in "$here"/cases/*/; do
	name=$(basename "$case_dir")
	sed "s|@FIX@|$work/fix|g" "$case_dir/input.yaml" > "$work/fix/input.yaml"
	options=$(cat "$case_dir/options" 2>/dev/null)
	want_status=0
	[ -f "$case_dir/expected_status" ] && want_status=$(cat "$case_dir/expected_status")
	(cd "$work/fix" && $wrap "$dsjob" artifact $options --list --output json input.yaml) \
		> "$work/out" 2> "$work/err"
	status=$?
	sed -i "s|$work/fix|@FIX@|g" "$work/err"
	[ "$status" = "$want_status" ] || fail "$name" "exit status $status, expected $want_status"
	[ -f "$case_dir/expected" ] || [ -f "$case_dir/expected_status" ] ||
		fail "$name" "the case has neither expected nor expected_status"
	if [ -f "$case_dir/expected" ]; then
		diff -u "$case_dir/expected" "$work/out" > "$work/diff" || fail "$name" "$(cat "$work/diff")"
	fi
	want_err=$work/no_stderr
	[ -f "$case_dir/expected_stderr" ] && want_err=$case_dir/expected_stderr
	diff -u "$want_err" "$work/err" > "$work/diff" 2>&1 || fail "$name" "stderr: $(cat "$work/diff")"
	[ "$status" = 0 ] || continue
	mkdir -p "$work/out_dir/$name"
	path=$(cd "$work/fix" && $wrap "$dsjob" artifact $options -o "$work/out_dir/$name" input.yaml 2>/dev/null)
	if grep -q '"uploadName": null' "$work/out"; then # a job without an artifact writes nothing
		[ -z "$path" ] && [ -z "$(ls -A "$work/out_dir/$name")" ] || fail "$name" "wrote '$path'"
		continue
	fi
	[ -f "$path" ] || { fail "$name" "no artifact written ($path)"; continue; }
	check_zip "$name" "$path" "$work/out"
done
# --driver-dir: the drivers come from that folder; one missing is an error naming it
sed "s|@FIX@|$work/fix|g" "$here/cases/python-file/input.yaml" > "$work/fix/input.yaml"
mkdir -p "$work/drv-out"
path=$(cd "$work/fix" && $wrap "$dsjob" artifact --driver-dir "$here/drivers_fixture" -o "$work/drv-out" input.yaml) ||
	fail driver-dir "build failed"
python3 -c 'import sys, zipfile
got = zipfile.ZipFile(sys.argv[1]).read("driver_python.py")
want = open(sys.argv[2], "rb").read()
sys.exit(got != want)' "$path" "$here/drivers_fixture/driver_python.py" || fail driver-dir "driver_python.py is not the fixture's"
mkdir -p "$work/few-drivers" && cp "$here/drivers_fixture/driver_utils.py" "$work/few-drivers/"
(cd "$work/fix" && $wrap "$dsjob" artifact --driver-dir "$work/few-drivers" --list input.yaml) > /dev/null 2> "$work/err" &&
	fail driver-dir "a missing driver was not an error"
grep -q "driver 'driver_python.py' is not in --driver-dir" "$work/err" || fail driver-dir "$(cat "$work/err")"
[ "$failed" = 0 ] && echo "all artifact cases passed"
exit $((failed > 0))

#!/usr/bin/env bash
# Same sources -> same bytes: two copies of the fixture made in a different
# order, under a different umask, with different mtimes, in different folders,
# built under different time zones, must give equal sha256 for every layout.
# SOURCE_DATE_EPOCH must change the bytes and set the entries' time.
# Usage: reproducible.sh DSJOB
set -euo pipefail
dsjob=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
wrap=${DSJ_TEST_WRAPPER:-} # e.g. valgrind, set by ctest in DSJ_VALGRIND builds
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(umask 022 && "$here/make_fixture.sh" "$work/one")
(umask 077 && "$here/make_fixture.sh" "$work/two")
# copy two: recreate src/ in reverse order so the folder lists differently
mv "$work/two/src" "$work/two/src.old"
mkdir -p "$work/two/src/pkg"
for f in train.py .hidden pkg/util.py; do cp "$work/two/src.old/$f" "$work/two/src/$f"; done
rm -rf "$work/two/src.old"
find "$work/two" -exec touch -d '2011-03-04 05:06:07' {} +
chmod +x "$work/one/run.sh" "$work/two/run.sh"
cases="python-folder script-folder notebook-folder python-zip-root python-tar-gz git-python pytorch-source"
sha() { # fixture, case, TZ
	sed "s|@FIX@|$1|g" "$here/cases/$2/input.yaml" > "$1/input.yaml"
	mkdir -p "$1/out/$2-$3"
	(cd "$1" && TZ=$3 $wrap "$dsjob" artifact --output json -o "out/$2-$3" input.yaml 2>/dev/null) |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["sha256"])'
}
failed=0
for c in $cases; do
	a=$(sha "$work/one" "$c" UTC)
	b=$(sha "$work/two" "$c" Asia/Tokyo)
	d=$(sha "$work/two" "$c" America/Los_Angeles)
	if [ "$a" != "$b" ] || [ "$a" != "$d" ]; then
		echo "FAIL $c: $a / $b / $d"
		failed=1
	fi
done
# SOURCE_DATE_EPOCH: other bytes, entry time 2023-11-14 22:13:20 UTC (even seconds: DOS time)
sed "s|@FIX@|$work/one|g" "$here/cases/script-folder/input.yaml" > "$work/one/input.yaml"
mkdir -p "$work/one/sde"
path=$(cd "$work/one" && SOURCE_DATE_EPOCH=1700000000 TZ=Asia/Tokyo $wrap "$dsjob" artifact -o sde input.yaml)
python3 - "$work/one/$path" <<'PY' || failed=1
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
times = {i.date_time for i in z.infolist()}
modes = {i.filename: i.external_attr >> 16 for i in z.infolist()}
assert times == {(2023, 11, 14, 22, 13, 20)}, times
assert modes["src/"] == 0o40755, oct(modes["src/"])
assert modes["src/train.py"] == 0o100644, oct(modes["src/train.py"])
PY
default=$(sha "$work/one" script-folder UTC)
with_sde=$(sha256sum "$work/one/$path" | cut -d' ' -f1)
[ "$default" != "$with_sde" ] || { echo "FAIL SOURCE_DATE_EPOCH did not change the bytes"; failed=1; }
# the exec bit survives normalisation: run.sh in a python folder source
mkdir -p "$work/one/exe" && cp "$work/one/run.sh" "$work/one/exe/"
printf 'kind: runtime\ntype: python\nspec:\n  scriptPathURI: exe\n  entrypoint: exe/run.sh\n' > "$work/one/input.yaml"
path=$(cd "$work/one" && $wrap "$dsjob" artifact -o out input.yaml)
python3 -c 'import sys, zipfile; m = zipfile.ZipFile(sys.argv[1]).getinfo("code/exe/run.sh").external_attr >> 16; assert m == 0o100755, oct(m)' "$work/one/$path" || failed=1
[ "$failed" = 0 ] && echo "reproducible: same bytes for $cases"
exit $failed

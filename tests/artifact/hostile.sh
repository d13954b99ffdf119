#!/usr/bin/env bash
# Hostile archives: as a python source (unpacked under code/) and as a script
# artifact run locally (unpacked into decompressed_artifact), each must be
# refused with exit status 1, leave no artifact behind and write nothing outside.
# An archive whose symlink stays inside is accepted. Usage: hostile.sh DSJOB
set -uo pipefail
dsjob=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
wrap=${DSJ_TEST_WRAPPER:-} # e.g. valgrind, set by ctest in DSJ_VALGRIND builds
work=$(mktemp -d)
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/box"
cd "$work/in"
python3 - <<'PY'
import io, stat, tarfile, zipfile
def zip_with(name, entries):
    with zipfile.ZipFile(name, "w") as z:
        for arcname, data, mode in entries:
            info = zipfile.ZipInfo(arcname)
            info.external_attr = mode << 16
            z.writestr(info, data)
def tar_with(name, members):
    with tarfile.open(name, "w:gz") as t:
        for m, data in members:
            t.addfile(m, io.BytesIO(data) if data is not None else None)
def member(name, kind=tarfile.REGTYPE, link="", data=b""):
    m = tarfile.TarInfo(name)
    m.type, m.linkname, m.mode = kind, link, 0o644
    m.size = len(data) if kind == tarfile.REGTYPE else 0
    return m, data if kind == tarfile.REGTYPE else None
ok = ("main.py", b"print(1)\n", 0o100644)
zip_with("dotdot.zip", [ok, ("../../escaped.py", b"x", 0o100644)])
zip_with("absolute.zip", [ok, ("/tmp/dsjob-hostile-absolute.py", b"x", 0o100644)])
zip_with("symlink-out.zip", [ok, ("link", b"/etc/passwd", 0o120777)])
tar_with("symlink-up.tar.gz", [member("main.py", data=b"x"), member("a/link", tarfile.SYMTYPE, "../../x")])
tar_with("hardlink-out.tar.gz", [member("main.py", data=b"x"), member("h", tarfile.LNKTYPE, "/etc/passwd")])
tar_with("device.tar.gz", [member("main.py", data=b"x"), member("dev", tarfile.CHRTYPE)])
tar_with("through-link.tar.gz", [member("main.py", data=b"x"), member("d", tarfile.SYMTYPE, "."),
                                  member("d/../../escaped2.py", data=b"x")])
tar_with("inside-link.tar.gz", [member("main.py", data=b"print('inside')\n"),
                                member("lib/alias.py", tarfile.SYMTYPE, "../main.py")])
PY
failed=0
fail() {
	echo "FAIL $1: $2"
	failed=1
}
for archive in dotdot.zip absolute.zip symlink-out.zip symlink-up.tar.gz hardlink-out.tar.gz \
	device.tar.gz through-link.tar.gz; do
	printf 'kind: runtime\ntype: python\nspec:\n  scriptPathURI: %s\n  entrypoint: main.py\n' \
		"$work/in/$archive" > "$work/python.yaml"
	mkdir -p "$work/out-$archive"
	(cd "$work/box" && $wrap "$dsjob" artifact -o "$work/out-$archive" "$work/python.yaml") \
		> /dev/null 2> "$work/err"
	status=$?
	[ "$status" = 1 ] || fail "$archive" "artifact: exit status $status, expected 1"
	grep -q "refused" "$work/err" || fail "$archive" "artifact: $(cat "$work/err")"
	[ -z "$(ls -A "$work/out-$archive")" ] || fail "$archive" "left $(ls -A "$work/out-$archive")"
	printf 'kind: runtime\ntype: script\nspec:\n  scriptPathURI: %s\n  entrypoint: main.py\n' \
		"$work/in/$archive" > "$work/script.yaml"
	$wrap "$dsjob" run --local --workdir "$work/run-$archive" "$work/script.yaml" > /dev/null 2> "$work/err"
	status=$?
	[ "$status" = 1 ] || fail "$archive" "run --local: exit status $status, expected 1"
	grep -q "refused" "$work/err" || fail "$archive" "run --local: $(cat "$work/err")"
done
for f in "$work/escaped.py" "$work/escaped2.py" /tmp/dsjob-hostile-absolute.py; do
	[ ! -e "$f" ] || fail "escape" "$f was written"
done
printf 'kind: runtime\ntype: python\nspec:\n  scriptPathURI: %s\n  entrypoint: main.py\n' \
	"$work/in/inside-link.tar.gz" > "$work/python.yaml"
out=$($wrap "$dsjob" run --local "$work/python.yaml" 2>&1) || fail inside-link "run: $out"
[ "$out" = "inside" ] || fail inside-link "printed '$out'"
list=$($wrap "$dsjob" artifact --list "$work/python.yaml") || fail inside-link "list"
echo "$list" | grep -qx "code/lib/alias.py" || fail inside-link "no code/lib/alias.py in: $list"
# an artifact never replaces its source: src.zip unpacked into code/ is also named src.zip
mkdir -p "$work/same" && cp "$work/in/inside-link.tar.gz" "$work/same/" && cd "$work/same"
python3 -m zipfile -c src.zip "$work/python.yaml"
before=$(sha256sum src.zip)
printf 'kind: runtime\ntype: python\nspec:\n  scriptPathURI: src.zip\n' > same.yaml
$wrap "$dsjob" artifact same.yaml > /dev/null 2> "$work/err"
[ $? = 1 ] && grep -q "would replace its own source" "$work/err" || fail same-file "$(cat "$work/err")"
[ "$(sha256sum src.zip)" = "$before" ] || fail same-file "the source zip was rewritten"
# ...and a script file uploaded as is, built in its own folder, is left as it is (mode kept)
printf '#!/bin/sh\necho hi\n' > run.sh && chmod 755 run.sh
printf 'kind: runtime\ntype: script\nspec:\n  scriptPathURI: run.sh\n' > script.yaml
$wrap "$dsjob" artifact script.yaml > /dev/null || fail same-file "script built in place"
[ "$(stat -c %a run.sh)" = 755 ] || fail same-file "run.sh mode changed to $(stat -c %a run.sh)"
# a file name that is not UTF-8 cannot be a zip name: refused, nothing written
mkdir -p "$work/latin/src" && python3 -c 'import sys; open(sys.argv[1].encode() + b"/caf\xe9.py", "w").write("x")' "$work/latin/src"
printf 'kind: runtime\ntype: python\nspec:\n  scriptPathURI: src\n' > "$work/latin/p.yaml"
(cd "$work/latin" && $wrap "$dsjob" artifact p.yaml) > /dev/null 2> "$work/err"
[ $? = 1 ] && grep -q "not valid UTF-8" "$work/err" || fail non-utf8 "$(cat "$work/err")"
[ ! -e "$work/latin/src.zip" ] || fail non-utf8 "src.zip was written"
# ...but an as-is archive holding such a name is listed with '?' (it is uploaded unchanged)
python3 - "$work/latin/old.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    info = zipfile.ZipInfo("caf\xe9.sh")
    z.writestr(info, "echo hi\n")
PY
python3 -c 'import sys; d = open(sys.argv[1], "rb").read().replace(b"caf\xc3\xa9", b"caf\xe9\x20"); open(sys.argv[1], "wb").write(d)' "$work/latin/old.zip"
printf 'kind: runtime\ntype: script\nspec:\n  scriptPathURI: old.zip\n' > "$work/latin/s.yaml"
(cd "$work/latin" && $wrap "$dsjob" artifact --list --output json s.yaml) > "$work/out" 2> "$work/err" || fail non-utf8-zip "$(cat "$work/err")"
python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$work/out" || fail non-utf8-zip "not UTF-8 JSON: $(cat "$work/out")"
cd "$work"
[ "$failed" = 0 ] && echo "hostile archives refused; inside link accepted"
exit $failed

#!/usr/bin/env bash
# The static dsjob hands the command lines that talk to OCI to dsjob-oci
# (cli/static/oci_exec.c): found beside it in the build tree, and in
# libexec/dsjob once installed; without it those commands fail with a clear
# message and the others work. (The OCI suite, tests/oci, runs the commands
# themselves through the build tree's dsjob.)
# usage: oci_helper.sh DSJOB STATIC_CLI CMAKE BUILD_DIR WORK_DIR FULL_BINDIR FULL_HELPER_DIR SOURCE_DIR
set -u
dsjob=$1 static_cli=$2 cmake=$3 build=$4 work=$5 bindir=$6 helperdir=$7 src=$8
case $static_cli in
  ON | on | 1 | TRUE | true | YES | yes) ;;
  *) echo "SKIP: DSJ_STATIC_CLI is off: dsjob is one program, there is no helper"; exit 0 ;;
esac
failed=0
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
rm -rf "$work"
mkdir -p "$work/alone"
example=$src/examples/python_runtime.yaml

# a help only dsjob-oci prints: its option parser answers `get --help`
helped() { # DSJOB WHERE
  local out rc
  out=$("$1" get --help 2>&1) rc=$?
  [ "$rc" = 0 ] && [[ "$out" == "usage: dsjob get"* ]] || fail "$2: get --help: rc=$rc $out"
  out=$("$1" diff "$example" --job-id ocid1.datasciencejob.oc1.iad.x --help 2>&1) rc=$?
  [ "$rc" = 0 ] && [[ "$out" == *"--job-id OCID"* ]] || fail "$2: diff --job-id --help: rc=$rc $out"
  out=$("$1" translate "$example" 2>&1) rc=$?
  [ "$rc" = 0 ] && [[ "$out" == "{"* ]] || fail "$2: translate: rc=$rc $out"
}

# the build tree: dsjob-oci beside dsjob
[ -x "$(dirname "$dsjob")/dsjob-oci" ] || fail "no dsjob-oci beside $dsjob"
helped "$dsjob" "build tree"

# dsjob alone: the OCI command lines fail clearly, the others do not notice
cp "$dsjob" "$work/alone/dsjob"
alone=$work/alone/dsjob
want="dsjob: talking to OCI needs dsjob-oci (installed with dsjob), not found: $work/alone/dsjob-oci"
for args in "get ocid1.datasciencejob.oc1.iad.x" "apply job.yaml" "run job.yaml" \
            "watch ocid1.datasciencejobrun.oc1.iad.x" "cancel ocid1.datasciencejobrun.oc1.iad.x" \
            "diff job.yaml --job-id=ocid1.datasciencejob.oc1.iad.x"; do
  # shellcheck disable=SC2086
  err=$("$alone" $args 2>&1 >/dev/null) rc=$?
  case $args in diff*) code=2 ;; *) code=1 ;; esac
  [ "$rc" = "$code" ] && [[ "$err" == "$want"* ]] || fail "alone: $args: rc=$rc $err"
done
out=$("$alone" translate "$example" 2>&1) rc=$?
[ "$rc" = 0 ] && [[ "$out" == "{"* ]] || fail "alone: translate: rc=$rc $out"
out=$("$alone" run --local --help 2>&1) rc=$?
[ "$rc" = 0 ] && [[ "$out" == *"--local"* ]] || fail "alone: run --local --help: rc=$rc $out"
out=$(printf '{"op": "translate", "input": "kind: runtime\\ntype: python\\nspec: {entrypoint: a.py, scriptPathURI: a.py}\\n"}\n' |
  "$alone" --jsonl 2>&1) rc=$?
[ "$rc" = 0 ] && [[ "$out" == "{"* ]] || fail "alone: --jsonl: rc=$rc $out"

# installed (into a DESTDIR stage): dsjob in bindir, dsjob-oci in libexec/dsjob
stage=$work/stage
if DESTDIR=$stage "$cmake" --install "$build" >"$work/install.log" 2>&1; then
  [ -x "$stage$helperdir/dsjob-oci" ] || fail "installed: no $helperdir/dsjob-oci"
  [ ! -e "$stage$bindir/dsjob-oci" ] || fail "installed: dsjob-oci is in $bindir too"
  helped "$stage$bindir/dsjob" "installed"
  # the installed tree can be moved: dsjob looks relative to itself
  mv "$stage" "$work/moved"
  helped "$work/moved$bindir/dsjob" "installed, moved"
else
  cat "$work/install.log"
  fail "cmake --install failed"
fi

[ "$failed" = 0 ] || { echo "$failed failed"; exit 1; }
rm -rf "$work"
echo "dsjob-oci found in the build tree and installed; a clear error without it"

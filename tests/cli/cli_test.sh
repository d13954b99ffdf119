#!/usr/bin/env bash
# Runs the built dsjob binary as a user would: files, stdin, options, bad input.
# usage: cli_test.sh PATH/TO/dsjob
set -u
# DSJ_TEST_WRAPPER (e.g. "valgrind -q --error-exitcode=99") runs each dsjob under it.
dsjob_bin=$1
dsjob() { ${DSJ_TEST_WRAPPER:-} "$dsjob_bin" "$@"; }
dsjob=dsjob
here=$(cd "$(dirname "$0")" && pwd)
examples=$here/../../examples
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# run NAME EXPECTED_STATUS CMD... ; captures stdout/stderr in $out/$err
run() {
  local name=$1 want=$2
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  out=$(cat "$work/out")
  err=$(cat "$work/err")
  if [ "$got" -ne "$want" ]; then
    fail "$name" "exit $got, wanted $want; stderr: $err"
    return 1
  fi
  return 0
}
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $1: $2"; }
expect_out() { if [ "$out" == "$2" ]; then ok; else fail "$1" "stdout was: $out"; fi; }
expect_err_re() { if [[ "$err" =~ $2 ]]; then ok; else fail "$1" "stderr was: $err"; fi; }
expect_empty_out() { if [ -z "$out" ]; then ok; else fail "$1" "stdout not empty: $out"; fi; }

# --- translate
run "translate example" 0 "$dsjob" translate "$examples/python_runtime.yaml" &&
  expect_out "translate example" "$(cat "$here/cases/python_runtime.json")"
run "translate stdin" 0 "$dsjob" translate - <"$examples/python_runtime.yaml" &&
  expect_out "translate stdin" "$(cat "$here/cases/python_runtime.json")"
run "translate no file = stdin" 0 "$dsjob" translate <"$examples/python_runtime.yaml" &&
  expect_out "translate no file = stdin" "$(cat "$here/cases/python_runtime.json")"
run "translate needs region" 1 "$dsjob" translate "$examples/script_runtime.yaml" &&
  expect_err_re "translate needs region" 'script_runtime.yaml:[0-9]+:[0-9]+: spec.conda.*region' &&
  expect_empty_out "translate needs region (stdout)"
run "translate --region" 0 "$dsjob" translate --region us-ashburn-1 "$examples/script_runtime.yaml" &&
  expect_err_re "translate --region (quiet)" '^$'
[[ "$out" == *'"CONDA_ENV_REGION": "us-ashburn-1"'* ]] && ok || fail "translate --region value" "$out"
run "translate yaml output" 0 "$dsjob" translate --output yaml "$examples/python_runtime.yaml"
[[ "$out" == *"jobType: DEFAULT"* ]] && ok || fail "translate yaml output" "$out"

printf 'kind: runtime\ntype: python\nspec:\n  conda:\n    type: service\n    slug: 0x1F\n' >"$work/bad.yaml"
run "non-string slug" 1 "$dsjob" translate "$work/bad.yaml" &&
  expect_err_re "non-string slug" "bad.yaml:6:11: spec.conda.slug: expected a string, got integer 31" &&
  expect_empty_out "non-string slug (stdout)"
printf 'kind: runtime\ntype: python\nspec:\n\tentrypoint: x\n' >"$work/tab.yaml"
run "tab" 1 "$dsjob" translate "$work/tab.yaml" && expect_err_re "tab" "tab.yaml:4:1: .*cannot start any token"
run "missing file" 1 "$dsjob" translate "$work/nope.yaml" &&
  expect_err_re "missing file" "nope.yaml: cannot read: No such file or directory"
run "directory" 1 "$dsjob" translate "$work" && expect_err_re "directory" "is a directory"
: >"$work/empty.yaml"
run "empty file" 1 "$dsjob" translate "$work/empty.yaml" && expect_err_re "empty file" "empty.yaml:1:1: "

# --- -o is atomic: written on success, untouched on failure
run "-o success" 0 "$dsjob" translate -o "$work/payload.json" "$examples/python_runtime.yaml" &&
  expect_empty_out "-o success (stdout)"
cmp -s "$work/payload.json" "$here/cases/python_runtime.json" && ok || fail "-o content" "differs"
echo previous >"$work/keep.json"
run "-o failure" 1 "$dsjob" translate -o "$work/keep.json" "$work/bad.yaml"
[ "$(cat "$work/keep.json")" == previous ] && ok || fail "-o failure keeps file" "changed"
[ -z "$(ls "$work" | grep 'keep.json.')" ] && ok || fail "-o failure leaves no temp file" "$(ls "$work")"

# --- extract
run "extract yaml" 0 "$dsjob" extract --artifact train.py "$examples/job.json" &&
  expect_out "extract yaml" "$(cat "$here/cases/job_extract.yaml")"
run "extract json" 0 "$dsjob" extract --artifact train.py --output json "$examples/job.json"
[[ "$out" == *'"type": "python"'* ]] && ok || fail "extract json" "$out"
run "extract no artifact" 0 "$dsjob" extract --output json "$examples/job.json"
[[ "$out" == *'"scriptPathURI": "None"'* ]] && ok || fail "extract no artifact" "$out"
printf '{"jobConfigurationDetails": {"commandLineArguments": "\\"open"}}' >"$work/badargs.json"
run "extract bad quoting" 1 "$dsjob" extract "$work/badargs.json" &&
  expect_err_re "extract bad quoting" "badargs.json:1:[0-9]+: jobConfigurationDetails.commandLineArguments: No closing quotation"
printf '{"a": }' >"$work/bad.json"
run "extract bad json" 1 "$dsjob" extract "$work/bad.json" && expect_err_re "extract bad json" "bad.json:1:7: .*Expecting value"

# --- round trip: translate -> extract -> translate gives the same payload
"$dsjob" translate --output json "$examples/python_runtime.yaml" >"$work/p1.json"
python3 - "$work/p1.json" >"$work/job1.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p.pop("artifact")
print(json.dumps(p))
PY
"$dsjob" extract --artifact train.py "$work/job1.json" >"$work/rt.yaml"
run "round trip" 0 "$dsjob" translate "$work/rt.yaml"
python3 - "$work/p1.json" "$work/out" <<'PY' && ok || fail "round trip" "payload changed"
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
a.pop("artifact"); b.pop("artifact")
sys.exit(0 if a == b else 1)
PY

# --- validate
run "validate ok" 0 "$dsjob" validate "$examples/python_runtime.yaml"
run "validate bad" 1 "$dsjob" validate "$examples/python_runtime.yaml" "$work/bad.yaml" "$work/tab.yaml"
[ "$(echo "$err" | grep -c 'yaml:')" -eq 2 ] && ok || fail "validate reports each file" "$err"

# --- batch
printf '%s\n' '{"op": "translate", "input": "kind: runtime\ntype: script\nspec: {}\n"}' 'not json' \
  '{"op": "nope", "input": ""}' '{"op": "extract", "input": "{}", "artifact": "a.sh"}' >"$work/req.jsonl"
run "batch" 0 "$dsjob" --jsonl <"$work/req.jsonl"
[ "$(echo "$out" | wc -l)" -eq 4 ] && ok || fail "batch answers every line" "$out"
# 'not json', the unknown op and `{}` (no field of a Job) are errors
[ "$(echo "$out" | grep -c '"error"')" -eq 3 ] && ok || fail "batch error answers" "$out"

# --- usage
run "no args" 2 "$dsjob" && expect_err_re "no args" "usage: dsjob translate"
run "unknown command" 2 "$dsjob" frobnicate && expect_err_re "unknown command" "unknown command 'frobnicate'"
run "unknown option" 2 "$dsjob" translate --bogus x && expect_err_re "unknown option" "unknown option '--bogus'"
run "bad output format" 2 "$dsjob" translate --output xml x && expect_err_re "bad output format" "json or yaml"
run "missing value" 2 "$dsjob" translate --region && expect_err_re "missing value" "--region needs a value"
run "help" 0 "$dsjob" --help && expect_err_re "help quiet" '^$'
run "translate --help" 0 "$dsjob" translate --help
[[ "$out" == *"--region R"* ]] && ok || fail "translate --help" "$out"
run "version" 0 "$dsjob" --version
[[ "$out" == "dsjob "* ]] && ok || fail "version" "$out"

# --- whole jobs
run "job translate api" 0 "$dsjob" translate "$examples/job.yaml"
[[ "$out" == *'"body": {'* && "$out" == *'"artifact": {'* && "$out" == *'"displayName": "Training on mnist"'* ]] &&
  ok || fail "job translate api" "$out"
run "job translate oci-cli" 0 "$dsjob" translate --format oci-cli "$examples/job.yaml" &&
  expect_err_re "job translate oci-cli (remote source note)" "cannot be built here yet \\(remote source 'oci://code@mytenancy/train.py'.*dsjob artifact"
mkdir -p "$work/local-job"
printf 'print(1)\n' > "$work/local-job/my.train.py"
sed 's|oci://code@mytenancy/train.py|my.train.py|' "$examples/job.yaml" > "$work/local-job/job.yaml"
pushd "$work/local-job" > /dev/null
run "job translate oci-cli local" 0 "$dsjob" translate --format oci-cli job.yaml &&
  expect_err_re "job translate oci-cli (upload name)" "dsjob artifact job.yaml' \\(it writes my.zip\\).*--job-artifact-file my.zip --content-disposition 'attachment; filename=my.zip'"
popd > /dev/null
# the oci-cli form's top-level keys are exactly the CLI's option names
keys=$(printf '%s\n' "$out" | grep -E '^  "[A-Za-z]+":' | sed -E 's/^  "([A-Za-z]+)".*/\1/' | sort | tr '\n' ' ')
want="compartmentId configurationDetails displayName freeformTags infrastructureConfigurationDetails jobStorageMountConfigurationDetailsList logConfigurationDetails projectId "
[ "$keys" == "$want" ] && ok || fail "oci-cli key names" "got: $keys"
[[ "$out" != *'"body"'* && "$out" != *'"artifact"'* && "$out" != *'jobConfigurationDetails'* ]] &&
  ok || fail "oci-cli form has no API names" "$out"
run "job translate yaml" 0 "$dsjob" translate --output yaml "$examples/job.yaml"
[[ "$out" == *"blockStorageSizeInGBs: 100"* ]] && ok || fail "job translate yaml" "$out"
run "bad --format" 2 "$dsjob" translate --format xml "$examples/job.yaml"
printf 'kind: job\nspec:\n  infrastructure:\n    kind: infrastructure\n    type: dataFlow\n  runtime: {kind: runtime, type: python}\n' >"$work/flow.yaml"
run "dataFlow infrastructure" 1 "$dsjob" translate "$work/flow.yaml" &&
  expect_err_re "dataFlow infrastructure" 'flow.yaml:5:11: spec.infrastructure.type: .*dataFlow is not supported'

# --- validate: every problem of one bad job at once, each located
run "validate bad job" 1 "$dsjob" validate "$here/cases/bad_job.yaml"
n=$(printf '%s\n' "$err" | grep -cE '^[^ ]+bad_job.yaml:[0-9]+:[0-9]+: spec[.][^ ]+: ')
[ "$n" -ge 8 ] && ok || fail "validate reports every problem" "$n lines: $err"
for key in spec.name spec.runtime.spec.conda.slug spec.infrastructure.spec.shapeConfigDetails \
  spec.infrastructure.spec.blockStorageSize spec.infrastructure.spec.jobInfrastructureType \
  spec.infrastructure.spec.storageMount spec.infrastructure.spec.logId \
  spec.infrastructure.spec.compartmentId; do
  [[ "$err" == *"$key"* ]] && ok || fail "validate reports $key" "$err"
done
run "validate good job" 0 "$dsjob" validate "$examples/job.yaml" &&
  expect_err_re "validate good job (summary only)" '^0 problems in 0 files \(1 checked\)$'
# a runtime: every problem, not only the first, in the order of the file
run "validate bad runtime" 1 "$dsjob" validate "$here/cases/bad_runtime.yaml"
lines=$(printf '%s\n' "$err" | grep -E 'bad_runtime.yaml:[0-9]+:' | sed -E 's/.*bad_runtime.yaml:([0-9]+):.*/\1/' | tr '\n' ' ')
[ "$lines" = "4 5 6 7 8 " ] && ok || fail "validate reports every runtime problem, sorted" "$err"
expect_err_re "validate runtime summary" $'\n5 problems in 1 file \\(1 checked\\)$'
run "translate bad runtime" 1 "$dsjob" translate "$here/cases/bad_runtime.yaml" &&
  expect_err_re "translate gives the first" 'bad_runtime.yaml:4:32: spec.conda.slug: ' &&
  { [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && ok || fail "translate gives one" "$err"; }
run "validate --quiet" 0 "$dsjob" validate --quiet "$examples/job.yaml" && expect_err_re "validate --quiet" '^$'
run "validate two files" 1 "$dsjob" validate "$examples/job.yaml" "$here/cases/bad_job.yaml" &&
  expect_err_re "validate summary" $'\n[0-9]+ problems in 1 file \\(2 checked\\)$'

# --- translate --explain: the payload unchanged, every field explained on stderr
"$dsjob" translate "$examples/job.yaml" >"$work/plain.json" 2>/dev/null
run "explain" 0 "$dsjob" translate --explain "$examples/job.yaml" &&
  { [ "$out" == "$(cat "$work/plain.json")" ] && ok || fail "explain keeps the payload" "$out"; }
for name in CONDA_ENV_SLUG CODE_ENTRYPOINT JOB_RUN_ENTRYPOINT DATASET; do
  [[ "$err" == *"environmentVariables.$name = "*" ← "* ]] && ok || fail "explain $name" "$err"
done
[[ "$err" == *'jobInfrastructureType = "STANDALONE" ← spec.infrastructure.spec.subnetId at '* ]] &&
  ok || fail "explain STANDALONE" "$err"
[[ "$err" == *'JOB_RUN_ENTRYPOINT = "driver_python.py" ← spec.runtime.type python at '* ]] &&
  ok || fail "explain the driver" "$err"
[ "$(printf '%s\n' "$err" | grep -vc ' ← ')" -eq 0 ] && ok || fail "explain: every line has a source" "$err"

# --- -o FILE: the umask's mode when new, the old mode when not, through a symlink; -o - is stdout
(umask 027 && "$dsjob" translate -o "$work/o-new.json" "$examples/python_runtime.yaml")
[ "$(stat -c %a "$work/o-new.json")" = 640 ] && ok || fail "-o new file mode" "$(stat -c %a "$work/o-new.json")"
printf 'old' >"$work/o-old.json" && chmod 604 "$work/o-old.json"
"$dsjob" translate -o "$work/o-old.json" "$examples/python_runtime.yaml"
[ "$(stat -c %a "$work/o-old.json")" = 604 ] && ok || fail "-o keeps the mode" "$(stat -c %a "$work/o-old.json")"
ln -s o-old.json "$work/o-link.json"
"$dsjob" translate --output yaml -o "$work/o-link.json" "$examples/python_runtime.yaml"
[ -L "$work/o-link.json" ] && grep -q 'jobType: DEFAULT' "$work/o-old.json" && ok ||
  fail "-o writes through a symlink" "$(ls -l "$work")"
run "-o -" 0 "$dsjob" translate -o - "$examples/python_runtime.yaml" &&
  expect_out "-o -" "$(cat "$here/cases/python_runtime.json")"
[ ! -e "$work/-" ] && [ ! -e ./- ] && ok || fail "-o - made a file" "-"

# --- diff FILE JOB.json: exit 0 the same, 1 different (a line per field), 2 trouble
"$dsjob" translate "$examples/job.yaml" 2>/dev/null | python3 -c 'import json, sys; print(json.dumps({"data": json.load(sys.stdin)["body"]}))' >"$work/same.json"
run "diff same" 0 "$dsjob" diff "$examples/job.yaml" "$work/same.json" && expect_empty_out "diff same (stdout)"
python3 - "$work/same.json" "$work/changed.json" <<'PY'
import json, sys
job = json.load(open(sys.argv[1]))["data"]
job.update(id="ocid1.datasciencejob.oc1..j", lifecycleState="ACTIVE", displayName="old")
job["jobConfigurationDetails"]["environmentVariables"]["GONE"] = "1"
job["jobInfrastructureConfigurationDetails"]["jobShapeConfigDetails"]["ocpus"] = 2
job["definedTags"] = {"Oracle-Tags": {"CreatedBy": "someone"}}
json.dump(job, open(sys.argv[2], "w"))
PY
run "diff changed" 1 "$dsjob" diff "$examples/job.yaml" "$work/changed.json" &&
  expect_out "diff changed" '~ displayName: "old" -> "Training on mnist"
- jobConfigurationDetails.environmentVariables.GONE: "1"'
printf '{"data": ' >"$work/broken.json"
run "diff bad job json" 2 "$dsjob" diff "$examples/job.yaml" "$work/broken.json" &&
  expect_err_re "diff bad job json" 'broken.json:1:10: existing: '
run "diff usage" 2 "$dsjob" diff "$examples/job.yaml"

# --- batch: one answer a line (blank lines too), ids echoed, warnings on request, --jsonl FILE
printf '%s\n' '{"op": "translate", "id": 1, "warnings": true, "input": "kind: runtime\ntype: python\nspec:\n  entrypoint: a.py\n  entryFuntion: m\n"}' \
  '' '   ' '{"op": "translate", "id": {"k": [2]}, "input": "type: nope"}' 'not json' >"$work/req.jsonl"
run "batch file" 0 "$dsjob" --jsonl "$work/req.jsonl"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 5 ] && ok || fail "batch: one answer a line" "$out"
printf '%s\n' "$out" >"$work/batch.out"
python3 - "$work/batch.out" <<'PY' && ok || fail "batch answers" "$out"
import json, sys
answers = [json.loads(line) for line in open(sys.argv[1])]
assert answers[0]["id"] == 1 and "jobConfigurationDetails" in answers[0], answers[0]
assert answers[0]["warnings"][0]["path"] == "spec.entryFuntion", answers[0]
assert "did you mean 'entryFunction'" in answers[0]["warnings"][0]["message"]
assert "error" in answers[1] and "error" in answers[2] and "id" not in answers[1]
assert answers[3]["id"] == {"k": [2]} and "error" in answers[3], answers[3]
assert "error" in answers[4]
PY
"$dsjob" --jsonl <"$work/req.jsonl" >"$work/batch-stdin.out"
[ "$(cat "$work/batch-stdin.out")" == "$out" ] && ok || fail "batch stdin = file" "$(cat "$work/batch-stdin.out")"

# --- job extract and the round trip job -> body -> job -> body
"$dsjob" translate "$examples/job.yaml" | sed -n '/^  "body": {/,/^  },$/p' | sed -e '1s/.*/{/' -e '$s/.*/}/' >"$work/body.json"
run "job extract" 0 "$dsjob" extract --artifact train.py "$work/body.json" &&
  expect_out "job extract" "$(cat "$here/cases/job_roundtrip.yaml")"
run "job extract --runtime-only" 0 "$dsjob" extract --runtime-only --artifact train.py "$work/body.json"
[[ "$out" == "kind: runtime"* ]] && ok || fail "job extract --runtime-only" "$out"
printf '%s\n' "$out" >/dev/null
"$dsjob" extract --artifact train.py "$work/body.json" >"$work/job2.yaml"
"$dsjob" translate "$work/job2.yaml" | sed -n '/^  "body": {/,/^  },$/p' | sed -e '1s/.*/{/' -e '$s/.*/}/' >"$work/body2.json"
cmp -s "$work/body.json" "$work/body2.json" && ok || fail "job round trip" "$(diff "$work/body.json" "$work/body2.json")"
printf '%s\n' '{"op": "job-translate", "input": "kind: job\n"}' '{"op": "job-extract", "input": "{\"projectId\": \"p\"}"}' |
  "$dsjob" --jsonl >"$work/jobs.out"
[[ "$(sed -n 1p "$work/jobs.out")" == '{"error": '* && "$(sed -n 2p "$work/jobs.out")" == '{"kind": "job"'* ]] &&
  ok || fail "batch job ops" "$(cat "$work/jobs.out")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

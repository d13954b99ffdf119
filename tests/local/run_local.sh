#!/usr/bin/env bash
# End-to-end `dsjob run --local` for every runtime type, with the drivers built
# into dsjob: output, exit status, environment, working dir, outputs, git,
# torchrun, limits, time-outs. Needs python3, bash and git; no network.
# Usage: run_local.sh DSJOB
set -uo pipefail
dsjob=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
wrap=${DSJ_TEST_WRAPPER:-} # e.g. valgrind, set by ctest in DSJ_VALGRIND builds
root=$(cd "$(dirname "$0")/../.." && pwd) # the repository, for examples/
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failed=0
fail() {
	echo "FAIL $1: $2"
	failed=1
}
# run NAME WANT_STATUS YAML [dsjob options...]: runs, keeps stdout in $work/NAME.out
run() {
	local name=$1 want=$2 yaml=$3
	shift 3
	printf '%s' "$yaml" > "$work/$name.yaml"
	$wrap "$dsjob" run --local "$@" "$work/$name.yaml" > "$work/$name.out" 2> "$work/$name.err"
	local status=$?
	[ "$status" = "$want" ] || fail "$name" "exit status $status, expected $want; stderr: $(cat "$work/$name.err")"
}
expect_out() { # NAME TEXT: the output has this line
	grep -qxF -- "$2" "$work/$1.out" || fail "$1" "no line '$2' in: $(cat "$work/$1.out")"
}
expect_err() { # NAME TEXT: stderr mentions this
	grep -qF -- "$2" "$work/$1.err" || fail "$1" "stderr lacks '$2': $(cat "$work/$1.err")"
}

# ---- script ----
cat > hi.py <<'PY'
import os, sys
print("args", sys.argv[1:])
print("env", os.environ.get("GREETING"), os.environ.get("JOB_ARTIFACT_FILE_NAME"))
print("cwd", os.path.basename(os.getcwd()), os.path.basename(os.path.dirname(os.getcwd())) == os.path.basename(os.environ["HOME"]))
sys.exit(int(os.environ.get("CODE", "0")))
PY
run script-file 3 "kind: runtime
type: script
spec:
  scriptPathURI: hi.py
  env: [{name: GREETING, value: hello}, {name: CODE, value: '3'}]
  args: [a, 'b c']
"
expect_out script-file "args ['a', 'b c']"
expect_out script-file "env hello hi.py"
expect_out script-file "cwd decompressed_artifact True"
run script-overrides 0 "$(cat script-file.yaml)" --env GREETING=over --env CODE=0 --args "x 'y z'"
expect_out script-overrides "args ['x', 'y z']"
expect_out script-overrides "env over hi.py"
mkdir -p tools && printf 'echo "run.sh $*"\nexit 7\n' > tools/run.sh
run script-folder 7 "kind: runtime
type: script
spec:
  scriptPathURI: tools
  entrypoint: tools/run.sh
  args: [one, two]
"
expect_out script-folder "run.sh one two"
mkdir -p stage/proj && printf 'print("from my zip")\n' > stage/proj/main.py
(cd stage && python3 -m zipfile -c ../mine.zip proj)
run script-zip 0 "kind: runtime
type: script
spec:
  scriptPathURI: mine.zip
  entrypoint: proj/main.py
"
expect_out script-zip "from my zip"
printf 'import time\nprint("started", flush=True)\ntime.sleep(60)\n' > slow.py
start=$(date +%s)
run script-timeout 124 "kind: runtime
type: script
spec:
  scriptPathURI: slow.py
" --timeout 0.03
[ $(($(date +%s) - start)) -lt 20 ] || fail script-timeout "took too long"
expect_out script-timeout "started"
expect_err script-timeout "timed out"

# a job that ignores SIGTERM is killed after the 10 s grace
printf 'trap "" TERM\necho ignoring\nwhile :; do sleep 1; done\n' > stubborn.sh
start=$(date +%s)
run script-kill 124 "kind: runtime
type: script
spec:
  scriptPathURI: stubborn.sh
" --timeout 0.02
took=$(($(date +%s) - start))
[ "$took" -ge 10 ] && [ "$took" -lt 30 ] || fail script-kill "stopped after ${took}s, expected the 10 s grace then SIGKILL"
expect_out script-kill "ignoring"

# ---- python ----
printf 'import sys\nprint("python file", sys.argv[1:])\n' > hello.py
run python-file 0 "kind: runtime
type: python
spec:
  scriptPathURI: hello.py
  args: [--n, 1]
"
expect_out python-file "python file ['--n', '1']"
mkdir -p proj/app proj/lib
printf 'X = "helper here"\n' > proj/lib/helper.py
cat > proj/app/main.py <<'PY'
import os, helper
print(helper.X)
print("cwd", os.path.basename(os.getcwd()))
os.makedirs("out", exist_ok=True)
open("out/result.txt", "w").write("result\n")
PY
run python-folder 0 "kind: runtime
type: python
spec:
  scriptPathURI: proj
  workingDir: proj
  entrypoint: app/main.py
  pythonPath: [lib]
  outputDir: out
  outputUri: file://$work/results
"
expect_out python-folder "helper here"
expect_out python-folder "cwd proj"
[ "$(cat "$work/results/result.txt" 2>/dev/null)" = "result" ] || fail python-folder "outputs not copied to file://$work/results"
cat > fn.py <<'PY'
def train(*args, **kwargs):
    print("called", list(args), sorted(kwargs.items()))
if __name__ == "__main__":
    print("must not run as __main__")
PY
run python-entry-function 0 "kind: runtime
type: python
spec:
  scriptPathURI: fn.py
  entryFunction: train
  args: [a, --k, v]
"
expect_out python-entry-function "called ['a'] [('k', 'v')]"
python3 - <<'PY'
import json
cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
          "source": "print('notebook entrypoint ran')"}]
json.dump({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, open("entry.ipynb", "w"))
PY
run python-notebook-entry 0 "kind: runtime
type: python
spec:
  scriptPathURI: entry.ipynb
"
expect_out python-notebook-entry "notebook entrypoint ran"

# ---- notebook ----
mkdir -p nbs
python3 - <<'PY'
import json
def cell(src, tags=()):
    return {"cell_type": "code", "metadata": {"tags": list(tags)}, "execution_count": None,
            "outputs": [], "source": src}
def save(path, cells):
    json.dump({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, open(path, "w"))
save("nbs/tags.ipynb", [cell("print('RAN first')"), cell("print('SKIPPED')", ["skip"]),
                        cell("print('RAN last')")])
save("nbs/fails.ipynb", [cell("open('made-by-cell.txt', 'w').write('cell output')\nprint('before')"),
                         cell("raise RuntimeError('cell failed on purpose')"),
                         cell("print('never')")])
PY
nb_python=python3
/usr/bin/python3 -c 'import nbclient, nbformat, ipykernel' 2>/dev/null && nb_python=/usr/bin/python3
# the standard-library runner (python3 here has no nbclient), then a kernel when installed
for py in python3 "$nb_python"; do
	tag=stdlib
	[ "$py" = python3 ] || tag=kernel
	run "notebook-tags-$tag" 0 "kind: runtime
type: notebook
spec:
  source: nbs
  entrypoint: tags.ipynb
  excludeTags: [skip]
  conda: {type: service, slug: generalml_p38_cpu_v1}
" --python "$py"
	expect_out "notebook-tags-$tag" "RAN first"
	expect_out "notebook-tags-$tag" "RAN last"
	grep -q SKIPPED "$work/notebook-tags-$tag.out" && fail "notebook-tags-$tag" "ran an excluded cell"
	run "notebook-fails-$tag" 1 "kind: runtime
type: notebook
spec:
  source: nbs
  entrypoint: fails.ipynb
  outputUri: file://$work/nb-out-$tag
  conda: {type: service, slug: generalml_p38_cpu_v1}
" --python "$py"
	expect_out "notebook-fails-$tag" "before"
	grep -q never "$work/notebook-fails-$tag.out" && fail "notebook-fails-$tag" "ran past the failing cell"
	[ -f "$work/nb-out-$tag/made-by-cell.txt" ] || fail "notebook-fails-$tag" "outputs not copied before failing"
	[ -f "$work/nb-out-$tag/fails.ipynb" ] || fail "notebook-fails-$tag" "executed notebook not copied"
done

# ---- gitPython ----
git init -q --bare repo.git
git init -q src-repo
(
	cd src-repo
	git config user.email t@example.com && git config user.name test
	git checkout -q -b main
	printf 'print("first commit")\n' > main.py && git add main.py && git commit -qm first
	printf 'print("main branch")\n' > main.py && git commit -qam second
	git checkout -q -b develop
	printf 'print("develop branch")\n' > main.py && git commit -qam third
	git push -q ../repo.git main develop
)
git --git-dir=repo.git symbolic-ref HEAD refs/heads/main
first=$(git -C src-repo rev-parse HEAD~2)
git_yaml() {
	printf 'kind: runtime\ntype: gitPython\nspec:\n  url: file://%s/repo.git\n  entrypoint: main.py\n  conda: {type: service, slug: generalml_p38_cpu_v1}\n%s' "$work" "$1"
}
run git-default 0 "$(git_yaml "")"
expect_out git-default "main branch"
run git-branch 0 "$(git_yaml "  branch: develop
")"
expect_out git-branch "develop branch"
run git-commit 0 "$(git_yaml "  commit: $first
")"
expect_out git-commit "first commit"

# ---- pyTorchDistributed with a fake torchrun ----
mkdir -p fakebin
cat > fakebin/torchrun <<EOF2
#!/usr/bin/env bash
printf '%s\n' "\$@" > "$work/torchrun.argv"
for a in "\$@"; do case "\$a" in --*) ;; *) exec python3 "\$@" ;; esac; shift; done
EOF2
chmod +x fakebin/torchrun
printf 'import sys\nprint("torch entry", sys.argv[1:])\n' > torch_train.py
PATH="$work/fakebin:$PATH" run pytorch 0 "kind: runtime
type: pyTorchDistributed
spec:
  scriptPathURI: torch_train.py
  args: [--lr, '0.1']
  replicas: 1
  conda: {type: service, slug: pytorch20_p39_gpu_v1}
"
grep -qx -- "--nnode=1" "$work/torchrun.argv" 2>/dev/null || fail pytorch "torchrun argv: $(cat "$work/torchrun.argv" 2>/dev/null)"
grep -q "torch_train.py" "$work/torchrun.argv" 2>/dev/null || fail pytorch "no entry in torchrun argv"
expect_out pytorch "torch entry ['--lr', '0.1']"

# ---- refused before starting ----
printf 'open("%s/started", "w")\n' "$work" > marker.py
big=$(head -c 20001 /dev/zero | tr '\0' x)
run limit-env 1 "kind: runtime
type: script
spec:
  scriptPathURI: marker.py
" --env "BIG=$big"
expect_err limit-env "20,000"
run limit-args 1 "$(cat limit-env.yaml)" --args "$(head -c 4001 /dev/zero | tr '\0' a)"
expect_err limit-args "4,000"
[ ! -e "$work/started" ] || fail limits "the job was started"
run container-no-engine 2 "kind: runtime
type: container
spec:
  image: iad.ocir.io/ns/image:1
"
expect_err container-no-engine "--engine"
if ! command -v podman > /dev/null; then
	run container-missing-engine 1 "$(cat container-no-engine.yaml)" --engine podman
	expect_err container-missing-engine "podman is not installed"
fi
# a fake engine on PATH records the command: image, split entrypoint, cmd, variables by name
mkdir -p fakeengine
cat > fakeengine/docker <<EOF2
#!/usr/bin/env bash
printf '%s\n' "\$@" > "$work/docker.argv"
echo "IMAGE_VAR=\$IMAGE_VAR"
exit 5
EOF2
chmod +x fakeengine/docker
PATH="$work/fakeengine:$PATH" run container-engine 5 "kind: runtime
type: container
spec:
  image: iad.ocir.io/ns/image:1
  entrypoint: [python3, -u]
  cmd: [train.py, --epochs, '2']
  env: [{name: IMAGE_VAR, value: from-job}]
" --engine docker
expect_out container-engine "IMAGE_VAR=from-job"
want=$(printf '%s\n' run --rm -e IMAGE_VAR -e CONTAINER_CUSTOM_IMAGE -e CONTAINER_ENTRYPOINT \
	-e CONTAINER_CMD --entrypoint python3 iad.ocir.io/ns/image:1 -u train.py --epochs 2)
[ "$(cat "$work/docker.argv" 2>/dev/null)" = "$want" ] || fail container-engine "argv: $(cat "$work/docker.argv" 2>/dev/null)"

# ADS 2.15: the image and command come from jobEnvironmentConfigurationDetails, no artifact
PATH="$work/fakeengine:$PATH" run container-ads215 5 "$(cat container-engine.yaml)" --engine docker --ads 2.15
expect_out container-ads215 "IMAGE_VAR=from-job"
want=$(printf '%s\n' run --rm -e IMAGE_VAR --entrypoint python3 iad.ocir.io/ns/image:1 -u train.py --epochs 2)
[ "$(cat "$work/docker.argv" 2>/dev/null)" = "$want" ] || fail container-ads215 "argv: $(cat "$work/docker.argv" 2>/dev/null)"
$wrap "$dsjob" artifact --ads 2.15 "$work/container-engine.yaml" > "$work/none.out" 2> "$work/none.err"
[ $? = 0 ] && [ ! -s "$work/none.out" ] && grep -q "no artifact to upload" "$work/none.err" ||
	fail artifact-none-ads215 "$(cat "$work/none.err")"
# ADS 2.15 multi-node pyTorchDistributed job: its node group runs here; the driver runs one
# node only, so NODE_COUNT=1 as a job-run override
cat > torch-job.yaml <<EOF2
kind: job
spec:
  name: ddp
  infrastructure:
    kind: infrastructure
    type: dataScienceJob
    spec:
      projectId: ocid1.datascienceproject.oc1.iad.x
      compartmentId: ocid1.compartment.oc1..x
      shapeName: VM.Standard.E4.Flex
      shapeConfigDetails: {ocpus: 1, memoryInGBs: 16}
      subnetId: ocid1.subnet.oc1.iad.x
  runtime:
    kind: runtime
    type: pyTorchDistributed
    spec:
      scriptPathURI: $work/torch_train.py
      replicas: 2
      args: [--lr, '0.2']
      conda: {type: service, slug: pytorch20_p39_gpu_v1}
EOF2
PATH="$work/fakebin:$PATH" run pytorch-ads215-nodes 1 "$(cat torch-job.yaml)" --ads 2.15
expect_err pytorch-ads215-nodes "asks for 2 nodes"
PATH="$work/fakebin:$PATH" run pytorch-ads215-job 0 "$(cat torch-job.yaml)" --ads 2.15 --env NODE_COUNT=1
expect_out pytorch-ads215-job "torch entry ['--lr', '0.2']"

# ---- dsjob stopped by a signal: the job's process group goes with it ----
printf 'import os, time\nopen("%s/pid", "w").write(str(os.getpid()))\ntime.sleep(60)\n' "$work" > waits.py
printf 'kind: runtime\ntype: script\nspec:\n  scriptPathURI: waits.py\n' > waits.yaml
$wrap "$dsjob" run --local waits.yaml > /dev/null 2>&1 &
runner=$!
for _ in $(seq 100); do [ -s "$work/pid" ] && break; sleep 0.1; done
kill -TERM "$runner"
wait "$runner"
status=$?
[ "$status" = 143 ] || fail signal "exit status $status, expected 143 (128 + SIGTERM)"
job_pid=$(cat "$work/pid" 2>/dev/null)
[ -n "$job_pid" ] && ! kill -0 "$job_pid" 2>/dev/null || fail signal "the job ($job_pid) is still running"

# ---- run folder ----
run keep 0 "$(cat python-file.yaml)" --keep
kept=$(sed -n 's/^dsjob: run folder: //p' "$work/keep.err")
[ -f "$kept/decompressed_artifact/driver_python.py" ] || fail keep "no kept run folder ($kept)"
[ -n "$kept" ] && rm -rf "$kept"
run workdir 0 "$(cat python-file.yaml)" --workdir "$work/wd"
[ -f "$work/wd/decompressed_artifact/code/hello.py" ] || fail workdir "nothing in --workdir"
run workdir-again 1 "$(cat python-file.yaml)" --workdir "$work/wd"
expect_err workdir-again "previous run"
# ---- a caller that ignores SIGCHLD still gets the job's exit status ----
python3 -c 'import os, signal, sys
signal.signal(signal.SIGCHLD, signal.SIG_IGN)
os.execv(sys.argv[1], sys.argv[1:])' "$dsjob" run --local "$work/script-folder.yaml" > /dev/null 2>&1
status=$?
[ "$status" = 7 ] || fail sigchld-ignored "exit status $status, expected 7"

# ---- the README's example, from the repository root ----
(cd "$root" && $wrap "$dsjob" run --local --env DATASET=cifar --env "OUTPUT_URI=file://$work/example" \
	examples/local/python.yaml) > "$work/example.out" 2> "$work/example.err" || fail example "$(cat "$work/example.err")"
expect_out example "epoch 2 of 2, dataset cifar"
grep -q "trained for 2 epochs" "$work/example/model.txt" 2>/dev/null || fail example "no outputs copied"

# ---- usage errors: exit status 2, nothing run ----
usage() { # NAME TEXT ARGS...: exit status 2 and stderr mentioning TEXT
	local name=$1 text=$2
	shift 2
	$wrap "$dsjob" "$@" > "$work/$name.out" 2> "$work/$name.err"
	local status=$?
	[ "$status" = 2 ] || fail "$name" "exit status $status, expected 2"
	expect_err "$name" "$text"
	[ ! -s "$work/$name.out" ] || fail "$name" "printed $(cat "$work/$name.out")"
}
# without --local, run starts a job run on OCI (cmd_run.c): with neither a FILE
# nor --job-id it is a usage error before anything is read
usage usage-no-local "run takes a job YAML FILE or --job-id OCID" run
usage usage-timeout "--timeout takes" run --local --timeout 0 python-file.yaml
usage usage-timeout-word "--timeout takes" run --local --timeout soon python-file.yaml
usage usage-env "--env takes NAME=VALUE" run --local --env NOEQUALS python-file.yaml
usage usage-engine "--engine takes podman or docker" run --local --engine lxc container-no-engine.yaml
usage usage-args "cannot be split" run --local --args "'unclosed" python-file.yaml
usage usage-two-files "only one FILE" run --local python-file.yaml python-file.yaml
usage usage-unknown "unknown option '--bogus'" run --local --bogus python-file.yaml
usage usage-value "--workdir needs a value" run --local python-file.yaml --workdir
usage usage-artifact-output "--output takes json or text" artifact --output xml python-file.yaml
usage usage-artifact-file "needs the job or runtime YAML FILE" artifact --list
[ "$failed" = 0 ] && echo "run --local: all cases passed"
exit $failed

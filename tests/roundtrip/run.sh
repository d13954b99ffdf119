#!/bin/sh
# Round trips of jobs made by ADS 2.15: translate --ads 2.15 gives the CreateJob
# body; the job the service then returns (the body plus its own fields, as
# `oci data-science job get` prints it: kebab-case, nulls, {"data", "etag"})
# extracted with --ads 2.15 and translated again gives the same body.
# usage: run.sh DSJOB
dsjob=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for job in "$here"/*.yaml "$here"/../../examples/job.yaml; do
	name=$(basename "$job" .yaml)
	"$dsjob" translate --ads 2.15 "$job" >"$work/a.json" 2>"$work/err" || {
		echo "FAIL $name: translate: $(cat "$work/err")"; status=1; continue; }
	python3 "$here/as_get_job.py" "$work/a.json" >"$work/get.json" || { status=1; continue; }
	# the service reports the uploaded artifact's file name, if there was one
	artifact=$(python3 -c 'import json, os, sys; s = (json.load(open(sys.argv[1]))["artifact"] or {}).get("source"); print(os.path.basename(s) if s else "")' "$work/a.json")
	"$dsjob" extract --ads 2.15 ${artifact:+--artifact "$artifact"} "$work/get.json" >"$work/job.yaml" 2>"$work/err" || {
		echo "FAIL $name: extract: $(cat "$work/err")"; status=1; continue; }
	if [ -s "$work/err" ]; then
		echo "FAIL $name: extract warned: $(cat "$work/err")"; status=1; continue
	fi
	"$dsjob" translate --ads 2.15 "$work/job.yaml" >"$work/b.json" 2>"$work/err" || {
		echo "FAIL $name: translate back: $(cat "$work/err")"; cat "$work/job.yaml"; status=1; continue; }
	if python3 "$here/same_body.py" "$work/a.json" "$work/b.json"; then
		echo "ok $name"
	else
		echo "FAIL $name: the body changed"; cat "$work/job.yaml"; status=1
	fi
done
exit $status

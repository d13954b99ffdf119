#!/bin/sh
# Extract of what `oci data-science job list` prints ({"data": [...]}): one YAML
# document per job, or a JSON array with --output json; the batch job-extract op
# takes one job. Then each field the YAML cannot carry: a warning naming it.
# usage: input_forms_test.sh DSJOB
dsjob=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
cat >"$work/list.json" <<'JSON'
{"data": [
  {"id": "ocid1.datasciencejob.oc1..a", "project-id": "p", "compartment-id": "c",
   "display-name": "first", "lifecycle-state": "ACTIVE", "freeform-tags": {"my-tag": "x"},
   "defined-tags": {}, "system-tags": null, "time-created": "2026-01-01T00:00:00Z"},
  {"id": "ocid1.datasciencejob.oc1..b", "project-id": "p", "compartment-id": "c",
   "display-name": "second", "lifecycle-state": "ACTIVE", "freeform-tags": {},
   "defined-tags": {}, "system-tags": null, "time-created": "2026-01-01T00:00:00Z"}
], "opc-next-page": null}
JSON
"$dsjob" extract "$work/list.json" >"$work/out.yaml" || fail=1
[ "$(grep -c '^---$' "$work/out.yaml")" -eq 2 ] || { echo "FAIL two YAML documents"; cat "$work/out.yaml"; fail=1; }
grep -q 'name: second' "$work/out.yaml" || { echo "FAIL second job"; fail=1; }
grep -q 'my-tag: x' "$work/out.yaml" || { echo "FAIL tag keys kept verbatim"; fail=1; }
"$dsjob" extract --output json "$work/list.json" >"$work/out.json" || fail=1
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); sys.exit(not (isinstance(a, list) and [j["spec"]["name"] for j in a] == ["first", "second"]))' "$work/out.json" ||
	{ echo "FAIL JSON array"; cat "$work/out.json"; fail=1; }
python3 -c 'import json,sys; print(json.dumps({"op": "job-extract", "input": open(sys.argv[1]).read()}))' "$work/list.json" |
	"$dsjob" --jsonl | grep -q '"error"' || { echo "FAIL batch job-extract of a list is an error"; fail=1; }

# warns CASE ADS-OPTION JOB-FIELDS WANTED-STDERR-TEXT
warns() {
	printf '{"data": {"id": "ocid1.datasciencejob.oc1..j", "project-id": "p", "compartment-id": "c", "display-name": "n", %s}, "etag": "e"}\n' "$3" >"$work/w.json"
	"$dsjob" extract $2 "$work/w.json" >"$work/w.yaml" 2>"$work/w.err" ||
		{ echo "FAIL $1: exit status $?: $(cat "$work/w.err")"; fail=1; return; }
	grep -qF -- "$4" "$work/w.err" || { echo "FAIL $1: wanted '$4' on stderr, got: $(cat "$work/w.err")"; fail=1; }
}
probe='"job-configuration-details": {"job-type": "DEFAULT", "startup-probe-details": {"job-probe-check-type": "EXEC", "command": ["true"]}}'
mount='"job-storage-mount-configuration-details-list": [{"storage-type": "OBJECT_STORAGE", "namespace": "n", "bucket": "b", "destination-path": "/mnt", "destination-directory-name": "d"}]'
group='{"name": "g1", "replicas": 2, "minimum-success-replicas": 1, "job-configuration-details": {"job-type": "DEFAULT", "environment-variables": {"NODE_COUNT": "2"}}}'
nodes="\"job-node-configuration-details\": {\"job-node-type\": \"MULTI_NODE\", \"startup-order\": \"IN_ORDER\", \"job-node-group-configuration-details-list\": [$group]}"
warns description "" '"description": "kept nowhere"' 'description: warning: left out'
warns startup-probe "--ads 2.15" "$probe" 'jobConfigurationDetails.startupProbeDetails: warning'
warns env-config-ads28 "" '"job-environment-configuration-details": {"job-environment-type": "OCIR_CONTAINER", "image": "i"}' 'jobEnvironmentConfigurationDetails: warning'
warns env-config-other-type "--ads 2.15" '"job-environment-configuration-details": {"job-environment-type": "OTHER"}' 'jobEnvironmentConfigurationDetails: warning'
warns cpu-baseline "--ads 2.15" '"job-infrastructure-configuration-details": {"job-infrastructure-type": "STANDALONE", "job-shape-config-details": {"ocpus": 1, "cpu-baseline": "BASELINE_1_2"}}' 'jobShapeConfigDetails.cpuBaseline: warning'
warns destination-path-ads28 "" "$mount" 'destinationPath "/mnt" is left out'
warns startup-order "--ads 2.15" "$nodes" 'startupOrder: warning'
warns group-name "--ads 2.15" "$nodes" 'jobNodeGroupConfigurationDetailsList[0].name: warning'
warns minimum-success "--ads 2.15" "$nodes" 'minimumSuccessReplicas: warning'
warns top-level-config "--ads 2.15" "$nodes, \"job-configuration-details\": {\"job-type\": \"DEFAULT\", \"command-line-arguments\": \"x\"}" 'jobConfigurationDetails: warning'
# and nothing is reported where nothing is left out
"$dsjob" extract --ads 2.15 "$work/list.json" >/dev/null 2>"$work/quiet.err"
[ ! -s "$work/quiet.err" ] || { echo "FAIL a job list warned: $(cat "$work/quiet.err")"; fail=1; }
[ $fail -eq 0 ] && echo "ok job lists and warnings"
exit $fail

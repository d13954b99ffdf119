#!/usr/bin/env python3
"""Writes the bad-input cases under cases/: one folder per case with its input
and an `expected` file (command, and the options run.sh reads).

The status and first stderr line are then recorded from dsjob with
`run.sh --record BINARY` and reviewed by hand before committing: a case is only
as good as its message. Re-running this script keeps recorded lines of cases
whose input and command did not change.
usage: make_cases.py
"""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")

RUNTIME = "kind: runtime\ntype: {type}\nspec:\n{spec}"
CONDA = "  conda: {type: service, slug: pytorch110_p38_cpu_v1}\n"
BASES = {
    "script": CONDA + "  scriptPathURI: oci://b@n/run.sh\n",
    "python": CONDA + "  scriptPathURI: oci://b@n/train.py\n  entrypoint: train.py\n",
    "notebook": CONDA + "  notebookPathURI: oci://b@n/a.ipynb\n",
    "gitPython": CONDA + "  url: https://github.com/o/r.git\n  entrypoint: train.py\n",
    "container": "  image: iad.ocir.io/ns/img:1\n",
    "pyTorchDistributed": CONDA + "  scriptPathURI: oci://b@n/train.py\n  entrypoint: train.py\n",
}
COMMON = ["env", "args", "maximumRuntimeInMinutes", "freeformTags", "definedTags"]
OWN = {
    "script": ["scriptPathURI", "entrypoint", "conda"],
    "python": ["scriptPathURI", "entrypoint", "entryFunction", "pythonPath", "workingDir",
               "outputDir", "outputUri", "conda", "command"],
    "notebook": ["notebookPathURI", "notebookEncoding", "outputUri", "excludeTags", "source",
                 "entrypoint", "conda"],
    "gitPython": ["url", "branch", "commit", "gitSecretId", "skipMetadataUpdate", "entrypoint",
                  "entryFunction", "pythonPath", "workingDir", "outputDir", "outputUri", "conda"],
    "container": ["image", "entrypoint", "cmd"],
    "pyTorchDistributed": ["scriptPathURI", "entrypoint", "entryFunction", "pythonPath",
                           "workingDir", "outputDir", "outputUri", "conda", "replicas", "git",
                           "inputs", "dependencies", "command", "deepspeed"],
}
# Wrong values tried at each key; run.sh --record shows which are errors, and
# make_cases.py keeps a case only when its recorded status is not 0.
WRONG = [("map", "{a: 1}"), ("int", "0x1F"), ("list", "[[1], {b: 2}]")]
# Keys that take a list: only they get the list of non-strings too.
LIST_KEYS = {"args", "pythonPath", "excludeTags", "cmd", "entrypoint", "env"}

JOB = """kind: job
spec:
  name: my-job
  infrastructure:
    kind: infrastructure
    type: dataScienceJob
    spec:
      compartmentId: ocid1.compartment.oc1..c
      projectId: ocid1.datascienceproject.oc1..p
      shapeName: VM.Standard.E4.Flex
      shapeConfigDetails: {ocpus: 1, memoryInGBs: 16}
      blockStorageSize: 50
{extra}  runtime:
    kind: runtime
    type: python
    spec:
      scriptPathURI: oci://b@n/train.py
      entrypoint: train.py
      conda: {type: service, slug: s}
"""
JOB_KEYS = ["compartmentId", "projectId", "shapeName", "blockStorageSize", "subnetId",
            "logGroupId", "logId", "jobType", "jobInfrastructureType", "shapeConfigDetails",
            "storageMount", "freeformTags", "definedTags"]

cases = {}


def case(name, command, data=None, ext="yaml", **fields):
    """data: the input (str or bytes); None when `input:` names another path."""
    cases[name] = (command, data, ext, fields)


def runtime(rt_type, spec):
    return RUNTIME.format(type=rt_type, spec=spec)


def with_key(rt_type, key, value):
    lines = [ln for ln in BASES[rt_type].splitlines(True) if not ln.startswith("  %s:" % key)]
    return runtime(rt_type, "".join(lines) + "  %s: %s\n" % (key, value))


def wrong_types():
    for rt_type in BASES:
        for key in COMMON + OWN[rt_type]:
            for label, value in WRONG if key in LIST_KEYS else WRONG[:2]:
                case("type-%s-%s-%s" % (rt_type, key, label), "translate",
                     with_key(rt_type, key, value), keep_if="error")


def malformed_yaml():
    bad = {
        "unclosed-flow-seq": "kind: runtime\ntype: python\nspec: {args: [a, b}\n",
        "unclosed-flow-map": "kind: runtime\ntype: python\nspec: {entrypoint: a.py\n",
        "unclosed-double-quote": 'kind: runtime\ntype: "python\nspec: {}\n',
        "unclosed-single-quote": "kind: runtime\ntype: 'python\n",
        "bad-indentation": "kind: runtime\ntype: python\nspec:\n  entrypoint: a.py\n env: {}\n",
        "mapping-in-scalar": "kind: runtime\ntype: python: script\n",
        "tab-indent": "kind: runtime\ntype: python\nspec:\n\tentrypoint: a.py\n",
        "tab-after-dash": "kind: runtime\ntype: python\nspec:\n  args:\n  -\t- a\n",
        "undefined-alias": "kind: runtime\ntype: python\nspec: *nothing\n",
        "recursive-alias": "kind: runtime\ntype: python\nspec: &a {x: *a}\n",
        "unknown-tag": "kind: runtime\ntype: !!python/object:os.system python\n",
        "bad-int-tag": "kind: runtime\ntype: python\nspec: {maximumRuntimeInMinutes: !!int ten}\n",
        "bad-float-tag": "kind: runtime\ntype: python\nspec: {x: !!float abc}\n",
        "bad-bool-tag": "kind: runtime\ntype: python\nspec: {x: !!bool maybe}\n",
        "bad-binary-tag": "kind: runtime\ntype: python\nspec: {x: !!binary 'abc'}\n",
        "bad-timestamp-tag": "kind: runtime\ntype: python\nspec: {x: !!timestamp yesterday}\n",
        "map-tag-on-seq": "kind: runtime\ntype: python\nspec: !!map [a, b]\n",
        "seq-tag-on-map": "kind: runtime\ntype: python\nspec: !!seq {a: b}\n",
        "bad-escape": 'kind: runtime\ntype: "py\\qthon"\n',
        "two-documents": "kind: runtime\ntype: python\n---\nkind: runtime\n",
        "seq-then-map": "- kind: runtime\ntype: python\n",
        "unknown-directive-version": "%YAML 2.0\n---\nkind: runtime\n",
        "bad-directive": "%YAML x.y\n---\nkind: runtime\n",
        "reserved-at": "kind: runtime\ntype: @python\n",
        "reserved-backtick": "kind: runtime\ntype: `python`\n",
        "duplicate-anchor-use-before": "kind: runtime\ntype: *t\nspec: &t {}\n",
        "merge-non-mapping": "kind: runtime\ntype: python\nspec:\n  <<: 5\n",
        "merge-list-of-scalars": "kind: runtime\ntype: python\nspec:\n  <<: [1, 2]\n",
        "complex-key": "kind: runtime\ntype: python\nspec:\n  ? [a, b]\n  : c\n",
        "block-scalar-bad-indent": "kind: runtime\ntype: |\n  python\n bad\n",
        "lone-close-bracket": "]\n",
        "lone-open-brace": "{\n",
        "flow-missing-comma": "kind: runtime\ntype: python\nspec: {a: 1 b: 2}\n",
        "control-char": "kind: runtime\ntype: py\x01thon\n",
        "nul-byte": "kind: runtime\ntype: python\x00\n",
        "nul-in-quoted": 'kind: runtime\ntype: "py\x00thon"\n',
        "bom-in-middle": "kind: runtime\ntype: py\ufeffthon\nspec: {a: [\ufeff}\n",
        "big-int": "kind: runtime\ntype: python\nspec: {maximumRuntimeInMinutes: %s}\n" % ("9" * 5000),
        "scalar-root": "just a string\n",
        "list-root": "- kind: runtime\n- type: python\n",
        "null-root": "~\n",
        "empty-document": "---\n...\n",
        "comment-only": "# nothing here\n",
        "whitespace-only": "   \n\n  \n",
    }
    for name, text in bad.items():
        case("yaml-" + name, "translate", text)
    case("yaml-empty-file", "translate", "")
    case("validate-yaml-unclosed", "validate", bad["unclosed-flow-map"])
    case("validate-yaml-tab", "validate", bad["tab-indent"])


def invalid_utf8():
    head = b"kind: runtime\ntype: python\nspec:\n  entrypoint: "
    bad = {
        "lone-continuation": b"\x80",
        "overlong-slash": b"\xc0\xaf",
        "encoded-surrogate": b"\xed\xa0\x80",
        "above-10ffff": b"\xf4\x90\x80\x80",
        "truncated-at-end": b"\xe2\x82",
        "byte-ff": b"\xff",
        "latin1": b"caf\xe9",
    }
    for name, seq in bad.items():
        case("utf8-yaml-" + name, "translate", head + seq + b"\n")
        case("utf8-json-" + name, "extract",
             b'{"jobConfigurationDetails": {"environmentVariables": {"A": "' + seq + b'"}}}',
             ext="json")
    case("utf8-yaml-in-key", "translate", b"kind: runtime\ntype: python\nspec:\n  \xff: 1\n")
    case("utf16-bom", "translate", "kind: runtime\n".encode("utf-16"))


def malformed_json():
    bad = {
        "open-brace": "{",
        "unterminated-key": '{"a',
        "missing-value": '{"a":}',
        "missing-colon": '{"a" 1}',
        "trailing-comma-object": '{"a": 1,}',
        "trailing-comma-array": '{"a": [1, 2,]}',
        "unclosed-array": '{"a": [1, 2',
        "single-quotes": "{'a': 1}",
        "bare-key": "{a: 1}",
        "leading-zero": '{"a": 01}',
        "bad-fraction": '{"a": 1.}',
        "leading-dot": '{"a": .5}',
        "lone-minus": '{"a": -}',
        "bad-exponent": '{"a": 1e}',
        "bad-escape": '{"a": "\\x41"}',
        "short-unicode-escape": '{"a": "\\u12"}',
        "raw-newline-in-string": '{"a": "line\nbreak"}',
        "raw-tab-in-string": '{"a": "tab\there"}',
        "trailing-data": '{"a": 1} x',
        "two-objects": '{"a": 1}{"b": 2}',
        "truncated-true": '{"a": tru}',
        "comment": '{"a": 1 /* no */}',
        "hex-number": '{"a": 0x10}',
        "nul-byte": '{"a": 1}\x00',
        "utf8-bom": '\ufeff{"a": 1}',
        "empty-file": "",
        "whitespace-only": "  \n ",
        "string-root": '"a job"',
        "array-root": "[]",
        "number-root": "42",
        "null-root": "null",
        "env-not-object": '{"jobConfigurationDetails": {"environmentVariables": [1, 2]}}',
        "args-unterminated-quote":
            '{"jobConfigurationDetails": {"commandLineArguments": "a \'b"}}',
        "args-trailing-backslash":
            '{"jobConfigurationDetails": {"commandLineArguments": "a \\\\"}}',
        "args-not-string": '{"jobConfigurationDetails": {"commandLineArguments": ["a"]}}',
    }
    for name, text in bad.items():
        case("json-" + name, "extract", text, ext="json")
    job = ('{"projectId": "p", "compartmentId": "c", "displayName": "n", '
           '"jobConfigurationDetails": {"jobType": "DEFAULT"}, '
           '"jobInfrastructureConfigurationDetails": %s}')
    case("json-job-infra-not-object", "extract", job % "7", ext="json", keep_if="error")
    case("json-job-infra-shape-list", "extract",
         job % '{"jobInfrastructureType": "STANDALONE", "shapeName": [1]}', ext="json",
         keep_if="error")


def missing_pieces():
    c = "  conda: {type: published, uri: 'oci://bucket@namespace/path/pack.tar.gz'}\n"
    case("missing-custom-conda-region", "translate",
         runtime("python", c + "  entrypoint: a.py\n"))
    case("missing-conda-type", "translate", runtime("python", "  conda: {slug: s}\n"))
    case("missing-conda-slug", "translate", runtime("python", "  conda: {type: service}\n"))
    case("missing-conda-uri", "translate",
         runtime("python", "  conda: {type: published, region: r}\n"))
    case("bad-conda-uri", "translate",
         runtime("python", "  conda: {type: published, uri: 'oci://nobucket/x', region: r}\n"))
    case("missing-container-image", "translate", runtime("container", "  cmd: [a]\n"))
    case("missing-notebook", "translate", runtime("notebook", CONDA))
    case("missing-notebook-source", "translate",
         runtime("notebook", CONDA + "  entrypoint: a.ipynb\n"))
    case("missing-gitpython-conda", "translate",
         runtime("gitPython", "  url: https://github.com/o/r.git\n  entrypoint: a.py\n"))
    case("missing-type", "translate", "kind: runtime\nspec: {}\n")
    case("unknown-type", "translate", "kind: runtime\ntype: lambda\nspec: {}\n")
    case("dataflow-type", "translate", "kind: runtime\ntype: dataFlow\nspec: {}\n")
    case("type-is-list", "translate", "kind: runtime\ntype: [python]\nspec: {}\n")
    case("spec-is-list", "translate", "kind: runtime\ntype: python\nspec: [a]\n")
    case("spec-is-string", "translate", "kind: runtime\ntype: python\nspec: text\n")
    case("env-item-no-value", "translate",
         runtime("python", "  env:\n  - name: A\n"))
    case("env-item-no-name", "translate",
         runtime("python", "  env:\n  - value: A\n"))
    case("env-item-scalar", "translate", runtime("python", "  env:\n  - A=1\n"))
    case("env-name-list", "translate", runtime("python", "  env:\n  - {name: [A], value: 1}\n"))
    case("env-self", "translate", runtime("python", "  env: {self: 1}\n"))
    case("env-interp-empty", "translate", runtime("python", "  env: {A: '${}'}\n"))
    case("env-interp-unterminated", "translate", runtime("python", "  env: {A: '${B'}\n"))
    case("env-interp-self", "translate", runtime("python", "  env: {A: '${A}'}\n"))
    case("env-name-collision", "translate", runtime("python", "  env: {1: a, '1': b}\n"))
    case("args-item-list", "translate", runtime("python", "  args: [a, [b]]\n"))
    case("max-runtime-negative", "translate",
         runtime("python", "  maximumRuntimeInMinutes: -5\n"))
    case("max-runtime-float", "translate",
         runtime("python", "  maximumRuntimeInMinutes: 1.5\n"))
    case("defined-tags-flat", "translate", runtime("python", "  definedTags: {a: b}\n"))
    case("freeform-tag-list-value", "translate",
         runtime("python", "  freeformTags: {a: [b]}\n"))
    case("git-url-int", "translate", runtime("pyTorchDistributed", CONDA + "  git: {url: 5}\n"),
         keep_if="error")
    case("git-branch-list", "translate",
         runtime("pyTorchDistributed", CONDA + "  git: {url: u, branch: [b]}\n"), keep_if="error")
    case("pip-packages-map", "translate",
         runtime("pyTorchDistributed", CONDA + "  dependencies: {pipPackages: {a: 1}}\n"),
         keep_if="error")
    case("pip-requirements-int", "translate",
         runtime("pyTorchDistributed", CONDA + "  dependencies: {pipRequirements: 5}\n"),
         keep_if="error")
    case("inputs-value-list", "translate",
         runtime("pyTorchDistributed", CONDA + "  inputs: {a: [1]}\n"), keep_if="error")
    case("replicas-string", "translate",
         runtime("pyTorchDistributed", CONDA + "  replicas: two\n"), keep_if="error")
    case("replicas-zero", "translate",
         runtime("pyTorchDistributed", CONDA + "  replicas: 0\n"), keep_if="error")
    case("exclude-tags-nested", "translate",
         runtime("notebook", CONDA + "  notebookPathURI: a.ipynb\n  excludeTags: [{a: 2001-12-14}]\n"),
         keep_if="error")
    case("skip-metadata-list", "translate",
         runtime("gitPython", CONDA + "  url: u\n  skipMetadataUpdate: [1]\n"), keep_if="error")
    case("kind-job-no-spec", "translate", "kind: job\n")
    case("kind-job-spec-list", "translate", "kind: job\nspec: [a]\n")


def job_cases():
    for key in JOB_KEYS:
        for label, value in WRONG[:3]:
            extra = "      %s: %s\n" % (key, value)
            text = JOB.replace("{extra}", "").replace("      blockStorageSize: 50\n",
                                                 "      blockStorageSize: 50\n" + extra)
            text = text.replace("      %s: " % key, "      #", 1) if key in (
                "compartmentId", "projectId", "shapeName", "blockStorageSize",
                "shapeConfigDetails") else text
            case("job-%s-%s" % (key, label), "translate", text, keep_if="error")
    base = JOB.replace("{extra}", "")
    for label, value in WRONG[:3]:
        case("job-name-" + label, "translate", base.replace("name: my-job", "name: " + value),
             keep_if="error")
    case("job-missing-compartment", "translate",
         base.replace("      compartmentId: ocid1.compartment.oc1..c\n", ""))
    case("job-missing-project", "translate",
         base.replace("      projectId: ocid1.datascienceproject.oc1..p\n", ""))
    case("job-missing-runtime", "translate", base[:base.index("  runtime:")])
    case("job-missing-infrastructure", "translate",
         "kind: job\nspec:\n  runtime: {kind: runtime, type: python}\n")
    case("job-infrastructure-list", "translate",
         "kind: job\nspec:\n  infrastructure: [a]\n  runtime: {kind: runtime, type: python}\n")
    case("job-infrastructure-dataflow", "translate",
         base.replace("type: dataScienceJob", "type: dataFlow"))
    case("job-infra-spec-list", "translate",
         base.replace("    spec:\n      compartmentId", "    spec: [a]\n    x:\n      compartmentId"))
    case("job-runtime-bad-slug", "translate", base.replace("slug: s", "slug: 0x1F"))
    case("job-runtime-env-limit", "translate --max-env-vars 1",
         base.replace("      conda: {type: service, slug: s}\n",
                      "      conda: {type: service, slug: s}\n      env: {A: 1, B: 2}\n"))
    case("job-flex-without-config", "translate",
         base.replace("      shapeConfigDetails: {ocpus: 1, memoryInGBs: 16}\n", ""),
         keep_if="error")
    case("job-storage-bad-source", "translate",
         base.replace("      blockStorageSize: 50\n",
                      "      blockStorageSize: 50\n      storageMount:\n"
                      "      - {src: 'ftp://x', dest: d}\n"))
    case("job-log-id-without-group", "translate",
         base.replace("      blockStorageSize: 50\n",
                      "      blockStorageSize: 50\n      logId: ocid1.log.oc1..l\n"))
    case("validate-job-many", "validate",
         base.replace("      compartmentId: ocid1.compartment.oc1..c\n", "")
         .replace("blockStorageSize: 50", "blockStorageSize: 20"))


def limits():
    rt = runtime("python", "  entrypoint: a.py\n  env: {A: '1', B: '2', C: '3'}\n")
    case("limit-input-bytes", "translate --max-input-bytes 20", rt)
    case("limit-input-bytes-json", "extract --max-input-bytes 5", '{"a": 1}', ext="json")
    case("limit-input-bytes-validate", "validate --max-input-bytes 20", rt)
    case("limit-depth", "translate --max-depth 2", rt)
    case("limit-depth-json", "extract --max-depth 2", '{"a": {"b": {"c": 1}}}', ext="json")
    case("limit-depth-alias", "translate --max-depth 3",
         "kind: runtime\ntype: python\nx: &a [[[1]]]\nspec: {args: *a}\n")
    case("limit-nodes", "translate --max-nodes 8", rt)
    case("limit-nodes-json", "extract --max-nodes 3", '{"a": [1, 2, 3]}', ext="json")
    case("limit-scalar-bytes", "translate --max-scalar-bytes 8",
         runtime("python", "  entrypoint: a_long_name.py\n"))
    case("limit-scalar-bytes-json", "extract --max-scalar-bytes 4",
         '{"jobConfigurationDetails": {"environmentVariables": {"A": "12345"}}}', ext="json")
    case("limit-number-bytes-json", "extract --max-scalar-bytes 4",
         '{"a": 123456}', ext="json")
    case("limit-env-vars", "translate --max-env-vars 2", rt)
    case("limit-env-vars-list", "translate --max-env-vars 1",
         runtime("python", "  env:\n  - {name: A, value: 1}\n  - {name: B, value: 2}\n"))
    case("limit-validate-depth", "validate --max-depth 1", rt)
    bomb = "kind: runtime\ntype: python\n"
    prev = "x"
    for i, name in enumerate("abcdefghi"):
        bomb += "%s: &%s [%s]\n" % (name, name, ", ".join(["*" + prev if i else "lol"] * 9))
        prev = name
    case("alias-bomb", "translate", bomb)
    case("alias-bomb-small-limit", "translate --max-nodes 100", bomb)
    case("alias-bomb-merge", "translate",
         "a: &a {x: 1, y: 2, z: 3}\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
         "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
         "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e]\n"
         "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n")
    deep = "[" * 300 + "]" * 300
    case("deep-flow-300", "translate", deep)
    case("deep-map-300", "translate", "{a: " * 300 + "}" * 300)
    case("deep-json-300", "extract", deep, ext="json")
    generated = {
        "deep-100k-yaml": ("translate", "special/deep_100k.yaml"),
        "deep-100k-json": ("extract", "special/deep_100k.json"),
        "deep-block-300": ("translate", "special/deep_block.yaml"),
        "huge-scalar-yaml": ("translate", "special/huge_scalar.yaml"),
        "huge-string-json": ("extract", "special/huge_string.json"),
        "over-16mib": ("translate", "special/over_16mib.yaml"),
        "env-10001-vars": ("translate", "special/env_10001.yaml"),
        "oci-env-20k-chars": ("translate", "special/env_20k_chars.yaml"),
        "oci-env-20k-emoji": ("translate", "special/env_20k_emoji.yaml"),
        "oci-env-20k-accents": ("translate", "special/env_20k_accents.yaml"),
        "oci-args-4k-chars": ("translate", "special/args_4k_chars.yaml"),
        "oci-args-1000-items": ("translate", "special/args_1000.yaml"),
        "oci-job-env-20k-chars": ("translate", "special/job_env_20k_chars.yaml"),
        "oci-validate-env-20k": ("validate", "special/env_20k_chars.yaml"),
    }
    for name, (command, path) in generated.items():
        case(name, command, input=path)
    case("dev-zero-limit", "translate --max-input-bytes 1000", input="/dev/zero")
    case("stdin-dev-zero", "extract --max-input-bytes 1000", input="-", stdin="/dev/zero")


def warnings():
    case("warn-job-ocid", "validate",
         runtime("python", "  entrypoint: a.py\n  env:\n  - {name: JOB_OCID, value: x}\n"))
    case("warn-tenancy-mapping", "validate",
         runtime("container", "  image: i\n  env: {TENANCY_OCID: t, OTHER: o}\n"))
    case("warn-in-job", "validate", JOB.replace("{extra}", "").replace(
        "conda: {type: service, slug: s}\n",
        "conda: {type: service, slug: s}\n      env: {JOB_RUN_OCID: r}\n"))


def unknown_keys():
    """A misspelled key of each class at each level: translate warns (status 0)
    and --strict fails (run.sh reruns every case that has warnings)."""
    py = "  scriptPathURI: oci://b@n/train.py\n  entrypoint: train.py\n"
    spec = {
        "case": "  scriptpathuri: oci://b@n/train.py\n  entrypoint: train.py\n",
        "deleted": py + "  entryFuntion: main\n",
        "added": py + "  workingDirr: /w\n",
        "swapped": py + "  ouptutDir: /o\n",
        "snake": py + "  python_pth: [a]\n",
        "far": py + "  zzzzzzzz: 1\n",
        "env-word": py + "  enviroment: {A: b}\n",
        "conda": py + "  conda: {type: service, slgu: s, slug: s}\n",
        "env-item": py + "  env:\n  - {name: A, vaule: b}\n",
        "doc": None,
    }
    for label, body in spec.items():
        if body is None:
            case("warn-key-runtime-" + label, "translate",
                 "kind: runtime\ntype: python\nspecs: {}\nspec:\n" + py)
        else:
            case("warn-key-runtime-" + label, "translate", runtime("python", body))
    case("warn-key-other-type", "translate",
         runtime("script", "  scriptPathURI: oci://b@n/run.sh\n  entryFunction: main\n"))
    case("warn-key-container", "translate", runtime("container", "  image: i\n  CMD: [a]\n"))
    case("warn-key-pytorch-git", "translate", runtime(
        "pyTorchDistributed", py + "  git: {url: u, brnach: b}\n"))
    case("warn-key-pytorch-deps", "translate", runtime(
        "pyTorchDistributed", py + "  dependencies: {pipPackage: x}\n  replica: 2\n"))
    case("warn-key-notebook", "translate", runtime(
        "notebook", "  notebookPathUri: oci://b@n/a.ipynb\n  notebookPathURI: oci://b@n/a.ipynb\n"))
    base = JOB.replace("{extra}", "")
    jobs = {
        "shapename": ("      shapeName: VM", "      shapename: VM.Standard2.1\n      shapeName: VM"),
        "infra-swapped": ("      blockStorageSize: 50", "      blockStroageSize: 50"),
        "infra-runtime-key": ("      blockStorageSize: 50",
                              "      blockStorageSize: 50\n      conda: {type: service, slug: s}"),
        "shape-config": ("{ocpus: 1, memoryInGBs: 16}", "{ocpus: 1, memoryInGbs: 16, memoryInGBs: 16}"),
        "job-spec": ("  name: my-job", "  name: my-job\n  nmae: x"),
        "job-doc": ("kind: job", "kind: job\nspecs: {}"),
        "infra-doc": ("    kind: infrastructure", "    kind: infrastructure\n    tpye: x"),
        "mount": ("      blockStorageSize: 50",
                  "      blockStorageSize: 50\n      storageMount:\n      - {src: 'oci://b@n/p', dest: d, dst: e}"),
        "in-runtime": ("      entrypoint: train.py", "      entrypoint: train.py\n      Entrypoint: x.py"),
    }
    for label, (old, new) in jobs.items():
        assert old in base, old
        case("warn-key-job-" + label, "translate", base.replace(old, new, 1))
    case("warn-key-validate", "validate", runtime("python", py + "  maximumRuntimeInMinute: 5\n"))


def structure():
    """Structure mistakes, said in YAML terms: a spec that is not a mapping or
    whose keys sit beside it, a missing type, a job read as a runtime."""
    py = "kind: runtime\ntype: python\n"
    case("struct-spec-null-keys-below", "translate", py + "spec:\nentrypoint: a.py\n")
    case("struct-no-spec-keys-beside", "translate", py + "entrypoint: a.py\n")
    case("struct-spec-key-beside", "translate", py + "spec:\n  entrypoint: a.py\nargs: [1]\n")
    case("struct-type-case", "translate", "kind: runtime\ntype: Python\nspec: {}\n")
    case("struct-kind-jobs", "translate", JOB.replace("{extra}", "").replace("kind: job", "kind: jobs", 1))
    case("struct-runtime-for-job", "translate --format oci-cli", py + "spec:\n  entrypoint: a.py\n")
    case("struct-job-spec-null", "translate", "kind: job\nspec:\nname: x\ninfrastructure: {}\n")
    case("struct-job-spec-key-beside", "translate", JOB.replace("{extra}", "") + "name: other\n")
    case("struct-infra-key-in-job-spec", "translate",
         JOB.replace("{extra}", "").replace("  name: my-job\n", "  name: my-job\n  shapeName: VM.Standard2.1\n"))
    case("struct-infra-key-beside-spec", "translate",
         JOB.replace("{extra}", "").replace("    type: dataScienceJob\n",
                                             "    type: dataScienceJob\n    subnetId: ocid1.subnet.oc1..s\n"))
    case("struct-extract-yaml", "extract", py + "spec:\n  entrypoint: a.py\n")


def api_needs():
    """What the API needs that ADS does not check: the OCI limits (errors, in
    translate as in validate) and shapes and OCIDs (warnings)."""
    base = JOB.replace("{extra}", "")
    def job(old, new):
        assert old in base, old
        return base.replace(old, new, 1)
    name = "  name: my-job\n"
    for command in ("translate", "validate"):
        case("api-%s-name-256" % command, command, job(name, "  name: %s\n" % ("n" * 256)))
        case("api-%s-block-storage-20" % command, command,
             job("blockStorageSize: 50", "blockStorageSize: 20"))
    case("api-block-storage-10241", "translate", job("blockStorageSize: 50", "blockStorageSize: 10241"))
    case("api-ocpus-200", "translate", job("{ocpus: 1, memoryInGBs: 16}", "{ocpus: 200, memoryInGBs: 800}"))
    case("api-memory-2000", "translate", job("{ocpus: 1, memoryInGBs: 16}", "{ocpus: 64, memoryInGBs: 2000}"))
    case("api-memory-per-ocpu", "translate", job("{ocpus: 1, memoryInGBs: 16}", "{ocpus: 1, memoryInGBs: 128}"))
    case("api-no-shape", "translate", job("      shapeName: VM.Standard.E4.Flex\n", "")
         .replace("      shapeConfigDetails: {ocpus: 1, memoryInGBs: 16}\n", ""))
    case("api-placeholder-compartment", "translate",
         job("compartmentId: ocid1.compartment.oc1..c", "compartmentId: <compartment_ocid>"))
    case("api-placeholder-template", "validate",
         job("projectId: ocid1.datascienceproject.oc1..p", "projectId: '{{ project_id }}'"))
    case("api-not-an-ocid", "translate", job("      blockStorageSize: 50\n",
                                            "      blockStorageSize: 50\n      subnetId: my-subnet\n"))
    case("api-wrong-ocid-type", "translate",
         job("projectId: ocid1.datascienceproject.oc1..p", "projectId: ocid1.compartment.oc1..p"))
    case("api-log-placeholders", "translate", job("      blockStorageSize: 50\n",
                                                 "      blockStorageSize: 50\n      logId: <log_ocid>\n"
                                                 "      logGroupId: <log_group_ocid>\n"))


def input_forms():
    """Jobs in the forms the oci CLI and the SDK print, and fields the YAML
    cannot carry (issue 11). The warnings of extract, which also prints the
    YAML, are checked by tests/cli/input_forms_test.sh."""
    job = ('{"data": {"id": "ocid1.datasciencejob.oc1..j", "project-id": "p", '
           '"compartment-id": "c", "display-name": "n", %s}, "etag": "e"}')
    group = ('{"name": "node-group", "replicas": 2, "minimum-success-replicas": 2, '
             '"job-configuration-details": {"job-type": "DEFAULT", "environment-variables": '
             '{"NODE_COUNT": "2", "JOB_RUN_ENTRYPOINT": "driver_pytorch.py"}}}')
    nodes = '"job-node-configuration-details": {"job-node-type": "MULTI_NODE", ' \
            '"job-node-group-configuration-details-list": [%s]}'
    forms = {
        "kebab-config-not-object": job % '"job-configuration-details": 5',
        "snake-config-not-object": '{"job_configuration_details": "x", "project_id": "p"}',
        "no-job-field": '{"data": {"name": "n"}, "etag": "e"}',
        "data-null": '{"data": null}',
        "list-item-not-object": '{"data": [{"project-id": "p"}, 3]}',
        "mounts-not-list": job % '"job-storage-mount-configuration-details-list": {}',
        "multi-node-ads28": job % (nodes % group),
    }
    for name, text in forms.items():
        case("form-" + name, "extract", text, ext="json")
    case("form-multi-node-two-groups", "extract --ads 2.15",
         job % (nodes % (group + ", " + group)), ext="json")
    case("form-multi-node-python", "extract --ads 2.15",
         job % (nodes % group.replace("driver_pytorch.py", "x.py").replace(
             '"NODE_COUNT": "2", ', "")), ext="json")
    case("warn-pytorch-replicas-ads28", "validate", JOB.replace("{extra}", "").replace(
        "type: python", "type: pyTorchDistributed").replace(
        "entrypoint: train.py\n", "entrypoint: train.py\n      replicas: 3\n"))
    case("warn-pytorch-replicas-runtime", "validate",
         runtime("pyTorchDistributed", "  replicas: 4\n  entrypoint: train.py\n"))
    case("oci-multi-node-block-storage", "validate --ads 2.15", JOB.replace("{extra}", "").replace(
        "type: python", "type: pyTorchDistributed").replace(
        "blockStorageSize: 50", "blockStorageSize: 20000").replace(
        "entrypoint: train.py\n", "entrypoint: train.py\n      replicas: 2\n"))
    case("usage-ads-unknown", "translate --ads 3.0", runtime("python", "  entrypoint: a.py\n"))


def files():
    ok = runtime("python", "  entrypoint: a.py\n")
    case("file-missing", "translate", input="cases/file-missing/does-not-exist.yaml")
    case("file-directory", "translate", input="special/dir")
    case("file-directory-case", "extract", input="cases/file-directory-case")
    case("file-unreadable", "translate", input="special/unreadable.yaml", root="skip")
    case("file-symlink-loop", "translate", input="special/loop")
    case("file-dangling-symlink", "translate", input="special/dangling")
    case("file-not-a-directory", "translate", ok, input="cases/file-not-a-directory/input.yaml/x")
    case("validate-missing-and-bad", "validate",
         input="cases/validate-missing-and-bad/nope.yaml")
    case("stdin-empty", "translate", input="-")
    case("stdin-default-empty", "extract", input="none")


def usage():
    ok = runtime("python", "  entrypoint: a.py\n")
    u = {
        "unknown-command": "transmogrify",
        "unknown-option": "translate --frobnicate",
        "region-no-value": "translate --region",
        "bad-output": "translate --output xml",
        "bad-format": "translate --format terraform",
        "format-on-extract": "extract --format api",
        "artifact-on-translate": "translate --artifact a.py",
        "runtime-only-on-translate": "translate --runtime-only",
        "two-files": "translate a.yaml",
        "validate-no-files": "validate",
        "validate-output": "validate --output json",
        "jsonl-extra-argument": "--jsonl extra",
        "jsonl-bad-limit": "--jsonl --max-nodes none",
        "max-depth-zero": "translate --max-depth 0",
        "max-depth-word": "translate --max-depth deep",
        "max-depth-negative": "translate --max-depth -1",
        "max-depth-over-cap": "translate --max-depth 10001",
        "max-depth-plus": "extract --max-depth +5",
        "max-nodes-float": "translate --max-nodes 1e6",
        "max-nodes-huge": "validate --max-nodes 99999999999999999999999",
        "max-input-bytes-empty": "translate --max-input-bytes=",
        "max-input-bytes-suffix": "extract --max-input-bytes 5k",
        "max-scalar-bytes-hex": "translate --max-scalar-bytes 0x10",
        "max-env-vars-zero": "validate --max-env-vars 0",
        "max-env-vars-missing": "translate --max-env-vars",
        "o-no-value": "extract -o",
    }
    for name, command in u.items():
        needs_input = not command.endswith(("--region", "--max-env-vars", "-o", "validate"))
        case("usage-" + name, command, ok if needs_input else None,
             **({} if needs_input else {"input": "none"}))


def write_case(name, command, data, ext, fields):
    d = os.path.join(CASES, name)
    exp = os.path.join(d, "expected")
    old = {}
    old_warnings = []
    if os.path.exists(exp):
        for line in open(exp, encoding="utf-8", errors="replace"):
            k, _, v = line.rstrip("\n").partition(": ")
            old[k] = v
            if k == "warning":
                old_warnings.append(v)
    os.makedirs(d, exist_ok=True)
    if data is not None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        path = os.path.join(d, "input." + ext)
        changed = not os.path.exists(path) or open(path, "rb").read() != raw
        with open(path, "wb") as f:
            f.write(raw)
    else:
        changed = False
    lines = ["command: " + command]
    for k, v in fields.items():
        if k != "keep_if":
            lines.append("%s: %s" % (k, v))
    if not changed and old.get("command") == command and "status" in old:
        lines += ["status: " + old["status"], "stderr: " + old.get("stderr", "")]
        lines += ["warning: " + w for w in old_warnings]
    with open(exp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    wrong_types()
    malformed_yaml()
    invalid_utf8()
    malformed_json()
    missing_pieces()
    job_cases()
    limits()
    warnings()
    unknown_keys()
    structure()
    api_needs()
    input_forms()
    files()
    usage()
    os.makedirs(CASES, exist_ok=True)
    accepted_path = os.path.join(HERE, "accepted.txt")
    accepted = set(open(accepted_path).read().split()) if os.path.exists(accepted_path) else set()
    for name, (command, data, ext, fields) in cases.items():
        if name not in accepted:
            write_case(name, command, data, ext, fields)
    # keep_if=error: a candidate dsjob accepts (recorded status 0) is not bad
    # input; accepted.txt remembers it so it is not made again
    for name, (command, data, ext, fields) in cases.items():
        exp = os.path.join(CASES, name, "expected")
        if fields.get("keep_if") == "error" and os.path.exists(exp) and \
                "status: 0\n" in open(exp).read():
            shutil.rmtree(os.path.join(CASES, name))
            accepted.add(name)
    with open(accepted_path, "w") as f:
        f.write("".join(n + "\n" for n in sorted(accepted)))
    print(len(os.listdir(CASES)), "cases")


if __name__ == "__main__":
    main()

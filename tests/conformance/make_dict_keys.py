#!/usr/bin/env python3
"""Writes dict_keys.jsonl: translate vectors whose freeformTags keys are numbers,
booleans and nulls that a Python dict merges or keeps apart (1, 1.0 and true are
one key; 10000000000000000 and 10000000000000001 are two; a float equals an int
only when exactly its value). The reference copies the tags dict into the payload
and json.dumps turns its keys into strings (cov:tags-weird-keys shows it), so the
expected answer is what PyYAML's safe_load and json.dumps give here. Each case is
written twice: in a small mapping and padded past 16 keys (dsjob's hashed index).

Usage: make_dict_keys.py > tests/conformance/dict_keys.jsonl"""
import json
import sys

import yaml

CASES = [
    ("one-key-three-spellings", ["1: a", "1.0: b", "true: c"]),
    ("bool-first", ["true: a", "1: b", "1.0: c"]),
    ("float-first", ["1.0: a", "1: b"]),
    ("zero-false", ["0: a", "false: b", "0.0: c", "-0.0: d"]),
    ("big-ints-apart", ["10000000000000000: a", "10000000000000001: b"]),
    ("two-pow-53", ["9007199254740992: a", "9007199254740993: b", "9007199254740992.0: c"]),
    ("float-not-int", ["1.5: a", "1: b", "2: c", "2.0: d"]),
    ("null-and-tilde", ["null: a", "~: b", "'null': c"]),
    ("hex-octal-underscore", ["0x10: a", "16: b", "0o20: c", "1_6: d"]),
    ("string-vs-int", ["'1': a", "1: b"]),
]


def vector(name, lines, padded):
    keys = list(lines)
    if padded:
        keys = ["pad%02d: p" % i for i in range(20)] + keys
    text = "type: script\nkind: runtime\nspec:\n  freeformTags:\n"
    text += "".join("    %s\n" % k for k in keys)
    tags = yaml.safe_load(text)["spec"]["freeformTags"]
    expect = {
        "artifact": {"source": None, "type": "ScriptArtifact"},
        "freeformTags": json.loads(json.dumps(tags)),
        "jobConfigurationDetails": {"environmentVariables": {}, "jobType": "DEFAULT"},
    }
    return {
        "artifact": None,
        "category": "derived:dict-keys",
        "expect": expect,
        "id": "dict-keys-%s%s" % (name, "-padded" if padded else ""),
        "input": text,
        "op": "translate",
        "policy": "exact",
        "region": None,
        "rtype": "script",
    }


def main():
    for name, lines in CASES:
        for padded in (False, True):
            sys.stdout.write(json.dumps(vector(name, lines, padded), sort_keys=True) + "\n")


if __name__ == "__main__":
    main()

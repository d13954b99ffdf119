#!/usr/bin/env python3
"""Rules the public vectors do not show, one folder per rule: input.yaml and
expected.json {"rule": the rule in words, "command": dsjob arguments,
"expect": {JSON pointer: value} (null = the key is absent) | "error": true}.
usage: run.py DSJOB"""
import json
import os
import subprocess
import sys

MISSING = object()


def at(doc, pointer):
    for part in pointer.split("/")[1:]:
        if isinstance(doc, list):
            part = int(part)
            doc = doc[part] if part < len(doc) else MISSING
        elif isinstance(doc, dict):
            doc = doc.get(part, MISSING)
        else:
            return MISSING
        if doc is MISSING:
            return MISSING
    return doc


def main(dsjob):
    here = os.path.dirname(os.path.abspath(__file__))
    failed = 0
    for name in sorted(os.listdir(here)):
        exp_path = os.path.join(here, name, "expected.json")
        if not os.path.exists(exp_path):
            continue
        exp = json.load(open(exp_path))
        run = subprocess.run([dsjob] + exp["command"] + [os.path.join(here, name, "input.yaml")],
                             capture_output=True, text=True, cwd="/")
        problems = []
        if exp.get("error"):
            if run.returncode != 1:
                problems.append("wanted an error, got exit %d" % run.returncode)
        elif run.returncode:
            problems.append("exit %d: %s" % (run.returncode, run.stderr.strip()))
        else:
            out = json.loads(run.stdout)
            for pointer, want in exp["expect"].items():
                got = at(out, pointer)
                if (want is None and got is not MISSING) or (want is not None and got != want):
                    problems.append("%s: wanted %s, got %s" % (
                        pointer, "absent" if want is None else json.dumps(want),
                        "absent" if got is MISSING else json.dumps(got)))
        print(("ok   " if not problems else "FAIL ") + name)
        for p in problems:
            print("     " + p)
        if problems:
            print("     rule: " + exp["rule"])
        failed += bool(problems)
    print("%d failed" % failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1])))

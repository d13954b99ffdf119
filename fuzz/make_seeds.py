#!/usr/bin/env python3
"""Writes the seed corpora of the batch and validate fuzz targets from the
conformance vectors (tests/conformance/*.jsonl), each input in a file named by
its SHA-1, plus a few hand-made requests. Rebuild: fuzz/make_seeds.py (it
replaces fuzz/corpus/batch/seed-* and fuzz/corpus/validate/seed-*; inputs a
fuzzer found, regression-*, are kept)."""
import hashlib
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = [ROOT / "tests/conformance/vectors.jsonl", ROOT / "tests/conformance/jobs.jsonl"]
HANDMADE = [
    b"",
    b"{}",
    b"[]",
    b'{"op": "translate"}',
    b'{"op": "rocket", "input": "x"}',
    b'{"op": "extract", "input": "{}", "artifact": 5}',
    b'{"op": "translate", "input": "kind: runtime\\ntype: python\\n", "region": "a\\u0000b"}',
    b'{"op": "job-translate", "input": "kind: job\\n"}\n{"op": "job-extract", "input": "{"}',
    b'{"op": "translate", "input": "\\ud800"}',
]


def write(folder, data):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ("seed-" + hashlib.sha1(data).hexdigest()[:16])).write_bytes(data)


def main():
    vectors = [json.loads(line) for path in VECTORS for line in path.open() if line.strip()]
    requests = [json.dumps({k: v[k] for k in ("op", "input", "region", "artifact") if k in v})
                for v in vectors]
    batch = ROOT / "fuzz/corpus/batch"
    validate = ROOT / "fuzz/corpus/validate"
    for folder in (batch, validate):
        for old in folder.glob("seed-*") if folder.exists() else []:
            old.unlink()
    # every other vector, paired with the next one: the session answers both
    for i in range(0, len(requests) - 1, 2):
        write(batch, (requests[i] + "\n" + requests[i + 1]).encode())
    for data in HANDMADE:
        write(batch, data)
    seen = set()
    for v in vectors:
        if v["op"] in ("translate", "job-translate") and v["input"] not in seen:
            seen.add(v["input"])
            write(validate, v["input"].encode())
    print(f"{len(list(batch.iterdir()))} batch and {len(list(validate.iterdir()))} validate seeds")


if __name__ == "__main__":
    main()

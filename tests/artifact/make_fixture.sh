#!/usr/bin/env bash
# Makes the source tree the artifact cases refer to, in folder $1: files, a
# folder, zips with and without a root folder, tar archives, notebooks.
set -euo pipefail
fix=$1
mkdir -p "$fix"/uni "$fix"/src/pkg "$fix"/nbdir "$fix"/stage/proj/lib "$fix"/stage/flat/lib
cd "$fix"
printf 'import sys\nprint("train", sys.argv[1:])\n' > src/train.py
printf 'VALUE = 1\n' > src/pkg/util.py
printf 'hidden\n' > src/.hidden
printf 'print("café")\n' > uni/café.py
printf 'print("my job")\n' > my.job.py
printf '#!/bin/bash\necho "run.sh $*"\n' > run.sh
printf '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n' > nb.ipynb
cp nb.ipynb nbdir/nb.ipynb
printf 'data\n' > nbdir/data.txt
printf 'print("main")\n' > stage/proj/main.py
printf 'A = 1\n' > stage/proj/lib/a.py
printf 'print("main")\n' > stage/flat/main.py
printf 'A = 1\n' > stage/flat/lib/a.py
python3 - <<'PY'
import os, tarfile, zipfile
def zip_tree(name, root, arc_prefix):
    with zipfile.ZipFile(name, "w") as z:
        for d, dirs, files in sorted(os.walk(root)):
            dirs.sort()
            rel = os.path.relpath(d, root)
            base = arc_prefix if rel == "." else os.path.join(arc_prefix, rel)
            if base:
                z.write(d, base + "/")
            for f in sorted(files):
                z.write(os.path.join(d, f), os.path.join(base, f))
zip_tree("code_root.zip", "stage/proj", "proj")
zip_tree("code_flat.zip", "stage/flat", "")
zip_tree("uni.zip", "uni", "uni")
for name, mode in (("code.tar.gz", "w:gz"), ("code.tgz", "w:gz"), ("code.tar", "w")):
    with tarfile.open(name, mode) as t:
        t.add("stage/proj", arcname="proj")
with tarfile.open("dotted.tar.gz", "w:gz") as t:  # what `tar czf x.tar.gz .` writes
    t.add("stage/proj", arcname="./proj")
zipfile.ZipFile("empty.zip", "w").close()
PY

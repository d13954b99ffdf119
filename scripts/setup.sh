#!/usr/bin/env bash
# Installs what is missing, builds dsjob into build/, and translates an example.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
echo "--- build/dsjob translate examples/python_runtime.yaml"
build/dsjob translate examples/python_runtime.yaml

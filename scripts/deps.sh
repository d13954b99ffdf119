#!/usr/bin/env bash
# Installs the Debian packages dsjob needs to build and test, when missing.
# Sourced by setup.sh and test.sh; uses sudo only when not root.
set -euo pipefail
# The -dev packages also bring the archives the CLI is linked from (libc.a, libyaml.a, libarchive.a
# and those of its dependencies; DSJ_STATIC_CLI in CMakeLists.txt); hyperfine, time and
# libjansson-dev (jansson, the extract floor) are for scripts/bench.sh; python3-yaml and
# python3-jsonschema check `dsjob schema`, man-db renders the man page in the tests.
dsj_packages=(gcc binutils make cmake pkg-config libyaml-dev libcmocka-dev valgrind python3
  hyperfine time libjansson-dev
  libarchive-dev libacl1-dev libzstd-dev liblz4-dev libbz2-dev liblzma-dev zlib1g-dev libxml2-dev
  nettle-dev unzip git bash python3-nbclient python3-nbformat python3-ipykernel
  libcurl4-openssl-dev libssl-dev openssl python3-cryptography python3-yaml
  python3-jsonschema man-db)
dsj_missing=()
for p in "${dsj_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || dsj_missing+=("$p")
done
if [ ${#dsj_missing[@]} -gt 0 ]; then
  dsj_sudo=""
  [ "$(id -u)" -eq 0 ] || dsj_sudo="sudo"
  echo "installing: ${dsj_missing[*]}"
  $dsj_sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $dsj_sudo apt-get install -y -qq "${dsj_missing[@]}" >/dev/null
fi
# The optional signature cross-check in tests/oci signs with the OCI TypeScript SDK
# (npm oci-common, pinned); without node/npm, or when the registry cannot be reached,
# that one check is skipped.
if command -v npm >/dev/null && [ ! -f tests/oci/node_modules/oci-common/package.json ]; then
  (cd tests/oci && npm install --no-audit --no-fund --no-package-lock --no-save --silent oci-common@2.142.1 \
    >/dev/null 2>&1) || echo "npm oci-common not installed: the SDK cross-check will be skipped"
fi

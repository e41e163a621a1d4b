#!/usr/bin/env bash
# Installs the Debian packages backcourt builds with, only when one is missing.
# Usage: scripts/install-deps.sh [--fuzz]
set -euo pipefail
packages=(g++ cmake make pkg-config libsqlite3-dev libfmt-dev libexpected-dev nlohmann-json3-dev
          libcli11-dev libtomlplusplus-dev libgtest-dev libgmock-dev libbenchmark-dev
          libxgboost-dev zlib1g-dev libssl-dev sqlite3 time libpoppler-cpp-dev
          libcurl4-openssl-dev libcpp-httplib-dev libpq-dev postgresql-15)
# `make fuzz` only (scripts/install-deps.sh --fuzz): clang and its libFuzzer runtime.
if [ "${1:-}" = "--fuzz" ]; then packages+=(clang libclang-rt-14-dev); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing missing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

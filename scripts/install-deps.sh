#!/usr/bin/env bash
# Installs the system libraries Riposte links (Debian/Ubuntu), only those that are missing.
set -euo pipefail
need=()
for pkg in libicu-dev libutf8proc-dev zlib1g-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
  echo "installing: ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "swift is not on PATH: install the Swift toolchain (swift.org) first" >&2; exit 1; }
# The schema test (Tests/RiposteCLITests/BatchSchemaTests.swift) validates real output with Python's
# jsonschema (Draft 2020-12): install it for the python3 on PATH if it is missing.
if ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
  echo "installing: python3 jsonschema" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  command -v python3 >/dev/null || { $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3 >/dev/null; }
  python3 -m pip install --quiet jsonschema >/dev/null 2>&1 \
    || { DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-jsonschema >/dev/null 2>&1 && python3 -c 'import jsonschema' >/dev/null 2>&1; } \
    || python3 -m pip install --quiet --user --break-system-packages jsonschema >/dev/null 2>&1 \
    || { echo "could not install Python jsonschema (pip install jsonschema)" >&2; exit 1; }
fi

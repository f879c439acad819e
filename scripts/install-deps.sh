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

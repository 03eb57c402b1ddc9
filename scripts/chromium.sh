#!/usr/bin/env bash
# Chromium from Debian's package, for the browser tests and the page benchmark, which drive it through
# playwright-core (no browser of Playwright's own is downloaded), with a Korean font (Nanum) so that
# the screenshots show Hangul rather than empty boxes. Nothing runs as a service: each test launches
# the browser headless with a profile of its own and closes it.
#
#   bash scripts/chromium.sh ensure   install the packages unless chromium and a Korean font are there; prints the binary's path
set -euo pipefail
cd "$(dirname "$0")/.."

binary() {
  command -v chromium || command -v chromium-browser || true
}

korean_font() {
  command -v fc-list >/dev/null && [ -n "$(fc-list :lang=ko family)" ]
}

ensure() {
  if [ -n "$(binary)" ] && korean_font; then binary; return 0; fi
  echo "[chromium] installing Debian's chromium and fonts-nanum packages ..." >&2
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  local install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-nanum)
  $sudo "${install[@]}" >/dev/null 2>&1 || { $sudo apt-get update >/dev/null && $sudo "${install[@]}" >/dev/null; }
  binary
}

case "${1:-}" in
  ensure) ensure ;;
  *) echo "usage: $0 ensure" >&2; exit 2 ;;
esac

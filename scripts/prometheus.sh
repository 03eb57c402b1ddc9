#!/usr/bin/env bash
# Prometheus and promtool from Debian's package, for the alert rules' tests and for trying the rules
# against a running service. Nothing runs as a system service: the package's own unit is left
# stopped; tests start `prometheus` themselves, on ports and data folders of their own, and stop it
# by pid.
#
#   bash scripts/prometheus.sh ensure   install the package unless promtool is already there
#   bash scripts/prometheus.sh check    promtool check rules + promtool test rules (prometheus/)
set -euo pipefail
cd "$(dirname "$0")/.."

ensure() {
  if command -v promtool >/dev/null && command -v prometheus >/dev/null; then return 0; fi
  echo "[prometheus] installing Debian's prometheus package (prometheus, promtool) ..."
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  # Debian's maintainer scripts would start the daemon; policy-rc.d 101 tells them not to.
  local policy=/usr/sbin/policy-rc.d created=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy" && created=1
  fi
  local install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus)
  $sudo "${install[@]}" >/dev/null || { $sudo apt-get update >/dev/null && $sudo "${install[@]}" >/dev/null; }
  if [ -n "$created" ]; then $sudo rm -f "$policy"; fi
  promtool --version | head -1
}

check() {
  ensure
  (cd prometheus && promtool check rules alerts.yml && promtool test rules alerts.test.yml)
}

case "${1:-}" in
  ensure) ensure ;;
  check) check ;;
  *) echo "usage: $0 ensure|check" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# The customs API stand-in in the background, for trying an import in development.
#   bash scripts/customs-stand-in.sh start|stop|status
#   bash scripts/customs-stand-in.sh dev-url   # what `make run` calls: prints the URL the app should
#                                             # use, starting the stand-in if needed, or nothing
# Settings: CUSTOMS_STAND_IN_PORT (default 3100), CUSTOMS_API_URL, NODE_ENV.
# Never started in production, nor when CUSTOMS_API_URL points elsewhere. Stopped by its own pid only.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${CUSTOMS_STAND_IN_PORT:-3100}"
URL="http://127.0.0.1:$PORT"
DATA_DIR=".data"
PID_FILE="$DATA_DIR/customs-stand-in.pid"
LOG_FILE="$DATA_DIR/customs-stand-in.log"
ENTRY="test/support/customs-stand-in/main.ts"

say() { printf 'customs stand-in: %s\n' "$*" >&2; }
fail() { printf '\033[31mcustoms stand-in: %s\033[0m\n' "$*" >&2; exit 1; }

# Pid of the stand-in this script started, if that process is still alive and still the stand-in.
our_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$ENTRY" || return 1
  echo "$pid"
}

# Something on the port answers the stand-in's control API.
answering() { curl -fsS --max-time 2 "$URL/control/state" >/dev/null 2>&1; }

start() {
  local pid
  if pid="$(our_pid)" && answering; then say "running: pid $pid, $URL"; return; fi
  if answering; then say "using the stand-in already serving $URL (not started here; set CUSTOMS_STAND_IN_PORT for one of your own)"; return; fi
  mkdir -p "$DATA_DIR"
  CUSTOMS_STAND_IN_PORT="$PORT" nohup setsid node -r ts-node/register/transpile-only "$ENTRY" >"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"
  for _ in $(seq 1 100); do
    if answering; then say "started: pid $pid, $URL (log $LOG_FILE; stop it with make customs-stand-in-stop)"; return; fi
    kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; fail "exited during start-up (port $PORT taken?): see $LOG_FILE"; }
    sleep 0.2
  done
  fail "pid $pid did not answer on $URL within 20 s: see $LOG_FILE"
}

stop() {
  local pid
  if ! pid="$(our_pid)"; then rm -f "$PID_FILE"; say "not running (no live pid in $PID_FILE)"; return; fi
  kill -TERM "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && fail "pid $pid did not stop within 5 s"
  rm -f "$PID_FILE"
  say "stopped pid $pid"
}

status() {
  local pid
  if pid="$(our_pid)"; then say "running: pid $pid, $URL"; else say "not running"; return 1; fi
}

# The stand-in serves development only, and only when the app is not pointed at a real service.
dev_url() {
  if [[ "${NODE_ENV:-development}" == production ]]; then return; fi
  if [[ -n "${CUSTOMS_API_URL:-}" && "${CUSTOMS_API_URL%/}" != "$URL" ]]; then
    say "not started: CUSTOMS_API_URL points at ${CUSTOMS_API_URL%%\?*}"
    return
  fi
  start
  echo "$URL"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  dev-url) dev_url ;;
  *) fail "usage: $0 start|stop|status|dev-url" ;;
esac

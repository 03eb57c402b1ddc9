#!/usr/bin/env bash
# A real Zipkin for development and tests: the zipkin-server executable jar from Maven Central,
# in-memory storage, started in the background and stopped by the pid it was started with.
# Why and how traces reach it: docs/adr/0011-tracing.md.
#
# Usage: scripts/zipkin.sh fetch|start|stop|status
#
# Environment:
#   ZIPKIN_PORT           HTTP port (UI, API, span collector, /health)      (default 9411)
#   ZIPKIN_DATA_DIR       pid file and log                                   (default <repo>/.data/zipkin)
#   ZIPKIN_HEAP           JVM heap, -Xms = -Xmx                              (default 256m)
#   ZIPKIN_START_TIMEOUT  seconds to wait for /health to answer UP           (default 120)
#   ZIPKIN_VERSION        io.zipkin:zipkin-server version (exec classifier)  (default 3.6.1)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

ZIPKIN_VERSION="${ZIPKIN_VERSION:-3.6.1}"
ZIPKIN_PORT="${ZIPKIN_PORT:-9411}"
ZIPKIN_HEAP="${ZIPKIN_HEAP:-256m}"
ZIPKIN_START_TIMEOUT="${ZIPKIN_START_TIMEOUT:-120}"
ZIPKIN_DATA_DIR="$(realpath -m "${ZIPKIN_DATA_DIR:-$REPO_ROOT/.data/zipkin}")" # absolute: matched in the pid check
JAR_DIR="$REPO_ROOT/.data/zipkin-server"
JAR="$JAR_DIR/zipkin-server-$ZIPKIN_VERSION-exec.jar"
PID_FILE="$ZIPKIN_DATA_DIR/zipkin.pid"
LOG_FILE="$ZIPKIN_DATA_DIR/zipkin.log"
URL="http://127.0.0.1:$ZIPKIN_PORT"
# On the command line only to recognise our own process by its pid (see our_pid).
MARKER="-Dexportstats.zipkin.dir=$ZIPKIN_DATA_DIR"

say() { echo "[zipkin] $*" >&2; }
fail() { echo "[zipkin] ERROR: $*" >&2; exit 1; }

need_cmd() { command -v "$1" >/dev/null 2>&1 || fail "'$1' is required but not installed. $2"; }

cmd_fetch() {
  [[ -s "$JAR" ]] && return 0
  need_cmd mvn "Install Maven 3.8+ and JDK 17 (Debian: apt-get install maven openjdk-17-jdk-headless)."
  say "downloading io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec from Maven Central ..."
  mkdir -p "$JAR_DIR"
  mvn -q -B -Dstyle.color=never dependency:copy \
    -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" -DoutputDirectory="$JAR_DIR" -Dmdep.useBaseVersion=true ||
    fail "mvn dependency:copy of io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec failed (network? version on Maven Central?)"
  [[ -s "$JAR" ]] || fail "the download did not leave $JAR"
}

# Pid of the server started with this ZIPKIN_DATA_DIR, if that process is still alive (the pid file may be stale).
our_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$MARKER " || return 1
  echo "$pid"
}

healthy() { curl -fsS -m 3 "$URL/health" 2>/dev/null | grep -q '"status" *: *"UP"'; }

cmd_start() {
  local pid
  if pid="$(our_pid)" && healthy; then say "running: pid $pid, $URL"; echo "$pid"; return 0; fi
  if healthy; then say "using the Zipkin already serving $URL (not started here; set ZIPKIN_PORT for one of your own)"; return 0; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$ZIPKIN_PORT") 2>/dev/null; then fail "port $ZIPKIN_PORT is taken by something that is not Zipkin: set ZIPKIN_PORT"; fi
  need_cmd java "Install JDK 17 (Debian: apt-get install openjdk-17-jdk-headless)."
  need_cmd curl "Install curl."
  cmd_fetch
  mkdir -p "$ZIPKIN_DATA_DIR"
  # setsid: own session, so the server outlives the shell of whoever ran 'start'.
  QUERY_PORT="$ZIPKIN_PORT" STORAGE_TYPE=mem SELF_TRACING_ENABLED=false \
    setsid nohup java "-Xms$ZIPKIN_HEAP" "-Xmx$ZIPKIN_HEAP" "$MARKER" -jar "$JAR" "--armeria.ports[0].ip=127.0.0.1" "--armeria.ports[0].port=$ZIPKIN_PORT" "--armeria.ports[0].protocols[0]=http" >"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"
  local deadline=$((SECONDS + ZIPKIN_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if healthy; then say "started: pid $pid, $URL (UI $URL/zipkin/, log $LOG_FILE)"; echo "$pid"; return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      tail -n 30 "$LOG_FILE" >&2 || true
      fail "exited during start-up: see $LOG_FILE"
    fi
    sleep 0.5
  done
  tail -n 30 "$LOG_FILE" >&2 || true
  fail "pid $pid did not answer UP on $URL/health within ${ZIPKIN_START_TIMEOUT}s (still running; 'stop' ends it)"
}

cmd_stop() {
  local pid
  if ! pid="$(our_pid)"; then rm -f "$PID_FILE"; say "not running (no live pid in $PID_FILE)"; return 0; fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then say "pid $pid ignored SIGTERM for 10 s: SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$PID_FILE"
  say "stopped pid $pid"
}

cmd_status() {
  local pid
  if pid="$(our_pid)"; then
    if healthy; then say "running: pid $pid, $URL"; else say "pid $pid alive but $URL/health is not UP (starting?)"; return 1; fi
  elif healthy; then say "a Zipkin not started here answers on $URL"
  else say "not running on $URL"; return 1
  fi
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac

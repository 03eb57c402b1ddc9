#!/usr/bin/env bash
# Dev/test/CI Elasticsearch: a single 7.17 node run from Maven Central jars (elasticsearch/ module).
# Why and what is missing: docs/adr/0001-elasticsearch-from-maven-jars.md
#
# Usage: scripts/elasticsearch.sh build|start|stop|status|wait
#
# Environment:
#   ES_URL            if set, an external cluster is used: start/stop do nothing, status/wait query ES_URL
#   ES_PORT           HTTP port on 127.0.0.1                (default 9200)
#   ES_HEAP           JVM heap, -Xms = -Xmx                 (default 1g)
#   ES_DATA_DIR       data, logs, pid file                  (default <repo>/.data/elasticsearch)
#   ES_START_TIMEOUT  seconds to wait for yellow/green      (default 120)
#   ES_JAVA_OPTS      extra JVM options (word-split)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
ES_MODULE="$REPO_ROOT/elasticsearch"

ES_PORT="${ES_PORT:-9200}"
ES_HEAP="${ES_HEAP:-1g}"
ES_DATA_DIR="$(realpath -m "${ES_DATA_DIR:-$REPO_ROOT/.data/elasticsearch}")" # absolute: it is matched in the pid check
ES_START_TIMEOUT="${ES_START_TIMEOUT:-120}"

MAIN_CLASS="kr.exportstats.elasticsearch.EsLauncher"
BUILD_STAMP="$ES_MODULE/target/.build-stamp"
PID_FILE="$ES_DATA_DIR/es.pid"
LOG_DIR="$ES_DATA_DIR/logs"
LAUNCHER_OUT="$LOG_DIR/launcher.out"
ES_LOG="$LOG_DIR/exportstats-dev.log" # <cluster.name>.log, see EsLauncher
LOCAL_URL="http://127.0.0.1:$ES_PORT"
BASE_URL="${ES_URL:-$LOCAL_URL}"
BASE_URL="${BASE_URL%/}"

say() { echo "[elasticsearch] $*"; }
err() { echo "[elasticsearch] ERROR: $*" >&2; }

need_cmd() {
  command -v "$1" >/dev/null 2>&1 || { err "'$1' is required but not installed. $2"; exit 1; }
}

ES_LOG_OFFSET=0 # bytes of ES_LOG written before this start: older lines are not about this start

# Prints the last lines of the node's logs to stderr, for error reports.
show_logs() {
  local shown=""
  if [[ -s "$ES_LOG" ]] && (($(stat -c %s "$ES_LOG") > ES_LOG_OFFSET)); then
    echo "----- last 40 lines of $ES_LOG -----" >&2
    tail -c +$((ES_LOG_OFFSET + 1)) "$ES_LOG" | tail -n 40 >&2
    shown=1
  fi
  if [[ -s "$LAUNCHER_OUT" ]]; then
    echo "----- last 40 lines of $LAUNCHER_OUT (stdout/stderr) -----" >&2
    tail -n 40 "$LAUNCHER_OUT" >&2
    shown=1
  fi
  if [[ -n "$shown" ]]; then echo "-----" >&2; else echo "[elasticsearch] (no log output yet in $LOG_DIR)" >&2; fi
}

print_error() {
  err "Elasticsearch $1"
  echo "[elasticsearch] Hint: $2" >&2
}

# fail REASON HINT: clear error + the node's recent logs, exit 1.
fail() { print_error "$1" "$2"; show_logs; exit 1; }

# fail_nolog REASON HINT: clear error, exit 1 (when our node's logs say nothing about the cause).
fail_nolog() { print_error "$1" "$2"; exit 1; }

# ---------------------------------------------------------------------------------------------- build

needs_build() {
  [[ -d "$ES_MODULE/target/lib" && -d "$ES_MODULE/target/classes" && -f "$BUILD_STAMP" ]] || return 0
  [[ -n "$(find "$ES_MODULE/pom.xml" "$ES_MODULE/src" -newer "$BUILD_STAMP" -print -quit)" ]]
}

cmd_build() {
  if ! needs_build; then
    say "launcher is up to date ($ES_MODULE/target)"
    return 0
  fi
  need_cmd mvn "Install Maven 3.8+ and JDK 17 (Debian: apt-get install maven openjdk-17-jdk-headless)."
  say "building the launcher (mvn package, downloads Elasticsearch jars from Maven Central on first run) ..."
  # A fresh lib/ so jars of an older version in the pom never linger on the classpath.
  rm -rf "$ES_MODULE/target/lib" "$BUILD_STAMP"
  if ! mvn -q -B -Dstyle.color=never -f "$ES_MODULE/pom.xml" package -DskipTests; then
    err "building the Elasticsearch launcher failed (mvn -f $ES_MODULE/pom.xml package)."
    exit 1
  fi
  touch "$BUILD_STAMP"
  say "launcher built"
}

# ---------------------------------------------------------------------------------------- helpers

# Pid of the node started from ES_DATA_DIR, if that process is still alive (the pid file may be stale).
our_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid cmdline
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *"$MAIN_CLASS"*"--data-dir $ES_DATA_DIR "* ]] || return 1
  echo "$pid"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$ES_PORT") 2>/dev/null; }

# Pid of the Elasticsearch process answering on LOCAL_URL (empty if none / not Elasticsearch).
http_node_pid() {
  curl -s -m 3 "$LOCAL_URL/_nodes/_local/process?filter_path=nodes.*.process.id" 2>/dev/null |
    grep -o '"id":[0-9]*' | head -n1 | tr -dc '0-9' || true
}

http_node_home() {
  curl -s -m 3 "$LOCAL_URL/_nodes/_local/settings?filter_path=nodes.*.settings.path.home" 2>/dev/null |
    grep -o '"home":"[^"]*"' | head -n1 | sed 's/^"home":"//; s/"$//' || true
}

# One health probe: succeeds when the cluster is yellow or green.
healthy_once() {
  local body
  body="$(curl -s -m 5 "$BASE_URL/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null)" || return 1
  [[ "$body" == *'"timed_out":false'* && "$body" =~ \"status\":\"(green|yellow)\" ]]
}

# wait_healthy [PID]: wait up to ES_START_TIMEOUT s; with PID, give up early if that process dies.
wait_healthy() {
  local pid="${1:-}" deadline=$((SECONDS + ES_START_TIMEOUT))
  while true; do
    if healthy_once; then return 0; fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      fail "process (pid $pid) exited during startup." \
        "see the log lines below; common causes: port $ES_PORT or the transport ports 9300-9399 taken, data dir $ES_DATA_DIR locked by another node, not enough memory for ES_HEAP=$ES_HEAP."
    fi
    if ((SECONDS >= deadline)); then
      if [[ -n "$pid" ]]; then
        fail "did not reach health yellow/green at $BASE_URL within ${ES_START_TIMEOUT}s (pid $pid is still running)." \
          "raise ES_START_TIMEOUT (a start on 2 cores takes ~5-10 s, more under load), or run '$0 stop' and start again."
      fi
      [[ -n "${ES_URL:-}" ]] && fail_nolog "at $BASE_URL (ES_URL) did not reach health yellow/green within ${ES_START_TIMEOUT}s." \
        "check that ES_URL points at a running cluster, or unset ES_URL to use the local node."
      fail "at $BASE_URL did not reach health yellow/green within ${ES_START_TIMEOUT}s." \
        "start it with '$0 start', or check ES_PORT / ES_DATA_DIR."
    fi
    sleep 0.5
  done
}

# ---------------------------------------------------------------------------------------- commands

cmd_start() {
  if [[ -n "${ES_URL:-}" ]]; then
    say "ES_URL is set: using the external Elasticsearch at $ES_URL, not starting a local node"
    return 0
  fi
  need_cmd curl "Debian: apt-get install curl"
  mkdir -p "$LOG_DIR"

  # Serialise concurrent 'start's for the same data dir (e.g. parallel test jobs).
  exec 9>"$ES_DATA_DIR/.start.lock"
  flock -w "$ES_START_TIMEOUT" 9 || fail "start lock $ES_DATA_DIR/.start.lock is held by another start." "wait for it, or remove the lock file if no other start is running."

  local pid
  if pid="$(our_pid)"; then
    if healthy_once && [[ "$(http_node_pid)" == "$pid" ]]; then
      say "already running: pid $pid, $LOCAL_URL, data $ES_DATA_DIR"
      return 0
    fi
    say "node pid $pid (data $ES_DATA_DIR) is running but not healthy on $LOCAL_URL yet; waiting up to ${ES_START_TIMEOUT}s"
    wait_healthy "$pid"
    say "running: pid $pid, $LOCAL_URL"
    return 0
  fi
  rm -f "$PID_FILE"

  if port_in_use; then
    local other_pid other_home
    other_pid="$(http_node_pid)"
    if [[ -n "$other_pid" ]] && healthy_once; then
      # Another checkout's node (a second clone, a CI run beside a development tree): everything
      # this project creates is prefixed per run, so sharing the node is safe and saves a JVM.
      other_home="$(http_node_home)"
      say "using the Elasticsearch node already serving $LOCAL_URL (pid $other_pid, path.home ${other_home:-unknown}); set ES_PORT to start a separate one"
      return 0
    fi
    if [[ -n "$other_pid" ]]; then
      other_home="$(http_node_home)"
      fail_nolog "cannot start: port $ES_PORT on 127.0.0.1 is used by another Elasticsearch node (pid $other_pid, path.home ${other_home:-unknown}) that is not healthy." \
        "stop that node (ES_DATA_DIR=${other_home:-<its data dir>} $0 stop), or start on another port (ES_PORT=9201 $0 start)."
    fi
    local owner=""
    command -v ss >/dev/null 2>&1 && owner="$(ss -ltnpH "sport = :$ES_PORT" 2>/dev/null | grep -o 'users:(([^)]*))' | head -n1 || true)"
    fail_nolog "cannot start: port $ES_PORT on 127.0.0.1 is already in use by a process that is not Elasticsearch ${owner:+($owner)}." \
      "free the port, or start on another one: ES_PORT=9201 $0 start"
  fi

  cmd_build
  need_cmd java "Install JDK 17 (Debian: apt-get install openjdk-17-jdk-headless)."
  mkdir -p "$ES_DATA_DIR/tmp"

  local started_ns
  started_ns="$(date +%s%N)"
  ES_LOG_OFFSET="$(stat -c %s "$ES_LOG" 2>/dev/null || echo 0)"
  say "starting Elasticsearch 7.17 on $LOCAL_URL (heap $ES_HEAP, data $ES_DATA_DIR, log $ES_LOG)"
  # shellcheck disable=SC2086 # ES_JAVA_OPTS is a list of options
  (
    cd "$ES_DATA_DIR"
    # setsid: own session, so the node outlives the shell / process group of whoever ran 'start'.
    # 9>&-: do not hand the start lock to the node.
    exec setsid nohup java \
      -Xms"$ES_HEAP" -Xmx"$ES_HEAP" -XX:+UseG1GC -Xss1m \
      -XX:-OmitStackTraceInFastThrow -XX:ErrorFile="$LOG_DIR/hs_err_pid%p.log" \
      -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Djna.nosys=true \
      -Djava.io.tmpdir="$ES_DATA_DIR/tmp" \
      -Djava.locale.providers=SPI,COMPAT \
      -Des.networkaddress.cache.ttl=60 -Des.networkaddress.cache.negative.ttl=10 \
      ${ES_JAVA_OPTS:-} \
      -cp "$ES_MODULE/target/classes:$ES_MODULE/target/lib/*" \
      "$MAIN_CLASS" --data-dir "$ES_DATA_DIR" --http-port "$ES_PORT" \
      </dev/null >"$LAUNCHER_OUT" 2>&1 9>&-
  ) &
  pid=$!
  # setsid forks only if its caller leads a process group (not the case for a background job of a
  # script); should it have forked anyway, find the java process by its unique --data-dir argument.
  sleep 0.5
  if ! kill -0 "$pid" 2>/dev/null; then
    pid="$(pgrep -n -f -- "$MAIN_CLASS --data-dir $ES_DATA_DIR " || echo "$pid")"
  fi
  echo "$pid" >"$PID_FILE"

  wait_healthy "$pid"
  local ms=$((($(date +%s%N) - started_ns) / 1000000))
  say "started: pid $pid, $LOCAL_URL, healthy after $((ms / 1000)).$(printf '%03d' $((ms % 1000)))s"
}

cmd_stop() {
  if [[ -n "${ES_URL:-}" ]]; then
    say "ES_URL is set: the external Elasticsearch at $ES_URL is not managed here; nothing to stop"
    return 0
  fi
  local pid
  if ! pid="$(our_pid)"; then
    rm -f "$PID_FILE"
    say "not running (data $ES_DATA_DIR)"
    return 0
  fi
  say "stopping pid $pid ..."
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "pid $pid did not stop within 30s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$PID_FILE"
  say "stopped"
}

cmd_status() {
  need_cmd curl "Debian: apt-get install curl"
  local body
  if body="$(curl -s -f -m 5 "$BASE_URL/_cluster/health?pretty" 2>/dev/null)"; then
    echo "$body"
    return 0
  fi
  local pid
  if [[ -z "${ES_URL:-}" ]] && pid="$(our_pid)"; then
    say "not running: pid $pid is alive but $BASE_URL does not answer (starting, or started with another ES_PORT)"
  else
    say "not running ($BASE_URL does not answer)"
  fi
  return 1
}

cmd_wait() {
  need_cmd curl "Debian: apt-get install curl"
  local pid=""
  [[ -z "${ES_URL:-}" ]] && pid="$(our_pid || true)"
  wait_healthy "$pid"
  say "healthy: $BASE_URL"
}

case "${1:-}" in
  build) cmd_build ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  wait) cmd_wait ;;
  *)
    echo "usage: $0 build|start|stop|status|wait" >&2
    exit 2
    ;;
esac

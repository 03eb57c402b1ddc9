#!/usr/bin/env bash
# A private RabbitMQ node beside the shared one, for tests that must stop and start a broker of
# their own (the fault suite): its own node name, ports, data, logs, Erlang cookie and plugins
# (the consistent-hash exchange only), started in the background and stopped by its pid.
#
# Usage: scripts/rabbitmq-node.sh start|stop|status
#
# Environment:
#   RABBITMQ_NODE_PORT   AMQP port on 127.0.0.1 (required; never the shared node's 5672)
#   RABBITMQ_DIST_PORT   Erlang distribution port          (default RABBITMQ_NODE_PORT + 20000)
#   RABBITMQ_DATA_DIR    data, logs, cookie, pid file      (default <repo>/.data/rabbitmq-<port>)
#   RABBITMQ_START_TIMEOUT seconds to wait for the node     (default 120)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
RABBIT_BIN="${RABBITMQ_BIN_DIR:-/usr/lib/rabbitmq/bin}"

say() { echo "[rabbitmq-node] $*"; }
fail() {
  echo "[rabbitmq-node] ERROR: $1" >&2
  [[ -n "${2:-}" ]] && echo "[rabbitmq-node] Hint: $2" >&2
  exit 1
}

[[ -n "${RABBITMQ_NODE_PORT:-}" ]] || fail "RABBITMQ_NODE_PORT is not set." "choose a free port, e.g. RABBITMQ_NODE_PORT=5690 $0 start"
[[ "$RABBITMQ_NODE_PORT" != 5672 ]] || fail "port 5672 is the shared broker's." "choose another port"
PORT="$RABBITMQ_NODE_PORT"
DIST_PORT="${RABBITMQ_DIST_PORT:-$((PORT + 20000))}"
DATA_DIR="$(realpath -m "${RABBITMQ_DATA_DIR:-$REPO_ROOT/.data/rabbitmq-$PORT}")"
START_TIMEOUT="${RABBITMQ_START_TIMEOUT:-120}"
NODE_NAME="exportstats-$PORT@$(hostname -s)"
PID_FILE="$DATA_DIR/node.pid"

# The node's own environment: nothing of the shared node's (its cookie, data, plugins, config).
node_env() {
  export HOME="$DATA_DIR/home" \
    RABBITMQ_NODENAME="$NODE_NAME" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$PORT" \
    RABBITMQ_DIST_PORT="$DIST_PORT" \
    RABBITMQ_MNESIA_BASE="$DATA_DIR/mnesia" \
    RABBITMQ_LOG_BASE="$DATA_DIR/log" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$DATA_DIR/enabled_plugins" \
    RABBITMQ_PID_FILE="$PID_FILE" \
    RABBITMQ_CONFIG_FILE="$DATA_DIR/rabbitmq" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$DATA_DIR/advanced.config" \
    RABBITMQ_CONF_ENV_FILE="$DATA_DIR/rabbitmq-env.conf"
}

# Pid of this node's Erlang VM, if it is alive (the pid file may be stale).
our_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$DATA_DIR/home" || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

cmd_start() {
  command -v "$RABBIT_BIN/rabbitmq-server" >/dev/null || fail "$RABBIT_BIN/rabbitmq-server not found." "install RabbitMQ (apt-get install rabbitmq-server) or set RABBITMQ_BIN_DIR"
  if pid="$(our_pid)"; then
    say "already running: $NODE_NAME, pid $pid, port $PORT"
    return 0
  fi
  port_open && fail "port $PORT on 127.0.0.1 is already in use." "choose another RABBITMQ_NODE_PORT"
  mkdir -p "$DATA_DIR/home" "$DATA_DIR/mnesia" "$DATA_DIR/log"
  echo '[rabbitmq_consistent_hash_exchange].' >"$DATA_DIR/enabled_plugins"
  if [[ ! -s "$DATA_DIR/home/.erlang.cookie" ]]; then
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$DATA_DIR/home/.erlang.cookie"
    chmod 400 "$DATA_DIR/home/.erlang.cookie"
  fi
  rm -f "$PID_FILE"
  say "starting $NODE_NAME on 127.0.0.1:$PORT (data $DATA_DIR)"
  (
    node_env
    cd "$DATA_DIR"
    exec setsid nohup "$RABBIT_BIN/rabbitmq-server" </dev/null >"$DATA_DIR/log/startup.out" 2>&1
  ) &
  local deadline=$((SECONDS + START_TIMEOUT))
  until [[ -s "$PID_FILE" ]] && port_open; do
    if ((SECONDS >= deadline)); then
      tail -n 30 "$DATA_DIR/log/startup.out" >&2 || true
      fail "$NODE_NAME did not accept connections within ${START_TIMEOUT}s." "see $DATA_DIR/log/"
    fi
    sleep 0.5
  done
  (node_env && "$RABBIT_BIN/rabbitmqctl" -q -n "$NODE_NAME" await_startup --timeout "$START_TIMEOUT" >/dev/null) ||
    fail "$NODE_NAME did not finish starting." "see $DATA_DIR/log/"
  say "started: $NODE_NAME, pid $(our_pid), amqp://guest:guest@127.0.0.1:$PORT"
}

cmd_stop() {
  local pid
  if ! pid="$(our_pid)"; then
    rm -f "$PID_FILE"
    say "not running ($NODE_NAME)"
    return 0
  fi
  say "stopping $NODE_NAME (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 120; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "pid $pid did not stop within 30s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  say "stopped"
}

cmd_status() {
  local pid
  if pid="$(our_pid)" && port_open; then
    say "running: $NODE_NAME, pid $pid, port $PORT"
    return 0
  fi
  say "not running ($NODE_NAME)"
  return 1
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# One idempotent set-up shared by `make run` and `make test`: dependencies, databases, broker
# plugins, Elasticsearch. Fast when everything is already in place; every failure names the
# component and the fix.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[31mbootstrap: %s\033[0m\n' "$*" >&2; exit 1; }

DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/export_stats}
TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/export_stats_test}
RABBITMQ_URL=${RABBITMQ_URL:-amqp://guest:guest@127.0.0.1:5672}

# --- Node dependencies -------------------------------------------------------------------------
command -v node >/dev/null || fail "Node.js 20 is required: install it (apt-get install nodejs) and retry"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
  || fail "Node.js >= 20 is required, found $(node --version)"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error || fail "npm ci failed (see above): check that the npm registry is reachable and package-lock.json matches package.json"
fi

# --- PostgreSQL --------------------------------------------------------------------------------
pg_up() { node scripts/ensure-database.mjs --check "$DATABASE_URL" >/dev/null 2>&1; }
if ! pg_up && [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null; then
  step "starting the local PostgreSQL cluster"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
fi
node scripts/ensure-database.mjs "$DATABASE_URL" "$TEST_DATABASE_URL" \
  || fail "PostgreSQL: cannot create the databases (see above); start the server or fix DATABASE_URL"

# --- RabbitMQ ----------------------------------------------------------------------------------
rabbit_host=$(node -e 'console.log(new URL(process.argv[1]).hostname)' "$RABBITMQ_URL")
if [[ "$rabbit_host" == 127.0.0.1 || "$rabbit_host" == localhost ]] && command -v rabbitmqctl >/dev/null; then
  if ! rabbitmqctl -q status >/dev/null 2>&1; then
    step "starting the local RabbitMQ broker"
    rabbitmq-server -detached >/dev/null 2>&1 || true
    rabbitmqctl -q wait --timeout 60 "/var/lib/rabbitmq/mnesia/rabbit@$(hostname -s).pid" >/dev/null 2>&1 \
      || rabbitmqctl -q await_startup --timeout 60 >/dev/null 2>&1 \
      || fail "RabbitMQ: the broker did not start; see /var/log/rabbitmq/"
  fi
  enabled=$(rabbitmq-plugins list -e -m 2>/dev/null || true)
  for plugin in rabbitmq_consistent_hash_exchange rabbitmq_management; do
    if ! grep -qx "$plugin" <<<"$enabled"; then
      step "enabling RabbitMQ plugin $plugin"
      rabbitmq-plugins enable "$plugin" >/dev/null || fail "RabbitMQ: cannot enable $plugin"
    fi
  done
else
  echo "RabbitMQ at $rabbit_host is not local: make sure rabbitmq_consistent_hash_exchange is enabled there"
fi

# --- Elasticsearch -----------------------------------------------------------------------------
bash scripts/elasticsearch.sh start

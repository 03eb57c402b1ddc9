#!/usr/bin/env bash
# Imports kibana/saved-objects.ndjson (data views on the read-model aliases and the overview
# dashboard) into a running Kibana 8.x, overwriting earlier copies; safe to run again.
#
#   KIBANA_URL      where Kibana listens            (default http://127.0.0.1:5601)
#   ES_INDEX_PREFIX the service's index prefix      (default exportstats; must match the app's)
#   KIBANA_WAIT_S   how long to wait for Kibana     (default 300)
#   KIBANA_AUTH     user:password, if Kibana has security enabled (the compose stack does not)
set -euo pipefail

KIBANA_URL=${KIBANA_URL:-http://127.0.0.1:5601}
KIBANA_URL=${KIBANA_URL%/}
ES_INDEX_PREFIX=${ES_INDEX_PREFIX:-exportstats}
KIBANA_WAIT_S=${KIBANA_WAIT_S:-300}
FILE="$(cd "$(dirname "$0")" && pwd)/saved-objects.ndjson"

fail() { echo "kibana import: $*" >&2; exit 1; }

command -v curl >/dev/null || fail "curl is required"
[ -r "$FILE" ] || fail "cannot read $FILE"
# The same rule the app applies to ES_INDEX_PREFIX; it also keeps sed below free of special characters.
[[ "$ES_INDEX_PREFIX" =~ ^[a-z0-9][a-z0-9_-]*$ ]] || fail "ES_INDEX_PREFIX must be lowercase letters, digits, - and _ (got '$ES_INDEX_PREFIX')"

auth=()
[ -n "${KIBANA_AUTH:-}" ] && auth=(-u "$KIBANA_AUTH")

# Kibana answers HTTP long before it can import: wait until its own status says "available".
echo "waiting for Kibana at $KIBANA_URL (up to ${KIBANA_WAIT_S}s)"
deadline=$(( $(date +%s) + KIBANA_WAIT_S ))
until curl -fsS "${auth[@]}" "$KIBANA_URL/api/status" 2>/dev/null | grep -q '"level":"available"'; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "Kibana at $KIBANA_URL was not available after ${KIBANA_WAIT_S}s (is it running? is KIBANA_URL right?)"
  sleep 3
done

# The file names the default prefix; another prefix is substituted in titles, ids and references alike.
payload=$(mktemp)
response=$(mktemp)
trap 'rm -f "$payload" "$response"' EXIT
sed "s/exportstats-/${ES_INDEX_PREFIX}-/g" "$FILE" > "$payload"

status=$(curl -sS "${auth[@]}" -o "$response" -w '%{http_code}' \
  -X POST "$KIBANA_URL/api/saved_objects/_import?overwrite=true" \
  -H 'kbn-xsrf: true' \
  --form "file=@${payload};filename=saved-objects.ndjson") \
  || fail "could not reach $KIBANA_URL/api/saved_objects/_import"

[ "$status" = 200 ] || fail "import refused with HTTP $status: $(cat "$response")"
# A 200 can still carry per-object errors (e.g. a migration Kibana could not apply).
grep -q '"success":true' "$response" || fail "some objects were not imported: $(cat "$response")"
count=$(grep -o '"successCount":[0-9]*' "$response" | cut -d: -f2)
echo "imported ${count:-?} saved objects; open $KIBANA_URL/app/dashboards and look for \"Korean exports overview\""

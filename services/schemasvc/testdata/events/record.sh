#!/usr/bin/env bash
# Records the collections/fields/relations hooks the real Directus 12.4.1 fires for scenario.json
# (PostgreSQL; the events do not depend on the database) into events.jsonl.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
peer=${PEER_TOOL:-/work/shared/tools/directus-peer}
export PEER_DIR=${PEER_DIR:-/tmp/peer-schemasvc} PEER_PORT=${PEER_PORT:-18058} PEER_DB=pg PEER_DB_NAME=schemasvc_events
export PEER_EXTENSIONS=$here/extensions
events=$PEER_DIR/events.jsonl
rm -f "$events"
"$peer" stop || true
psql -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $PEER_DB_NAME" >/dev/null
rm -f "$PEER_DIR/data/.bootstrapped-pg-$PEER_DB_NAME"
PEER_ENV_EXTRA="EVENTS_FILE=$events" "$peer" start
jq -c '.[]' "$here/scenario.json" | while read -r step; do
  method=$(jq -r .method <<<"$step"); path=$(jq -r .path <<<"$step"); body=$(jq -c '.body // empty' <<<"$step")
  echo "{\"step\":\"$method $path\"}" >> "$events"
  curl -s -o /dev/null -w "$method $path %{http_code}\n" -X "$method" -H 'Authorization: Bearer admin-static-token' \
    -H 'Content-Type: application/json' ${body:+--data "$body"} "http://127.0.0.1:$PEER_PORT$path"
  sleep 0.5 # action hooks run after the response
done
sleep 1
"$peer" stop
cp "$events" "$here/events.jsonl"

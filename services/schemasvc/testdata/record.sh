#!/usr/bin/env bash
# Records what the real Directus 12.4.1 answers to scenario.json on each database.
# usage: [SCENARIO=scenario-duplication] services/schemasvc/testdata/record.sh [sqlite3|pg|mysql ...]   (default: all three)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
peer=${PEER_TOOL:-/work/shared/tools/directus-peer}
export PEER_DIR=${PEER_DIR:-/tmp/peer-schemasvc} PEER_PORT=${PEER_PORT:-18058} PEER_DB_NAME=schemasvc_peer
for client in "${@:-sqlite3 pg mysql}"; do
  for c in $client; do
    PEER_DB=$c "$peer" stop || true
    case $c in
      sqlite3) rm -rf "$PEER_DIR/data" ;;
      pg) psql -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $PEER_DB_NAME" >/dev/null; rm -f "$PEER_DIR/data/.bootstrapped-pg-$PEER_DB_NAME" ;;
      mysql) mysql -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $PEER_DB_NAME"; rm -f "$PEER_DIR/data/.bootstrapped-mysql-$PEER_DB_NAME" ;;
    esac
    PEER_DB=$c "$peer" start
    PEER_URL=http://127.0.0.1:$PEER_PORT node "$here/record.mjs" "$c"
    PEER_DB=$c "$peer" stop
  done
done

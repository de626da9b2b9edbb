#!/usr/bin/env bash
# Records Directus 12.4.1's answers for shim/rest and shim/servicesjs golden tests. Needs node/npm
# (the peer); dxhost's tests never do. Usage: shim/rest/testdata/peer/record.sh
# Each suite starts from database.db.gz (the SQLite database services/items/testdata/peer/record.sh
# built through Directus's own REST API: articles, authors, tags, comments, …; admin token
# admin-static-token), with the services-probe endpoint extension loaded.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
probe=$(cd "$here/../../../servicesjs/testdata/peer" && pwd)
export PEER_DIR=${PEER_DIR:-/tmp/peer-jsdata} PEER_PORT=${PEER_PORT:-18057} PEER_EXTENSIONS=$probe/extensions PEER_DB=sqlite3
peer=/work/shared/tools/directus-peer
url=http://127.0.0.1:$PEER_PORT

run_suite() { # cases out
  "$peer" stop || true
  for _ in $(seq 1 60); do curl -s -o /dev/null --max-time 2 "$url/server/ping" || break; sleep 1; done
  mkdir -p "$PEER_DIR/data"
  gunzip -c "$here/database.db.gz" > "$PEER_DIR/data/directus.db"
  touch "$PEER_DIR/data/.bootstrapped-sqlite3-directus_peer"
  "$peer" start
  node "$here/record.mjs" "$1" "$2" "$url"
}

run_suite "$here/rest-cases.json" "$here/rest-sqlite3.json"
run_suite "$probe/probe-cases.json" "$probe/probe-sqlite3.json"
"$peer" stop

#!/usr/bin/env bash
# Records Directus 12.4.1's answers to this extension. Needs node/npm and the peer; dxhost's tests
# never do. Two runs:
#  - testdata/directus-sqlite3.json over shim/rest/testdata/peer/database.db.gz (which has an
#    articles collection with a status field: 2 published, 1 draft);
#  - testdata/directus-fresh-sqlite3.json over a freshly bootstrapped database (first use creates
#    the collection).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export PEER_DIR=${PEER_DIR:-/tmp/peer-jsdata} PEER_PORT=${PEER_PORT:-18057} PEER_DB=sqlite3
peer=/work/shared/tools/directus-peer
url=http://127.0.0.1:$PEER_PORT
# Directus runs the built dist: bundle src with @directus/errors as the extensions SDK would.
build=$(mktemp -d)
mkdir -p "$build/ext/custom-reports/dist" "$build/node_modules/@directus"
ln -s "$PEER_DIR/directus/node_modules/@directus/errors" "$build/node_modules/@directus/errors"
cp "$here/src/index.js" "$build/index.js"
cp "$here/package.json" "$build/ext/custom-reports/"
"$PEER_DIR/directus/node_modules/.bin/esbuild" "$build/index.js" --bundle --platform=node --format=esm \
  --outfile="$build/ext/custom-reports/dist/index.js" --log-level=warning
export PEER_EXTENSIONS=$build/ext
stop() {
  "$peer" stop || true
  for _ in $(seq 1 60); do curl -s -o /dev/null --max-time 2 "$url/server/ping" || break; sleep 1; done
}
stop
mkdir -p "$PEER_DIR/data"
gunzip -c "$root/shim/rest/testdata/peer/database.db.gz" > "$PEER_DIR/data/directus.db"
touch "$PEER_DIR/data/.bootstrapped-sqlite3-directus_peer"
"$peer" start
mkdir -p "$here/testdata"
node "$root/shim/rest/testdata/peer/record.mjs" "$here/testdata/cases.json" "$here/testdata/directus-sqlite3.json" "$url"
stop
rm -rf "$PEER_DIR/data" # the peer bootstraps a fresh database
"$peer" start
node "$root/shim/rest/testdata/peer/record.mjs" "$here/testdata/cases-fresh.json" "$here/testdata/directus-fresh-sqlite3.json" "$url"
stop
rm -rf "$build"

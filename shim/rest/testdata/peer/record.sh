#!/usr/bin/env bash
# Records Directus 12.4.1's answers for shim/rest and shim/servicesjs golden tests. Needs node/npm
# (the peer); dxhost's tests never do. Usage: shim/rest/testdata/peer/record.sh [sqlite3|pg|mysql]
# Each suite starts from the same data: database.db.gz (SQLite), database-pg.sql.gz (pg_dump) or
# database-mysql.sql.gz (mysqldump),
# all built by services/items/testdata/peer/record.sh through Directus's own REST API (articles,
# authors, tags, comments, …; admin token admin-static-token), with the services-probe endpoint
# extension loaded.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
probe=$(cd "$here/../../../servicesjs/testdata/peer" && pwd)
client=${1:-sqlite3}
export PEER_DIR=${PEER_DIR:-/tmp/peer-jsdata} PEER_PORT=${PEER_PORT:-18057} PEER_EXTENSIONS=$probe/extensions PEER_DB=$client
export PEER_DB_NAME=jsdata_peer
peer=/work/shared/tools/directus-peer
url=http://127.0.0.1:$PEER_PORT

restore() {
  mkdir -p "$PEER_DIR/data"
  case $client in
    sqlite3) gunzip -c "$here/database.db.gz" > "$PEER_DIR/data/directus.db" ;;
    pg)
      psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $PEER_DB_NAME WITH (FORCE)" -c "CREATE DATABASE $PEER_DB_NAME"
      gunzip -c "$here/database-pg.sql.gz" | psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d "$PEER_DB_NAME" > /dev/null ;;
    mysql)
      mysql -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $PEER_DB_NAME; CREATE DATABASE $PEER_DB_NAME"
      gunzip -c "$here/database-mysql.sql.gz" | mysql -h 127.0.0.1 -u root "$PEER_DB_NAME" ;;
  esac
  touch "$PEER_DIR/data/.bootstrapped-$client-$PEER_DB_NAME"
}

run_suite() { # cases out
  "$peer" stop || true
  for _ in $(seq 1 60); do curl -s -o /dev/null --max-time 2 "$url/server/ping" || break; sleep 1; done
  restore
  "$peer" start
  node "$here/record.mjs" "$1" "$2" "$url"
}

suites=${SUITES:-rest probe gaps export} # SUITES=probe records only the extension suite
case " $suites " in *" rest "*) run_suite "$here/rest-cases.json" "$here/rest-$client.json" ;; esac
case " $suites " in *" probe "*) run_suite "$probe/probe-cases.json" "$probe/probe-$client.json" ;; esac
case " $suites " in *" export "*) run_suite "$here/export-cases.json" "$here/export-$client.json" ;; esac
case " $suites " in *" gaps "*) run_suite "$probe/gaps-cases.json" "$probe/gaps-$client.json" ;; esac
"$peer" stop

#!/usr/bin/env bash
# Records Directus 12.4.1's own answers for the ItemsService golden tests of services/items.
# Needs node/npm (the peer); dxhost's tests never do. Usage: testdata/peer/record.sh [sqlite3]
# It (re)starts a private peer on port 8077 with the items-probe extension, builds the fixture
# collections through the REST API, snapshots the database, then replays cases.json.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
client=${1:-sqlite3}
export PEER_DIR=${PEER_DIR:-/tmp/schema-peer} PEER_PORT=8077 PEER_EXTENSIONS=$here/extensions PEER_DB=$client
export PEER_DB_NAME=items_probe
export PEER_ENV_EXTRA="PRESSURE_LIMITER_ENABLED=false"  # the shared machine is busy; never answer 503
peer=/work/shared/tools/directus-peer
url=http://127.0.0.1:8077
auth='Authorization: Bearer admin-static-token'
out=$here/recordings/$client
mkdir -p "$out"

"$peer" stop || true
# the old server may take a while to let the port go; a ping answered by it would fool `start`
for _ in $(seq 1 60); do curl -s -o /dev/null --max-time 2 "$url/server/ping" || break; sleep 1; done
rm -rf "$PEER_DIR/data"
case $client in
  pg) psql -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $PEER_DB_NAME" ;;
  mysql) mysql -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $PEER_DB_NAME" ;;
esac
"$peer" start

api() { # method path [json]
  local res args=(-sS -X "$1" -H "$auth" -H 'Content-Type: application/json' "$url$2")
  if [ $# -ge 3 ]; then args+=(--data "$3"); fi
  res=$(curl "${args[@]}")
  if echo "$res" | grep -q '"errors"'; then echo "$1 $2 failed: $res" >&2; exit 1; fi
}
pk='{"field":"id","type":"integer","meta":{"hidden":true},"schema":{"is_primary_key":true,"has_auto_increment":true}}'
api POST /collections "{\"collection\":\"authors\",\"schema\":{},\"meta\":{},\"fields\":[$pk,{\"field\":\"name\",\"type\":\"string\"}]}"
api POST /collections "{\"collection\":\"tags\",\"schema\":{},\"meta\":{},\"fields\":[$pk,{\"field\":\"name\",\"type\":\"string\"}]}"
api POST /collections "{\"collection\":\"articles\",\"schema\":{},\"meta\":{},\"fields\":[$pk]}"
for f in '{"field":"title","type":"string"}' \
  '{"field":"status","type":"string","schema":{"default_value":"draft","is_nullable":false}}' \
  '{"field":"views","type":"integer"}' \
  '{"field":"big","type":"bigInteger"}' \
  '{"field":"price","type":"decimal","schema":{"numeric_precision":10,"numeric_scale":2}}' \
  '{"field":"flag","type":"boolean"}' \
  '{"field":"flag_cast","type":"boolean","meta":{"special":["cast-boolean"]}}' \
  '{"field":"meta","type":"json"}' \
  '{"field":"tags_csv","type":"csv","meta":{"special":["cast-csv"]}}' \
  '{"field":"secret","type":"string","meta":{"special":["conceal"]}}' \
  '{"field":"published","type":"timestamp"}' \
  '{"field":"day","type":"date"}' \
  '{"field":"author","type":"integer","meta":{"special":["m2o"]}}'; do
  api POST /fields/articles "$f"
done
api POST /collections "{\"collection\":\"comments\",\"schema\":{},\"meta\":{},\"fields\":[$pk,{\"field\":\"article\",\"type\":\"integer\"},{\"field\":\"body\",\"type\":\"text\"}]}"
api POST /collections "{\"collection\":\"articles_tags\",\"schema\":{},\"meta\":{\"hidden\":true},\"fields\":[$pk,{\"field\":\"articles_id\",\"type\":\"integer\"},{\"field\":\"tags_id\",\"type\":\"integer\"}]}"
api POST /fields/articles '{"field":"comments","type":"alias","meta":{"special":["o2m"]}}'
api POST /fields/articles '{"field":"tags","type":"alias","meta":{"special":["m2m"]}}'
api POST /relations '{"collection":"articles","field":"author","related_collection":"authors","schema":{"on_delete":"SET NULL"}}'
api POST /relations '{"collection":"comments","field":"article","related_collection":"articles","meta":{"one_field":"comments"},"schema":{"on_delete":"SET NULL"}}'
api POST /relations '{"collection":"articles_tags","field":"articles_id","related_collection":"articles","meta":{"one_field":"tags","junction_field":"tags_id"},"schema":{"on_delete":"SET NULL"}}'
api POST /relations '{"collection":"articles_tags","field":"tags_id","related_collection":"tags","meta":{"junction_field":"articles_id"},"schema":{"on_delete":"SET NULL"}}'
api POST /items/authors '[{"name":"Ann"},{"name":"Bob"},{"name":"Cy"}]'
api POST /items/tags '[{"name":"go"},{"name":"js"}]'
api POST /items/articles '[
  {"title":"Hello","status":"published","views":10,"big":7,"price":12.5,"flag":true,"flag_cast":true,"meta":{"a":{"b":1}},"tags_csv":["x","y"],"secret":"abc","published":"2024-05-01T10:20:30.123Z","day":"2024-05-01","author":1},
  {"title":"World","status":"draft","views":5,"big":8,"price":3.1,"flag":false,"flag_cast":false,"meta":null,"tags_csv":[],"secret":null,"published":null,"day":null,"author":2},
  {"title":"hello again","status":"published","views":7,"big":9,"price":null,"flag":null,"flag_cast":null,"meta":[1,2],"tags_csv":null,"secret":"","published":null,"day":null,"author":null}]'
api POST /items/comments '[{"article":1,"body":"first"},{"article":1,"body":"second"},{"article":2,"body":"third"}]'
api POST /items/articles_tags '[{"articles_id":1,"tags_id":1},{"articles_id":1,"tags_id":2},{"articles_id":2,"tags_id":1}]'

# Many-to-any: pages.blocks → pages_blocks (pages_id, item, collection) → headings | texts.
api POST /collections "{\"collection\":\"pages\",\"schema\":{},\"meta\":{},\"fields\":[$pk,{\"field\":\"name\",\"type\":\"string\"}]}"
api POST /collections "{\"collection\":\"headings\",\"schema\":{},\"meta\":{},\"fields\":[$pk,{\"field\":\"title\",\"type\":\"string\"}]}"
api POST /collections "{\"collection\":\"texts\",\"schema\":{},\"meta\":{},\"fields\":[$pk,{\"field\":\"body\",\"type\":\"text\"}]}"
api POST /collections "{\"collection\":\"pages_blocks\",\"schema\":{},\"meta\":{\"hidden\":true},\"fields\":[$pk]}"
api POST /fields/pages_blocks '{"field":"pages_id","type":"integer"}'
api POST /fields/pages_blocks '{"field":"item","type":"string"}'
api POST /fields/pages_blocks '{"field":"collection","type":"string"}'
api POST /fields/pages '{"field":"blocks","type":"alias","meta":{"special":["m2a"]}}'
api POST /relations '{"collection":"pages_blocks","field":"item","related_collection":null,"meta":{"one_allowed_collections":["headings","texts"],"one_collection_field":"collection","junction_field":"pages_id"}}'
api POST /relations '{"collection":"pages_blocks","field":"pages_id","related_collection":"pages","meta":{"one_field":"blocks","junction_field":"item"},"schema":{"on_delete":"SET NULL"}}'
api POST /items/headings '[{"title":"Intro"},{"title":"Outro"}]'
api POST /items/texts '[{"body":"Lorem"}]'
api POST /items/pages '[{"name":"home"},{"name":"about"}]'
api POST /items/pages_blocks '[{"pages_id":1,"collection":"headings","item":"1"},{"pages_id":1,"collection":"texts","item":"1"},{"pages_id":2,"collection":"headings","item":"2"}]'

# The database as the cases start from it.
case $client in
  sqlite3) sqlite_backup="$out/database.db"
    node -e "const s=require('$PEER_DIR/directus/node_modules/sqlite3');const d=new s.Database('$PEER_DIR/data/directus.db');d.exec(\"VACUUM INTO '$sqlite_backup.tmp'\",e=>{if(e)throw e;d.close()})"
    rm -f "$sqlite_backup.gz"; gzip -9 -c "$sqlite_backup.tmp" > "$sqlite_backup.gz"; rm -f "$sqlite_backup.tmp" ;;
  pg) pg_dump -h 127.0.0.1 -U postgres --inserts --no-owner --no-privileges "$PEER_DB_NAME" | gzip -9 > "$out/database.sql.gz" ;;
  mysql) mysqldump -h 127.0.0.1 -u root --skip-extended-insert --skip-comments "$PEER_DB_NAME" | gzip -9 > "$out/database.sql.gz" ;;
esac

curl -sS -H "$auth" "$url/items-probe/schema" > "$out/schema.json"
n=$(node -e "console.log(require('$here/cases.json').length)")
for i in $(seq 0 $((n - 1))); do
  name=$(node -e "console.log(require('$here/cases.json')[$i].name)")
  body=$(node -e "console.log(JSON.stringify(require('$here/cases.json')[$i]))")
  curl -sS -H "$auth" -H 'Content-Type: application/json' -X POST "$url/items-probe/run" --data "$body" > "$out/$name.json"
done
echo "recorded $n cases into $out" >&2

# REST reads after the cases: GET /items/<collection>?<query> as the admin (rest-cases.txt).
while IFS=$'\t' read -r name collection raw; do
  [ -n "$name" ] || continue
  enc=$(python3 -c 'import sys,urllib.parse; print("&".join(k+"="+urllib.parse.quote_plus(v) for k,_,v in (p.partition("=") for p in sys.argv[1].split("&"))))' "$raw")
  curl -sSg -H "$auth" "$url/items/$collection?$enc" > "$out/$name.json"
done < "$here/rest-cases.txt"
echo "recorded REST cases into $out" >&2

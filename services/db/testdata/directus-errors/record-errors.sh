#!/usr/bin/env bash
# record-errors.sh <port>: provoke database constraint errors through the real Directus REST API and
# print each response, for services/db's Translate tests.
set -u
U=http://127.0.0.1:$1
H="Authorization: Bearer dx-static-token"
post() { curl -s -X POST -H "$H" -H 'Content-Type: application/json' "$U$1" -d "$2"; }
curl -s -X DELETE -H "$H" $U/collections/articles >/dev/null
post /collections '{"collection":"authors","schema":{},"meta":{},"fields":[{"field":"id","type":"integer","schema":{"is_primary_key":true,"has_auto_increment":true}}]}' >/dev/null
post /collections '{"collection":"articles","schema":{},"meta":{},"fields":[{"field":"id","type":"integer","schema":{"is_primary_key":true,"has_auto_increment":true}},{"field":"slug","type":"string","schema":{"max_length":5,"is_unique":true}},{"field":"n","type":"integer","schema":{"default_value":0}},{"field":"author","type":"integer","meta":{"special":["m2o"]}}]}' >/dev/null
post /relations '{"collection":"articles","field":"author","related_collection":"authors"}' >/dev/null
post /items/articles '{"slug":"a","n":1}' >/dev/null
echo "unique	$(post /items/articles '{"slug":"a","n":2}')"
echo "unique without the field in the payload	(not reachable through REST)"
echo "foreign key	$(post /items/articles '{"slug":"c","author":99}')"
echo "too long	$(post /items/articles '{"slug":"toolong"}')"
echo "out of range	$(post /items/articles '{"n":99999999999}')"
echo "primary key	$(post /items/articles '{"id":1,"slug":"z"}')"

#!/usr/bin/env bash
# exercise.sh <port>: use a Directus whose database dxhost bootstrapped, as an admin would.
set -u
U=http://127.0.0.1:$1
j() { curl -s "$@"; echo; }
echo "== login with ADMIN_PASSWORD (argon2 hash written by dxhost)"
AT=$(curl -s -X POST $U/auth/login -H 'Content-Type: application/json' -d '{"email":"admin@example.com","password":"admin-password"}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);console.log(r.data?r.data.access_token:JSON.stringify(r))})')
echo "${AT:0:40}..."
echo "== wrong password"; j -X POST $U/auth/login -H 'Content-Type: application/json' -d '{"email":"admin@example.com","password":"nope"}'
H="Authorization: Bearer dx-static-token"
echo "== users/me with the ADMIN_TOKEN static token"; j -H "$H" "$U/users/me?fields=email,first_name,last_name,status,role.name,provider"
echo "== roles"; j -H "$H" "$U/roles?fields=name,icon,description"
echo "== policies"; j -H "$H" "$U/policies?fields=id,name,admin_access,app_access&sort=name"
echo "== access"; j -H "$H" "$U/access?fields=role.name,user,policy.name,sort&sort=sort"
echo "== settings"; j -H "$H" "$U/settings?fields=project_name,project_color,default_language,ai_openai_allowed_models,mcp_enabled,default_save_action"
echo "== server/info"; j -H "$H" "$U/server/info" | cut -c1-200
echo "== public can't read users"; j "$U/users"
echo "== create collection articles with a m2o to directus_users"
j -X POST -H "$H" -H 'Content-Type: application/json' $U/collections -d '{"collection":"articles","schema":{},"meta":{"icon":"article"},"fields":[{"field":"id","type":"integer","meta":{"hidden":true},"schema":{"is_primary_key":true,"has_auto_increment":true}},{"field":"title","type":"string","schema":{"is_nullable":false}},{"field":"published","type":"boolean","schema":{"default_value":false}},{"field":"date_created","type":"timestamp","meta":{"special":["date-created"]}}]}' | cut -c1-200
j -X POST -H "$H" -H 'Content-Type: application/json' $U/fields/articles -d '{"field":"author","type":"uuid","meta":{"interface":"select-dropdown-m2o","special":["m2o"]}}' | cut -c1-150
j -X POST -H "$H" -H 'Content-Type: application/json' $U/relations -d '{"collection":"articles","field":"author","related_collection":"directus_users","schema":{"on_delete":"SET NULL"}}' | cut -c1-150
ME=$(curl -s -H "$H" "$U/users/me?fields=id" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).data.id))')
echo "== items"; j -X POST -H "$H" -H 'Content-Type: application/json' $U/items/articles -d "{\"title\":\"Hello\",\"author\":\"$ME\"}"
j -H "$H" "$U/items/articles?fields=id,title,published,author.email"
echo "== unique/not-null errors through Directus"; j -X POST -H "$H" -H 'Content-Type: application/json' $U/items/articles -d '{"title":null}'
echo "== activity written"; j -H "$H" "$U/activity?fields=action,collection&sort=-id&limit=3"
echo "== files folder"; j -X POST -H "$H" -H 'Content-Type: application/json' $U/folders -d '{"name":"docs"}' | cut -c1-120
echo "== new user + policy"; j -X POST -H "$H" -H 'Content-Type: application/json' $U/users -d '{"email":"ed@example.com","password":"x-password","role":null}' | cut -c1-120
echo "== flows"; j -X POST -H "$H" -H 'Content-Type: application/json' $U/flows -d '{"name":"f","trigger":"manual","status":"active"}' | cut -c1-120

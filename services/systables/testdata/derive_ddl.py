#!/usr/bin/env python3
"""Derive ddl/{pg,mysql}.sql from the schema dumps of databases the real Directus 12.4.1 bootstrapped
(testdata/<client>/pg_dump.sql, mysqldump.sql, and the SQLite file itself). Run from services/systables:
    python3 testdata/derive_ddl.py [path/to/directus-bootstrapped.db]
The result is what Directus created, reduced to the statements that rebuild it:
- PostgreSQL: no session SETs or comments, no "public." prefix (tables go to the connection's schema).
- MySQL/MariaDB: no /*!...*/ session lines; tables take the database's default charset like knex's do;
  MariaDB's spelling of knex `json` columns (longtext utf8mb4_bin + CHECK json_valid) written back as
  `json`, which MariaDB expands to exactly that and MySQL 8 keeps as a native json column."""
import re

def statements(text):
    out, cur = [], []
    for line in text.splitlines():
        if not cur and (line.startswith(('--', '/*')) or not line.strip()):
            continue
        cur.append(line)
        if line.rstrip().endswith(';'):
            out.append('\n'.join(cur))
            cur = []
    return out

pg = []
for s in statements(open('testdata/pg/pg_dump.sql').read()):
    if s.startswith(('SET ', 'SELECT pg_catalog.set_config')):
        continue
    pg.append(s.replace('public.', ''))
open('ddl/pg.sql', 'w').write('-- Directus 12.4.1 system tables on PostgreSQL (derived from pg_dump of a real bootstrap; see testdata/derive_ddl.py)\n\n' + '\n\n'.join(pg) + '\n')

my = []
for s in statements(open('testdata/mysql/mysqldump.sql').read()):
    if s.startswith('/*!'):
        continue
    s = re.sub(r"longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin (DEFAULT NULL|NOT NULL)? ?CHECK \(json_valid\(`[^`]+`\)\)",
               lambda m: 'json' + (' ' + m.group(1) if m.group(1) else ''), s)
    s = re.sub(r"\) ENGINE=InnoDB[^;]*;", ") ENGINE=InnoDB;", s)
    my.append(s)
open('ddl/mysql.sql', 'w').write('-- Directus 12.4.1 system tables on MySQL/MariaDB (derived from mysqldump of a real bootstrap; see testdata/derive_ddl.py)\n\n' + '\n\n'.join(my) + '\n')

# SQLite keeps each table's and index's CREATE statement as written (by knex, and by the table
# rebuilds of later migrations): replay them verbatim, in sqlite_master's order.
import sqlite3, sys
if len(sys.argv) > 1:
    con = sqlite3.connect(sys.argv[1])
    rows = con.execute("SELECT sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL ORDER BY rowid").fetchall()
    open('ddl/sqlite3.sql', 'w').write('-- Directus 12.4.1 system tables on SQLite (sqlite_master of a real bootstrap; see testdata/derive_ddl.py)\n\n'
        + '\n\n'.join(r[0] + ';' for r in rows) + '\n')

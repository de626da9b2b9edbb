// Dialects Directus can use but dxhost does not serve (mssql, oracle, cockroachdb, redshift, ...).
throw new Error('knex: this database client is not available in dxhost (pg, mysql and sqlite3 are)');

package main

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	_ "modernc.org/sqlite" // the driver dxhost uses for SQLite
)

// articlesSQL is the SELECT both servers run for articlesQuery (no index on status or views: SQLite
// scans the 10,000 rows and sorts the matches).
const articlesSQL = `SELECT "id", "title", "status", "views" FROM "articles" WHERE "status" = ? AND "views" > ? ORDER BY "views" DESC LIMIT 100`

// sqlFloor times articlesSQL run directly through modernc.org/sqlite on file, one connection, no HTTP:
// the part of a request no server on this driver can go below.
func sqlFloor(ctx context.Context, file string, runs int) (time.Duration, error) {
	db, err := sql.Open("sqlite", "file:"+file+"?mode=ro")
	if err != nil {
		return 0, fmt.Errorf("sql floor: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	once := func() error {
		rows, err := db.QueryContext(ctx, articlesSQL, "published", 100)
		if err != nil {
			return err
		}
		defer rows.Close()
		var id, views int64
		var title, status string
		for rows.Next() {
			if err := rows.Scan(&id, &title, &status, &views); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	for range 10 {
		if err := once(); err != nil {
			return 0, fmt.Errorf("sql floor: %w", err)
		}
	}
	t0 := time.Now()
	for range runs {
		if err := once(); err != nil {
			return 0, fmt.Errorf("sql floor: %w", err)
		}
	}
	return (time.Since(t0) / time.Duration(runs)).Round(time.Microsecond), nil
}

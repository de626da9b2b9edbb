package db

import (
	"database/sql"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jmoiron/sqlx"
)

// openMySQL connects through go-sql-driver/mysql, configured to behave like knex's mysql2 client:
// utf8mb4, DATETIME/TIMESTAMP as time values in the server process's local zone (mysql2's
// timezone 'local'), and client-side parameter interpolation, so results come over the text
// protocol like knex's connection.query() (DECIMAL as strings, integers as numbers).
func openMySQL(cfg *config) (*sqlx.DB, error) {
	mc := mysql.NewConfig()
	mc.User = asString(cfg.conn["user"])
	mc.Passwd = asString(cfg.conn["password"])
	mc.DBName = asString(cfg.conn["database"])
	if socket := asString(cfg.conn["socketPath"]); socket != "" {
		mc.Net, mc.Addr = "unix", socket
	} else {
		port := 3306
		if n, ok := asNumber(cfg.conn["port"]); ok && n > 0 {
			port = int(n)
		}
		host := asString(cfg.conn["host"])
		if host == "" {
			host = "localhost"
		}
		mc.Net, mc.Addr = "tcp", net.JoinHostPort(host, strconv.Itoa(port))
	}
	mc.ParseTime = true
	mc.Loc = time.Local
	mc.Collation = "utf8mb4_general_ci"
	if charset := asString(cfg.conn["charset"]); charset != "" {
		mc.Collation = ""
		mc.Params = map[string]string{"charset": charset}
	}
	mc.InterpolateParams = true
	mc.MultiStatements = false
	tlsCfg, err := tlsFromEnv(cfg.conn["ssl"], hostOf(mc.Addr))
	if err != nil {
		return nil, err
	}
	mc.TLS = tlsCfg
	connector, err := mysql.NewConnector(mc)
	if err != nil {
		return nil, fmt.Errorf("db: mysql configuration: %w", err)
	}
	return sqlx.NewDb(sql.OpenDB(connector), "mysql"), nil
}

func hostOf(addr string) string {
	h, _, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	return h
}

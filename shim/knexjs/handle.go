package knexjs

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"

	"github.com/jmoiron/sqlx"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/db"
)

// handle is one knex connection. Outside a transaction its queries run on the shared pool; when
// knex sends BEGIN it takes one connection from the pool and opens a Go transaction on it (so
// services can join it as a *sqlx.Tx), and everything up to COMMIT/ROLLBACK runs there — savepoints
// included, as knex issues them itself.
type handle struct {
	db  *db.DB
	log *logrus.Entry

	mu      sync.Mutex // one statement at a time, as on a driver connection
	conn    *sqlx.Conn // held while a transaction is open
	tx      *sqlx.Tx
	pending *sql.TxOptions // from SET TRANSACTION before BEGIN
	txMu    sync.Mutex     // guards tx for currentTx (read on the loop while a query runs)
}

// exec runs one statement: transaction control itself, anything else through the dialect.
func (h *handle) exec(ctx context.Context, d dialect, st statement) (result, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch ctl, opts := classifyControl(st.sql); ctl {
	case ctlBegin:
		if h.tx == nil {
			if opts != nil {
				h.pending = opts
			}
			if err := h.begin(ctx); err != nil {
				return nil, err
			}
			return d.empty(st), nil
		}
	case ctlSetTransaction:
		if h.tx == nil && len(st.args) == 0 {
			h.pending = opts
			return d.empty(st), nil
		}
	case ctlCommit:
		if h.tx != nil {
			err := h.tx.Commit()
			h.endTx()
			if err != nil {
				return nil, err
			}
			return d.empty(st), nil
		}
	case ctlRollback:
		if h.tx != nil {
			err := h.tx.Rollback()
			h.endTx()
			if err != nil {
				return nil, err
			}
			return d.empty(st), nil
		}
	}
	return d.run(ctx, h, st)
}

func (h *handle) begin(ctx context.Context) error {
	conn, err := h.db.Connx(ctx)
	if err != nil {
		return fmt.Errorf("knex: acquiring a connection: %w", err)
	}
	tx, err := conn.BeginTxx(ctx, h.pending)
	h.pending = nil
	if err != nil {
		conn.Close()
		return err
	}
	h.txMu.Lock()
	h.conn, h.tx = conn, tx
	h.txMu.Unlock()
	return nil
}

// endTx returns the transaction's connection to the pool.
func (h *handle) endTx() {
	h.txMu.Lock()
	conn := h.conn
	h.conn, h.tx = nil, nil
	h.txMu.Unlock()
	if conn != nil {
		conn.Close()
	}
}

// currentTx is the open transaction, if any (any goroutine).
func (h *handle) currentTx() *sqlx.Tx {
	h.txMu.Lock()
	defer h.txMu.Unlock()
	return h.tx
}

// release ends the handle: a transaction still open (knex lost track of it) is rolled back.
func (h *handle) release(ctx context.Context) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.tx != nil {
		h.log.Warn("knex: a connection was released inside an open transaction; rolling it back")
		_ = h.tx.Rollback()
		h.endTx()
	}
}

// queryer is where a statement outside PostgreSQL's raw path runs: the transaction or the pool.
func (h *handle) queryer() sqlx.ExtContext {
	if h.tx != nil {
		return h.tx
	}
	return h.db.DB
}

// conns gives a *sql.Conn for PostgreSQL's raw path: the transaction's, or one borrowed from the
// pool and returned by done.
func (h *handle) rawConn(ctx context.Context) (conn *sql.Conn, done func(), err error) {
	if h.conn != nil {
		return h.conn.Conn, func() {}, nil
	}
	c, err := h.db.Conn(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("knex: acquiring a connection: %w", err)
	}
	return c, func() { c.Close() }, nil
}

type control int

const (
	ctlNone control = iota
	ctlBegin
	ctlCommit
	ctlRollback
	ctlSetTransaction
)

// classifyControl recognises the transaction statements knex sends (BEGIN;, COMMIT;, ROLLBACK,
// SET TRANSACTION …;), which Go runs through database/sql so the transaction is a *sqlx.Tx.
// "ROLLBACK TO SAVEPOINT" and the other savepoint statements are ordinary statements.
func classifyControl(sqlText string) (control, *sql.TxOptions) {
	s := strings.ToLower(strings.TrimSpace(sqlText))
	s = strings.TrimSpace(strings.TrimSuffix(s, ";"))
	switch s {
	case "begin", "begin transaction", "start transaction", "begin work":
		return ctlBegin, nil
	case "commit", "commit transaction", "commit work", "end":
		return ctlCommit, nil
	case "rollback", "rollback transaction", "rollback work":
		return ctlRollback, nil
	}
	if rest, ok := strings.CutPrefix(s, "set transaction "); ok {
		return ctlSetTransaction, txOptions(rest)
	}
	// PostgreSQL's knex: BEGIN TRANSACTION ISOLATION LEVEL … [READ ONLY];
	if rest, ok := strings.CutPrefix(s, "begin transaction "); ok && !strings.Contains(rest, ";") {
		return ctlBegin, txOptions(rest)
	}
	return ctlNone, nil
}

// txOptions reads the transaction modes knex writes (ISOLATION LEVEL …, READ ONLY).
func txOptions(modes string) *sql.TxOptions {
	opts := &sql.TxOptions{ReadOnly: strings.Contains(modes, "read only")}
	switch {
	case strings.Contains(modes, "read uncommitted"):
		opts.Isolation = sql.LevelReadUncommitted
	case strings.Contains(modes, "read committed"):
		opts.Isolation = sql.LevelReadCommitted
	case strings.Contains(modes, "repeatable read"):
		opts.Isolation = sql.LevelRepeatableRead
	case strings.Contains(modes, "snapshot"):
		opts.Isolation = sql.LevelSnapshot
	case strings.Contains(modes, "serializable"):
		opts.Isolation = sql.LevelSerializable
	}
	return opts
}

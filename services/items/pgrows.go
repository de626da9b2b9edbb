package items

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/dxhost/dxhost/services/db"
)

// scanPostgres is scanRows for a SELECT on the PostgreSQL pool: it reads pgx's raw row values
// itself and gives each column the value the database/sql path gives (pgx's stdlib driver value,
// then the column's driverValue rule, as cell.Scan applies it), without database/sql's boxing of
// every value into a driver.Value and its conversion for the destination.
func (s *Service) scanPostgres(ctx context.Context, sql string, args []any, payload map[string]any, rowsHint int, each func(row []any)) error {
	err := s.opts.DB.QueryPostgres(ctx, sql, args, func(conn *pgx.Conn, rows pgx.Rows) error {
		fields := rows.FieldDescriptions()
		text := &rowText{}
		cols := make([]pgColumn, len(fields))
		var strs, ints, floats int
		for i := range fields {
			cols[i].init(conn.TypeMap(), &fields[i])
			switch {
			case cols[i].kind == pgText || cols[i].int8:
				strs += rowsHint
			case cols[i].kind == pgInt:
				ints += rowsHint
			case cols[i].kind == pgFloat:
				floats += rowsHint
			}
		}
		boxes := newValueBoxes(strs, ints, floats)
		rowSlab := slab[any]{per: len(cols), rows: rowsHint}
		for rows.Next() {
			vals := rowSlab.take()
			for i, raw := range rows.RawValues() {
				if err := cols[i].decode(raw, &vals[i], text, boxes); err != nil {
					// as stdlib's Rows.Next words it; it reaches translate through rows.Err()
					return fmt.Errorf("convert field %d failed: %w", i, err)
				}
			}
			text.finish()
			each(vals)
		}
		return nil
	})
	if err != nil {
		return s.translate(ctx, err, payload, sql)
	}
	return nil
}

// pgKind is how a column is decoded: the common types straight into their final value, the rest
// through pgx's stdlib driver value.
type pgKind uint8

const (
	pgDriver pgKind = iota // stdlib's driver.Value, then cell's rule
	pgText                 // text-format bytes that stdlib scans into a string (plain/number-string rule)
	pgInt                  // int2/int4 (int64) and int8 (its decimal string)
	pgFloat                // float8 (float64)
	pgBool
)

// pgColumn decodes one result column.
type pgColumn struct {
	kind   pgKind
	conv   columnConv
	plan   pgtype.ScanPlan
	int8   bool // an int8 column: its number becomes a string
	i      int64
	f      float64
	b      bool
	driver func(src []byte) (any, error) // pgDriver: stdlib's rowValueFunc
}

func (c *pgColumn) init(m *pgtype.Map, fd *pgconn.FieldDescription) {
	// The rule is chosen by the type's name, as scanRows chooses it from DatabaseTypeName.
	name := strconv.FormatInt(int64(fd.DataTypeOID), 10)
	if dt, ok := m.TypeForOID(fd.DataTypeOID); ok {
		name = strings.ToUpper(dt.Name)
	}
	c.conv = convFor(db.ClientPostgres, name)
	oid, format := fd.DataTypeOID, fd.Format
	switch oid {
	case pgtype.Int2OID, pgtype.Int4OID, pgtype.Int8OID:
		// stdlib gives int64 for all three; INT2/INT4 keep it (toNumber), INT8 is its decimal string.
		if c.conv == convNumber || c.conv == convNumberString {
			c.kind, c.int8 = pgInt, c.conv == convNumberString
			c.plan = m.PlanScan(oid, format, &c.i)
			return
		}
	case pgtype.Float8OID:
		if c.conv == convNumber {
			c.kind = pgFloat
			c.plan = m.PlanScan(oid, format, &c.f)
			return
		}
	case pgtype.BoolOID:
		if c.conv == convPlain {
			c.kind = pgBool
			c.plan = m.PlanScan(oid, format, &c.b)
			return
		}
	}
	if !stdlibTyped(oid) && format == pgtype.TextFormatCode && (c.conv == convPlain || c.conv == convNumberString) {
		// stdlib's string is the bytes as they are (pgtype's text-to-string plan), and both rules
		// keep a string.
		c.kind = pgText
		return
	}
	c.kind, c.driver = pgDriver, stdlibValue(m, oid, format)
}

func (c *pgColumn) decode(src []byte, dst *any, text *rowText, boxes *valueBoxes) error {
	if src == nil {
		*dst = nil
		return nil
	}
	switch c.kind {
	case pgText:
		*dst = boxes.string(src)
		return nil
	case pgInt:
		if err := c.plan.Scan(src, &c.i); err != nil {
			return err
		}
		if c.int8 {
			*dst = boxes.decimal(c.i)
		} else {
			*dst = boxes.int(c.i)
		}
		return nil
	case pgFloat:
		if err := c.plan.Scan(src, &c.f); err != nil {
			return err
		}
		*dst = boxes.float(c.f)
		return nil
	case pgBool:
		if err := c.plan.Scan(src, &c.b); err != nil {
			return err
		}
		*dst = c.b
		return nil
	}
	v, err := c.driver(src)
	if err != nil {
		return err
	}
	cell := cell{conv: c.conv, dst: dst, text: text}
	return cell.Scan(v)
}

// stdlibTyped reports whether pgx's stdlib driver gives a column of this type as something other
// than the string its text plan scans.
func stdlibTyped(oid uint32) bool {
	switch oid {
	case pgtype.BoolOID, pgtype.ByteaOID, pgtype.CIDOID, pgtype.OIDOID, pgtype.XIDOID, pgtype.DateOID,
		pgtype.Float4OID, pgtype.Float8OID, pgtype.Int2OID, pgtype.Int4OID, pgtype.Int8OID,
		pgtype.JSONOID, pgtype.JSONBOID, pgtype.TimestampOID, pgtype.TimestamptzOID, pgtype.XMLOID:
		return true
	}
	return false
}

// stdlibValue is pgx's stdlib rowValueFunc for a column (stdlib.(*Rows).initValueFuncs): the
// driver.Value database/sql would hand to cell.Scan.
func stdlibValue(m *pgtype.Map, oid uint32, format int16) func([]byte) (any, error) {
	switch oid {
	case pgtype.BoolOID:
		var d bool
		plan := m.PlanScan(oid, format, &d)
		return func(src []byte) (any, error) { err := plan.Scan(src, &d); return d, err }
	case pgtype.ByteaOID, pgtype.JSONOID, pgtype.JSONBOID, pgtype.XMLOID:
		var d []byte
		plan := m.PlanScan(oid, format, &d)
		return func(src []byte) (any, error) {
			if err := plan.Scan(src, &d); err != nil {
				return nil, err
			}
			return d, nil
		}
	case pgtype.CIDOID, pgtype.OIDOID, pgtype.XIDOID:
		return valuerValue(m, oid, format, &pgtype.Uint32{})
	case pgtype.DateOID:
		return valuerValue(m, oid, format, &pgtype.Date{})
	case pgtype.TimestampOID:
		return valuerValue(m, oid, format, &pgtype.Timestamp{})
	case pgtype.TimestamptzOID:
		return valuerValue(m, oid, format, &pgtype.Timestamptz{})
	case pgtype.Float4OID:
		var d float32
		plan := m.PlanScan(oid, format, &d)
		return func(src []byte) (any, error) { err := plan.Scan(src, &d); return float64(d), err }
	case pgtype.Float8OID:
		var d float64
		plan := m.PlanScan(oid, format, &d)
		return func(src []byte) (any, error) { err := plan.Scan(src, &d); return d, err }
	case pgtype.Int2OID:
		var d int16
		plan := m.PlanScan(oid, format, &d)
		return func(src []byte) (any, error) { err := plan.Scan(src, &d); return int64(d), err }
	case pgtype.Int4OID:
		var d int32
		plan := m.PlanScan(oid, format, &d)
		return func(src []byte) (any, error) { err := plan.Scan(src, &d); return int64(d), err }
	case pgtype.Int8OID:
		var d int64
		plan := m.PlanScan(oid, format, &d)
		return func(src []byte) (any, error) { err := plan.Scan(src, &d); return d, err }
	}
	var d string
	plan := m.PlanScan(oid, format, &d)
	return func(src []byte) (any, error) { err := plan.Scan(src, &d); return d, err }
}

// valuerValue is stdlib's value for the types it scans into a pgtype value: that value's Value().
func valuerValue[T driver.Valuer](m *pgtype.Map, oid uint32, format int16, d T) func([]byte) (any, error) {
	plan := m.PlanScan(oid, format, d)
	return func(src []byte) (any, error) {
		if err := plan.Scan(src, d); err != nil {
			return nil, err
		}
		return d.Value()
	}
}

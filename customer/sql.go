package customer

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ScanRows reads records of type T, a [Person], [Company] or [Order], from
// rows and yields them one by one:
//
//	rows, err := db.QueryContext(ctx, "SELECT id, customer_id, ordered_at, amount FROM orders")
//	...
//	for o, err := range customer.ScanRows[customer.Order](rows, customer.CSVOptions{}) { ... }
//
// Result columns are matched to fields by name exactly as the CSV readers
// match header names ([ReadPeople], [ReadCompanies], [ReadOrders]): the
// canonical names, the built-in aliases, and opts.Columns, so that
// opts.Columns{"ordered_at": "at"} reads an ordered_at column as the
// order's time (an SQL alias, "ordered_at AS at", does the same). The
// required columns are those of the CSV readers. Columns that match no
// field are kept in the record's Attributes under their name (NULLs left
// out, other values as text, times in RFC 3339).
//
// Values are converted by column, whatever their SQL type:
//
//   - Money (amount, revenue) from NUMERIC or DECIMAL as the driver
//     returns them (string or []byte: exact), from integers, or from
//     floating point (by its shortest decimal form, so a REAL 129.9 reads
//     as 129.9, not 129.900000000000005684…). A column amount_cents holds
//     an order's amount as a whole number of fen (12990 is 129.90).
//   - Times from a time.Time the driver returns or from text as the CSV
//     readers parse it (RFC 3339, "2006-01-02 15:04:05", with or without
//     an offset; DATETIME text). A time from a column without a zone
//     (TIMESTAMP, DATETIME, DATE, as the driver names the type) that
//     arrives in UTC is a wall clock: it is read in opts.Location, so a
//     PostgreSQL timestamp '2025-01-01 10:00' is 10:00 in Shanghai by
//     default. A time with a zone (PostgreSQL timestamptz) is the instant
//     it says; so is a time the driver already put in a zone other than
//     UTC, and a time from a driver that does not name column types.
//   - Integers, booleans and text as the CSV readers read their text;
//     list fields (interests, products, …) are text joined by
//     opts.ListSeparator.
//   - NULL as an empty value: no error where an empty cell is none, a
//     [*FieldError] wrapping [ErrEmpty] where the CSV readers require a
//     value (an order's customer_id, at and amount).
//
// Of opts, ScanRows uses Columns, Location and ListSeparator. For the SQL
// readers, a nil Location means Asia/Shanghai (loaded with
// [time.LoadLocation]; where the system has no time zone database, a
// fixed UTC+8, which differs only for the daylight saving China observed
// from 1986 to 1991); the CSV readers default to UTC.
//
// Text that is not valid UTF-8 (from a column in a legacy encoding such
// as GBK, which the connection did not convert) cannot be used: the error
// wraps [ErrInvalidUTF8].
//
// A row with a value that cannot be used is yielded as a zero T with a
// [*FieldError] giving its 1-based row number (Row), its column (Column,
// 1-based in the result, and Field) and the reason, never the value, and
// reading goes on with the next row, so the caller decides whether to
// stop. So an error with both a Row and a Column is one bad row; every
// other error is yielded once and ends the sequence: result columns
// without a required field, or with two columns for one field, as for a
// CSV header (Row 0); an error that ends the result set early (a dropped
// connection, a cancelled context), as a [*FieldError] whose Row is the
// first row that could not be read, without a Column, and whose Err wraps
// the driver's error; a failed query ([QueryRows]). A result set that ends
// without error ends the sequence without one.
//
// ScanRows closes rows when the sequence ends or the caller stops early.
// The sequence can be iterated once. It does not check a context itself:
// cancel the context rows was queried with to stop it.
func ScanRows[T Person | Company | Order](rows *sql.Rows, opts CSVOptions) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		defer rows.Close()
		scanRows(rows, opts, schemaOf[T](), yield)
	}
}

// QueryRows runs query with args on db and reads its result as
// [ScanRows] does. The query runs when the sequence is iterated, each
// time it is, with ctx; an error from running it is yielded once and ends
// the sequence. Cancelling ctx ends the sequence with an error wrapping
// ctx.Err().
func QueryRows[T Person | Company | Order](ctx context.Context, db *sql.DB, opts CSVOptions, query string, args ...any) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		rows, err := db.QueryContext(ctx, query, args...)
		if err != nil {
			var zero T
			yield(zero, fmt.Errorf("customer: sql query: %w", err))
			return
		}
		defer rows.Close()
		scanRows(rows, opts, schemaOf[T](), yield)
	}
}

// schemaOf returns the schema of a record type of ScanRows.
func schemaOf[T any]() *schema[T] {
	switch sc := any(&personSchema).(type) {
	case *schema[T]:
		return sc
	}
	switch sc := any(&companySchema).(type) {
	case *schema[T]:
		return sc
	}
	return any(&orderSchema).(*schema[T])
}

// sqlCell receives one column's value from Rows.Scan. It keeps the
// driver's value, except that bytes, which the driver may reuse, become a
// string at once.
type sqlCell struct{ v any }

func (c *sqlCell) Scan(src any) error {
	if b, ok := src.([]byte); ok {
		c.v = string(b)
		return nil
	}
	c.v = src
	return nil
}

// sqlFormat is the format of the SQL readers: csvFormat with
// Asia/Shanghai as the default location.
func (o CSVOptions) sqlFormat() *csvFormat {
	if o.Location == nil {
		loc, err := time.LoadLocation("Asia/Shanghai")
		if err != nil {
			loc = time.FixedZone("Asia/Shanghai", 8*60*60)
		}
		o.Location = loc
	}
	return o.format()
}

// wallClockType reports whether a column type, as a driver names it,
// holds times without a zone.
func wallClockType(name string) bool {
	name = strings.ToUpper(strings.TrimSpace(name))
	if i := strings.IndexByte(name, '('); i >= 0 {
		name = strings.TrimSpace(name[:i])
	}
	switch name {
	case "DATE", "DATETIME", "DATETIME2", "SMALLDATETIME", "TIMESTAMP", "TIMESTAMP WITHOUT TIME ZONE":
		return true
	}
	return false
}

func scanRows[T any](rows *sql.Rows, opts CSVOptions, sc *schema[T], yield func(T, error) bool) {
	var zero T
	if err := opts.check(); err != nil {
		yield(zero, err)
		return
	}
	f := opts.sqlFormat()
	names, err := rows.Columns()
	if err != nil {
		yield(zero, fmt.Errorf("customer: sql columns: %w", err))
		return
	}
	setters, attrCols, err := bindHeader(names, opts, sc)
	if err != nil {
		if fe, ok := err.(*FieldError); ok {
			fe.Line = 0 // the header is no line of SQL
		}
		yield(zero, err)
		return
	}
	wall := make([]bool, len(names))
	if types, err := rows.ColumnTypes(); err == nil {
		for i, ct := range types {
			wall[i] = wallClockType(ct.DatabaseTypeName())
		}
	}
	cells := make([]sqlCell, len(names))
	dest := make([]any, len(names))
	for i := range cells {
		dest[i] = &cells[i]
	}
	row := 0
	var v T // one for all rows, as in readCSV
	for rows.Next() {
		row++
		if err := rows.Scan(dest...); err != nil {
			// The result set closed under us (a cancelled context): the
			// row is lost, as are the ones after it.
			yield(zero, &FieldError{Row: row, Err: fmt.Errorf("customer: sql rows: %w", err)})
			return
		}
		v = zero
		var rowErr error
		for i := range cells {
			val := cells[i].v
			cells[i].v = nil
			if t, ok := val.(time.Time); ok && wall[i] {
				if _, off := t.Zone(); off == 0 {
					y, mo, d := t.Date()
					h, mi, s := t.Clock()
					val = time.Date(y, mo, d, h, mi, s, t.Nanosecond(), f.loc)
				}
			}
			set := setters[i]
			if str, ok := val.(string); ok && !utf8.ValidString(str) {
				rowErr = &FieldError{Row: row, Column: i + 1, Field: cellField(set, attrCols[i]), Err: textError(str)}
				break
			}
			if set == nil {
				if val == nil {
					continue
				}
				m := sc.attrs(&v)
				if *m == nil {
					*m = make(map[string]string)
				}
				(*m)[attrCols[i]] = sqlText(val)
				continue
			}
			var err error
			if t, ok := val.(time.Time); ok && set.setTime != nil {
				err = set.setTime(&v, t)
			} else {
				err = set.set(&v, sqlText(val), f)
			}
			if err != nil {
				rowErr = &FieldError{Row: row, Column: i + 1, Field: set.name, Err: err}
				break
			}
		}
		if rowErr != nil {
			if !yield(zero, rowErr) {
				return
			}
			continue
		}
		if !yield(v, nil) {
			return
		}
	}
	if err := rows.Err(); err != nil {
		yield(zero, &FieldError{Row: row + 1, Err: fmt.Errorf("customer: sql rows: %w", err)})
	}
}

// sqlText returns a driver value as the text a CSV cell would hold.
func sqlText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		return v.Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

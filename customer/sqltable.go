package customer

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"unicode/utf8"
)

// SQLTable describes a table of per-customer results, one row per
// customer keyed by customer ID, that [SQLTable.Upsert] writes: RFM
// scores, tags, segments, lifetime values or anything else a host
// computes. It knows column names only; the caller supplies each row's
// values in the order of Columns, so package customer needs to know
// nothing of the packages that compute them. The table must exist, with
// Key as its primary key or under a unique index.
//
// The zero value is not usable: Dialect, Name and Columns are required.
type SQLTable struct {
	// Dialect is the SQL spoken: "postgres" ($1 placeholders, INSERT ...
	// ON CONFLICT (key) DO UPDATE), "sqlite" (? placeholders, the same
	// upsert; SQLite 3.24 or later) or "mysql" (? placeholders, INSERT
	// ... ON DUPLICATE KEY UPDATE col = VALUES(col), which MySQL 5.7 to
	// 9 and MariaDB accept). Anything else is an error.
	Dialect string
	// Name is the table's name, optionally qualified by a schema
	// ("crm.customer_rfm"). Each part is quoted, so it is used exactly as
	// written, case included.
	Name string
	// Key is the name of the customer ID column. "" means "customer_id".
	Key string
	// Columns are the names of the other columns written, in the order
	// of the values of each row. At least one is required; they must be
	// distinct and differ from Key.
	Columns []string
	// BatchRows is the number of rows sent in one INSERT statement. 0
	// means 1000. It is lowered where the statement would need more
	// placeholders than the dialect allows (65535 for PostgreSQL and
	// MySQL, 32766 for SQLite); negative is an error.
	BatchRows int
}

// placeholderLimit returns the most placeholders one statement of the
// dialect may have.
func placeholderLimit(dialect string) int {
	if dialect == "sqlite" {
		return 32766
	}
	return 65535
}

// check reports a table description that cannot be used.
func (t SQLTable) check() error {
	switch t.Dialect {
	case "postgres", "sqlite", "mysql":
	default:
		return fmt.Errorf("%w: SQLTable.Dialect %q is not postgres, sqlite or mysql", ErrConfig, clip(t.Dialect))
	}
	if err := checkIdent(t.Name, true); err != nil {
		return fmt.Errorf("%w: SQLTable.Name %w", ErrConfig, err)
	}
	if t.Key != "" {
		if err := checkIdent(t.Key, false); err != nil {
			return fmt.Errorf("%w: SQLTable.Key %w", ErrConfig, err)
		}
	}
	if len(t.Columns) == 0 {
		return fmt.Errorf("%w: SQLTable.Columns is empty", ErrConfig)
	}
	seen := map[string]bool{t.key(): true}
	for i, c := range t.Columns {
		if err := checkIdent(c, false); err != nil {
			return fmt.Errorf("%w: SQLTable.Columns[%d] %w", ErrConfig, i, err)
		}
		if seen[c] {
			return fmt.Errorf("%w: SQLTable.Columns[%d] repeats a column or the key", ErrConfig, i)
		}
		seen[c] = true
	}
	if t.BatchRows < 0 {
		return fmt.Errorf("%w: SQLTable.BatchRows is negative (%d)", ErrConfig, t.BatchRows)
	}
	return nil
}

// checkIdent reports a name that cannot be quoted as an identifier. A
// dot separates a schema from a table where qualified is true.
func checkIdent(s string, qualified bool) error {
	parts := []string{s}
	if qualified {
		parts = strings.Split(s, ".")
	}
	for _, p := range parts {
		if p == "" || !utf8.ValidString(p) || strings.ContainsRune(p, 0) {
			return errors.New("is empty or not a usable identifier")
		}
	}
	return nil
}

func (t SQLTable) key() string {
	if t.Key == "" {
		return "customer_id"
	}
	return t.Key
}

// quote quotes an identifier, or a schema-qualified one, for the dialect.
func (t SQLTable) quote(s string, qualified bool) string {
	q := `"`
	if t.Dialect == "mysql" {
		q = "`"
	}
	parts := []string{s}
	if qualified {
		parts = strings.Split(s, ".")
	}
	for i, p := range parts {
		parts[i] = q + strings.ReplaceAll(p, q, q+q) + q
	}
	return strings.Join(parts, ".")
}

// statement returns the upsert of n rows.
func (t SQLTable) statement(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO ")
	b.WriteString(t.quote(t.Name, true))
	if t.Dialect == "postgres" {
		b.WriteString(` AS "stored"`)
	}
	b.WriteString(" (")
	b.WriteString(t.quote(t.key(), false))
	for _, c := range t.Columns {
		b.WriteString(", ")
		b.WriteString(t.quote(c, false))
	}
	b.WriteString(") VALUES ")
	width := 1 + len(t.Columns)
	p := 1
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range width {
			if j > 0 {
				b.WriteString(", ")
			}
			if t.Dialect == "postgres" {
				b.WriteByte('$')
				b.WriteString(strconv.Itoa(p))
				p++
			} else {
				b.WriteByte('?')
			}
		}
		b.WriteByte(')')
	}
	if t.Dialect == "mysql" {
		b.WriteString(" ON DUPLICATE KEY UPDATE ")
		for i, c := range t.Columns {
			if i > 0 {
				b.WriteString(", ")
			}
			q := t.quote(c, false)
			b.WriteString(q + " = VALUES(" + q + ")")
		}
		return b.String()
	}
	b.WriteString(" ON CONFLICT (")
	b.WriteString(t.quote(t.key(), false))
	b.WriteString(") DO UPDATE SET ")
	for i, c := range t.Columns {
		if i > 0 {
			b.WriteString(", ")
		}
		q := t.quote(c, false)
		b.WriteString(q + " = excluded." + q)
	}
	if t.Dialect == "postgres" {
		// Leave a row that would not change alone: a rerun of the same
		// results then rewrites nothing (no dead row versions, no index
		// updates, no update triggers).
		b.WriteString(" WHERE (")
		for i, c := range t.Columns {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(`"stored".` + t.quote(c, false))
		}
		b.WriteString(") IS DISTINCT FROM (")
		for i, c := range t.Columns {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("excluded." + t.quote(c, false))
		}
		b.WriteString(")")
	}
	return b.String()
}

// Upsert writes rows to the table within tx, in batches of BatchRows rows
// per statement, and returns the number of rows it sent (0 with an
// error). Each row is a customer ID and the values of Columns, in their
// order; Upsert copies the values, so the caller may reuse the slice. A
// row whose customer ID is already in the table replaces the stored row's
// columns (those not in Columns are left as they are), so writing the
// same rows twice leaves the table as writing them once; when rows
// repeats an ID, its last row wins. In the postgres dialect a stored row
// whose columns already hold the new values is not rewritten, so a rerun
// that changes little writes little.
//
// Values go to the driver as they are: strings, integers, floats,
// booleans, time.Time, []byte, and nil for NULL. A value that implements
// [database/sql/driver.Valuer] goes as what its Value method returns, as
// database/sql sends it to most drivers: a decimal.Decimal as its exact
// decimal text. (SQLite has no time type: its drivers store a time.Time
// as text in a format of their own, so pass times as text there if other
// programs read them.)
//
// Upsert does not commit or roll back: the caller begins tx, and commits
// it when Upsert returns no error, or rolls it back otherwise, so that a
// failure halfway leaves nothing written:
//
//	tx, err := db.BeginTx(ctx, nil)
//	if err != nil { ... }
//	defer tx.Rollback() // after Commit, a no-op
//	if _, err := table.Upsert(ctx, tx, rows); err != nil { return err }
//	return tx.Commit()
//
// (MySQL commits implicitly before DDL statements: create the table
// before beginning tx.)
//
// A bad description gives an error wrapping [ErrConfig] before anything
// is sent. A row with an empty customer ID, with more or fewer values
// than Columns, or with a Valuer that fails stops Upsert with a
// [*FieldError] giving its 1-based position in rows (Row) and wrapping
// [ErrEmpty], [ErrFieldCount] or [ErrInvalidValue] and the Valuer's error. An
// error from the database names the range of rows of the failed
// statement and wraps the driver's error, which some drivers write with
// the rejected value in it (PostgreSQL's "invalid input syntax", MySQL's
// "Incorrect ... value"): log it as you would the row. Upsert checks ctx before every
// statement and passes it to the driver. It does not keep rows, and the
// value of an SQLTable is safe for concurrent use (a *sql.Tx is not).
func (t SQLTable) Upsert(ctx context.Context, tx *sql.Tx, rows iter.Seq2[ID, []any]) (int, error) {
	if err := t.check(); err != nil {
		return 0, err
	}
	width := 1 + len(t.Columns)
	batch := t.BatchRows
	if batch == 0 {
		batch = 1000
	}
	batch = max(1, min(batch, placeholderLimit(t.Dialect)/width))

	var full *sql.Stmt // the prepared statement of a full batch
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, batch*width)
	inBatch := make(map[ID]struct{}, batch)
	n, first := 0, 1 // rows seen; position of the batch's first row
	flush := func() error {
		rowsIn := len(args) / width
		if rowsIn == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		if rowsIn == batch {
			if full == nil {
				full, err = tx.PrepareContext(ctx, t.statement(batch))
			}
			if err == nil {
				_, err = full.ExecContext(ctx, args...)
			}
		} else {
			_, err = tx.ExecContext(ctx, t.statement(rowsIn), args...)
		}
		if err != nil {
			return fmt.Errorf("customer: sql upsert of rows %d to %d: %w", first, first+rowsIn-1, err)
		}
		clear(args)
		args = args[:0]
		clear(inBatch)
		first += rowsIn
		return nil
	}
	for id, vals := range rows {
		n++
		if id == "" {
			return 0, &FieldError{Row: n, Column: 1, Field: t.key(), Err: ErrEmpty}
		}
		if len(vals) != len(t.Columns) {
			return 0, &FieldError{Row: n, Err: fmt.Errorf("%w: got %d values for %d columns", ErrFieldCount, len(vals), len(t.Columns))}
		}
		if _, dup := inBatch[id]; dup {
			// PostgreSQL refuses to update one row twice in a statement.
			if err := flush(); err != nil {
				return 0, err
			}
		}
		inBatch[id] = struct{}{}
		args = append(args, string(id))
		for j, v := range vals {
			// database/sql would call Value too, unless the driver takes
			// the value as it is; pgx then converts a decimal.Decimal
			// through several failed attempts, which costs more than the
			// rest of the write.
			if vr, ok := v.(driver.Valuer); ok {
				dv, err := vr.Value()
				if err != nil {
					return 0, &FieldError{Row: n, Column: 2 + j, Field: t.Columns[j], Err: fmt.Errorf("%w: %w", ErrInvalidValue, err)}
				}
				v = dv
			}
			args = append(args, v)
		}
		if len(args) == batch*width {
			if err := flush(); err != nil {
				return 0, err
			}
		}
	}
	if err := flush(); err != nil {
		return 0, err
	}
	return n, nil
}

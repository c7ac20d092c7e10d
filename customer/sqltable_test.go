package customer_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"iter"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// rowsOf yields the rows as Upsert takes them, reusing one slice as a
// host would.
func rowsOf(rows ...[]any) iter.Seq2[customer.ID, []any] {
	return func(yield func(customer.ID, []any) bool) {
		vals := make([]any, 0, 4)
		for _, r := range rows {
			vals = append(vals[:0], r[1:]...)
			if !yield(customer.ID(r[0].(string)), vals) {
				return
			}
		}
	}
}

func TestSQLTableStatements(t *testing.T) {
	tests := []struct {
		dialect string
		want    string
	}{
		{"postgres", `INSERT INTO "crm"."customer_rfm" AS "stored" ("customer_id", "r", "segment") VALUES ($1, $2, $3), ($4, $5, $6) ON CONFLICT ("customer_id") DO UPDATE SET "r" = excluded."r", "segment" = excluded."segment" WHERE ("stored"."r", "stored"."segment") IS DISTINCT FROM (excluded."r", excluded."segment")`},
		{"sqlite", `INSERT INTO "crm"."customer_rfm" ("customer_id", "r", "segment") VALUES (?, ?, ?), (?, ?, ?) ON CONFLICT ("customer_id") DO UPDATE SET "r" = excluded."r", "segment" = excluded."segment"`},
		{"mysql", "INSERT INTO `crm`.`customer_rfm` (`customer_id`, `r`, `segment`) VALUES (?, ?, ?), (?, ?, ?) ON DUPLICATE KEY UPDATE `r` = VALUES(`r`), `segment` = VALUES(`segment`)"},
	}
	for _, tt := range tests {
		t.Run(tt.dialect, func(t *testing.T) {
			db := &fakeDB{}
			table := customer.SQLTable{Dialect: tt.dialect, Name: "crm.customer_rfm", Columns: []string{"r", "segment"}}
			n := upsert(t, db, table, rowsOf([]any{"c1", 5, "Champions"}, []any{"c2", 1, "Lost"}))
			if n != 2 || len(db.execs) != 1 {
				t.Fatalf("Upsert = %d rows in %d statements, want 2 in 1", n, len(db.execs))
			}
			if got := db.execs[0].query; got != tt.want {
				t.Errorf("statement:\n got %s\nwant %s", got, tt.want)
			}
			want := []driver.Value{"c1", int64(5), "Champions", "c2", int64(1), "Lost"}
			if diff := cmp.Diff(want, db.execs[0].args); diff != "" {
				t.Errorf("arguments mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// upsert runs table.Upsert in a transaction it commits, and fails the
// test on an error.
func upsert(t *testing.T, db *fakeDB, table customer.SQLTable, rows iter.Seq2[customer.ID, []any]) int {
	t.Helper()
	n, err := upsertErr(t.Context(), t, db, table, rows)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// upsertErr runs table.Upsert in a transaction, commits it when Upsert
// succeeds and rolls it back otherwise.
func upsertErr(ctx context.Context, t *testing.T, db *fakeDB, table customer.SQLTable, rows iter.Seq2[customer.ID, []any]) (int, error) {
	t.Helper()
	tx, err := openFake(t, db).BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	n, err := table.Upsert(ctx, tx, rows)
	if err != nil {
		return n, err
	}
	return n, tx.Commit()
}

func TestSQLTableBatches(t *testing.T) {
	db := &fakeDB{}
	table := customer.SQLTable{Dialect: "postgres", Name: "t", Key: "id", Columns: []string{"v"}, BatchRows: 2}
	n := upsert(t, db, table, rowsOf(
		[]any{"a", 1}, []any{"b", 2}, // a full batch
		[]any{"c", 3}, []any{"d", 4}, // the prepared statement again
		[]any{"e", 5}, // the rest
	))
	if n != 5 {
		t.Errorf("Upsert = %d rows, want 5", n)
	}
	var got [][]driver.Value
	for _, e := range db.execs {
		if !e.tx {
			t.Errorf("statement %q ran outside the transaction", e.query)
		}
		got = append(got, e.args)
	}
	want := [][]driver.Value{{"a", int64(1), "b", int64(2)}, {"c", int64(3), "d", int64(4)}, {"e", int64(5)}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("batches mismatch (-want +got):\n%s", diff)
	}
	if len(db.prepared) != 1 || !strings.Contains(db.prepared[0], "($3, $4)") {
		t.Errorf("prepared = %q, want the two-row statement once", db.prepared)
	}
	if !strings.Contains(db.execs[2].query, `VALUES ($1, $2) ON CONFLICT ("id")`) {
		t.Errorf("last statement = %q, want one row keyed by id", db.execs[2].query)
	}
	if db.commits != 1 || db.rollbacks != 0 {
		t.Errorf("commits, rollbacks = %d, %d; want 1, 0", db.commits, db.rollbacks)
	}
}

// TestSQLTableRepeatedID checks that an ID repeated within a batch starts
// a new statement, since PostgreSQL refuses to update a row twice in one.
func TestSQLTableRepeatedID(t *testing.T) {
	db := &fakeDB{}
	table := customer.SQLTable{Dialect: "postgres", Name: "t", Columns: []string{"v"}, BatchRows: 10}
	n := upsert(t, db, table, rowsOf([]any{"a", 1}, []any{"b", 2}, []any{"a", 3}, []any{"c", 4}))
	if n != 4 {
		t.Errorf("Upsert = %d rows, want 4", n)
	}
	var got [][]driver.Value
	for _, e := range db.execs {
		got = append(got, e.args)
	}
	want := [][]driver.Value{{"a", int64(1), "b", int64(2)}, {"a", int64(3), "c", int64(4)}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statements mismatch (-want +got):\n%s", diff)
	}
}

func TestSQLTableBatchLimit(t *testing.T) {
	db := &fakeDB{}
	cols := make([]string, 99)
	for i := range cols {
		cols[i] = "c" + string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	table := customer.SQLTable{Dialect: "sqlite", Name: "t", Columns: cols, BatchRows: 1000}
	row := make([]any, 100)
	row[0] = "x"
	var rows [][]any
	for i := range 400 {
		r := append([]any(nil), row...)
		r[0] = "id" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		rows = append(rows, r)
	}
	upsert(t, db, table, rowsOf(rows...))
	for _, e := range db.execs {
		if len(e.args) > 32766 {
			t.Fatalf("statement with %d placeholders, over SQLite's 32766", len(e.args))
		}
	}
	if len(db.execs) != 2 || len(db.execs[0].args) != 327*100 {
		t.Errorf("statements = %d, first with %d values; want 2, 32700", len(db.execs), len(db.execs[0].args))
	}
}

func TestSQLTableErrors(t *testing.T) {
	good := customer.SQLTable{Dialect: "postgres", Name: "t", Columns: []string{"v"}}
	tests := []struct {
		name  string
		table func(customer.SQLTable) customer.SQLTable
		rows  iter.Seq2[customer.ID, []any]
		kind  error
		row   int
	}{
		{"dialect", func(t customer.SQLTable) customer.SQLTable { t.Dialect = "oracle"; return t }, rowsOf(), customer.ErrConfig, 0},
		{"no name", func(t customer.SQLTable) customer.SQLTable { t.Name = ""; return t }, rowsOf(), customer.ErrConfig, 0},
		{"empty schema", func(t customer.SQLTable) customer.SQLTable { t.Name = ".t"; return t }, rowsOf(), customer.ErrConfig, 0},
		{"no columns", func(t customer.SQLTable) customer.SQLTable { t.Columns = nil; return t }, rowsOf(), customer.ErrConfig, 0},
		{"column is key", func(t customer.SQLTable) customer.SQLTable { t.Columns = []string{"v", "customer_id"}; return t }, rowsOf(), customer.ErrConfig, 0},
		{"column twice", func(t customer.SQLTable) customer.SQLTable { t.Columns = []string{"v", "v"}; return t }, rowsOf(), customer.ErrConfig, 0},
		{"bad UTF-8", func(t customer.SQLTable) customer.SQLTable { t.Columns = []string{"\xff"}; return t }, rowsOf(), customer.ErrConfig, 0},
		{"negative batch", func(t customer.SQLTable) customer.SQLTable { t.BatchRows = -1; return t }, rowsOf(), customer.ErrConfig, 0},
		{"empty ID", func(t customer.SQLTable) customer.SQLTable { return t }, rowsOf([]any{"a", 1}, []any{"", 2}), customer.ErrEmpty, 2},
		{"values", func(t customer.SQLTable) customer.SQLTable { return t }, rowsOf([]any{"a", 1, 2}), customer.ErrFieldCount, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := &fakeDB{}
			n, err := upsertErr(t.Context(), t, db, tt.table(good), tt.rows)
			if n != 0 || !errors.Is(err, tt.kind) {
				t.Fatalf("Upsert = %d, %v; want 0 and an error wrapping %v", n, err, tt.kind)
			}
			var fe *customer.FieldError
			if tt.row > 0 && (!errors.As(err, &fe) || fe.Row != tt.row) {
				t.Errorf("error = %v, want a *FieldError at row %d", err, tt.row)
			}
			if len(db.execs) != 0 || db.commits != 0 {
				t.Errorf("%d statements sent, %d commits; want none", len(db.execs), db.commits)
			}
		})
	}
}

func TestSQLTableExecError(t *testing.T) {
	db := &fakeDB{failExec: 2}
	table := customer.SQLTable{Dialect: "mysql", Name: "t", Columns: []string{"v"}, BatchRows: 2}
	n, err := upsertErr(t.Context(), t, db, table, rowsOf([]any{"a", 1}, []any{"b", 2}, []any{"c", 3}, []any{"d", 4}, []any{"e", 5}))
	if n != 0 || !errors.Is(err, errExec) {
		t.Fatalf("Upsert = %d, %v; want 0 and the driver's error", n, err)
	}
	if want := "customer: sql upsert of rows 3 to 4: fake: value too long for column"; err.Error() != want {
		t.Errorf("message = %q, want %q", err, want)
	}
	if len(db.execs) != 2 || db.commits != 0 || db.rollbacks != 1 {
		t.Errorf("statements, commits, rollbacks = %d, %d, %d; want 2, 0, 1", len(db.execs), db.commits, db.rollbacks)
	}
}

func TestSQLTableCancel(t *testing.T) {
	db := &fakeDB{}
	table := customer.SQLTable{Dialect: "sqlite", Name: "t", Columns: []string{"v"}, BatchRows: 1}
	ctx, cancel := context.WithCancel(t.Context())
	rows := func(yield func(customer.ID, []any) bool) {
		yield("a", []any{1})
		cancel()
		yield("b", []any{2})
	}
	_, err := upsertErr(ctx, t, db, table, rows)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Upsert error = %v, want context.Canceled", err)
	}
	if len(db.execs) != 1 {
		t.Errorf("statements = %d, want 1 (before the cancellation)", len(db.execs))
	}
}

// badValuer is a driver.Valuer that fails.
type badValuer struct{}

func (badValuer) Value() (driver.Value, error) { return nil, errors.New("no value") }

func TestSQLTableValuer(t *testing.T) {
	db := &fakeDB{}
	table := customer.SQLTable{Dialect: "postgres", Name: "t", Columns: []string{"clv", "note"}}
	upsert(t, db, table, rowsOf([]any{"a", decimal.RequireFromString("1520.40"), nil}))
	if diff := cmp.Diff([]driver.Value{"a", "1520.4", nil}, db.execs[0].args); diff != "" {
		t.Errorf("arguments mismatch (-want +got):\n%s", diff)
	}

	_, err := upsertErr(t.Context(), t, &fakeDB{}, table, rowsOf([]any{"a", 1, nil}, []any{"b", badValuer{}, nil}))
	var fe *customer.FieldError
	if !errors.As(err, &fe) || fe.Row != 2 || fe.Column != 2 || fe.Field != "clv" || !errors.Is(err, customer.ErrInvalidValue) {
		t.Errorf("Upsert error = %v, want a *FieldError at row 2, column 2 (clv) wrapping ErrInvalidValue", err)
	}
}

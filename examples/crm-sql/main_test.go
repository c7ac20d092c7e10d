package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// pgEnv names the environment variable that gives the tests a PostgreSQL
// server (pgx's keyword/value or URL form); .ci/with-postgres sets it.
const pgEnv = "CLIENTELE_PG_DSN"

// database is one database the tests run against: the driver, the
// dialect, and a way to get a new empty database.
type database struct {
	driver, dialect string
	// fresh returns the data source name of a new empty database (for
	// PostgreSQL, a new schema on the server), removed after the test.
	fresh func(t testing.TB) string
}

// databases returns SQLite, always, and PostgreSQL when pgEnv is set.
func databases(t testing.TB) []database {
	dbs := []database{{driver: "sqlite", dialect: "sqlite", fresh: freshSQLite}}
	if os.Getenv(pgEnv) != "" {
		dbs = append(dbs, database{driver: "pgx", dialect: "postgres", fresh: freshPostgres})
	} else {
		t.Logf("%s is not set: PostgreSQL tests skipped (.ci/with-postgres sets it)", pgEnv)
	}
	return dbs
}

// forEach runs f once per database, as a subtest named after the driver.
func forEach(t *testing.T, f func(t *testing.T, d database)) {
	for _, d := range databases(t) {
		t.Run(d.driver, func(t *testing.T) { f(t, d) })
	}
}

func freshSQLite(t testing.TB) string {
	return filepath.Join(t.TempDir(), "crm.db")
}

// freshPostgres creates a schema of its own for the test and returns a
// data source name whose search_path is that schema.
func freshPostgres(t testing.TB) string {
	dsn := os.Getenv(pgEnv)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	schema := fmt.Sprintf("crm_test_%d_%d", os.Getpid(), rand.Uint64()%1e9)
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("PostgreSQL at %s=%q: %v", pgEnv, dsn, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec("DROP SCHEMA " + schema + " CASCADE")
	})
	if strings.Contains(dsn, "://") {
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		return dsn + sep + "search_path=" + schema
	}
	return dsn + " search_path=" + schema
}

// open opens a new empty database of d.
func (d database) open(t testing.TB) (*sql.DB, string) {
	dsn := d.fresh(t)
	db, err := sql.Open(d.driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, dsn
}

func exec(t testing.TB, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestRunSample runs the program as `go run .` does.
func TestRunSample(t *testing.T) {
	var buf bytes.Buffer
	if err := run(t.Context(), &buf, nil); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/sample.golden", buf.Bytes())
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("output mismatch (-want +got):\n%s", diff)
	}
}

// rfmRow is one row of customer_rfm.
type rfmRow struct {
	ID                 string
	Recency, Frequency int
	Monetary           decimal.Decimal
	R, F, M            int
	Segment            string
}

func readRFM(t testing.TB, db *sql.DB) map[string]rfmRow {
	t.Helper()
	rows, err := db.Query("SELECT customer_id, recency, frequency, monetary, r, f, m, segment FROM customer_rfm")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]rfmRow{}
	for rows.Next() {
		var r rfmRow
		if err := rows.Scan(&r.ID, &r.Recency, &r.Frequency, &r.Monetary, &r.R, &r.F, &r.M, &r.Segment); err != nil {
			t.Fatal(err)
		}
		if _, dup := got[r.ID]; dup {
			t.Errorf("customer %s has two rows", r.ID)
		}
		got[r.ID] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}

// expectedRFM computes recency, frequency and monetary of the sample by
// hand, from the rows the sample writes, without the library: purchases
// are non-negative amounts, recency counts days in Shanghai from the last
// purchase to 2025-01-01, monetary is the net sum; the NaN row is left
// out.
func expectedRFM(t testing.TB) map[string]rfmRow {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	_, orders := sampleRows(loc)
	asOf := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	last := map[string]time.Time{}
	want := map[string]rfmRow{}
	for _, o := range orders {
		id, at, amount := o[1].(string), o[2].(string), o[3].(string)
		if amount == "NaN" {
			continue
		}
		ts, err := time.Parse("2006-01-02 15:04:05-07:00", at)
		if err != nil {
			t.Fatal(err)
		}
		r := want[id]
		r.ID = id
		r.Monetary = r.Monetary.Add(decimal.RequireFromString(amount))
		if amount[0] != '-' {
			r.Frequency++
			y, m, d := ts.In(loc).Date()
			day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			if day.After(last[id]) {
				last[id] = day
			}
		}
		want[id] = r
	}
	for id, r := range want {
		if r.Frequency == 0 {
			delete(want, id)
			continue
		}
		r.Recency = int(asOf.Sub(last[id]).Hours() / 24)
		want[id] = r
	}
	return want
}

// TestRun runs the program on a database given by -dsn, twice, and
// checks the table it writes against values computed by hand, and that
// the second run changes nothing.
func TestRun(t *testing.T) {
	sample, err := os.ReadFile("testdata/sample.golden")
	if err != nil {
		t.Fatal(err)
	}
	forEach(t, func(t *testing.T, d database) {
		db, dsn := d.open(t)
		var buf bytes.Buffer
		if err := run(t.Context(), &buf, []string{"-driver", d.driver, "-dsn", dsn, "-sample", "-as-of", "2025-01-01"}); err != nil {
			t.Fatal(err)
		}
		// The same summary as the embedded sample, but for the first line.
		_, wantRest, _ := bytes.Cut(sample, []byte("\n"))
		first, gotRest, _ := bytes.Cut(buf.Bytes(), []byte("\n"))
		if diff := cmp.Diff(string(wantRest), string(gotRest)); diff != "" {
			t.Errorf("summary mismatch (-want +got):\n%s", diff)
		}
		if want := "crm-sql: " + d.driver + ", as of 2025-01-01 (Asia/Shanghai)"; string(first) != want {
			t.Errorf("first line = %q, want %q", first, want)
		}

		got := readRFM(t, db)
		want := expectedRFM(t)
		ignoreScores := cmpopts.IgnoreFields(rfmRow{}, "R", "F", "M", "Segment")
		if diff := cmp.Diff(want, got, ignoreScores); diff != "" {
			t.Errorf("customer_rfm values mismatch (-want +got):\n%s", diff)
		}
		table := rfm.StandardSegments()
		for _, r := range got {
			s := rfm.Scores{R: r.R, F: r.F, M: r.M}
			if r.R < 1 || r.R > 5 || r.F < 1 || r.F > 5 || r.M < 1 || r.M > 5 || r.Segment != table.Name(table.Match(s)) {
				t.Errorf("customer %s: scores %d %d %d, segment %q", r.ID, r.R, r.F, r.M, r.Segment)
			}
		}

		// A rerun replaces every row with the same one.
		buf.Reset()
		if err := run(t.Context(), &buf, []string{"-driver", d.driver, "-dsn", dsn, "-as-of", "2025-01-01"}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "wrote 280 rows") {
			t.Errorf("rerun summary:\n%s", buf.String())
		}
		if diff := cmp.Diff(got, readRFM(t, db)); diff != "" {
			t.Errorf("rerun changed customer_rfm (-first +second):\n%s", diff)
		}

		// A later as-of date moves every recency by the days between.
		if err := run(t.Context(), &buf, []string{"-driver", d.driver, "-dsn", dsn, "-as-of", "2025-01-31"}); err != nil {
			t.Fatal(err)
		}
		later := readRFM(t, db)
		if len(later) != len(got) {
			t.Fatalf("rows after a later run = %d, want %d", len(later), len(got))
		}
		for id, r := range later {
			if r.Recency != got[id].Recency+30 {
				t.Errorf("customer %s: recency %d after 30 more days, was %d", id, r.Recency, got[id].Recency)
			}
		}
	})
}

// typedTable holds one order in columns of every type the reader
// converts; typedRows has two rows and a third of NULLs where NULL is
// allowed.
func typedTable(dialect string) []string {
	text := "text"
	if dialect == "sqlite" {
		text = "DATETIME" // SQLite keeps DATETIME as text
	}
	return []string{
		`CREATE TABLE typed (
			id          bigint,
			customer_id text,
			customer_no integer,
			at_tz       timestamptz,
			at_wall     timestamp,
			day         date,
			at_text     ` + text + `,
			amount      numeric(12,2),
			amount_dec  decimal(14,4),
			cents       bigint,
			price       double precision,
			amount_int  integer,
			discounted  boolean,
			channel     varchar(20),
			note        text
		)`,
		`INSERT INTO typed VALUES
			(1, 'c1', 7, '2025-01-02 10:00:00+08', '2025-01-02 10:00:00', '2025-01-02', '2025-01-02 10:00:00',
			 129.90, 129.9000, 12990, 129.9, 130, true, 'app', 'gift'),
			(2, 'c2', 8, '2024-07-01 23:30:00+00', '2024-07-02 07:30:00.25', '2024-07-02', '2024-07-02 07:30:00.25',
			 -20.50, -20.5, -2050, -20.5, -21, false, 'store', NULL),
			(3, 'c3', 9, '2024-07-01 23:30:00+00', '2024-07-02 07:30:00.25', '2024-07-02', '2024-07-02 07:30:00.25',
			 0, 0, 0, 0, 0, NULL, NULL, NULL)`,
	}
}

// TestReadTypes reads orders whose times and amounts come from columns
// of every supported type and checks them against the values inserted.
func TestReadTypes(t *testing.T) {
	sh := time.FixedZone("CST", 8*3600) // Asia/Shanghai since 1992
	t1 := time.Date(2025, 1, 2, 10, 0, 0, 0, sh)
	t2 := time.Date(2024, 7, 2, 7, 30, 0, 0, sh)
	t2f := t2.Add(250 * time.Millisecond)
	d2 := time.Date(2024, 7, 2, 0, 0, 0, 0, sh)
	times := []struct {
		column string
		want   []time.Time
	}{
		{"at_tz", []time.Time{t1, t2, t2}},
		{"at_wall", []time.Time{t1, t2f, t2f}},
		{"day", []time.Time{time.Date(2025, 1, 2, 0, 0, 0, 0, sh), d2, d2}},
		{"at_text", []time.Time{t1, t2f, t2f}},
	}
	dec := decimal.RequireFromString
	amounts := []struct {
		column, as string
		want       []decimal.Decimal
	}{
		{"amount", "amount", []decimal.Decimal{dec("129.90"), dec("-20.50"), dec("0")}},
		{"amount_dec", "amount", []decimal.Decimal{dec("129.90"), dec("-20.50"), dec("0")}},
		{"cents", "amount_cents", []decimal.Decimal{dec("129.90"), dec("-20.50"), dec("0")}},
		{"price", "amount", []decimal.Decimal{dec("129.90"), dec("-20.50"), dec("0")}},
		{"amount_int", "amount", []decimal.Decimal{dec("130"), dec("-21"), dec("0")}},
	}
	forEach(t, func(t *testing.T, d database) {
		db, _ := d.open(t)
		exec(t, db, typedTable(d.dialect)...)
		read := func(t *testing.T, query string, opts customer.CSVOptions) []customer.Order {
			t.Helper()
			var got []customer.Order
			for o, err := range customer.QueryRows[customer.Order](t.Context(), db, opts, query) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, o)
			}
			return got
		}
		for _, tc := range times {
			t.Run(tc.column, func(t *testing.T) {
				got := read(t, "SELECT customer_id, "+tc.column+" AS at, amount FROM typed ORDER BY id", customer.CSVOptions{})
				if len(got) != len(tc.want) {
					t.Fatalf("%d orders, want %d", len(got), len(tc.want))
				}
				for i, o := range got {
					if !o.At.Equal(tc.want[i]) {
						t.Errorf("row %d: at = %v, want %v", i+1, o.At, tc.want[i])
					}
				}
			})
		}
		for _, tc := range amounts {
			t.Run(tc.column, func(t *testing.T) {
				got := read(t, "SELECT customer_id, at_tz, "+tc.column+" FROM typed ORDER BY id",
					customer.CSVOptions{Columns: map[string]string{"at_tz": "at", tc.column: tc.as}})
				if len(got) != len(tc.want) {
					t.Fatalf("%d orders, want %d", len(got), len(tc.want))
				}
				for i, o := range got {
					if !o.Amount.Equal(tc.want[i]) {
						t.Errorf("row %d: amount = %v, want %v", i+1, o.Amount, tc.want[i])
					}
				}
			})
		}
		t.Run("all", func(t *testing.T) {
			got := read(t, "SELECT id, customer_no, at_wall, amount, discounted, channel, note FROM typed ORDER BY id",
				customer.CSVOptions{Columns: map[string]string{"customer_no": "customer_id", "at_wall": "at"}})
			want := []customer.Order{
				{ID: "1", CustomerID: "7", At: t1, Amount: dec("129.90"), Discounted: true, Channel: "app", Attributes: map[string]string{"note": "gift"}},
				{ID: "2", CustomerID: "8", At: t2f, Amount: dec("-20.50"), Channel: "store"},
				{ID: "3", CustomerID: "9", At: t2f, Amount: dec("0")},
			}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("orders mismatch (-want +got):\n%s", diff)
			}
		})
		t.Run("people", func(t *testing.T) {
			var got []customer.Person
			q := "SELECT customer_no AS id, note AS name, channel AS city, day AS birth_date, amount AS score FROM typed ORDER BY id"
			for p, err := range customer.QueryRows[customer.Person](t.Context(), db, customer.CSVOptions{}, q) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, p)
			}
			want := []customer.Person{
				{ID: "7", Name: "gift", City: "app", BirthDate: time.Date(2025, 1, 2, 0, 0, 0, 0, sh), Attributes: map[string]string{"score": "129.90"}},
				{ID: "8", City: "store", BirthDate: d2, Attributes: map[string]string{"score": "-20.50"}},
				{ID: "9", BirthDate: d2, Attributes: map[string]string{"score": "0.00"}},
			}
			if d.dialect == "sqlite" { // SQLite keeps numeric(12,2) as a number, not text
				want[0].Attributes["score"], want[1].Attributes["score"], want[2].Attributes["score"] = "129.9", "-20.5", "0"
			}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("people mismatch (-want +got):\n%s", diff)
			}
		})
	})
}

// TestBadRows reads orders with bad rows in the middle: each is reported
// with its row and column, and the rows after it are still read.
func TestBadRows(t *testing.T) {
	forEach(t, func(t *testing.T, d database) {
		db, _ := d.open(t)
		exec(t, db, sampleTables[1], `INSERT INTO orders VALUES
			('o1', 'c1', '2024-05-01 10:00:00+08', 10),
			('o2', NULL, '2024-05-01 10:00:00+08', 10),
			('o3', 'c1', '2024-05-01 10:00:00+08', 'NaN'),
			('o4', 'c1', NULL, 10),
			('o5', 'c2', '2024-05-02 10:00:00+08', NULL),
			('o6', 'c2', '2024-05-03 10:00:00+08', 20)`)
		var ids []string
		var errs []error
		opts := customer.CSVOptions{Columns: map[string]string{"ordered_at": "at"}}
		for o, err := range customer.QueryRows[customer.Order](t.Context(), db, opts, "SELECT * FROM orders ORDER BY id") {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			ids = append(ids, o.ID)
		}
		if diff := cmp.Diff([]string{"o1", "o6"}, ids); diff != "" {
			t.Errorf("orders read mismatch (-want +got):\n%s", diff)
		}
		want := []string{
			"customer: sql row 2, column 2 (customer_id): invalid value: empty value",
			"customer: sql row 3, column 4 (amount): invalid amount: not a decimal number",
			"customer: sql row 4, column 3 (at): invalid date: empty value",
			"customer: sql row 5, column 4 (amount): invalid amount: empty value",
		}
		var got []string
		for _, err := range errs {
			got = append(got, err.Error())
			var fe *customer.FieldError
			if !errors.As(err, &fe) || fe.Row == 0 || fe.Column == 0 {
				t.Errorf("%v: not a *customer.FieldError with row and column", err)
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("errors mismatch (-want +got):\n%s", diff)
		}
	})
}

// TestMissingColumn reads orders without an amount column.
func TestMissingColumn(t *testing.T) {
	forEach(t, func(t *testing.T, d database) {
		db, _ := d.open(t)
		exec(t, db, sampleTables[1])
		var errs []error
		for _, err := range customer.QueryRows[customer.Order](t.Context(), db, customer.CSVOptions{}, "SELECT customer_id, ordered_at AS at FROM orders") {
			errs = append(errs, err)
		}
		if len(errs) != 1 || !errors.Is(errs[0], customer.ErrMissingColumn) {
			t.Fatalf("errors = %v, want one wrapping ErrMissingColumn", errs)
		}
		if s := errs[0].Error(); s != "customer: amount: required column missing" {
			t.Errorf("message = %q", s)
		}
	})
}

// rfmRows returns n rows for customer_rfm; bad, when positive, is the
// 1-based row given an r of 9.
func rfmRows(n, bad int, segment string) func(func(customer.ID, []any) bool) {
	return func(yield func(customer.ID, []any) bool) {
		for i := range n {
			r := 1 + i%5
			if i+1 == bad {
				r = 9
			}
			row := []any{i % 400, 1 + i%7, decimal.New(int64(i)*37, -2), r, 1 + i%3, 1 + i%5, segment}
			if !yield(customer.ID(fmt.Sprintf("c%07d", i)), row) {
				return
			}
		}
	}
}

// TestWriteRollback writes customer_rfm, rewrites it identically, then
// fails a rewrite in its third batch: the table keeps what the second
// write left, with nothing of the failed one.
func TestWriteRollback(t *testing.T) {
	forEach(t, func(t *testing.T, d database) {
		db, _ := d.open(t)
		// customer_rfm as the program creates it, plus a check that the
		// scores are 1 to 5.
		exec(t, db, strings.Replace(createRFM, "r           smallint NOT NULL,", "r           smallint NOT NULL CHECK (r BETWEEN 1 AND 5),", 1))
		n, err := writeRFM(t.Context(), db, d.dialect, rfmRows(2500, 0, "first"))
		if err != nil || n != 2500 {
			t.Fatalf("writeRFM = %d, %v; want 2500 rows", n, err)
		}
		first := readRFM(t, db)
		if n, err := writeRFM(t.Context(), db, d.dialect, rfmRows(2500, 0, "first")); err != nil || n != 2500 {
			t.Fatalf("second writeRFM = %d, %v; want 2500 rows", n, err)
		}
		if diff := cmp.Diff(first, readRFM(t, db)); diff != "" {
			t.Errorf("a rerun changed the table (-first +second):\n%s", diff)
		}
		if len(first) != 2500 || first["c0000037"].Monetary.String() != "13.69" || first["c0000037"].R != 3 {
			t.Errorf("table has %d rows, c0000037 = %+v", len(first), first["c0000037"])
		}

		n, err = writeRFM(t.Context(), db, d.dialect, rfmRows(2500, 2100, "second"))
		if err == nil || n != 0 {
			t.Fatalf("writeRFM with a bad row 2100 = %d, %v; want an error", n, err)
		}
		if !strings.Contains(err.Error(), "rows 2001 to 2500") {
			t.Errorf("error %q does not name the failed batch", err)
		}
		if diff := cmp.Diff(first, readRFM(t, db)); diff != "" {
			t.Errorf("a failed write changed the table (-before +after):\n%s", diff)
		}

		// A rerun that changes one column replaces it in every row (the
		// postgres dialect skips only rows whose values are all equal).
		if n, err := writeRFM(t.Context(), db, d.dialect, rfmRows(2500, 0, "third")); err != nil || n != 2500 {
			t.Fatalf("third writeRFM = %d, %v; want 2500 rows", n, err)
		}
		want := make(map[string]rfmRow, len(first))
		for id, r := range first {
			r.Segment = "third"
			want[id] = r
		}
		if diff := cmp.Diff(want, readRFM(t, db)); diff != "" {
			t.Errorf("a changed rerun left (-want +got):\n%s", diff)
		}
	})
}

// TestDroppedConnection ends a result set while it is read: the reader
// reports the row it could not read, and no more.
func TestDroppedConnection(t *testing.T) {
	forEach(t, func(t *testing.T, d database) {
		db, _ := d.open(t)
		const n = 200000
		if d.dialect == "postgres" {
			exec(t, db, sampleTables[1], fmt.Sprintf(`INSERT INTO orders
				SELECT 'o' || i, 'c' || (i %% 1000), '2024-01-01'::timestamptz + i * interval '1 minute', i / 100.0
				FROM generate_series(1, %d) i`, n))
		} else {
			exec(t, db, sampleTables[1], fmt.Sprintf(`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < %d)
				INSERT INTO orders SELECT 'o' || i, 'c' || (i %% 1000), '2024-01-01 10:00:00+08', i / 100.0 FROM s`, n))
		}
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		conn, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		var drop func()
		if d.dialect == "postgres" {
			var pid int
			if err := conn.QueryRowContext(ctx, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
				t.Fatal(err)
			}
			drop = func() {
				if _, err := db.ExecContext(t.Context(), "SELECT pg_terminate_backend($1)", pid); err != nil {
					t.Error(err)
				}
			}
		} else {
			drop = cancel // SQLite has no connection to drop: cancel the query
		}
		rows, err := conn.QueryContext(ctx, "SELECT id, customer_id, ordered_at AS at, amount FROM orders")
		if err != nil {
			t.Fatal(err)
		}
		read := 0
		var errs []error
		for _, err := range customer.ScanRows[customer.Order](rows, customer.CSVOptions{}) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if read++; read == 1000 {
				drop()
			}
		}
		if len(errs) != 1 {
			t.Fatalf("read %d orders, errors %v; want exactly one error", read, errs)
		}
		var fe *customer.FieldError
		if !errors.As(errs[0], &fe) || fe.Row != read+1 || fe.Column != 0 || read >= n {
			t.Errorf("read %d of %d orders, then %v; want a *FieldError for row %d", read, n, errs[0], read+1)
		}
		t.Logf("read %d of %d orders, then: %v", read, n, errs[0])
	})
}

func TestFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-driver", "mysql"}, `-driver "mysql": want pgx or sqlite`},
		{[]string{"-driver", "pgx"}, "-driver pgx needs -dsn"},
		{[]string{"-as-of", "2025-13-01"}, `-as-of "2025-13-01": want YYYY-MM-DD`},
		{[]string{"-tz", "Mars/Olympus"}, "-tz: unknown time zone Mars/Olympus"},
		{[]string{"extra"}, `unexpected arguments ["extra"]`},
	}
	for _, tt := range tests {
		err := run(t.Context(), new(bytes.Buffer), tt.args)
		if err == nil || err.Error() != tt.want {
			t.Errorf("run(%q) = %v, want %s", tt.args, err, tt.want)
		}
	}
	// A database without the tables is an error, not an empty result.
	err := run(t.Context(), new(bytes.Buffer), []string{"-dsn", freshSQLite(t)})
	if err == nil || !strings.Contains(err.Error(), "reading customers") {
		t.Errorf("run on an empty database = %v, want an error reading customers", err)
	}
}

// TestWriteTypes upserts values of the kinds results come in (money as
// decimal.Decimal, probabilities as float64, tags as text, a time, a
// NULL) and reads them back.
func TestWriteTypes(t *testing.T) {
	forEach(t, func(t *testing.T, d database) {
		db, _ := d.open(t)
		exec(t, db, `CREATE TABLE customer_values (
			customer_id text PRIMARY KEY,
			clv         numeric(14,4),
			prob_alive  double precision,
			tags        text,
			scored_at   timestamptz,
			note        text
		)`)
		table := customer.SQLTable{Dialect: d.dialect, Name: "customer_values", Columns: []string{"clv", "prob_alive", "tags", "scored_at", "note"}}
		scored := time.Date(2025, 1, 1, 23, 59, 59, 0, time.FixedZone("CST", 8*3600))
		at := any(scored)
		if d.dialect == "sqlite" {
			at = scored.Format(time.RFC3339) // SQLite has no time type: store text
		}
		write := func(tags string, note any) {
			t.Helper()
			tx, err := db.BeginTx(t.Context(), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			rows := func(yield func(customer.ID, []any) bool) {
				yield("c1", []any{decimal.RequireFromString("1520.4013"), 0.875, tags, at, note})
			}
			if _, err := table.Upsert(t.Context(), tx, rows); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
		}
		write("lifecycle:active|spend:high", "first")
		write("lifecycle:lapsing", nil) // replaces, NULL included
		var (
			clv, tags, scoredAt string
			prob                float64
			note                sql.NullString
			n                   int
		)
		row := db.QueryRow("SELECT count(*), min(clv), min(prob_alive), min(tags), min(scored_at), min(note) FROM customer_values")
		if err := row.Scan(&n, &clv, &prob, &tags, &scoredAt, &note); err != nil {
			t.Fatal(err)
		}
		ts, err := time.Parse(time.RFC3339, scoredAt)
		if err != nil {
			ts, err = time.Parse("2006-01-02 15:04:05Z07", scoredAt)
		}
		if n != 1 || clv != "1520.4013" || prob != 0.875 || tags != "lifecycle:lapsing" || err != nil || !ts.Equal(scored) || note.Valid {
			t.Errorf("read back %d rows: clv %s, prob %v, tags %q, scored_at %q, note %v", n, clv, prob, tags, scoredAt, note)
		}
	})
}

// Crm-sql reads customers and orders from a SQL database, scores every
// customer by recency, frequency and monetary value, and writes the
// scores and segment names back to the database.
//
//	go run .                                                  # embedded SQLite with sample data
//	go run . -driver pgx -dsn postgres://user@host/crm -as-of 2025-01-01
//	go run . -driver sqlite -dsn crm.db -as-of 2025-01-01
//	go run . -driver pgx -dsn URL -sample                     # create sample tables there first
//
// It reads the tables customers(id, name, phone, email, city) and
// orders(id, customer_id, ordered_at, amount) with customer.QueryRows,
// computes the values with rfm.Compute, scores them with R's quantiles
// (rfm.Quantile), names segments with R's standard table
// (rfm.StandardSegments), and upserts customer_rfm(customer_id, recency,
// frequency, monetary, r, f, m, segment) with customer.SQLTable in one
// transaction, creating the table if it is missing. README.md has the
// schema. A rerun replaces each customer's row.
//
// Drivers: github.com/jackc/pgx/v5/stdlib ("pgx") for PostgreSQL and
// modernc.org/sqlite ("sqlite"), pure Go, so no C compiler is needed.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"maps"
	"os"
	"slices"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

func main() {
	if err := run(context.Background(), os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "crm-sql:", err)
		os.Exit(1)
	}
}

// sampleAsOf is the as-of date of the embedded sample.
const sampleAsOf = "2025-01-01"

// config is what the flags say.
type config struct {
	driver, dsn string
	asOf        time.Time // an instant: the end of the as-of date
	loc         *time.Location
	sample      bool
}

func parseFlags(w io.Writer, args []string) (config, error) {
	fs := flag.NewFlagSet("crm-sql", flag.ContinueOnError)
	fs.SetOutput(w)
	driver := fs.String("driver", "sqlite", "database/sql driver: pgx (PostgreSQL) or sqlite")
	dsn := fs.String("dsn", "", "data source name; empty means a new in-memory SQLite database with sample data")
	asOf := fs.String("as-of", "", "as-of date YYYY-MM-DD; orders up to the end of that day count (default "+sampleAsOf+" for the sample, else today)")
	tz := fs.String("tz", "Asia/Shanghai", "time zone of the as-of date and of timestamps stored without a zone")
	sample := fs.Bool("sample", false, "create the customers and orders tables with sample data first")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	c := config{driver: *driver, dsn: *dsn, sample: *sample || *dsn == ""}
	if c.driver != "pgx" && c.driver != "sqlite" {
		return config{}, fmt.Errorf("-driver %q: want pgx or sqlite", c.driver)
	}
	if c.dsn == "" && c.driver != "sqlite" {
		return config{}, errors.New("-driver pgx needs -dsn")
	}
	loc, err := time.LoadLocation(*tz)
	if err != nil {
		return config{}, fmt.Errorf("-tz: %w", err)
	}
	c.loc = loc
	day := *asOf
	if day == "" {
		day = time.Now().In(loc).Format(time.DateOnly)
		if c.sample {
			day = sampleAsOf
		}
	}
	d, err := time.ParseInLocation(time.DateOnly, day, loc)
	if err != nil {
		return config{}, fmt.Errorf("-as-of %q: want YYYY-MM-DD", day)
	}
	// The end of the day: its orders count, with recency 0.
	c.asOf = d.AddDate(0, 0, 1).Add(-time.Nanosecond)
	return c, nil
}

func run(ctx context.Context, w io.Writer, args []string) error {
	c, err := parseFlags(w, args)
	if err != nil {
		return err
	}
	dsn := c.dsn
	if dsn == "" {
		dsn = ":memory:"
	}
	db, err := sql.Open(c.driver, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if c.dsn == "" {
		db.SetMaxOpenConns(1) // every connection to :memory: is a database of its own
	}
	dialect := map[string]string{"pgx": "postgres", "sqlite": "sqlite"}[c.driver]
	if c.sample {
		if err := createSample(ctx, db, dialect, c.loc); err != nil {
			return fmt.Errorf("creating the sample tables: %w", err)
		}
	}
	s, err := pipeline(ctx, db, dialect, c.asOf, c.loc)
	if err != nil {
		return err
	}
	where := c.driver
	if c.dsn == "" {
		where = "embedded SQLite, sample data"
	}
	fmt.Fprintf(w, "crm-sql: %s, as of %s (%s)\n", where, c.asOf.Format(time.DateOnly), c.loc)
	s.print(w)
	return nil
}

// summary is what a run did.
type summary struct {
	customers, badCustomers int
	orders, badOrders       int
	firstBad                error // the first bad row, customer or order
	skipped                 rfm.Skipped
	scored                  int
	segments                map[string]int
	written                 int
}

func (s *summary) print(w io.Writer) {
	fmt.Fprintf(w, "customers  %6d read, %d bad rows\n", s.customers, s.badCustomers)
	fmt.Fprintf(w, "orders     %6d read, %d bad rows, %d skipped (invalid %d, future %d, duplicate %d)\n",
		s.orders, s.badOrders, s.skipped.Invalid+s.skipped.Future+s.skipped.Duplicate,
		s.skipped.Invalid, s.skipped.Future, s.skipped.Duplicate)
	if s.firstBad != nil {
		fmt.Fprintf(w, "first bad row: %v\n", s.firstBad)
	}
	fmt.Fprintf(w, "scored     %6d customers\n", s.scored)
	fmt.Fprintf(w, "%-20s %9s %6s\n", "segment", "customers", "share")
	names := slices.SortedFunc(maps.Keys(s.segments), func(a, b string) int {
		if d := s.segments[b] - s.segments[a]; d != 0 {
			return d
		}
		if a < b {
			return -1
		}
		return 1
	})
	for _, name := range names {
		fmt.Fprintf(w, "%-20s %9d %5.1f%%\n", name, s.segments[name], 100*float64(s.segments[name])/float64(max(s.scored, 1)))
	}
	fmt.Fprintf(w, "wrote %d rows to customer_rfm\n", s.written)
}

// pipeline reads customers and orders, scores the customers and writes
// customer_rfm.
func pipeline(ctx context.Context, db *sql.DB, dialect string, asOf time.Time, loc *time.Location) (*summary, error) {
	s := &summary{segments: map[string]int{}}
	opts := customer.CSVOptions{Location: loc}

	people := customer.QueryRows[customer.Person](ctx, db, opts, "SELECT id, name, phone, email, city FROM customers")
	for _, err := range people {
		if err != nil {
			if !s.bad(err) {
				return nil, fmt.Errorf("reading customers: %w", err)
			}
			s.badCustomers++
			continue
		}
		s.customers++
	}

	opts.Columns = map[string]string{"ordered_at": "at"}
	var readErr error
	orders := func(yield func(customer.Order) bool) {
		for o, err := range customer.QueryRows[customer.Order](ctx, db, opts, "SELECT id, customer_id, ordered_at, amount FROM orders") {
			if err != nil {
				if !s.bad(err) {
					readErr = err
					return
				}
				s.badOrders++
				continue
			}
			s.orders++
			if !yield(o) {
				return
			}
		}
	}
	values, skipped, err := rfm.Compute(ctx, orders, asOf, rfm.Options{})
	if readErr != nil {
		return nil, fmt.Errorf("reading orders: %w", readErr)
	}
	if err != nil {
		return nil, err
	}
	s.skipped = skipped
	scores, err := rfm.Quantile{}.Score(values)
	if err != nil {
		return nil, err
	}
	table := rfm.StandardSegments()
	segs, err := table.Assign(scores)
	if err != nil {
		return nil, err
	}
	s.scored = len(values)
	for _, seg := range segs {
		s.segments[table.Name(seg)]++
	}

	rows := func(yield func(customer.ID, []any) bool) {
		for i, v := range values {
			sc := scores[i]
			if !yield(v.CustomerID, []any{v.Recency, v.Frequency, v.Monetary, sc.R, sc.F, sc.M, table.Name(segs[i])}) {
				return
			}
		}
	}
	s.written, err = writeRFM(ctx, db, dialect, rows)
	if err != nil {
		return nil, fmt.Errorf("writing customer_rfm: %w", err)
	}
	return s, nil
}

// bad reports whether err is about one bad row, which the run counts and
// skips, rather than an error that ends the reading: the readers' row
// errors are *customer.FieldError values with a row and a column.
func (s *summary) bad(err error) bool {
	var fe *customer.FieldError
	if !errors.As(err, &fe) || fe.Row == 0 || fe.Column == 0 {
		return false
	}
	if s.firstBad == nil {
		s.firstBad = err
	}
	return true
}

// createRFM creates customer_rfm unless it exists; PostgreSQL and SQLite
// read the same statement.
const createRFM = `CREATE TABLE IF NOT EXISTS customer_rfm (
	customer_id text PRIMARY KEY,
	recency     integer NOT NULL,
	frequency   integer NOT NULL,
	monetary    numeric(14,2) NOT NULL,
	r           smallint NOT NULL,
	f           smallint NOT NULL,
	m           smallint NOT NULL,
	segment     text NOT NULL
)`

// rfmTable is customer_rfm as customer.SQLTable writes it.
func rfmTable(dialect string) customer.SQLTable {
	return customer.SQLTable{
		Dialect: dialect,
		Name:    "customer_rfm",
		Columns: []string{"recency", "frequency", "monetary", "r", "f", "m", "segment"},
	}
}

// writeRFM creates customer_rfm if it is missing and upserts rows into
// it, all in one transaction: an error leaves the table as it was.
func writeRFM(ctx context.Context, db *sql.DB, dialect string, rows iter.Seq2[customer.ID, []any]) (int, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback() // a no-op after Commit
	if _, err := tx.ExecContext(ctx, createRFM); err != nil {
		return 0, err
	}
	n, err := rfmTable(dialect).Upsert(ctx, tx, rows)
	if err != nil {
		return 0, err
	}
	return n, tx.Commit()
}

package customer_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

// This file holds a tiny database/sql driver for the tests of ScanRows
// and SQLTable: it serves one fixed result set, fails where told to, and
// records the statements it is sent. It speaks no SQL.

// fakeDB is the state behind one fake data source.
type fakeDB struct {
	// The result every query returns.
	columns []string
	types   []string // database type names, one per column
	rows    [][]driver.Value
	// dropAt, when positive, makes the result fail with errDropped
	// instead of returning row dropAt (1-based).
	dropAt int
	// queryErr fails every query.
	queryErr error
	// failExec, when positive, makes the failExec-th statement sent
	// fail with errExec.
	failExec int

	mu        sync.Mutex
	queries   int
	closed    int // result sets closed
	execs     []fakeExec
	prepared  []string
	commits   int
	rollbacks int
}

// fakeExec is one statement executed.
type fakeExec struct {
	query string
	args  []driver.Value
	tx    bool
}

var (
	errDropped = errors.New("fake: connection reset by peer")
	errExec    = errors.New("fake: value too long for column")
)

var (
	fakeOnce sync.Once
	fakeDBs  sync.Map // data source name -> *fakeDB
	fakeSeq  atomic.Int64
)

// openFake registers db under a new data source name and opens it; tb
// closes it at the end of the test.
func openFake(tb testing.TB, db *fakeDB) *sql.DB {
	sqlDB := exampleDB(db)
	tb.Cleanup(func() { sqlDB.Close() })
	return sqlDB
}

// exampleDB registers db under a new data source name and opens it.
func exampleDB(db *fakeDB) *sql.DB {
	fakeOnce.Do(func() { sql.Register("customerfake", fakeDriver{}) })
	name := "fake" + strconv.FormatInt(fakeSeq.Add(1), 10)
	fakeDBs.Store(name, db)
	sqlDB, err := sql.Open("customerfake", name)
	if err != nil {
		panic(err) // sql.Open fails only for an unknown driver
	}
	return sqlDB
}

type fakeDriver struct{}

func (fakeDriver) Open(name string) (driver.Conn, error) {
	db, ok := fakeDBs.Load(name)
	if !ok {
		return nil, fmt.Errorf("fake: no data source %q", name)
	}
	return &fakeConn{db: db.(*fakeDB)}, nil
}

type fakeConn struct {
	db   *fakeDB
	inTx bool
}

var (
	_ driver.QueryerContext     = (*fakeConn)(nil)
	_ driver.ExecerContext      = (*fakeConn)(nil)
	_ driver.ConnBeginTx        = (*fakeConn)(nil)
	_ driver.ConnPrepareContext = (*fakeConn)(nil)
)

func (c *fakeConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *fakeConn) PrepareContext(_ context.Context, query string) (driver.Stmt, error) {
	c.db.mu.Lock()
	c.db.prepared = append(c.db.prepared, query)
	c.db.mu.Unlock()
	return &fakeStmt{c: c, query: query}, nil
}

func (c *fakeConn) Close() error { return nil }

func (c *fakeConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *fakeConn) BeginTx(context.Context, driver.TxOptions) (driver.Tx, error) {
	c.inTx = true
	return fakeTx{c}, nil
}

func (c *fakeConn) QueryContext(_ context.Context, _ string, _ []driver.NamedValue) (driver.Rows, error) {
	db := c.db
	db.mu.Lock()
	defer db.mu.Unlock()
	db.queries++
	if db.queryErr != nil {
		return nil, db.queryErr
	}
	return &fakeRows{db: db}, nil
}

func (c *fakeConn) ExecContext(_ context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	db := c.db
	db.mu.Lock()
	defer db.mu.Unlock()
	e := fakeExec{query: query, tx: c.inTx}
	for _, a := range args {
		e.args = append(e.args, a.Value)
	}
	db.execs = append(db.execs, e)
	if len(db.execs) == db.failExec {
		return nil, errExec
	}
	return driver.RowsAffected(len(args)), nil
}

type fakeTx struct{ c *fakeConn }

func (t fakeTx) Commit() error {
	t.c.inTx = false
	t.c.db.mu.Lock()
	t.c.db.commits++
	t.c.db.mu.Unlock()
	return nil
}

func (t fakeTx) Rollback() error {
	t.c.inTx = false
	t.c.db.mu.Lock()
	t.c.db.rollbacks++
	t.c.db.mu.Unlock()
	return nil
}

type fakeStmt struct {
	c     *fakeConn
	query string
}

func (s *fakeStmt) Close() error  { return nil }
func (s *fakeStmt) NumInput() int { return -1 }

func (s *fakeStmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.c.ExecContext(context.Background(), s.query, named(args))
}

func (s *fakeStmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.c.QueryContext(context.Background(), s.query, named(args))
}

func named(args []driver.Value) []driver.NamedValue {
	nv := make([]driver.NamedValue, len(args))
	for i, a := range args {
		nv[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return nv
}

type fakeRows struct {
	db *fakeDB
	i  int
}

var _ driver.RowsColumnTypeDatabaseTypeName = (*fakeRows)(nil)

func (r *fakeRows) Columns() []string { return r.db.columns }

func (r *fakeRows) ColumnTypeDatabaseTypeName(i int) string {
	if i < len(r.db.types) {
		return r.db.types[i]
	}
	return ""
}

func (r *fakeRows) Close() error {
	r.db.mu.Lock()
	r.db.closed++
	r.db.mu.Unlock()
	return nil
}

func (r *fakeRows) Next(dest []driver.Value) error {
	if r.db.dropAt > 0 && r.i+1 == r.db.dropAt {
		return errDropped
	}
	if r.i >= len(r.db.rows) {
		return io.EOF
	}
	copy(dest, r.db.rows[r.i])
	r.i++
	return nil
}

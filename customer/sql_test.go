package customer_test

import (
	"database/sql/driver"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// shanghai is UTC+8, the default zone of the SQL readers; China has no
// daylight saving time in the years the tests use.
var shanghai = time.FixedZone("CST", 8*60*60)

// scanOrders queries db and reads the result as orders.
func scanOrders(t *testing.T, db *fakeDB, opts customer.CSVOptions) ([]customer.Order, []error) {
	t.Helper()
	rows, err := openFake(t, db).QueryContext(t.Context(), "SELECT")
	if err != nil {
		t.Fatal(err)
	}
	return collect(customer.ScanRows[customer.Order](rows, opts))
}

func TestScanRowsOrders(t *testing.T) {
	at := time.Date(2025, 3, 1, 2, 30, 0, 0, time.UTC)
	db := &fakeDB{
		columns: []string{"id", "customer_id", "ordered_at", "amount", "discounted", "channel", "store", "note"},
		types:   []string{"INT8", "TEXT", "TIMESTAMPTZ", "NUMERIC", "BOOL", "TEXT", "TEXT", "TEXT"},
		rows: [][]driver.Value{
			{int64(1), "c1", at, "129.90", true, "app", "上海徐汇店", nil},
			{int64(2), []byte("c2"), at, []byte("-20.50"), false, nil, nil, "n"},
			{int64(3), "c1", at, int64(100), int64(1), "store", "s", nil},
			{int64(4), "c3", at, 12.5, "否", "", nil, nil},
		},
	}
	got, errs := scanOrders(t, db, customer.CSVOptions{Columns: map[string]string{"ordered_at": "at"}})
	if len(errs) > 0 {
		t.Fatalf("ScanRows: %v", errs)
	}
	want := []customer.Order{
		{ID: "1", CustomerID: "c1", At: at, Amount: dec("129.90"), Discounted: true, Channel: "app", Attributes: map[string]string{"store": "上海徐汇店"}},
		{ID: "2", CustomerID: "c2", At: at, Amount: dec("-20.5"), Attributes: map[string]string{"note": "n"}},
		{ID: "3", CustomerID: "c1", At: at, Amount: dec("100"), Discounted: true, Channel: "store", Attributes: map[string]string{"store": "s"}},
		{ID: "4", CustomerID: "c3", At: at, Amount: dec("12.5")},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("ScanRows mismatch (-want +got):\n%s", diff)
	}
	if db.closed != 1 {
		t.Errorf("result sets closed = %d, want 1", db.closed)
	}
	// Exact text survives: 129.90 keeps its two places.
	if s := got[0].Amount.String(); s != "129.9" || got[0].Amount.Exponent() != -2 {
		t.Errorf("amount = %s exponent %d, want 129.90 with exponent -2", s, got[0].Amount.Exponent())
	}
}

func TestScanRowsMoney(t *testing.T) {
	tests := []struct {
		name   string
		column string
		typ    string
		value  driver.Value
		want   string // "" for an error
	}{
		{"numeric text", "amount", "NUMERIC", "129.90", "129.90"},
		{"decimal bytes", "amount", "DECIMAL", []byte("0.01"), "0.01"},
		{"integer", "amount", "INT8", int64(-7), "-7"},
		{"float", "amount", "REAL", 12.3, "12.3"},
		{"cents integer", "amount_cents", "INT8", int64(12990), "129.90"},
		{"cents text", "amount_cents", "TEXT", "-5", "-0.05"},
		{"bad text", "amount", "TEXT", "¥12", ""},
		{"thousands", "amount", "TEXT", "1,200.00", ""},
		{"NaN", "amount", "FLOAT8", math.NaN(), ""},
		{"NULL", "amount", "NUMERIC", nil, ""},
		{"cents fraction", "amount_cents", "REAL", 12.5, ""},
		{"cents NULL", "amount_cents", "INT8", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := &fakeDB{
				columns: []string{"customer_id", "at", tt.column},
				types:   []string{"TEXT", "TIMESTAMPTZ", tt.typ},
				rows:    [][]driver.Value{{"c1", time.Unix(0, 0), tt.value}},
			}
			got, errs := scanOrders(t, db, customer.CSVOptions{})
			if tt.want == "" {
				var fe *customer.FieldError
				if len(errs) != 1 || !errors.As(errs[0], &fe) || fe.Row != 1 || fe.Column != 3 || fe.Field != tt.column || !errors.Is(errs[0], customer.ErrInvalidAmount) {
					t.Fatalf("errors = %v, want one *FieldError at row 1, column 3 (%s) wrapping ErrInvalidAmount", errs, tt.column)
				}
				if v, ok := tt.value.(string); ok && strings.Contains(errs[0].Error(), v) {
					t.Errorf("error %q contains the raw value", errs[0])
				}
				return
			}
			if len(errs) > 0 || len(got) != 1 {
				t.Fatalf("ScanRows = %v, %v; want one order", got, errs)
			}
			if !got[0].Amount.Equal(dec(tt.want)) {
				t.Errorf("amount = %s, want %s", got[0].Amount, tt.want)
			}
		})
	}
}

func TestScanRowsTimes(t *testing.T) {
	wall := time.Date(2025, 1, 2, 10, 0, 0, 0, time.UTC) // as drivers return zone-less times
	tests := []struct {
		name  string
		typ   string
		value driver.Value
		loc   *time.Location
		want  time.Time
	}{
		{"timestamptz keeps the instant", "TIMESTAMPTZ", wall, nil, wall},
		{"timestamp is a Shanghai wall clock", "TIMESTAMP", wall, nil, time.Date(2025, 1, 2, 10, 0, 0, 0, shanghai)},
		{"timestamp in an explicit zone", "TIMESTAMP", wall, time.UTC, wall},
		{"timestamp with precision", "timestamp(3)", wall, nil, time.Date(2025, 1, 2, 10, 0, 0, 0, shanghai)},
		{"timestamp the driver zoned", "TIMESTAMP", wall.In(time.FixedZone("", -5*3600)), nil, wall},
		{"date", "DATE", time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), nil, time.Date(2025, 1, 2, 0, 0, 0, 0, shanghai)},
		{"datetime text", "DATETIME", "2025-01-02 10:00:00", nil, time.Date(2025, 1, 2, 10, 0, 0, 0, shanghai)},
		{"datetime bytes with fraction", "DATETIME", []byte("2025-01-02 10:00:00.250"), nil, time.Date(2025, 1, 2, 10, 0, 0, 250e6, shanghai)},
		{"text with offset", "TEXT", "2025-01-02 10:00:00+00", nil, wall},
		{"text with full offset", "TEXT", "2025-01-02 10:00:00+08:00", nil, time.Date(2025, 1, 2, 10, 0, 0, 0, shanghai)},
		{"RFC 3339 text", "TEXT", "2025-01-02T10:00:00Z", nil, wall},
		{"Go time text", "TEXT", "2025-01-02 18:00:00 +0800 CST", nil, wall},
		{"untyped driver", "", wall, nil, wall},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := &fakeDB{
				columns: []string{"customer_id", "at", "amount"},
				types:   []string{"TEXT", tt.typ, "NUMERIC"},
				rows:    [][]driver.Value{{"c1", tt.value, "1"}},
			}
			got, errs := scanOrders(t, db, customer.CSVOptions{Location: tt.loc})
			if len(errs) > 0 || len(got) != 1 {
				t.Fatalf("ScanRows = %v, %v; want one order", got, errs)
			}
			if !got[0].At.Equal(tt.want) {
				t.Errorf("At = %v, want %v", got[0].At, tt.want)
			}
		})
	}
}

func TestScanRowsBadRows(t *testing.T) {
	at := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	db := &fakeDB{
		columns: []string{"id", "customer_id", "at", "amount"},
		types:   []string{"TEXT", "TEXT", "TIMESTAMPTZ", "NUMERIC"},
		rows: [][]driver.Value{
			{"o1", "c1", at, "10"},
			{"o2", "c1", at, "13800138000"}, // fine: a big amount
			{"o3", "c1", at, "13800138000元"},
			{"o4", nil, at, "1"},
			{"o5", "c2", nil, "1"},
			{"o6", "c2", "yesterday", "1"},
			{"o7", "c2", at, "2"},
		},
	}
	got, errs := scanOrders(t, db, customer.CSVOptions{})
	if ids := orderIDs(got); !cmp.Equal(ids, []string{"o1", "o2", "o7"}) {
		t.Errorf("orders read = %v, want o1 o2 o7", ids)
	}
	want := []struct {
		row, col int
		field    string
		kind     error
	}{
		{3, 4, "amount", customer.ErrInvalidAmount},
		{4, 2, "customer_id", customer.ErrEmpty},
		{5, 3, "at", customer.ErrEmpty},
		{6, 3, "at", customer.ErrInvalidDate},
	}
	if len(errs) != len(want) {
		t.Fatalf("errors = %v, want %d", errs, len(want))
	}
	for i, w := range want {
		var fe *customer.FieldError
		if !errors.As(errs[i], &fe) || fe.Row != w.row || fe.Column != w.col || fe.Field != w.field || !errors.Is(errs[i], w.kind) {
			t.Errorf("error %d = %v, want row %d, column %d (%s) wrapping %v", i, errs[i], w.row, w.col, w.field, w.kind)
		}
	}
	if s := errs[0].Error(); s != "customer: sql row 3, column 4 (amount): invalid amount: not a decimal number (a currency sign or unit: write 1299.50, not ¥1,299.50)" {
		t.Errorf("message = %q", s)
	}
	if strings.Contains(errs[0].Error(), "13800138000") {
		t.Errorf("error %q contains the raw value", errs[0])
	}
}

func orderIDs(orders []customer.Order) []string {
	var ids []string
	for _, o := range orders {
		ids = append(ids, o.ID)
	}
	return ids
}

func TestScanRowsDropped(t *testing.T) {
	db := &fakeDB{
		columns: []string{"customer_id", "at", "amount"},
		rows: [][]driver.Value{
			{"c1", "2025-01-01", "1"},
			{"c2", "2025-01-01", "2"},
			{"c3", "2025-01-01", "3"},
		},
		dropAt: 3,
	}
	got, errs := scanOrders(t, db, customer.CSVOptions{})
	if len(got) != 2 || len(errs) != 1 {
		t.Fatalf("ScanRows = %d orders, errors %v; want 2 orders and one error", len(got), errs)
	}
	var fe *customer.FieldError
	if !errors.As(errs[0], &fe) || fe.Row != 3 || fe.Column != 0 || !errors.Is(errs[0], errDropped) {
		t.Errorf("error = %v, want a *FieldError at row 3 wrapping the driver's error", errs[0])
	}
	if want := "customer: sql row 3: sql rows: fake: connection reset by peer"; errs[0].Error() != want {
		t.Errorf("message = %q, want %q", errs[0], want)
	}
}

func TestScanRowsColumns(t *testing.T) {
	tests := []struct {
		name    string
		columns []string
		opts    customer.CSVOptions
		field   string
		col     int
		kind    error
	}{
		{"missing", []string{"customer_id", "at"}, customer.CSVOptions{}, "amount", 0, customer.ErrMissingColumn},
		{"unmapped", []string{"customer_id", "ordered_at", "amount"}, customer.CSVOptions{}, "at", 0, customer.ErrMissingColumn},
		{"twice", []string{"customer_id", "at", "amount", "amount_cents"}, customer.CSVOptions{}, "amount_cents", 4, customer.ErrDuplicateColumn},
		{"alias twice", []string{"customer_id", "at", "金额", "amount"}, customer.CSVOptions{}, "amount", 4, customer.ErrDuplicateColumn},
		{"bad options", []string{"customer_id", "at", "amount"}, customer.CSVOptions{Comma: '"'}, "", 0, customer.ErrConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := &fakeDB{columns: tt.columns, rows: [][]driver.Value{make([]driver.Value, len(tt.columns))}}
			got, errs := scanOrders(t, db, tt.opts)
			if len(got) != 0 || len(errs) != 1 || !errors.Is(errs[0], tt.kind) {
				t.Fatalf("ScanRows = %v, %v; want one error wrapping %v", got, errs, tt.kind)
			}
			var fe *customer.FieldError
			if tt.kind != customer.ErrConfig && (!errors.As(errs[0], &fe) || fe.Field != tt.field || fe.Column != tt.col || fe.Row != 0 || fe.Line != 0) {
				t.Errorf("error = %#v, want field %q column %d", errs[0], tt.field, tt.col)
			}
		})
	}
}

func TestScanRowsPeople(t *testing.T) {
	db := &fakeDB{
		columns: []string{"id", "姓名", "mobile", "email", "city", "birth_date", "interests", "created_at", "vip", "attributes"},
		types:   []string{"INT8", "TEXT", "TEXT", "TEXT", "TEXT", "DATE", "TEXT", "TIMESTAMPTZ", "INT4", "TEXT"},
		rows: [][]driver.Value{
			{int64(7), "张三", "13800138000", "zs@example.com", "杭州", time.Date(1995, 5, 6, 0, 0, 0, 0, time.UTC), "eco|tea", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), int64(3), "src=ad"},
			{int64(8), nil, nil, nil, nil, nil, nil, nil, nil, nil},
		},
	}
	rows, err := openFake(t, db).QueryContext(t.Context(), "SELECT")
	if err != nil {
		t.Fatal(err)
	}
	got, errs := collect(customer.ScanRows[customer.Person](rows, customer.CSVOptions{}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []customer.Person{
		{
			ID: "7", Name: "张三", Phone: "13800138000", Email: "zs@example.com", City: "杭州",
			BirthDate: time.Date(1995, 5, 6, 0, 0, 0, 0, shanghai), Interests: []string{"eco", "tea"},
			CreatedAt:  time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
			Attributes: map[string]string{"vip": "3", "src": "ad"},
		},
		{ID: "8"},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("ScanRows[Person] mismatch (-want +got):\n%s", diff)
	}
}

func TestScanRowsCompanies(t *testing.T) {
	db := &fakeDB{
		columns: []string{"id", "name", "employees", "revenue", "founded", "contact_name", "contact_phone", "products"},
		types:   []string{"TEXT", "TEXT", "INT4", "NUMERIC", "DATE", "TEXT", "TEXT", "TEXT"},
		rows: [][]driver.Value{
			{"b1", "杭州某某科技有限公司", int64(120), []byte("5000000.00"), "2010-03-04", "李四|王五", "13800138000|13900139000", "crm"},
			{"b2", "x", "many", nil, nil, nil, nil, nil},
		},
	}
	rows, err := openFake(t, db).QueryContext(t.Context(), "SELECT")
	if err != nil {
		t.Fatal(err)
	}
	got, errs := collect(customer.ScanRows[customer.Company](rows, customer.CSVOptions{}))
	want := []customer.Company{{
		ID: "b1", Name: "杭州某某科技有限公司", Employees: 120, Revenue: dec("5000000"),
		Founded:  time.Date(2010, 3, 4, 0, 0, 0, 0, shanghai),
		Contacts: []customer.Contact{{Name: "李四", Phone: "13800138000"}, {Name: "王五", Phone: "13900139000"}},
		Products: []string{"crm"},
	}}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("ScanRows[Company] mismatch (-want +got):\n%s", diff)
	}
	var fe *customer.FieldError
	if len(errs) != 1 || !errors.As(errs[0], &fe) || fe.Row != 2 || fe.Field != "employees" || !errors.Is(errs[0], customer.ErrInvalidValue) {
		t.Errorf("errors = %v, want one at row 2 (employees)", errs)
	}
}

func TestScanRowsStopEarly(t *testing.T) {
	db := &fakeDB{
		columns: []string{"customer_id", "at", "amount"},
		rows:    [][]driver.Value{{"c1", "2025-01-01", "1"}, {"c2", "2025-01-01", "2"}},
	}
	rows, err := openFake(t, db).QueryContext(t.Context(), "SELECT")
	if err != nil {
		t.Fatal(err)
	}
	for range customer.ScanRows[customer.Order](rows, customer.CSVOptions{}) {
		break
	}
	if db.closed != 1 {
		t.Errorf("result sets closed = %d, want 1", db.closed)
	}
}

func TestQueryRows(t *testing.T) {
	db := &fakeDB{
		columns: []string{"customer_id", "at", "amount"},
		rows:    [][]driver.Value{{"c1", "2025-01-01", "1"}, {"c2", "2025-01-01", "2"}},
	}
	sqlDB := openFake(t, db)
	seq := customer.QueryRows[customer.Order](t.Context(), sqlDB, customer.CSVOptions{}, "SELECT customer_id, at, amount FROM orders WHERE at < ?", "2026-01-01")
	for range 2 {
		got, errs := collect(seq)
		if len(got) != 2 || len(errs) != 0 {
			t.Fatalf("QueryRows = %v, %v; want 2 orders", got, errs)
		}
	}
	if db.queries != 2 || db.closed != 2 {
		t.Errorf("queries = %d, closed = %d; want 2 and 2 (one per iteration)", db.queries, db.closed)
	}

	failing := openFake(t, &fakeDB{queryErr: errDropped})
	_, errs := collect(customer.QueryRows[customer.Person](t.Context(), failing, customer.CSVOptions{}, "SELECT"))
	if len(errs) != 1 || !errors.Is(errs[0], errDropped) {
		t.Errorf("errors = %v, want the query's error", errs)
	}
}

// FuzzScanRows feeds arbitrary text to every order column: ScanRows must
// not panic, must yield exactly one order or one error, and must never
// put the value in the error.
func FuzzScanRows(f *testing.F) {
	f.Add("c1", "2025-01-02 10:00:00", "129.90", "12990")
	f.Add("", "yesterday", "NaN", "1.5")
	f.Add("c2", "2025-01-02T10:00:00+08:00", "-1e3", "")
	f.Fuzz(func(t *testing.T, id, at, amount, cents string) {
		for _, cols := range [][]string{{"customer_id", "at", "amount"}, {"customer_id", "at", "amount_cents"}} {
			val := amount
			if cols[2] == "amount_cents" {
				val = cents
			}
			db := &fakeDB{columns: cols, types: []string{"TEXT", "TIMESTAMP", "NUMERIC"}, rows: [][]driver.Value{{id, at, val}}}
			got, errs := scanOrders(t, db, customer.CSVOptions{})
			if len(got)+len(errs) != 1 {
				t.Fatalf("ScanRows = %v, %v; want one order or one error", got, errs)
			}
			for _, err := range errs {
				for _, v := range []string{id, at, val} {
					if len(v) >= 8 && strings.Contains(err.Error(), v) {
						t.Errorf("error %q contains the value %q", err, v)
					}
				}
			}
		}
	})
}

// TestScanRowsMixedTimes reads a column whose rows switch formats, so
// that the layout remembered from one row does not fit the next.
func TestScanRowsMixedTimes(t *testing.T) {
	values := []string{"2025-01-02", "2025-01-02 10:00:00", "2025-01-02 10:00:00+08", "2025-01-02", "2025-01-02T02:00:00Z", "2025-01-02 10:00:00"}
	want := []time.Time{
		time.Date(2025, 1, 2, 0, 0, 0, 0, shanghai), time.Date(2025, 1, 2, 10, 0, 0, 0, shanghai),
		time.Date(2025, 1, 2, 10, 0, 0, 0, shanghai), time.Date(2025, 1, 2, 0, 0, 0, 0, shanghai),
		time.Date(2025, 1, 2, 10, 0, 0, 0, shanghai), time.Date(2025, 1, 2, 10, 0, 0, 0, shanghai),
	}
	db := &fakeDB{columns: []string{"customer_id", "at", "amount"}}
	for _, v := range values {
		db.rows = append(db.rows, []driver.Value{"c1", v, "1"})
	}
	got, errs := scanOrders(t, db, customer.CSVOptions{})
	if len(errs) > 0 || len(got) != len(want) {
		t.Fatalf("ScanRows = %d orders, %v; want %d orders", len(got), errs, len(want))
	}
	for i, o := range got {
		if !o.At.Equal(want[i]) {
			t.Errorf("row %d (%s): at = %v, want %v", i+1, values[i], o.At, want[i])
		}
	}
}

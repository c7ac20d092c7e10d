package customer_test

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// invalidText returns a string in v, a record read by the CSV or SQL
// readers, that is not valid UTF-8, and true; or false when there is
// none.
func invalidText(v reflect.Value) (string, bool) {
	return findText(v, func(s string) bool { return !utf8.ValidString(s) })
}

// findText returns a string in v, a record, for which bad is true, and
// true; or false when there is none.
func findText(v reflect.Value, bad func(string) bool) (string, bool) {
	switch v.Kind() {
	case reflect.String:
		return v.String(), bad(v.String())
	case reflect.Struct:
		if v.Type().PkgPath() != "github.com/clientele-go/clientele/customer" {
			return "", false // time.Time, decimal.Decimal
		}
		for i := range v.NumField() {
			if s, ok := findText(v.Field(i), bad); ok {
				return s, true
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			if s, ok := findText(v.Index(i), bad); ok {
				return s, true
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if s, ok := findText(it.Key(), bad); ok {
				return s, true
			}
			if s, ok := findText(it.Value(), bad); ok {
				return s, true
			}
		}
	}
	return "", false
}

// collect reads a sequence into records and errors.
func collect[T any](seq func(func(T, error) bool)) ([]T, []error) {
	var recs []T
	var errs []error
	for v, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		recs = append(recs, v)
	}
	return recs, errs
}

func TestCSVRoundTrip(t *testing.T) {
	ds := synth.Generate(synth.Config{People: 300, Seed: 11, Defects: 0.2})
	ds.People[0].Attributes = map[string]string{"vip_level": "gold", "note": "a=b&c"}
	ds.People[1].Attributes = map[string]string{"vip_level": "silver"}
	ds.Orders[0].Attributes = map[string]string{"store": "上海徐汇店"}
	opts := customer.CSVOptions{AttributeColumns: []string{"vip_level"}}

	var buf bytes.Buffer
	if err := customer.WritePeople(&buf, slices.Values(ds.People), opts); err != nil {
		t.Fatal(err)
	}
	people, errs := collect(customer.ReadPeople(&buf, opts))
	if len(errs) > 0 {
		t.Fatalf("ReadPeople: %v", errs)
	}
	if diff := cmp.Diff(ds.People, people, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("people round trip (-want +got):\n%s", diff)
	}

	buf.Reset()
	if err := customer.WriteCompanies(&buf, slices.Values(ds.Companies), opts); err != nil {
		t.Fatal(err)
	}
	companies, errs := collect(customer.ReadCompanies(&buf, opts))
	if len(errs) > 0 {
		t.Fatalf("ReadCompanies: %v", errs)
	}
	if diff := cmp.Diff(ds.Companies, companies, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("companies round trip (-want +got):\n%s", diff)
	}

	buf.Reset()
	if err := customer.WriteOrders(&buf, slices.Values(ds.Orders), opts); err != nil {
		t.Fatal(err)
	}
	orders, errs := collect(customer.ReadOrders(&buf, opts))
	if len(errs) > 0 {
		t.Fatalf("ReadOrders: %v", errs)
	}
	if diff := cmp.Diff(ds.Orders, orders, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("orders round trip (-want +got):\n%s", diff)
	}
}

func TestReadPeopleHeaderMapping(t *testing.T) {
	in := "\ufeff手机号, 姓名 ,ID,性别,出生日期,Loyalty Card,兴趣\n" +
		"138-5550-1234,张三,P1,男,1990-05-01,LC-9,tea|travel\n" +
		"13955501234,李四,P2,女,,,\n"
	got, errs := collect(customer.ReadPeople(strings.NewReader(in), customer.CSVOptions{}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []customer.Person{
		{ID: "P1", Name: "张三", Gender: customer.Male, BirthDate: time.Date(1990, 5, 1, 0, 0, 0, 0, time.UTC),
			Phone: "138-5550-1234", Interests: []string{"tea", "travel"}, Attributes: map[string]string{"Loyalty Card": "LC-9"}},
		{ID: "P2", Name: "李四", Gender: customer.Female, Phone: "13955501234"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadPeople mismatch (-want +got):\n%s", diff)
	}
	// A host mapping takes precedence over the built-in aliases.
	in = "member_no;phone\nM7;13955501234\n"
	got, errs = collect(customer.ReadPeople(strings.NewReader(in), customer.CSVOptions{Comma: ';', Columns: map[string]string{"Member No": "id"}}))
	if len(errs) > 0 || len(got) != 1 || got[0].ID != "M7" {
		t.Fatalf("custom column mapping: %+v, %v", got, errs)
	}
}

func TestReadOrdersBadRows(t *testing.T) {
	in := strings.Join([]string{
		"id,customer_id,at,amount,channel",
		"o1,A,2026-01-02,10.50,online",      // line 2: fine
		"o2,A,2026-02-30,10,online",         // line 3: no such date
		"o3,A,2026-01-03,NaN,online",        // line 4: NaN
		"o4,,2026-01-03,5,online",           // line 5: no customer
		"o5,B,2026-01-03,\"1,000.00\",shop", // line 6: thousands separator
		"o6,B,2026-01-03",                   // line 7: short row
		"o7,B,2026-01-03,Inf,online",        // line 8: infinity
		"o8,B,2026-01-03T10:00:00+08:00,-3,offline",
		"o9,B,2026-01-04,¥5,online", // line 10: currency sign
		"o10,B,2026-01-05,,online",  // line 11: empty amount
	}, "\n") + "\n"
	got, errs := collect(customer.ReadOrders(strings.NewReader(in), customer.CSVOptions{}))
	if ids := []string{got[0].ID, got[1].ID}; len(got) != 2 || ids[0] != "o1" || ids[1] != "o8" {
		t.Fatalf("records = %+v", got)
	}
	want := []struct {
		line   int
		field  string
		reason error
	}{
		{3, "at", customer.ErrInvalidDate},
		{4, "amount", customer.ErrInvalidAmount},
		{5, "customer_id", customer.ErrEmpty},
		{6, "amount", customer.ErrInvalidAmount},
		{7, "", customer.ErrFieldCount},
		{8, "amount", customer.ErrInvalidAmount},
		{10, "amount", customer.ErrInvalidAmount},
		{11, "amount", customer.ErrEmpty},
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d errors, want %d: %v", len(errs), len(want), errs)
	}
	for i, w := range want {
		var pe *customer.FieldError
		if !errors.As(errs[i], &pe) || pe.Line != w.line || pe.Field != w.field || !errors.Is(errs[i], w.reason) {
			t.Errorf("error %d = %v, want line %d field %q wrapping %v", i, errs[i], w.line, w.field, w.reason)
		}
	}
}

func TestReadCSVHeaderErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{"missing required", "id,at\nx,2026-01-01\n", customer.ErrMissingColumn},
		{"duplicate column", "customer_id,at,amount,客户ID\nA,2026-01-01,1,B\n", customer.ErrDuplicateColumn},
		{"duplicate unknown column", "customer_id,at,amount,store, store\nA,2026-01-01,1,S1,S2\n", customer.ErrDuplicateColumn},
	}
	for _, tt := range tests {
		_, errs := collect(customer.ReadOrders(strings.NewReader(tt.in), customer.CSVOptions{}))
		if len(errs) != 1 || !errors.Is(errs[0], tt.want) {
			t.Errorf("%s: errors = %v, want one %v", tt.name, errs, tt.want)
		}
	}
	// Empty input is no records and no error.
	recs, errs := collect(customer.ReadOrders(strings.NewReader(""), customer.CSVOptions{}))
	if len(recs) != 0 || len(errs) != 0 {
		t.Errorf("empty input: %v, %v", recs, errs)
	}
}

func TestReadCSVBadQuoteContinues(t *testing.T) {
	in := "id,name\nP1,\"unterminated\nP2,ok\n"
	recs, errs := collect(customer.ReadPeople(strings.NewReader(in), customer.CSVOptions{}))
	if len(errs) != 1 {
		t.Fatalf("errors = %v", errs)
	}
	var pe *customer.FieldError
	if !errors.As(errs[0], &pe) || pe.Line != 2 {
		t.Fatalf("error = %v, want a FieldError on line 2", errs[0])
	}
	_ = recs // the rest of the file is inside the open quote
}

func TestWriteRejectsUnreadableLists(t *testing.T) {
	p := customer.Person{ID: "P1", Interests: []string{"tea|coffee"}}
	var buf bytes.Buffer
	err := customer.WritePeople(&buf, slices.Values([]customer.Person{p}), customer.CSVOptions{})
	if !errors.Is(err, customer.ErrInvalidValue) {
		t.Fatalf("WritePeople = %v, want ErrInvalidValue", err)
	}
}

func FuzzReadOrders(f *testing.F) {
	f.Add("id,customer_id,at,amount,category,channel,discounted\no1,A,2026-01-02,10.50,books,online,true\n")
	f.Add("customer_id,at,amount\nA,2026-02-30,1\n")
	f.Add("customer_id,at,amount,x\n\"A,2026-01-01,1e3,\xff\n")
	f.Add("客户ID,下单时间,金额\nA,20260101,-5\n")
	f.Add("customer_id,at,amount\nA,2026/1/2 13:45,1\nB,2026年1月2日 9:05:07,2\n")
	f.Add("customer_id,at,amount,category\nA,2026-01-02,1,\xb7\xfe\xd7\xb0\n")
	f.Fuzz(func(t *testing.T, in string) {
		for _, enc := range []string{"", "GB18030"} {
			opts := customer.CSVOptions{Encoding: enc}
			var recs []customer.Order
			for o, err := range customer.ReadOrders(strings.NewReader(in), opts) {
				if err != nil {
					var pe *customer.FieldError
					if !errors.As(err, &pe) {
						t.Fatalf("%q: error %v is not a *FieldError", enc, err)
					}
					continue
				}
				if o.CustomerID == "" || o.At.IsZero() {
					t.Fatalf("%q: record without customer or time: %+v", enc, o)
				}
				if s, ok := invalidText(reflect.ValueOf(o)); ok {
					t.Fatalf("%q: record with text %q that is not UTF-8", enc, s)
				}
				recs = append(recs, o)
			}
			// What was read writes and reads back the same, in either
			// encoding (a GB18030 reader takes U+FFFD, which its decoder
			// puts for bytes it cannot read, as an error).
			for _, out := range []string{"", "GB18030"} {
				if out == "GB18030" && slices.ContainsFunc(recs, func(o customer.Order) bool {
					_, ok := findText(reflect.ValueOf(o), func(s string) bool { return strings.ContainsRune(s, utf8.RuneError) })
					return ok
				}) {
					continue
				}
				wopts := customer.CSVOptions{Encoding: out}
				var buf bytes.Buffer
				if err := customer.WriteOrders(&buf, slices.Values(recs), wopts); err != nil {
					continue // e.g. attributes with unusual keys; writing may refuse, never lose
				}
				again, errs := collect(customer.ReadOrders(&buf, wopts))
				if len(errs) > 0 {
					t.Fatalf("%q to %q: re-reading written orders: %v", enc, out, errs)
				}
				if diff := cmp.Diff(recs, again, cmpopts.EquateEmpty()); diff != "" {
					t.Fatalf("%q to %q: round trip (-read +reread):\n%s", enc, out, diff)
				}
			}
		}
	})
}

func FuzzReadPeople(f *testing.F) {
	f.Add("id,name,phone,birth_date,interests\nP1,张三,13812345678,1990-01-01,a|b\n")
	f.Add("姓名,ID\n\xff,1\n")
	f.Add("id,gender\nP1,unknown\n")
	f.Fuzz(func(t *testing.T, in string) {
		for p, err := range customer.ReadPeople(strings.NewReader(in), customer.CSVOptions{}) {
			if err != nil {
				var pe *customer.FieldError
				if !errors.As(err, &pe) {
					t.Fatalf("error %v is not a *FieldError", err)
				}
				continue
			}
			if s, ok := invalidText(reflect.ValueOf(p)); ok {
				t.Fatalf("record with text %q that is not UTF-8", s)
			}
			_ = customer.Validator{}.ValidatePerson(&p) // must not panic on anything read
		}
	})
}

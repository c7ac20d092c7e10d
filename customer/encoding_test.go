package customer_test

import (
	"bytes"
	"database/sql/driver"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// The GBK and GB18030 bytes below are iconv's (glibc 2.36): in GBK
// "客户ID" is BF CD BB A7 49 44, "下单时间" CF C2 B5 A5 CA B1 BC E4, "金额"
// BD F0 B6 EE, "服装" B7 FE D7 B0 and "张三" D5 C5 C8 FD; U+1F600 is the
// four-byte 94 39 FC 36 in GB18030.
const (
	gbkCustomerID = "\xbf\xcd\xbb\xa7ID"
	gbkOrderTime  = "\xcf\xc2\xb5\xa5\xca\xb1\xbc\xe4"
	gbkAmount     = "\xbd\xf0\xb6\xee"
	gbkClothes    = "\xb7\xfe\xd7\xb0"
	gbkZhangSan   = "\xd5\xc5\xc8\xfd"
	gb18030Smile  = "\x94\x39\xfc\x36"
)

func TestReadOrdersGBKHeader(t *testing.T) {
	in := gbkCustomerID + ",at,amount\nC001,2026-01-02,99.50\n"
	got, errs := collect(customer.ReadOrders(strings.NewReader(in), customer.CSVOptions{}))
	if len(got) != 0 || len(errs) != 1 {
		t.Fatalf("read %d orders and errors %v, want one error and nothing else", len(got), errs)
	}
	var fe *customer.FieldError
	if !errors.As(errs[0], &fe) || fe.Line != 1 || fe.Column != 1 ||
		!errors.Is(errs[0], customer.ErrInvalidUTF8) || !errors.Is(errs[0], customer.ErrInvalidValue) {
		t.Fatalf("error = %v, want line 1, column 1, wrapping ErrInvalidUTF8 and ErrInvalidValue", errs[0])
	}
	if msg := errs[0].Error(); !strings.Contains(msg, "GB18030") || strings.Contains(msg, gbkCustomerID[:4]) {
		t.Errorf("message %q does not name GB18030, or quotes the bytes", msg)
	}
}

func TestReadOrdersInvalidUTF8Cells(t *testing.T) {
	in := "id,customer_id,at,amount,category,note\n" +
		"o1,C001,2026-01-02,99.50," + gbkClothes + ",\n" + // a GBK category
		"o2,C001,2026-01-03,10,books,caf\xe9\n" + // a Latin-1 attribute
		"o3,C00\xff,2026-01-03,10,books,\n" + // a byte no encoding of Chinese uses
		"o4,C002,2026-01-04,12,food,emoji " + gb18030Smile + "\n" +
		"o5,C002,2026-01-05,13,food,ok\n"
	got, errs := collect(customer.ReadOrders(strings.NewReader(in), customer.CSVOptions{}))
	if len(got) != 1 || got[0].ID != "o5" {
		t.Errorf("read %v, want only o5", orderIDs(got))
	}
	want := []struct {
		line, col int
		field     string
		hint      bool
	}{
		{2, 5, "category", true},
		{3, 6, "note", false},
		{4, 2, "customer_id", false},
		{5, 6, "note", true},
	}
	if len(errs) != len(want) {
		t.Fatalf("errors = %v, want %d", errs, len(want))
	}
	for i, w := range want {
		var fe *customer.FieldError
		if !errors.As(errs[i], &fe) || fe.Line != w.line || fe.Column != w.col || fe.Field != w.field ||
			!errors.Is(errs[i], customer.ErrInvalidUTF8) {
			t.Errorf("error %d = %v, want line %d, column %d (%s) wrapping ErrInvalidUTF8", i, errs[i], w.line, w.col, w.field)
			continue
		}
		if hint := strings.Contains(errs[i].Error(), "GBK or GB18030"); hint != w.hint {
			t.Errorf("error %d = %q: GBK hint %v, want %v", i, errs[i], hint, w.hint)
		}
	}
	const msg = "customer: csv line 2, column 5 (category): invalid value: invalid UTF-8 " +
		`(the bytes look like GBK or GB18030: read with CSVOptions.Encoding "GB18030")`
	if s := errs[0].Error(); s != msg {
		t.Errorf("message = %q, want %q", s, msg)
	}
}

func TestReadOrdersInvalidUTF8Attributes(t *testing.T) {
	// An attributes column decodes %-escapes: the decoded text must be
	// UTF-8 too.
	in := "customer_id,at,amount,attributes\nC001,2026-01-02,1,k=%FF\nC001,2026-01-02,1,k=%E4%B8%AD\n"
	got, errs := collect(customer.ReadOrders(strings.NewReader(in), customer.CSVOptions{}))
	if len(got) != 1 || got[0].Attributes["k"] != "中" {
		t.Errorf("read %+v, want one order with k=中", got)
	}
	var fe *customer.FieldError
	if len(errs) != 1 || !errors.As(errs[0], &fe) || fe.Line != 2 || fe.Field != "attributes" || !errors.Is(errs[0], customer.ErrInvalidUTF8) {
		t.Errorf("errors = %v, want line 2 (attributes) wrapping ErrInvalidUTF8", errs)
	}
}

func TestScanRowsInvalidUTF8(t *testing.T) {
	at := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	db := &fakeDB{
		columns: []string{"id", "customer_id", "at", "amount", "category", "shop"},
		types:   []string{"TEXT", "TEXT", "TIMESTAMPTZ", "NUMERIC", "TEXT", "TEXT"},
		rows: [][]driver.Value{
			{"o1", "c1", at, "10", gbkClothes, "a"},
			{"o2", "c1", at, "10", "books", []byte(gbkClothes)},
			{"o3", "c1", at, "10", "books", "b"},
		},
	}
	got, errs := scanOrders(t, db, customer.CSVOptions{})
	if ids := orderIDs(got); len(ids) != 1 || ids[0] != "o3" {
		t.Errorf("orders read = %v, want o3", ids)
	}
	want := []struct {
		row, col int
		field    string
	}{{1, 5, "category"}, {2, 6, "shop"}}
	if len(errs) != len(want) {
		t.Fatalf("errors = %v, want %d", errs, len(want))
	}
	for i, w := range want {
		var fe *customer.FieldError
		if !errors.As(errs[i], &fe) || fe.Row != w.row || fe.Column != w.col || fe.Field != w.field ||
			!errors.Is(errs[i], customer.ErrInvalidUTF8) || !strings.Contains(errs[i].Error(), "GB18030") {
			t.Errorf("error %d = %v, want row %d, column %d (%s) wrapping ErrInvalidUTF8 with the GBK hint", i, errs[i], w.row, w.col, w.field)
		}
	}
}

// TestReadOrdersGB18030 reads a file as Excel on Chinese Windows saves it.
func TestReadOrdersGB18030(t *testing.T) {
	in := gbkCustomerID + "," + gbkOrderTime + "," + gbkAmount + ",category,note\n" +
		gbkZhangSan + ",2026/1/2 13:45,99.50," + gbkClothes + "," + gb18030Smile + "\n" +
		"B,2026/1/3 9:00,5,x\x81\x20y,\n" + // 0x81 0x20 is no GB18030 character
		"C,2026/1/4 9:00,6,books,\n"
	for _, name := range []string{"GB18030", "gbk", "cp-936"} {
		got, errs := collect(customer.ReadOrders(strings.NewReader(in), customer.CSVOptions{Encoding: name}))
		if len(got) != 2 || got[0].CustomerID != "张三" || got[0].Category != "服装" ||
			got[0].Attributes["note"] != "\U0001F600" || got[0].At.Hour() != 13 || got[1].CustomerID != "C" {
			t.Errorf("%s: read %+v, want 张三's 服装 with a 😀 note, and C's order", name, got)
		}
		var fe *customer.FieldError
		if len(errs) != 1 || !errors.As(errs[0], &fe) || fe.Line != 3 || fe.Field != "category" ||
			!errors.Is(errs[0], customer.ErrInvalidUTF8) || !strings.Contains(errs[0].Error(), "not GB18030") {
			t.Errorf("%s: errors %v, want line 3 (category) wrapping ErrInvalidUTF8, not GB18030", name, errs)
		}
	}
}

// TestWriteOrdersEncodings writes for Excel: GB18030 bytes as iconv
// writes them, or UTF-8 behind a byte-order mark; both read back.
func TestWriteOrdersEncodings(t *testing.T) {
	at := time.Date(2026, 1, 2, 13, 45, 0, 0, time.UTC)
	orders := []customer.Order{{ID: "o1", CustomerID: "张三", At: at, Amount: decimal.RequireFromString("99.5"), Category: "服装",
		Attributes: map[string]string{"note": "\U0001F600"}}}
	for _, c := range []struct {
		encoding, prefix string
		contains         []string
	}{
		{"GB18030", "id,customer_id", []string{"," + gbkZhangSan + ",", "," + gbkClothes + ",", "note=%F0%9F%98%80"}},
		{"UTF-8-BOM", "\ufeffid,customer_id", []string{",张三,", ",服装,"}},
		{"", "id,customer_id", []string{",张三,", ",服装,"}},
	} {
		var buf bytes.Buffer
		opts := customer.CSVOptions{Encoding: c.encoding}
		if err := customer.WriteOrders(&buf, slices.Values(orders), opts); err != nil {
			t.Fatalf("%q: %v", c.encoding, err)
		}
		out := buf.String()
		if !strings.HasPrefix(out, c.prefix) {
			t.Errorf("%q: output begins %q, want %q", c.encoding, out[:min(len(out), 20)], c.prefix)
		}
		for _, want := range c.contains {
			if !strings.Contains(out, want) {
				t.Errorf("%q: output %q lacks %q", c.encoding, out, want)
			}
		}
		again, errs := collect(customer.ReadOrders(&buf, opts))
		if len(errs) != 0 || !cmp.Equal(again, orders) {
			t.Errorf("%q: read back %+v, %v; want %+v", c.encoding, again, errs, orders)
		}
	}
	// A character outside GBK, in a text column of its own, takes
	// GB18030's four bytes.
	var buf bytes.Buffer
	smile := []customer.Order{{CustomerID: "A", At: at, Amount: decimal.New(1, 0), Category: "\U0001F600"}}
	if err := customer.WriteOrders(&buf, slices.Values(smile), customer.CSVOptions{Encoding: "GB18030"}); err != nil ||
		!strings.Contains(buf.String(), ","+gb18030Smile+",") {
		t.Errorf("wrote %q, %v; want the four bytes of U+1F600", buf.String(), err)
	}
	// Text that is not UTF-8 has no GB18030 form: an error, not U+FFFD.
	bad := []customer.Order{{CustomerID: "A", At: at, Amount: decimal.New(1, 0), Category: "x\xffy"}}
	err := customer.WriteOrders(io.Discard, slices.Values(bad), customer.CSVOptions{Encoding: "GB18030"})
	if !errors.Is(err, customer.ErrInvalidUTF8) || !strings.Contains(err.Error(), "record 1, category") {
		t.Errorf("writing text that is not UTF-8 as GB18030: %v, want record 1, category, wrapping ErrInvalidUTF8", err)
	}
}

func TestEncodingConfig(t *testing.T) {
	opts := customer.CSVOptions{Encoding: "latin1"}
	_, errs := collect(customer.ReadOrders(strings.NewReader("customer_id,at,amount\n"), opts))
	if len(errs) != 1 || !errors.Is(errs[0], customer.ErrConfig) || !strings.Contains(errs[0].Error(), `"latin1"`) {
		t.Errorf("reading with Encoding latin1: %v, want one error wrapping ErrConfig", errs)
	}
	if err := customer.WriteOrders(io.Discard, slices.Values([]customer.Order(nil)), opts); !errors.Is(err, customer.ErrConfig) {
		t.Errorf("writing with Encoding latin1: %v, want ErrConfig", err)
	}
}

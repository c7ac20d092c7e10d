package customer_test

import (
	"database/sql/driver"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
)

// The GBK and GB18030 bytes below are iconv's (glibc 2.36): "客户ID" is
// BF CD BB A7 49 44 and "服装" is B7 FE D7 B0 in GBK; U+1F600 is the
// four-byte 94 39 FC 36 in GB18030.
const (
	gbkCustomerID = "\xbf\xcd\xbb\xa7ID"
	gbkClothes    = "\xb7\xfe\xd7\xb0"
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
	const msg = "customer: csv line 2, column 5 (category): invalid value: invalid UTF-8 (the bytes look like GBK or GB18030: " +
		"decode the input to UTF-8 first, e.g. with golang.org/x/text/encoding/simplifiedchinese.GB18030.NewDecoder())"
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

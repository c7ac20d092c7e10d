package customer_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
)

// TestReadOrdersTimeFormats reads the time formats of the tools orders
// come from, one file with every format in turn (so the reader's guess of
// the last format is wrong on each row), and rejects the ambiguous and
// the impossible.
func TestReadOrdersTimeFormats(t *testing.T) {
	day := func(h, m, s int) time.Time { return time.Date(2026, 1, 2, h, m, s, 0, shanghai) }
	good := []struct {
		in   string
		want time.Time
	}{
		{"2026-01-02", day(0, 0, 0)},
		{"2026-1-2", day(0, 0, 0)},
		{"20260102", day(0, 0, 0)},
		{"2026/1/2", day(0, 0, 0)},
		{"2026/1/2 13:45", day(13, 45, 0)}, // Excel on Chinese Windows
		{"2026/01/02 13:45:07", day(13, 45, 7)},
		{"2026/1/2 9:05", day(9, 5, 0)},
		{"2026-01-02 13:45:07", day(13, 45, 7)},
		{"2026-01-02T13:45", day(13, 45, 0)}, // HTML datetime-local
		{"2026-01-02T13:45:07", day(13, 45, 7)},
		{"2026年1月2日", day(0, 0, 0)},
		{"2026年01月02日 13:45", day(13, 45, 0)},
		{"2026年1月2日 13:45:07", day(13, 45, 7)},
		{"2026-01-02T13:45:07+08:00", day(13, 45, 7)},
		{"2026-01-02T05:45:07Z", day(13, 45, 7)},
		{"2026-01-02 13:45:07+08", day(13, 45, 7)},
	}
	const form = "not a date or time (want YYYY-MM-DD, YYYY/M/D"
	bad := []struct{ in, msg string }{
		{"1/2/2026", form},   // month or day first: ambiguous
		{"02/01/2026", form}, // the same
		{"2026/13/1", "no such date or time (month out of range)"},
		{"2026-02-30", "no such date or time (day out of range)"},
		{"2026/1/2 13:5", form}, // minutes have two digits
		{"2026/1/2 24:00", "no such date or time (hour out of range)"},
		{"2026年1月2", form},
		{"2026.01.02", form},
		{"26/1/2", form},
	}
	var b strings.Builder
	b.WriteString("id,customer_id,at,amount\n")
	for i, c := range good {
		b.WriteString("g" + string(rune('a'+i)) + ",C1," + c.in + ",1\n")
	}
	for i, c := range bad {
		b.WriteString("b" + string(rune('a'+i)) + ",C1," + c.in + ",1\n")
	}
	got, errs := collect(customer.ReadOrders(strings.NewReader(b.String()), customer.CSVOptions{Location: shanghai}))
	if len(got) != len(good) {
		t.Fatalf("read %d orders, want %d; errors %v", len(got), len(good), errs)
	}
	for i, c := range good {
		if !got[i].At.Equal(c.want) {
			t.Errorf("%q read as %v, want %v", c.in, got[i].At, c.want)
		}
	}
	if len(errs) != len(bad) {
		t.Fatalf("errors = %v, want %d", errs, len(bad))
	}
	for i, err := range errs {
		var fe *customer.FieldError
		if !errors.As(err, &fe) || fe.Line != 2+len(good)+i || fe.Field != "at" || !errors.Is(err, customer.ErrInvalidDate) ||
			!strings.Contains(err.Error(), bad[i].msg) || strings.Contains(err.Error(), bad[i].in) {
			t.Errorf("%q: error %v, want line %d (at) wrapping ErrInvalidDate, saying %q, not quoting the value", bad[i].in, err, 2+len(good)+i, bad[i].msg)
		}
	}
}

// TestReadOrdersAmountHints: amounts as spreadsheets format them are
// refused, with a message that says how to write them.
func TestReadOrdersAmountHints(t *testing.T) {
	for _, c := range []struct{ in, hint string }{
		{`"1,299.50"`, "thousands separator or decimal comma"},
		{`"1299,50"`, "thousands separator or decimal comma"},
		{"¥1299.50", "currency sign"},
		{"1299.50元", "currency sign"},
		{"12 99", ""},
		{"1299.5.0", ""},
	} {
		in := "customer_id,at,amount\nC1,2026-01-02," + c.in + "\n"
		got, errs := collect(customer.ReadOrders(strings.NewReader(in), customer.CSVOptions{}))
		if len(got) != 0 || len(errs) != 1 || !errors.Is(errs[0], customer.ErrInvalidAmount) {
			t.Errorf("%s: read %v, errors %v, want one error wrapping ErrInvalidAmount", c.in, got, errs)
			continue
		}
		msg := errs[0].Error()
		if c.hint == "" && strings.Contains(msg, "write 1299.50") || c.hint != "" && !strings.Contains(msg, c.hint) {
			t.Errorf("%s: message %q, want hint %q", c.in, msg, c.hint)
		}
	}
}

// TestReadCustomerIDAsID: in a file of persons or companies, a customer ID
// column is the records' ID, unless an ID column is there too.
func TestReadCustomerIDAsID(t *testing.T) {
	people, errs := collect(customer.ReadPeople(strings.NewReader("客户编号,姓名\nP1,张三\n"), customer.CSVOptions{}))
	if len(errs) != 0 || len(people) != 1 || people[0].ID != "P1" || people[0].Name != "张三" {
		t.Errorf("客户编号: read %+v, errors %v, want P1 张三", people, errs)
	}
	people, errs = collect(customer.ReadPeople(strings.NewReader("id,customer_id\nP1,C9\n"), customer.CSVOptions{}))
	if len(errs) != 0 || len(people) != 1 || people[0].ID != "P1" || people[0].Attributes["customer_id"] != "C9" {
		t.Errorf("id and customer_id: read %+v, errors %v, want ID P1 and attribute customer_id C9", people, errs)
	}
	companies, errs := collect(customer.ReadCompanies(strings.NewReader("名称,客户ID\n甲公司,K1\n"), customer.CSVOptions{}))
	if len(errs) != 0 || len(companies) != 1 || companies[0].ID != "K1" {
		t.Errorf("客户ID: read %+v, errors %v, want K1", companies, errs)
	}
	orders, errs := collect(customer.ReadOrders(strings.NewReader("订单编号,客户ID,下单时间,金额\nO1,P1,2026/1/2 13:45,99.5\n"), customer.CSVOptions{}))
	if len(errs) != 0 || len(orders) != 1 || orders[0].ID != "O1" || orders[0].CustomerID != "P1" {
		t.Errorf("订单编号: read %+v, errors %v, want order O1 of P1", orders, errs)
	}
}

func TestParseChannel(t *testing.T) {
	for in, want := range map[string]customer.Channel{
		"online": customer.ChannelOnline, " Online ": customer.ChannelOnline, "线上": customer.ChannelOnline,
		"官网": customer.ChannelOnline, "APP": customer.ChannelApp, "手机App": customer.ChannelApp,
		"小程序": customer.ChannelMiniProgram, "Mini Program": customer.ChannelMiniProgram, "mini-program": customer.ChannelMiniProgram,
		"门店": customer.ChannelOffline, "线下": customer.ChannelOffline, "POS": customer.ChannelOffline,
		"电销": customer.ChannelPhone, "Call Centre": customer.ChannelPhone, "经销商": customer.ChannelPartner,
		"天猫": "天猫", " 京东 ": " 京东 ", "": "", "offline store": "offline store",
	} {
		if got := customer.ParseChannel(in); got != want {
			t.Errorf("ParseChannel(%q) = %q, want %q", in, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { customer.ParseChannel("天猫") }); n != 0 {
		t.Errorf("ParseChannel of an unknown channel allocates %v times", n)
	}
}

// TestReadOrdersChannels: Summarize counts the channels of a Chinese
// export as online and in store.
func TestReadOrdersChannels(t *testing.T) {
	in := "客户ID,下单时间,金额,渠道\nA,2026/1/2,10,线上\nA,2026/1/3,10,门店\nA,2026/1/4,10,微信小程序\nA,2026/1/5,10,天猫\n"
	orders, errs := collect(customer.ReadOrders(strings.NewReader(in), customer.CSVOptions{}))
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	sums, _, err := customer.Summarize(t.Context(), slices.Values(orders), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), customer.SummaryOptions{})
	if err != nil || len(sums) != 1 {
		t.Fatal(sums, err)
	}
	// 线上 and 微信小程序 are online, 门店 in store, 天猫 neither.
	if on, off := sums[0].OnlineShare(), sums[0].OfflineShare(); on != 0.5 || off != 0.25 {
		t.Errorf("online share %v, offline %v, want 0.5 and 0.25", on, off)
	}
}

func FuzzParseChannel(f *testing.F) {
	for _, s := range []string{"线上", " Online ", "mini-program", "天猫", "", "\xff", "Ａｐｐ"} {
		f.Add(s)
	}
	known := []customer.Channel{customer.ChannelOnline, customer.ChannelApp, customer.ChannelMiniProgram,
		customer.ChannelOffline, customer.ChannelPhone, customer.ChannelPartner}
	f.Fuzz(func(t *testing.T, s string) {
		c := customer.ParseChannel(s)
		if string(c) != s && !slices.Contains(known, c) {
			t.Fatalf("ParseChannel(%q) = %q, neither the input nor a known channel", s, c)
		}
		if again := customer.ParseChannel(string(c)); again != c {
			t.Fatalf("ParseChannel(%q) = %q, but ParseChannel(%q) = %q", s, c, c, again)
		}
	})
}

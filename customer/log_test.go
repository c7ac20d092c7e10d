package customer_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
)

// noTime makes slog handlers leave the time out, for tests that look for
// digits in their output: a timestamp's digits can hold them by chance
// (05:41:12.455504044 contains "5550", a test phone number's part).
var noTime = &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}}

func TestNoPIIInLogs(t *testing.T) {
	p := customer.Person{
		ID:        "P1",
		Name:      "欧阳娜娜",
		Gender:    customer.Female,
		BirthDate: time.Date(1949, 12, 31, 0, 0, 0, 0, time.UTC),
		IDNumber:  "11010519491231002X",
		City:      "北京",
		Phone:     "+86 138 5550 1234",
		Email:     "nana.ouyang@example.com",
		DeviceIDs: []string{"dev-0123456789abcdef"},
	}
	c := customer.Company{
		ID:         "C1",
		Name:       "杭州示例科技有限公司",
		CreditCode: "911101051234567883",
		Contacts:   []customer.Contact{{Name: "王小明", Title: "采购经理", Phone: "13955501234", Email: "xiaoming.wang@example.cn"}},
	}
	// An individual business (个体工商户, credit code 92…) registered
	// under its operator's name.
	sole := customer.Company{ID: "C2", Name: "李建国", CreditCode: "92330106MA2B3C4D1X"}
	secrets := []string{
		"娜娜", "11010519491231002X", "19491231", "5550 1234", "13855501234", "5550",
		"nana.ouyang", "小明", "13955501234", "xiaoming.wang", "dev-0123456789abcdef",
		"建国",
	}

	var buf bytes.Buffer
	for _, h := range []slog.Handler{slog.NewTextHandler(&buf, noTime), slog.NewJSONHandler(&buf, noTime)} {
		l := slog.New(h)
		l.Info("person", "p", p)
		l.Info("company", "c", c)
		l.Info("contact", "ct", c.Contacts[0])
		l.Info("company", "c", sole)
	}
	fmt.Fprintf(&buf, "%v %+v %#v %s\n", p, p, p, p)
	fmt.Fprintf(&buf, "%v %+v %#v %s\n", c, c, c, c)
	fmt.Fprintf(&buf, "%v %+v %#v %s\n", sole, sole, sole, sole)
	fmt.Fprintf(&buf, "%v %+v %#v\n", c.Contacts[0], c.Contacts[0], c.Contacts[0])
	fmt.Fprintf(&buf, "%v %+v\n", &p, &c)
	fmt.Fprintf(&buf, "%v\n", []customer.Person{p})
	out := buf.String()
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("output contains %q:\n%s", s, out)
		}
	}
	// The masked forms are there, so the logs stay useful.
	// So are a company's name and credit code, which are business
	// registration data.
	for _, s := range []string{
		"欧阳**", "+86 138 **** 1234", "139****1234", "n***@example.com", "1101**********002X", "王**", "birth_year",
		"李**", "杭州示例科技有限公司", "911101051234567883", "92330106MA2B3C4D1X",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks masked %q:\n%s", s, out)
		}
	}
}

func TestCompanyLogName(t *testing.T) {
	for _, tc := range []struct {
		name, code, want string
	}{
		{"杭州示例科技有限公司", "911101051234567883", "杭州示例科技有限公司"}, // 企业
		{"李建国", "92330106MA2B3C4D1X", "李**"},               // 个体工商户
		{"李建国小吃店", "92330106MA2B3C4D1X", "李*****"},
		{"李建国", " ９２330106ma2b3c4d1x ", "李**"},           // full-width and lower case, as NormalizeCreditCode folds them
		{"李建国", "92330106", "李**"},                       // mistyped: the type is still 个体工商户
		{"某某农民专业合作社", "93330106MA2B3C4D1X", "某某农民专业合作社"}, // 农民专业合作社, not an individual
		{"李建国", "", "李建国"},                               // no code: nothing tells it is an individual
		{"", "92330106MA2B3C4D1X", ""},
	} {
		c := customer.Company{Name: tc.name, CreditCode: tc.code}
		if got := c.LogName(); got != tc.want {
			t.Errorf("Company{Name: %q, CreditCode: %q}.LogName() = %q, want %q", tc.name, tc.code, got, tc.want)
		}
	}
}

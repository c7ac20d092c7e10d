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
	secrets := []string{
		"娜娜", "11010519491231002X", "19491231", "5550 1234", "13855501234", "5550",
		"nana.ouyang", "小明", "13955501234", "xiaoming.wang", "dev-0123456789abcdef",
	}

	var buf bytes.Buffer
	for _, h := range []slog.Handler{slog.NewTextHandler(&buf, noTime), slog.NewJSONHandler(&buf, noTime)} {
		l := slog.New(h)
		l.Info("person", "p", p)
		l.Info("company", "c", c)
		l.Info("contact", "ct", c.Contacts[0])
	}
	fmt.Fprintf(&buf, "%v %+v %#v %s\n", p, p, p, p)
	fmt.Fprintf(&buf, "%v %+v %#v %s\n", c, c, c, c)
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
	for _, s := range []string{"欧阳**", "+86 138 **** 1234", "139****1234", "n***@example.com", "1101**********002X", "王**", "birth_year"} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks masked %q:\n%s", s, out)
		}
	}
}

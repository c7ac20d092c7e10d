package privacy_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/privacy"
)

type testAddress struct {
	Line string `mask:"address"`
	City string `sensitivity:"public"`
}

type testContact struct {
	Kind  string `sensitivity:"public"`
	Value string `mask:"phone"`
}

type testCustomer struct {
	ID       string            `json:"id" sensitivity:"public"`
	Name     string            `json:"name" mask:"name" sensitivity:"general"`
	Phone    string            `json:"phone" mask:"phone"`
	Email    string            `json:"email" mask:"email" sensitivity:"general"`
	IDNumber string            `json:"id_number" mask:"id"`
	Emails   []string          `mask:"email"`
	Home     testAddress       `json:"home"`
	Work     *testAddress      `json:"work"`
	Contacts []testContact     `sensitivity:"public"`
	Notes    map[string]string `mask:"middle"`
	Orders   int               `json:"orders" sensitivity:"public"`
	Since    time.Time         `json:"since" sensitivity:"public"`
	Birthday time.Time         `json:"birthday"`
	Next     *testCustomer
	secret   string
}

func sampleCustomer() testCustomer {
	return testCustomer{
		ID: "C001", Name: "王小明", Phone: "13812345678", Email: "zhangsan@example.com",
		IDNumber: "11010519491231002X", Emails: []string{"li@example.com", "wang@example.com"},
		Home:     testAddress{Line: "北京市海淀区中关村大街27号", City: "北京"},
		Work:     &testAddress{Line: "广东省深圳市南山区科技园", City: "深圳"},
		Contacts: []testContact{{Kind: "mobile", Value: "13987654321"}},
		Notes:    map[string]string{"vip": "likes tea"},
		Orders:   12, Since: time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC),
		Birthday: time.Date(1949, 12, 31, 0, 0, 0, 0, time.UTC),
		secret:   "unexported",
	}
}

var cmpCustomer = cmp.AllowUnexported(testCustomer{})

func TestMasked(t *testing.T) {
	var r privacy.Redactor
	in := sampleCustomer()
	orig := sampleCustomer()
	got, err := privacy.Masked(&r, in)
	if err != nil {
		t.Fatal(err)
	}
	want := sampleCustomer()
	want.Name, want.Phone, want.Email, want.IDNumber = "王**", "138****5678", "z***@example.com", "1101**********002X"
	want.Emails = []string{"l***@example.com", "w***@example.com"}
	want.Home.Line = "北京市**区****"
	want.Work = &testAddress{Line: "广东省深圳市**区****", City: "深圳"}
	want.Contacts = []testContact{{Kind: "mobile", Value: "139****4321"}}
	want.Notes = map[string]string{"vip": "l*******a"}
	if diff := cmp.Diff(want, got, cmpCustomer); diff != "" {
		t.Errorf("Masked mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(orig, in, cmpCustomer); diff != "" {
		t.Errorf("Masked modified its input (-want +got):\n%s", diff)
	}
	if got.Work == in.Work || &got.Emails[0] == &in.Emails[0] || &got.Contacts[0] == &in.Contacts[0] {
		t.Error("Masked copy shares memory with its input")
	}
	// The pointer form gives the same and leaves the input alone.
	gotPtr, err := privacy.Masked(&r, &in)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&want, gotPtr, cmpCustomer); diff != "" {
		t.Errorf("Masked(pointer) mismatch (-want +got):\n%s", diff)
	}
	if nilOut, err := privacy.Masked[*testCustomer](&r, nil); nilOut != nil || err != nil {
		t.Errorf("Masked(nil) = %v, %v; want nil, nil", nilOut, err)
	}
	// A nil Redactor works without a cache.
	if again, err := privacy.Masked(nil, in); err != nil || again.Phone != "138****5678" {
		t.Errorf("Masked(nil redactor) = %q, %v", again.Phone, err)
	}
}

func TestMaskedCycleIsAnError(t *testing.T) {
	c := sampleCustomer()
	c.Next = &c
	_, err := privacy.Masked(&privacy.Redactor{}, c)
	if !errors.Is(err, privacy.ErrTooDeep) {
		t.Errorf("Masked(cycle): err = %v, want ErrTooDeep", err)
	}
}

func TestMaskedPlanErrors(t *testing.T) {
	type unknownKind struct {
		Phone string `mask:"phnoe"`
	}
	type maskOnInt struct {
		Age int `mask:"middle"`
	}
	type funcField struct {
		Hook func()
	}
	type anyField struct {
		Extra any
	}
	type badLevel struct {
		X string `sensitivity:"secret"`
	}
	type optedOut struct {
		Extra any      `mask:"-"`
		Ch    chan int `mask:"-"`
	}
	var r privacy.Redactor
	tests := []struct {
		name string
		run  func() error
		want error
	}{
		{"unknown mask kind", func() error { _, err := privacy.Masked(&r, unknownKind{}); return err }, privacy.ErrConfig},
		{"mask on int", func() error { _, err := privacy.Masked(&r, maskOnInt{}); return err }, privacy.ErrConfig},
		{"func field", func() error { _, err := privacy.Masked(&r, funcField{}); return err }, privacy.ErrConfig},
		{"interface field", func() error { _, err := privacy.Masked(&r, anyField{}); return err }, privacy.ErrConfig},
		{"bad level", func() error { _, err := privacy.Masked(&r, badLevel{}); return err }, privacy.ErrConfig},
		{"not a struct", func() error { _, err := privacy.Masked(&r, "13812345678"); return err }, privacy.ErrConfig},
		{"opted out", func() error { _, err := privacy.Masked(&r, optedOut{Extra: 1}); return err }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Twice: the cached plan must give the same answer.
			for range 2 {
				if err := tt.run(); !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
					t.Fatalf("err = %v, want %v", err, tt.want)
				}
			}
		})
	}
	err := func() error { _, err := privacy.Masked(&r, unknownKind{}); return err }()
	if !strings.Contains(err.Error(), "Phone") {
		t.Errorf("error %q does not name the field", err)
	}
}

func TestMaskedCustomKind(t *testing.T) {
	type order struct {
		Plate string `mask:"plate"`
		Phone string `mask:"phone"`
	}
	r := privacy.Redactor{Maskers: map[string]func([]byte, string) []byte{
		"plate": func(dst []byte, s string) []byte { return privacy.AppendMaskMiddle(dst, s, 2, 1) },
		// A kind named like a built-in replaces it: here, '#' for '*'.
		"phone": func(dst []byte, s string) []byte {
			start := len(dst)
			dst = privacy.AppendMaskPhone(dst, s)
			for i := start; i < len(dst); i++ {
				if dst[i] == '*' {
					dst[i] = '#'
				}
			}
			return dst
		},
	}}
	got, err := privacy.Masked(&r, order{Plate: "京A12345", Phone: "13812345678"})
	if err != nil {
		t.Fatal(err)
	}
	if want := (order{Plate: "京A****5", Phone: "138####5678"}); got != want {
		t.Errorf("Masked = %+v, want %+v", got, want)
	}
}

func TestMaskedConcurrent(t *testing.T) {
	var r privacy.Redactor
	in := sampleCustomer()
	done := make(chan testCustomer)
	for range 8 {
		go func() {
			out, _ := privacy.Masked(&r, in)
			done <- out
		}()
	}
	first := <-done
	for range 7 {
		if diff := cmp.Diff(first, <-done, cmpCustomer); diff != "" {
			t.Errorf("concurrent Masked results differ (-first +other):\n%s", diff)
		}
	}
}

// tenStrings is the benchmark struct of the issue: ten string fields.
type tenStrings struct {
	Name     string `mask:"name"`
	Phone    string `mask:"phone"`
	Email    string `mask:"email"`
	IDNumber string `mask:"id"`
	Card     string `mask:"bankcard"`
	Address  string `mask:"address"`
	Company  string `mask:"middle"`
	City     string `sensitivity:"public"`
	Segment  string `sensitivity:"public"`
	Note     string `mask:"full"`
}

func sampleTen() tenStrings {
	return tenStrings{"王小明", "13812345678", "zhangsan@example.com", "11010519491231002X", "6222021234567890",
		"北京市海淀区中关村大街27号", "示例科技有限公司", "北京", "高价值", "VIP"}
}

func TestMaskedTenStrings(t *testing.T) {
	var r privacy.Redactor
	got, err := privacy.Masked(&r, sampleTen())
	if err != nil {
		t.Fatal(err)
	}
	want := tenStrings{"王**", "138****5678", "z***@example.com", "1101**********002X", "622202******7890",
		"北京市**区****", "示******司", "北京", "高价值", "***"}
	if got != want {
		t.Errorf("Masked(tenStrings) = %+v, want %+v", got, want)
	}
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under -race")
	}
	in := sampleTen()
	allocs := testing.AllocsPerRun(100, func() { _, _ = privacy.Masked(&r, in) })
	if allocs > 2 {
		t.Errorf("Masked(tenStrings): %v allocs, want at most 2", allocs)
	}
}

func BenchmarkMasked(b *testing.B) {
	var r privacy.Redactor
	b.Run("TenStrings", func(b *testing.B) {
		in := sampleTen()
		b.ReportAllocs()
		for b.Loop() {
			_, _ = privacy.Masked(&r, in)
		}
	})
	b.Run("TenStringsFourMasked", func(b *testing.B) {
		type tagged struct {
			ID       string `sensitivity:"public"`
			Name     string `mask:"name"`
			Phone    string `mask:"phone"`
			Email    string `mask:"email"`
			IDNumber string `mask:"id"`
			City     string
			Province string
			Segment  string
			Level    string
			Channel  string
		}
		in := tagged{"C001", "王小明", "13812345678", "zhangsan@example.com", "11010519491231002X", "北京", "北京", "高价值", "金卡", "app"}
		b.ReportAllocs()
		for b.Loop() {
			_, _ = privacy.Masked(&r, in)
		}
	})
	b.Run("Nested", func(b *testing.B) {
		in := sampleCustomer()
		b.ReportAllocs()
		for b.Loop() {
			_, _ = privacy.Masked(&r, in)
		}
	})
}

func TestMaskedEdgeValues(t *testing.T) {
	var r privacy.Redactor
	big := strings.Repeat("13812345678", 1<<20/11)
	in := testCustomer{Phone: big} // nil slices, maps and pointers
	got, err := privacy.Masked(&r, in)
	if err != nil {
		t.Fatal(err)
	}
	if got.Phone != privacy.MaskPhone(big) || strings.Count(got.Phone, "*") != len(big)-4 {
		t.Errorf("Masked 1 MB phone: %d stars, want %d", strings.Count(got.Phone, "*"), len(big)-4)
	}
	if got.Emails != nil || got.Notes != nil || got.Work != nil || got.Contacts != nil {
		t.Errorf("nil containers became non-nil: %+v", got)
	}
	empty := testCustomer{Emails: []string{}, Notes: map[string]string{}}
	got, err = privacy.Masked(&r, empty)
	if err != nil {
		t.Fatal(err)
	}
	if got.Emails == nil || len(got.Emails) != 0 || got.Notes == nil || len(got.Notes) != 0 {
		t.Errorf("empty containers changed: %+v", got)
	}
	// Invalid UTF-8 and separators pass through the struct path too.
	got, err = privacy.Masked(&r, testCustomer{Name: "\xff\xfe", Phone: "---"})
	if err != nil || got.Name != "**" || got.Phone != "---" {
		t.Errorf("Masked bad strings = %q %q, %v", got.Name, got.Phone, err)
	}
}

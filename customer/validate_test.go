package customer_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/shopspring/decimal"
)

// fieldErrors returns the fields named by the FieldErrors joined in err.
func fieldErrors(t *testing.T, err error) map[string]error {
	t.Helper()
	out := make(map[string]error)
	if err == nil {
		return out
	}
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error %v is not joined", err)
	}
	for _, e := range joined.Unwrap() {
		var fe *customer.FieldError
		if !errors.As(e, &fe) {
			t.Fatalf("error %v is not a *FieldError", e)
		}
		if _, dup := out[fe.Field]; dup {
			t.Fatalf("field %s reported twice", fe.Field)
		}
		out[fe.Field] = e
	}
	return out
}

func TestValidatePersonReportsEverything(t *testing.T) {
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	p := customer.Person{
		ID:        "P1",
		Name:      "张\xff",
		Gender:    customer.Male, // the ID number says female
		BirthDate: time.Date(1949, 12, 30, 0, 0, 0, 0, time.UTC),
		IDNumber:  "11010519491231002X",
		Phone:     "010-6555-1234",
		Email:     "zhang@@example.com",
		Interests: []string{"ok", "\xfe"},
		CreatedAt: asOf.AddDate(0, 0, 1),
		UpdatedAt: asOf.AddDate(0, 0, -1),
	}
	got := fieldErrors(t, customer.Validator{AsOf: asOf}.ValidatePerson(&p))
	want := map[string]error{
		"name":         customer.ErrInvalidUTF8,
		"interests[1]": customer.ErrInvalidUTF8,
		"phone":        customer.ErrInvalidPhone,
		"email":        customer.ErrInvalidEmail,
		"birth_date":   customer.ErrMismatch,
		"gender":       customer.ErrMismatch,
		"created_at":   customer.ErrFuture,
		"updated_at":   customer.ErrMismatch,
	}
	for field, reason := range want {
		if err, ok := got[field]; !ok || !errors.Is(err, reason) {
			t.Errorf("field %s: got %v, want %v", field, err, reason)
		}
	}
	for field, err := range got {
		if _, ok := want[field]; !ok {
			t.Errorf("unexpected error on %s: %v", field, err)
		}
	}
	msg := customer.Validator{AsOf: asOf}.ValidatePerson(&p).Error()
	for _, raw := range []string{"6555-1234", "zhang@@", "11010519491231002X"} {
		if strings.Contains(msg, raw) {
			t.Errorf("error text contains %q: %s", raw, msg)
		}
	}
}

func TestValidatePersonDates(t *testing.T) {
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		p      customer.Person
		field  string
		reason error
	}{
		{"valid", customer.Person{ID: "P", IDNumber: "11010519491231002x", Gender: customer.Female}, "", nil},
		{"no ID", customer.Person{}, "id", customer.ErrEmpty},
		{"future birth date", customer.Person{ID: "P", BirthDate: asOf.AddDate(0, 0, 1)}, "birth_date", customer.ErrFuture},
		{"birth before 1800", customer.Person{ID: "P", BirthDate: time.Date(1799, 1, 1, 0, 0, 0, 0, time.UTC)}, "birth_date", customer.ErrBirthDate},
		// A well-formed number whose birth date (2099-12-31) is after asOf.
		{"ID number born in the future", customer.Person{ID: "P", IDNumber: "330106209912310018"}, "id_number", customer.ErrFuture},
		{"Feb 30 in ID number", customer.Person{ID: "P", IDNumber: "110105199002301231"}, "id_number", customer.ErrBirthDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fieldErrors(t, customer.Validator{AsOf: asOf}.ValidatePerson(&tt.p))
			if tt.field == "" {
				if len(got) != 0 {
					t.Fatalf("Validate = %v, want nil", got)
				}
				return
			}
			if len(got) != 1 || !errors.Is(got[tt.field], tt.reason) {
				t.Fatalf("Validate = %v, want only %s: %v", got, tt.field, tt.reason)
			}
		})
	}
	// Without an as-of date nothing is in the future.
	p := customer.Person{ID: "P", BirthDate: asOf.AddDate(5, 0, 0)}
	if err := (customer.Validator{}).ValidatePerson(&p); err != nil {
		t.Fatalf("Validate(zero asOf) = %v", err)
	}
}

func TestValidateCompany(t *testing.T) {
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	c := customer.Company{
		ID:         "C1",
		CreditCode: "91350211M0000XUF46", // pilot-region code
		Employees:  -1,
		Revenue:    decimal.RequireFromString("-5"),
		Founded:    asOf.AddDate(1, 0, 0),
		Contacts:   []customer.Contact{{Name: "王五", Phone: "12345"}, {Email: "bad"}},
	}
	got := fieldErrors(t, customer.Validator{AsOf: asOf}.ValidateCompany(&c))
	want := map[string]error{
		"credit_code":       customer.ErrCheckCharacter,
		"employees":         customer.ErrNegative,
		"revenue":           customer.ErrNegative,
		"founded":           customer.ErrFuture,
		"contacts[0].phone": customer.ErrInvalidPhone,
		"contacts[1].email": customer.ErrInvalidEmail,
	}
	if len(got) != len(want) {
		t.Errorf("got %d errors, want %d: %v", len(got), len(want), got)
	}
	for field, reason := range want {
		if !errors.Is(got[field], reason) {
			t.Errorf("field %s: got %v, want %v", field, got[field], reason)
		}
	}
	// A resident ID number typed into the credit code column (the same
	// length) fails the check and is masked as an ID number.
	c = customer.Company{ID: "C1", CreditCode: "11010519491231002X"}
	err := customer.Validator{AsOf: asOf}.ValidateCompany(&c)
	var fe *customer.FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("ValidateCompany(ID number as credit code) = %v, want a FieldError", err)
	}
	if fe.Value != "1101**********002X" || strings.Contains(err.Error(), "0519491231") {
		t.Errorf("ValidateCompany(ID number as credit code) = %v (value %q), want it masked", err, fe.Value)
	}
	// The lenient option accepts the pilot code.
	v := customer.Validator{AsOf: asOf, LenientCreditCodes: true}
	c = customer.Company{ID: "C1", CreditCode: "91350211M0000XUF46"}
	if err := v.ValidateCompany(&c); err != nil {
		t.Fatalf("lenient ValidateCompany = %v", err)
	}
}

func TestValidateOrder(t *testing.T) {
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	refund := customer.Order{Amount: decimal.NewFromInt(-5)}
	got := fieldErrors(t, customer.Validator{AsOf: asOf}.ValidateOrder(&refund))
	for _, f := range []string{"id", "customer_id", "at"} {
		if !errors.Is(got[f], customer.ErrEmpty) {
			t.Errorf("field %s: %v", f, got[f])
		}
	}
	if len(got) != 3 {
		t.Errorf("got %v; a refund amount is not an error", got)
	}
	future := customer.Order{ID: "1", CustomerID: "A", At: asOf.Add(time.Hour)}
	if got := fieldErrors(t, customer.Validator{AsOf: asOf}.ValidateOrder(&future)); !errors.Is(got["at"], customer.ErrFuture) {
		t.Errorf("future order: %v", got)
	}
}

func TestReviewAgeCategory(t *testing.T) {
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	rule := customer.AgeCategoryRule{Categories: []string{"senior_nutrition"}, MinAge: 50}
	v := customer.Validator{AsOf: asOf}
	v.Rules = append(v.Rules, rule.Check)
	young := customer.Person{ID: "P1", BirthDate: time.Date(2006, 7, 1, 0, 0, 0, 0, time.UTC)} // 19 at asOf
	old := customer.Person{ID: "P2", BirthDate: time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)}
	unknown := customer.Person{ID: "P3"}
	s := &customer.Summary{Categories: []customer.CategoryStat{{Category: "grocery"}, {Category: "senior_nutrition"}}}

	if got := v.Review(&young, s); len(got) != 1 || got[0].CustomerID != "P1" || got[0].Rule != "age-category" {
		t.Errorf("young buyer: %+v", got)
	}
	if got := v.Review(&old, s); got != nil {
		t.Errorf("old buyer flagged: %+v", got)
	}
	if got := v.Review(&unknown, s); got != nil {
		t.Errorf("unknown age flagged: %+v", got)
	}
	if got := v.Review(&young, nil); got != nil {
		t.Errorf("no summary flagged: %+v", got)
	}
	// Review never makes a record invalid.
	if err := v.ValidatePerson(&young); err != nil {
		t.Errorf("ValidatePerson = %v", err)
	}
	// A host rule: a func.
	v.Rules = append(v.Rules, func(p *customer.Person, s *customer.Summary, _ time.Time) (customer.Finding, bool) {
		return customer.Finding{Rule: "no-city", Message: "city missing"}, p.City == ""
	})
	if got := v.Review(&old, s); len(got) != 1 || got[0].Rule != "no-city" {
		t.Errorf("host rule: %+v", got)
	}
}

func TestAge(t *testing.T) {
	leap := customer.Person{BirthDate: time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC)}
	tests := []struct {
		asOf time.Time
		want int
		ok   bool
	}{
		{time.Date(2001, 2, 28, 0, 0, 0, 0, time.UTC), 0, true},
		{time.Date(2001, 3, 1, 0, 0, 0, 0, time.UTC), 1, true},
		{time.Date(2004, 2, 29, 0, 0, 0, 0, time.UTC), 4, true},
		{time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC), 0, false},
	}
	for _, tt := range tests {
		if got, ok := leap.Age(tt.asOf); got != tt.want || ok != tt.ok {
			t.Errorf("Age(%v) = %d, %v; want %d, %v", tt.asOf, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := (customer.Person{}).Age(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); ok {
		t.Error("Age without birth date reported ok")
	}
}

// TestValidatePersonUnicodeEmail checks that RFC 6531 addresses pass and
// that a bad one is reported masked, without its local part.
func TestValidatePersonUnicodeEmail(t *testing.T) {
	v := customer.Validator{}
	if err := v.ValidatePerson(&customer.Person{ID: "P", Email: " 张三＠例子。中国 "}); err != nil {
		t.Fatalf("ValidatePerson(张三@例子.中国) = %v", err)
	}
	for _, email := range []string{"张三丰@例子", "欧阳娜娜@@例子.中国", "张三丰@xn--zz"} {
		err := v.ValidatePerson(&customer.Person{ID: "P", Email: email})
		var fe *customer.FieldError
		if !errors.As(err, &fe) || fe.Field != "email" || !errors.Is(err, customer.ErrInvalidEmail) {
			t.Fatalf("ValidatePerson(%q) = %v, want an email FieldError", email, err)
		}
		local := email[:strings.IndexByte(email, '@')]
		if strings.Contains(fe.Value, local) || strings.Contains(err.Error(), local) {
			t.Errorf("error for %q leaks the local part: %q / %v", email, fe.Value, err)
		}
	}
}

// TestGenderText checks Gender's text form, which JSON and other
// encoders use: male, female and "" out; 男/女, m/f, male/female and the
// names of GB/T 2261.1-2003's codes in, in any case and with spaces
// around; anything else, the codes' digits included, an error that leaves
// the value as it was.
func TestGenderText(t *testing.T) {
	type rec struct {
		G customer.Gender `json:"g"`
	}
	for _, tc := range []struct {
		g    customer.Gender
		json string
	}{
		{customer.Male, `{"g":"male"}`},
		{customer.Female, `{"g":"female"}`},
		{customer.GenderUnknown, `{"g":""}`},
	} {
		b, err := json.Marshal(rec{tc.g})
		if err != nil || string(b) != tc.json {
			t.Errorf("json.Marshal(%v) = %s, %v; want %s", tc.g, b, err, tc.json)
		}
		var back rec
		if err := json.Unmarshal(b, &back); err != nil || back.G != tc.g {
			t.Errorf("json.Unmarshal(%s) = %v, %v; want %v", b, back.G, err, tc.g)
		}
	}
	for in, want := range map[string]customer.Gender{
		"男": customer.Male, "女": customer.Female, " M ": customer.Male, "f": customer.Female,
		"Female": customer.Female, "MALE": customer.Male, "": customer.GenderUnknown, "  ": customer.GenderUnknown,
		"男性": customer.Male, "女性": customer.Female, "未知的性别": customer.GenderUnknown, "未说明的性别": customer.GenderUnknown,
		"未知": customer.GenderUnknown, "保密": customer.GenderUnknown, "Unknown": customer.GenderUnknown,
	} {
		g := customer.Female + 1 // neither: every input must set it
		if err := g.UnmarshalText([]byte(in)); err != nil || g != want {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", in, g, err, want)
		}
	}
	for _, in := range []string{"x", "男人", "0", "1", "2", "9", "\xff", "fem"} {
		g := customer.Male
		if err := g.UnmarshalText([]byte(in)); !errors.Is(err, customer.ErrInvalidValue) || g != customer.Male {
			t.Errorf("UnmarshalText(%q) = %v, %v; want an ErrInvalidValue and Male left as it was", in, g, err)
		}
	}
}

package customer_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
)

func ddDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestPersonMatcher checks decisions and scores against the documented
// weights (Phone 0.35, Name 0.5·(2s-1), City 0.2, Device 0.35, BirthDate
// 0.3, Gender -0.3; threshold 0.85), computed by hand.
func TestPersonMatcher(t *testing.T) {
	base := customer.Person{ID: "A", Name: "张伟", Phone: "13812345678", City: "杭州"}
	tests := []struct {
		name      string
		a, b      customer.Person
		m         customer.PersonMatcher
		wantScore float64
		wantSame  bool
	}{
		{"same phone other format", base, customer.Person{ID: "B", Name: "李娜", Phone: "+86 138 1234 5678"}, customer.PersonMatcher{},
			10 + 1, true},
		{"phone and e-mail", customer.Person{ID: "A", Phone: "13812345678", Email: "a@example.com"},
			customer.Person{ID: "B", Phone: "138-1234-5678", Email: "A@Example.com"}, customer.PersonMatcher{}, 10 + 2, true},
		{"id number", customer.Person{ID: "A", IDNumber: "11010519491231002X"}, customer.Person{ID: "B", IDNumber: "11010519491231002x"},
			customer.PersonMatcher{}, 10 + 1, true},
		{"conflicting id numbers", customer.Person{ID: "A", Phone: "13812345678", IDNumber: "11010519491231002X"},
			customer.Person{ID: "B", Phone: "13812345678", IDNumber: "440524188001010014"}, customer.PersonMatcher{}, 0, false},
		{"invalid id number is no conflict", customer.Person{ID: "A", Phone: "13812345678", IDNumber: "11010519491231002X"},
			customer.Person{ID: "B", Phone: "13812345678", IDNumber: "110105194912310021"}, customer.PersonMatcher{}, 10 + 1, true},
		{"invalid e-mails equal are not strong", customer.Person{ID: "A", Email: "n/a"}, customer.Person{ID: "B", Email: "n/a"},
			customer.PersonMatcher{}, 0, false},
		// 0.35 + 0.5 + 0.2
		{"masked phone, name, city", base, customer.Person{ID: "B", Name: "张伟", Phone: "138****5678", City: "杭州市"}, customer.PersonMatcher{},
			1.05, true},
		// 0.35 + 0.5
		{"masked phone, name, no city", base, customer.Person{ID: "B", Name: "张伟", Phone: "138****5678"}, customer.PersonMatcher{},
			0.85, true},
		{"raised threshold", base, customer.Person{ID: "B", Name: "张伟", Phone: "138****5678"}, customer.PersonMatcher{Threshold: 0.9},
			0.85, false},
		// 0.35 + 0.5·(2·0.7-1) + 0.2 = 0.75
		{"masked phone, typo in two-character name", base, customer.Person{ID: "B", Name: "张玮", Phone: "138****5678", City: "杭州"},
			customer.PersonMatcher{}, 0.75, false},
		// -0.35 + 0.5 + 0.2
		{"masked phone disagrees", base, customer.Person{ID: "B", Name: "张伟", Phone: "139****5678", City: "杭州"}, customer.PersonMatcher{},
			0.35, false},
		// two complete numbers that differ are no evidence: 0.5 + 0.2
		{"different phones, same name and city", base, customer.Person{ID: "B", Name: "张伟", Phone: "13912345678", City: "杭州"},
			customer.PersonMatcher{}, 0.7, false},
		// 0.35 + 0.5 + 0.2 + 0.3
		{"shared device", customer.Person{ID: "A", Name: "张伟", City: "杭州", BirthDate: ddDate(1990, 5, 1), DeviceIDs: []string{"d1", "d2"}},
			customer.Person{ID: "B", Name: "张伟", City: "杭州", BirthDate: ddDate(1990, 5, 1), DeviceIDs: []string{" d2"}}, customer.PersonMatcher{},
			1.35, true},
		// 0.35 + 0.5·(2·0-1) = -0.15: a family tablet
		{"shared device, other name", customer.Person{ID: "A", Name: "张伟", DeviceIDs: []string{"d1"}},
			customer.Person{ID: "B", Name: "李娜", DeviceIDs: []string{"d1"}}, customer.PersonMatcher{}, -0.15, false},
		// 0.35 + 0.5 + 0.2 - 0.3 - 0.3
		{"birth date and gender disagree", customer.Person{ID: "A", Name: "张伟", Phone: "13812345678", City: "杭州", Gender: customer.Male, BirthDate: ddDate(1990, 1, 1)},
			customer.Person{ID: "B", Name: "张伟", Phone: "138****5678", City: "杭州", Gender: customer.Female, BirthDate: ddDate(1991, 1, 1)},
			customer.PersonMatcher{}, 0.45, false},
		{"custom weights", base, customer.Person{ID: "B", Name: "张伟", Phone: "138****5678", City: "杭州"},
			customer.PersonMatcher{Weights: &customer.PersonMatchWeights{Phone: 0.1, Name: 0.1, City: 0.1}}, 0.3, false},
		{"nothing known", customer.Person{ID: "A"}, customer.Person{ID: "B"}, customer.PersonMatcher{}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			score, same := tt.m.Match(&tt.a, &tt.b)
			if math.Abs(score-tt.wantScore) > 1e-9 || same != tt.wantSame {
				t.Errorf("Match = (%.4f, %v), want (%.4f, %v)", score, same, tt.wantScore, tt.wantSame)
			}
			rs, rsame := tt.m.Match(&tt.b, &tt.a)
			if rs != score || rsame != same {
				t.Errorf("Match is not symmetric: (%v, %v) and (%v, %v)", score, same, rs, rsame)
			}
		})
	}
}

func TestCompanyMatcher(t *testing.T) {
	const code = "91350100M000100Y43"
	tests := []struct {
		name      string
		a, b      customer.Company
		wantScore float64
		wantSame  bool
	}{
		{"same code", customer.Company{ID: "A", CreditCode: code}, customer.Company{ID: "B", CreditCode: "91350100m000100y43", Name: "X"},
			10 + 1, true},
		{"different codes, same name", customer.Company{ID: "A", CreditCode: code, Name: "杭州某某科技有限公司"},
			customer.Company{ID: "B", CreditCode: "9135020026015919XW", Name: "杭州某某科技有限公司"}, 0, false},
		{"same name", customer.Company{ID: "A", Name: "杭州某某科技有限公司"}, customer.Company{ID: "B", Name: "杭州 某某科技 有限公司"}, 0.8, true},
		// 0.8 - 0.2
		{"same name, other city", customer.Company{ID: "A", Name: "某某科技有限公司", City: "杭州"},
			customer.Company{ID: "B", Name: "某某科技有限公司", City: "宁波"}, 0.6, false},
		// near name 0.3 + contact 0.4 + city 0.2
		{"near name, shared contact, same city",
			customer.Company{ID: "A", Name: "杭州华为科技有限公司", City: "杭州", Contacts: []customer.Contact{{Phone: "13812345678"}}},
			customer.Company{ID: "B", Name: "杭州华为技术有限公司", City: "杭州市", Contacts: []customer.Contact{{Phone: "+86 138 1234 5678"}}},
			0.9, true},
		// near name 0.3 + city 0.2
		{"near name alone", customer.Company{ID: "A", Name: "杭州华为科技有限公司", City: "杭州"},
			customer.Company{ID: "B", Name: "杭州华美科技有限公司", City: "杭州"}, 0.5, false},
		// -0.3 + 0.4 (e-mail) + 0.2: a contact who changed jobs
		{"other name, shared contact", customer.Company{ID: "A", Name: "杭州某某科技有限公司", City: "杭州", Contacts: []customer.Contact{{Email: "li@example.com"}}},
			customer.Company{ID: "B", Name: "宁波另一贸易有限公司", City: "杭州", Contacts: []customer.Contact{{Email: "LI@example.com"}}}, 0.3, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			score, same := customer.CompanyMatcher{}.Match(&tt.a, &tt.b)
			if math.Abs(score-tt.wantScore) > 1e-9 || same != tt.wantSame {
				t.Errorf("Match = (%.4f, %v), want (%.4f, %v)", score, same, tt.wantScore, tt.wantSame)
			}
		})
	}
}

// TestMatcherValidate checks that Dedup and DedupCompanies reject
// matcher settings that are negative or not finite.
func TestMatcherValidate(t *testing.T) {
	people := []customer.Person{{ID: "A", Phone: "13812345678"}, {ID: "B", Phone: "13812345678"}}
	companies := []customer.Company{{ID: "A", Name: "某某有限公司"}, {ID: "B", Name: "某某有限公司"}}
	for _, m := range []customer.PersonMatcher{
		{Threshold: -1},
		{Threshold: math.NaN()},
		{Weights: &customer.PersonMatchWeights{Name: math.Inf(1)}},
	} {
		if _, err := customer.Dedup(t.Context(), people, customer.DedupOptions{Matcher: m}); !errors.Is(err, customer.ErrConfig) {
			t.Errorf("Dedup with %+v: %v, want ErrConfig", m, err)
		}
	}
	for _, m := range []customer.CompanyMatcher{
		{Threshold: -0.1},
		{Weights: &customer.CompanyMatchWeights{City: -1}},
	} {
		if _, err := customer.DedupCompanies(t.Context(), companies, customer.CompanyDedupOptions{Matcher: m}); !errors.Is(err, customer.ErrConfig) {
			t.Errorf("DedupCompanies with %+v: %v, want ErrConfig", m, err)
		}
	}
	ok := customer.PersonMatcher{Threshold: 0.5, Weights: &customer.PersonMatchWeights{}}
	if _, err := customer.Dedup(t.Context(), people, customer.DedupOptions{Matcher: ok}); err != nil {
		t.Errorf("Dedup with %+v: %v", ok, err)
	}
}

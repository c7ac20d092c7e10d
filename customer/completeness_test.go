package customer_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

func ddFullPerson() customer.Person {
	return customer.Person{
		ID: "P1", Name: "张伟", Phone: "13812345678", Gender: customer.Male, BirthDate: ddDate(1990, 1, 2),
		City: "杭州", Email: "zw@example.com", Occupation: "engineer", IncomeBand: "10k-20k",
	}
}

// personScore is the completeness of one person: the score of a data set
// of one.
func personScore(c customer.Completeness, p customer.Person) (float64, error) {
	rep, err := c.People(slices.Values([]customer.Person{p}))
	return rep.Score, err
}

func TestPersonScore(t *testing.T) {
	tests := []struct {
		name string
		c    customer.Completeness
		p    customer.Person
		want float64
	}{
		{"full", customer.Completeness{}, ddFullPerson(), 1},
		{"empty", customer.Completeness{}, customer.Person{ID: "x"}, 0},
		// name 2 + phone 2 + city 1 of 10
		{"name phone city", customer.Completeness{}, customer.Person{Name: "张伟", Phone: "138", City: "杭州"}, 0.5},
		// white space is not filled: phone 2 + gender 1 of 10
		{"blank name", customer.Completeness{}, customer.Person{Name: " \t", Phone: "x", Gender: customer.Female}, 0.3},
		// 3 of 3+1
		{"custom", customer.Completeness{Person: []customer.FieldWeight{{"interests", 3}, {"attributes.vip", 1}}},
			customer.Person{Interests: []string{"", "tea"}, Attributes: map[string]string{"vip": " "}}, 0.75},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := personScore(tt.c, tt.p)
			if err != nil || math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("score = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestCompanyScore(t *testing.T) {
	c := customer.Company{Name: "某某有限公司", CreditCode: "bad", Revenue: decimal.RequireFromString("1.5"), Contacts: []customer.Contact{{Title: "only a title"}}}
	// name 2 + credit_code 2 + revenue 1 of 11; a contact with only a title does not count
	rep, err := customer.Completeness{}.Companies(slices.Values([]customer.Company{c}))
	got := rep.Score
	if err != nil || math.Abs(got-5.0/11) > 1e-12 {
		t.Errorf("company score = %v, %v; want 5/11", got, err)
	}
}

func TestCompletenessReport(t *testing.T) {
	people := []customer.Person{ddFullPerson(), {Name: "李娜", Phone: "x", City: "杭州"}, {}}
	got, err := customer.Completeness{}.People(slices.Values(people))
	if err != nil {
		t.Fatal(err)
	}
	third, two := 1.0/3, 2.0/3
	want := customer.CompletenessReport{
		Records: 3, Score: 0.5, Complete: 1,
		Fields: []customer.FieldFill{
			{"name", 2, 2, two}, {"phone", 2, 2, two}, {"gender", 1, 1, third}, {"birth_date", 1, 1, third},
			{"city", 1, 2, two}, {"email", 1, 1, third}, {"occupation", 1, 1, third}, {"income_band", 1, 1, third},
		},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("People mismatch (-want +got):\n%s", diff)
	}
	// The data-set score is the mean of the record scores.
	sum := 0.0
	for i := range people {
		s, _ := personScore(customer.Completeness{}, people[i])
		sum += s
	}
	if math.Abs(sum/3-got.Score) > 1e-12 {
		t.Errorf("Score %v differs from the mean record score %v", got.Score, sum/3)
	}
	empty, err := customer.Completeness{}.Companies(slices.Values([]customer.Company(nil)))
	if err != nil || empty.Records != 0 || empty.Score != 0 || len(empty.Fields) != 8 {
		t.Errorf("Companies(empty) = %+v, %v", empty, err)
	}
}

func TestCompletenessErrors(t *testing.T) {
	for _, ws := range [][]customer.FieldWeight{
		{},
		{{"nickname", 1}},
		{{"name", 0}},
		{{"name", -1}},
		{{"name", math.NaN()}},
		{{"name", math.Inf(1)}},
		{{"name", 1}, {"name", 2}},
		{{"attributes.", 1}},
		{{"name", math.MaxFloat64}, {"phone", math.MaxFloat64}},
	} {
		c := customer.Completeness{Person: ws}
		if _, err := personScore(c, customer.Person{}); !errors.Is(err, customer.ErrConfig) {
			t.Errorf("People with %v: error %v, want ErrConfig", ws, err)
		}
		if _, err := c.People(slices.Values([]customer.Person{{}})); err == nil {
			t.Errorf("People with %v: no error", ws)
		}
	}
}

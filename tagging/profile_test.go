package tagging_test

import (
	"errors"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
)

func TestProfileValidate(t *testing.T) {
	day := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	late := time.Date(2026, 6, 30, 23, 0, 0, 0, time.UTC)
	person := &customer.Person{ID: "P1"}
	company := &customer.Company{ID: "C1"}
	manual := func(a tagging.Assignment) []tagging.Assignment { return []tagging.Assignment{a} }
	okTag := tagging.Assignment{Tag: tg("vip", "yes"), Source: "sales", AsOf: day}
	tests := []struct {
		name  string
		p     tagging.Profile
		field string // "" = valid
		want  error
	}{
		{"person", tagging.Profile{Person: person, AsOf: day}, "", nil},
		{"company with summary", tagging.Profile{Company: company, Summary: &customer.Summary{CustomerID: "C1", AsOf: day}}, "", nil},
		{"summary without ID", tagging.Profile{Person: person, Summary: &customer.Summary{AsOf: day}}, "", nil},
		{"same day, other time", tagging.Profile{Person: person, AsOf: day, Summary: &customer.Summary{CustomerID: "P1", AsOf: late}}, "", nil},
		{"manual", tagging.Profile{Person: person, AsOf: day, Manual: manual(okTag)}, "", nil},
		{"empty", tagging.Profile{AsOf: day}, "person", tagging.ErrInvalidProfile},
		{"both", tagging.Profile{Person: person, Company: company, AsOf: day}, "company", tagging.ErrInvalidProfile},
		{"no ID", tagging.Profile{Person: &customer.Person{}, AsOf: day}, "id", tagging.ErrInvalidProfile},
		{"other's summary", tagging.Profile{Person: person, AsOf: day, Summary: &customer.Summary{CustomerID: "P2", AsOf: day}}, "summary.customer_id", tagging.ErrInvalidProfile},
		{"no as-of", tagging.Profile{Person: person}, "as_of", tagging.ErrInvalidProfile},
		{"no as-of anywhere", tagging.Profile{Person: person, Summary: &customer.Summary{CustomerID: "P1"}}, "as_of", tagging.ErrInvalidProfile},
		{"other day", tagging.Profile{Person: person, AsOf: day, Summary: &customer.Summary{AsOf: day.AddDate(0, 0, -1)}}, "as_of", tagging.ErrInvalidProfile},
		{"manual without source", tagging.Profile{Person: person, AsOf: day, Manual: manual(tagging.Assignment{Tag: tg("vip", "yes"), AsOf: day})}, "manual[0]", tagging.ErrInvalidTag},
		{"manual without date", tagging.Profile{Person: person, AsOf: day, Manual: []tagging.Assignment{okTag, {Tag: tg("vip", "yes"), Source: "x"}}}, "manual[1]", tagging.ErrInvalidTag},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var pe *tagging.ProfileError
			if !errors.As(err, &pe) || !errors.Is(err, tt.want) {
				t.Fatalf("Validate() = %v, want a *ProfileError wrapping %v", err, tt.want)
			}
			if pe.Field != tt.field || pe.Index != -1 {
				t.Errorf("Validate() field %q index %d, want %q and -1", pe.Field, pe.Index, tt.field)
			}
		})
	}
}

func TestProfileAccessors(t *testing.T) {
	day := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	s := &customer.Summary{CustomerID: "S1", AsOf: day}
	tests := []struct {
		name    string
		p       tagging.Profile
		id      customer.ID
		company bool
		date    time.Time
	}{
		{"person", tagging.Profile{Person: &customer.Person{ID: "P1"}, Summary: s}, "P1", false, day},
		{"company", tagging.Profile{Company: &customer.Company{ID: "C1"}, AsOf: day.AddDate(0, 0, 1), Summary: s}, "C1", true, day.AddDate(0, 0, 1)},
		{"summary only", tagging.Profile{Summary: s}, "S1", false, day},
		{"zero", tagging.Profile{}, "", false, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.ID(); got != tt.id {
				t.Errorf("ID() = %q, want %q", got, tt.id)
			}
			if got := tt.p.IsCompany(); got != tt.company {
				t.Errorf("IsCompany() = %v, want %v", got, tt.company)
			}
			if got := tt.p.Date(); !got.Equal(tt.date) {
				t.Errorf("Date() = %v, want %v", got, tt.date)
			}
		})
	}
}

func TestProfileErrorMessage(t *testing.T) {
	err := &tagging.ProfileError{Index: 12, ID: "P0000012", Field: "manual[0].group", Err: tagging.ErrUnknownGroup}
	if got, want := err.Error(), `tagging: profile 12 (ID "P0000012"): manual[0].group: unknown tag group`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	err = &tagging.ProfileError{Index: -1, Tagger: "spend", Err: errors.New("boom")}
	if got, want := err.Error(), `tagging: profile: tagger "spend": boom`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

package customer

import (
	"slices"
	"time"
)

// Finding is a cross-field inconsistency a review rule (Validator.Rules)
// flags for human review. A finding does not make a record invalid.
type Finding struct {
	CustomerID ID
	Rule       string // name of the rule, e.g. "age-category"
	Message    string // what looks wrong; must not contain raw personal data
}

// Review runs v.Rules on p and its order summary s (which may be nil) in
// order and returns their findings, with CustomerID set to p.ID. It returns
// nil when nothing is found.
func (v Validator) Review(p *Person, s *Summary) []Finding {
	var out []Finding
	for _, r := range v.Rules {
		if f, ok := r(p, s, v.AsOf); ok {
			f.CustomerID = p.ID
			out = append(out, f)
		}
	}
	return out
}

// AgeCategoryRule flags a person who bought one of Categories while their
// age at the as-of date is outside [MinAge, MaxAge]: the seed example is
// elderly milk powder bought by a 20-year-old, which is more likely a gift
// or a data error than the buyer's own need. People without a known age
// or without a summary are not flagged. Its Check method is the rule:
//
//	v := customer.Validator{AsOf: asOf}
//	v.Rules = append(v.Rules, customer.AgeCategoryRule{Categories: []string{"senior_nutrition"}, MinAge: 40}.Check)
type AgeCategoryRule struct {
	Name       string   // rule name in findings; "" means "age-category"
	Categories []string // categories the rule watches
	MinAge     int      // inclusive; 0 means no lower bound
	MaxAge     int      // inclusive; 0 means no upper bound
}

// Check is the review rule: it reports a finding when p's age at asOf is
// outside the range and s lists one of the categories.
func (r AgeCategoryRule) Check(p *Person, s *Summary, asOf time.Time) (Finding, bool) {
	if s == nil {
		return Finding{}, false
	}
	a, ok := p.Age(asOf)
	if !ok || (r.MinAge == 0 || a >= r.MinAge) && (r.MaxAge == 0 || a <= r.MaxAge) {
		return Finding{}, false
	}
	for _, c := range s.Categories {
		if slices.Contains(r.Categories, c.Category) {
			name := r.Name
			if name == "" {
				name = "age-category"
			}
			return Finding{Rule: name, Message: "bought " + c.Category + " outside the expected age range"}, true
		}
	}
	return Finding{}, false
}

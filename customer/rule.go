package customer

import (
	"slices"
	"time"
)

// Finding is a cross-field inconsistency a [Rule] flags for human review.
// A finding does not make a record invalid.
type Finding struct {
	CustomerID ID
	Rule       string // name of the rule, e.g. "age-category"
	Message    string // what looks wrong; must not contain raw personal data
}

// Rule is a cross-field logic check run by [Validator.Review], for
// example "a 20-year-old buying elderly milk powder".
//
// Check may be called concurrently for different records and must not
// modify p or s or keep them after it returns. s is nil when no order
// summary is available. It returns false when it finds nothing.
type Rule interface {
	Check(p *Person, s *Summary, asOf time.Time) (Finding, bool)
}

// RuleFunc adapts a function to the [Rule] interface.
type RuleFunc func(p *Person, s *Summary, asOf time.Time) (Finding, bool)

// Check calls f(p, s, asOf).
func (f RuleFunc) Check(p *Person, s *Summary, asOf time.Time) (Finding, bool) { return f(p, s, asOf) }

// Review runs v.Rules on p and its order summary s (which may be nil) in
// order and returns their findings, with CustomerID set to p.ID. It returns
// nil when nothing is found.
func (v Validator) Review(p *Person, s *Summary) []Finding {
	var out []Finding
	for _, r := range v.Rules {
		if f, ok := r.Check(p, s, v.AsOf); ok {
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
// or without a summary are not flagged.
type AgeCategoryRule struct {
	Name       string   // rule name in findings; "" means "age-category"
	Categories []string // categories the rule watches
	MinAge     int      // inclusive; 0 means no lower bound
	MaxAge     int      // inclusive; 0 means no upper bound
}

// Check implements [Rule].
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

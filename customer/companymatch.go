package customer

import (
	"fmt"
)

// CompanyMatchWeights are the weights of the weak evidence [CompanyMatcher]
// scores.
type CompanyMatchWeights struct {
	// Name is added when the names agree after [NormalizeCompanyName].
	Name float64
	// NearName is added when they differ but their similarity (as for
	// PersonMatchWeights.Name) is at least 0.9, and subtracted when it is
	// lower: company names one
	// character apart are often different companies, so a near name needs
	// other evidence.
	NearName float64
	// Contact is added when the companies share a contact's valid mobile
	// number or e-mail address.
	Contact float64
	// City is added for the same city and subtracted for different ones.
	City float64
}

// defaultCompanyMatchWeights returns the weights a zero CompanyMatcher
// uses.
func defaultCompanyMatchWeights() CompanyMatchWeights {
	return CompanyMatchWeights{Name: 0.8, NearName: 0.3, Contact: 0.4, City: 0.2}
}

// CompanyMatcher is the default [Matcher] of companies. Its zero value is
// ready to use. It is safe for concurrent use.
//
// Two companies with the same valid unified social credit code match
// (score 11, above any weak-evidence score); two different valid codes
// are a conflict and never match. Otherwise the weak evidence is scored
// with Weights (see [CompanyMatchWeights]) and the companies match when
// the score reaches Threshold. With the default weights and threshold
// the same name matches unless the cities differ; a near name needs a
// shared contact and the same city.
//
// [DedupCompanies] reports a negative or non-finite Threshold or weight
// as an error wrapping [ErrConfig]; Match does not check them.
type CompanyMatcher struct {
	// Threshold is the weak-evidence score at which two companies match;
	// 0 means 0.8.
	Threshold float64
	// Weights of the weak evidence; nil means Name 0.8, NearName 0.3,
	// Contact 0.4, City 0.2.
	Weights *CompanyMatchWeights
	// LenientCreditCodes counts codes with a wrong check character as
	// valid (see [ParseCreditCode]).
	LenientCreditCodes bool
}

// validate reports a negative or non-finite threshold or weight.
func (m CompanyMatcher) validate() error {
	if !finiteNonNeg(m.Threshold) {
		return fmt.Errorf("CompanyMatcher.Threshold is %v, want a finite number >= 0", m.Threshold)
	}
	if w := m.Weights; w != nil {
		for _, v := range []float64{w.Name, w.NearName, w.Contact, w.City} {
			if !finiteNonNeg(v) {
				return fmt.Errorf("CompanyMatcher.Weights hold %v, want finite numbers >= 0", v)
			}
		}
	}
	return nil
}

// Match implements [Matcher].
func (m CompanyMatcher) Match(a, b *Company) (float64, bool) {
	if a.CreditCode != "" && b.CreditCode != "" {
		ca, oka := validCreditCode(a.CreditCode, m.LenientCreditCodes)
		cb, okb := validCreditCode(b.CreditCode, m.LenientCreditCodes)
		if oka && okb {
			if ca != cb {
				return 0, false
			}
			return strongScore + 1, true
		}
	}
	threshold := m.Threshold
	if threshold == 0 {
		threshold = 0.8
	}
	w := defaultCompanyMatchWeights()
	if m.Weights != nil {
		w = *m.Weights
	}
	s := 0.0
	if na, nb := NormalizeCompanyName(a.Name), NormalizeCompanyName(b.Name); na != "" && nb != "" {
		switch {
		case na == nb:
			s += w.Name
		case similarNorm([]byte(na), []byte(nb)) >= 0.9:
			s += w.NearName
		default:
			s -= w.NearName
		}
	}
	if sharedContact(a.Contacts, b.Contacts) {
		s += w.Contact
	}
	if ca, cb := normCity(a.City), normCity(b.City); ca != "" && cb != "" {
		if ca == cb {
			s += w.City
		} else {
			s -= w.City
		}
	}
	return s, s >= threshold
}

func sharedContact(a, b []Contact) bool {
	for i := range a {
		pa, okp := phoneNumber(a[i].Phone)
		ea, oke := validEmail(a[i].Email)
		if !okp && !oke {
			continue
		}
		for j := range b {
			if okp {
				if pb, ok := phoneNumber(b[j].Phone); ok && pa == pb {
					return true
				}
			}
			if oke && b[j].Email != "" && sameEmail(b[j].Email, ea) {
				return true
			}
		}
	}
	return false
}

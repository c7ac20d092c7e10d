package customer

import (
	"errors"
	"math"
	"strings"
	"unicode"
)

// Matcher decides whether two records that share a blocking key describe
// the same customer.
//
// Match returns whether a and b are the same customer and a score for
// the strength of the evidence; [Dedup] merges accepted pairs in
// descending score order, which matters only when a merge is refused
// because it would join two different strong identifiers (see
// [DedupOptions]). Match may be called concurrently from several
// goroutines and must not modify a or b or keep them after it returns. It
// must be deterministic; Dedup always passes the record with the smaller
// ID as a, so it need not be symmetric. A Matcher with a Validate() error
// method is checked before use.
type Matcher[T any] interface {
	Match(a, b *T) (score float64, same bool)
}

// MatcherFunc adapts a function to the [Matcher] interface.
type MatcherFunc[T any] func(a, b *T) (float64, bool)

// Match calls f(a, b).
func (f MatcherFunc[T]) Match(a, b *T) (float64, bool) { return f(a, b) }

// Scores of strong-identifier matches: StrongScore plus one per
// identifier that agrees, always above any weak-evidence score.
const StrongScore = 10

// PersonMatchWeights are the weights of the weak evidence [PersonMatcher]
// scores. Each kind of evidence adds its weight when the two records
// agree, subtracts it when they disagree and adds nothing when a side is
// unknown, except where noted.
type PersonMatchWeights struct {
	// Phone: a masked number (138****5678) whose shown digits (at least
	// four in common) agree with the other number, or disagree. Two
	// different complete numbers are no evidence: people have several.
	Phone float64
	// Name is multiplied by 2·s-1, where s is [NameSimilarity]: +Name for
	// the same name, 0 for s = 0.5, -Name for nothing in common.
	Name float64
	// City: the same city after trimming and dropping a final 市.
	City float64
	// Device: a device ID in common. Having no device in common is no
	// evidence.
	Device float64
	// BirthDate: the same calendar date of birth.
	BirthDate float64
	// Gender: only subtracted, when both are known and differ.
	Gender float64
}

// DefaultPersonMatchWeights returns the weights a zero [PersonMatcher] uses:
// Phone 0.35, Name 0.5, City 0.2, Device 0.35, BirthDate 0.3, Gender 0.3.
// With the default threshold of 0.85, a masked phone that fits, the same
// name and the same city (1.05) match; the same name and city alone
// (0.7), or a masked phone, a one-character typo in a two-character name
// and the same city (0.75) do not.
func DefaultPersonMatchWeights() PersonMatchWeights {
	return PersonMatchWeights{Phone: 0.35, Name: 0.5, City: 0.2, Device: 0.35, BirthDate: 0.3, Gender: 0.3}
}

// PersonMatcher is the default [Matcher] of persons. Its zero value is
// ready to use with the documented defaults. It is safe for concurrent
// use.
//
// Strong identifiers decide first. Two records match, with score
// StrongScore + the number of agreeing identifiers, when they share a
// valid resident ID number, a valid mobile number or a valid e-mail
// address (after normalisation). Two different valid ID numbers are a
// conflict: such records never match, whatever else they share.
//
// Otherwise the weak evidence is scored with Weights (see
// [PersonMatchWeights]) and the records match when the score reaches
// Threshold.
type PersonMatcher struct {
	// Threshold is the weak-evidence score at which two records match;
	// 0 means 0.85.
	Threshold float64
	// Weights of the weak evidence; nil means DefaultPersonMatchWeights().
	Weights *PersonMatchWeights
}

// Validate reports a negative or non-finite threshold or weight.
func (m PersonMatcher) Validate() error {
	if !finiteNonNeg(m.Threshold) {
		return errors.New("customer: PersonMatcher.Threshold must be a finite number >= 0")
	}
	if w := m.Weights; w != nil {
		for _, v := range []float64{w.Phone, w.Name, w.City, w.Device, w.BirthDate, w.Gender} {
			if !finiteNonNeg(v) {
				return errors.New("customer: PersonMatcher.Weights must be finite numbers >= 0")
			}
		}
	}
	return nil
}

func finiteNonNeg(v float64) bool { return v >= 0 && !math.IsInf(v, 1) }

// Match implements [Matcher].
func (m PersonMatcher) Match(a, b *Person) (float64, bool) {
	strong, conflict := personStrong(a, b)
	if conflict {
		return 0, false
	}
	if strong > 0 {
		return StrongScore + float64(strong), true
	}
	threshold := m.Threshold
	if threshold == 0 {
		threshold = 0.85
	}
	w := DefaultPersonMatchWeights()
	if m.Weights != nil {
		w = *m.Weights
	}
	s := personEvidence(a, b, &w)
	return s, s >= threshold
}

// personStrong counts the strong identifiers a and b share and reports a
// conflict: two different valid ID numbers.
func personStrong(a, b *Person) (strong int, conflict bool) {
	if a.IDNumber != "" && b.IDNumber != "" {
		ia, oka := validIDNumber(a.IDNumber)
		ib, okb := validIDNumber(b.IDNumber)
		if oka && okb {
			if ia != ib {
				return 0, true
			}
			strong++
		}
	}
	if a.Phone != "" && b.Phone != "" {
		if na, ok := phoneNumber(a.Phone); ok {
			if nb, ok := phoneNumber(b.Phone); ok && na == nb {
				strong++
			}
		}
	}
	if a.Email != "" && b.Email != "" && sameEmail(a.Email, b.Email) {
		if _, ok := validEmail(a.Email); ok {
			strong++
		}
	}
	return strong, false
}

// sameEmail reports whether NormalizeEmail(a) == NormalizeEmail(b),
// without allocating when both are ASCII.
func sameEmail(a, b string) bool {
	a, b = strings.TrimFunc(a, unicode.IsSpace), strings.TrimFunc(b, unicode.IsSpace)
	if isASCII(a) && isASCII(b) {
		return strings.EqualFold(a, b)
	}
	return NormalizeEmail(a) == NormalizeEmail(b)
}

// personEvidence scores the weak evidence that a and b are the same.
func personEvidence(a, b *Person, w *PersonMatchWeights) float64 {
	s := 0.0
	if a.Phone != "" && b.Phone != "" {
		pa, oka := parsePhone(a.Phone)
		pb, okb := parsePhone(b.Phone)
		if oka && okb && (pa.masked || pb.masked) {
			common, agree := 0, true
			for i := range pa.slots {
				if pa.slots[i] != 0 && pb.slots[i] != 0 {
					common++
					agree = agree && pa.slots[i] == pb.slots[i]
				}
			}
			switch {
			case !agree:
				s -= w.Phone
			case common >= 4:
				s += w.Phone
			}
		}
	}
	if a.Name != "" && b.Name != "" {
		var ba, bb [64]byte
		na, nb := appendNormName(ba[:0], a.Name), appendNormName(bb[:0], b.Name)
		if len(na) > 0 && len(nb) > 0 {
			s += float64(w.Name * (2*similarNorm(na, nb) - 1))
		}
	}
	if ca, cb := normCity(a.City), normCity(b.City); ca != "" && cb != "" {
		if ca == cb {
			s += w.City
		} else {
			s -= w.City
		}
	}
	if sharedDevice(a.DeviceIDs, b.DeviceIDs) {
		s += w.Device
	}
	if !a.BirthDate.IsZero() && !b.BirthDate.IsZero() {
		if sameDate(a.BirthDate, b.BirthDate) {
			s += w.BirthDate
		} else {
			s -= w.BirthDate
		}
	}
	if a.Gender != GenderUnknown && b.Gender != GenderUnknown && a.Gender != b.Gender {
		s -= w.Gender
	}
	return s
}

func sharedDevice(a, b []string) bool {
	for _, x := range a {
		x, ok := deviceID(x)
		if !ok {
			continue
		}
		for _, y := range b {
			if y, ok := deviceID(y); ok && x == y {
				return true
			}
		}
	}
	return false
}

// CompanyMatchWeights are the weights of the weak evidence [CompanyMatcher]
// scores.
type CompanyMatchWeights struct {
	// Name is added when the names agree after [NormalizeCompanyName].
	Name float64
	// NearName is added when they differ but their [NameSimilarity] is at
	// least 0.9, and subtracted when it is lower: company names one
	// character apart are often different companies, so a near name needs
	// other evidence.
	NearName float64
	// Contact is added when the companies share a contact's valid mobile
	// number or e-mail address.
	Contact float64
	// City is added for the same city and subtracted for different ones.
	City float64
}

// DefaultCompanyMatchWeights returns the weights a zero [CompanyMatcher] uses:
// Name 0.8, NearName 0.3, Contact 0.4, City 0.2. With the default
// threshold of 0.8 the same name matches unless the cities differ; a
// near name needs a shared contact and the same city.
func DefaultCompanyMatchWeights() CompanyMatchWeights {
	return CompanyMatchWeights{Name: 0.8, NearName: 0.3, Contact: 0.4, City: 0.2}
}

// CompanyMatcher is the default [Matcher] of companies. Its zero value is
// ready to use. It is safe for concurrent use.
//
// Two companies with the same valid unified social credit code match
// (score StrongScore + 1); two different valid codes are a conflict and
// never match. Otherwise the weak evidence is scored with Weights (see
// [CompanyMatchWeights]) and the companies match when the score reaches
// Threshold.
type CompanyMatcher struct {
	// Threshold is the weak-evidence score at which two companies match;
	// 0 means 0.8.
	Threshold float64
	// Weights of the weak evidence; nil means DefaultCompanyMatchWeights().
	Weights *CompanyMatchWeights
	// CreditCodes says which credit codes count as valid.
	CreditCodes CreditCodeOptions
}

// Validate reports a negative or non-finite threshold or weight.
func (m CompanyMatcher) Validate() error {
	if !finiteNonNeg(m.Threshold) {
		return errors.New("customer: CompanyMatcher.Threshold must be a finite number >= 0")
	}
	if w := m.Weights; w != nil {
		for _, v := range []float64{w.Name, w.NearName, w.Contact, w.City} {
			if !finiteNonNeg(v) {
				return errors.New("customer: CompanyMatcher.Weights must be finite numbers >= 0")
			}
		}
	}
	return nil
}

// Match implements [Matcher].
func (m CompanyMatcher) Match(a, b *Company) (float64, bool) {
	if a.CreditCode != "" && b.CreditCode != "" {
		ca, oka := validCreditCode(a.CreditCode, m.CreditCodes)
		cb, okb := validCreditCode(b.CreditCode, m.CreditCodes)
		if oka && okb {
			if ca != cb {
				return 0, false
			}
			return StrongScore + 1, true
		}
	}
	threshold := m.Threshold
	if threshold == 0 {
		threshold = 0.8
	}
	w := DefaultCompanyMatchWeights()
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

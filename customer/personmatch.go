package customer

import (
	"fmt"
	"math"
)

// PersonMatchWeights are the weights of the weak evidence [PersonMatcher]
// scores. Each kind of evidence adds its weight when the two records
// agree, subtracts it when they disagree and adds nothing when a side is
// unknown, except where noted.
type PersonMatchWeights struct {
	// Phone: a masked number (138****5678) whose shown digits (at least
	// four in common) agree with the other number, or disagree. Two
	// different complete numbers are no evidence: people have several.
	Phone float64
	// Name is multiplied by 2·s-1, where s is the similarity of the
	// names after [NormalizeName], from 0 (nothing in common) to 1 (the
	// same): their Jaro-Winkler similarity over runes, or for Latin names
	// of several words the better of that and the same with the words
	// sorted. So +Name for the same name (and for "Wei Zhang" and "ZHANG
	// Wei"), 0 for s = 0.5, -Name for nothing in common; 张伟 and 张玮 have
	// s = 0.70, 欧阳娜娜 and 欧阳娜 0.94. Names are not transliterated (张伟
	// and "Zhang Wei" have nothing in common).
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

// defaultPersonMatchWeights returns the weights a zero PersonMatcher
// uses.
func defaultPersonMatchWeights() PersonMatchWeights {
	return PersonMatchWeights{Phone: 0.35, Name: 0.5, City: 0.2, Device: 0.35, BirthDate: 0.3, Gender: 0.3}
}

// PersonMatcher is the default [Matcher] of persons. Its zero value is
// ready to use with the documented defaults. It is safe for concurrent
// use.
//
// Strong identifiers decide first. Two records match, with score 10 plus
// the number of agreeing identifiers (above any weak-evidence score), when
// they share a
// valid resident ID number, a valid mobile number or a valid e-mail
// address (after normalisation). Two different valid ID numbers are a
// conflict: such records never match, whatever else they share.
//
// Otherwise the weak evidence is scored with Weights (see
// [PersonMatchWeights]) and the records match when the score reaches
// Threshold. With the default weights and threshold, a masked phone that
// fits, the same name and the same city (0.35 + 0.5 + 0.2 = 1.05) match;
// the same name and city alone (0.7), or a masked phone, a one-character
// typo in a two-character name and the same city (0.75) do not.
//
// [Dedup] reports a negative or non-finite Threshold or weight as an
// error wrapping [ErrConfig]; Match does not check them.
type PersonMatcher struct {
	// Threshold is the weak-evidence score at which two records match;
	// 0 means 0.85.
	Threshold float64
	// Weights of the weak evidence; nil means Phone 0.35, Name 0.5, City
	// 0.2, Device 0.35, BirthDate 0.3, Gender 0.3.
	Weights *PersonMatchWeights
}

// validate reports a negative or non-finite threshold or weight.
func (m PersonMatcher) validate() error {
	if !finiteNonNeg(m.Threshold) {
		return fmt.Errorf("PersonMatcher.Threshold is %v, want a finite number >= 0", m.Threshold)
	}
	if w := m.Weights; w != nil {
		for _, v := range []float64{w.Phone, w.Name, w.City, w.Device, w.BirthDate, w.Gender} {
			if !finiteNonNeg(v) {
				return fmt.Errorf("PersonMatcher.Weights hold %v, want finite numbers >= 0", v)
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
		return strongScore + float64(strong), true
	}
	threshold := m.Threshold
	if threshold == 0 {
		threshold = 0.85
	}
	w := defaultPersonMatchWeights()
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

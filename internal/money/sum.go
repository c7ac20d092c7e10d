package money

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Exp is the exponent of the fixed-point units a [Sum] counts in: an amount
// of 1 is 10^-Exp = 10,000 units.
const Exp = -4

// pow10 holds 10^i for the exponents Units rescales by.
var pow10 = [...]int64{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
	100000000, 1000000000, 10000000000, 100000000000, 1000000000000,
	10000000000000, 100000000000000, 1000000000000000, 10000000000000000,
	100000000000000000, 1000000000000000000}

// Units returns d as a count of 10^Exp units. ok is false when d has more
// than four decimal places or does not fit in an int64 at that scale.
// Units does not allocate.
func Units(d decimal.Decimal) (units int64, ok bool) {
	exp := d.Exponent()
	if exp < Exp {
		// More than four decimal places; it may still be exact if the
		// trailing digits are zeros (e.g. "1.500000").
		if d.NumDigits() > 18 {
			return 0, false
		}
		c := d.CoefficientInt64()
		for exp < Exp && c%10 == 0 {
			c /= 10
			exp++
		}
		if exp < Exp {
			return 0, false
		}
		return c, true
	}
	if d.NumDigits() > 18 {
		return 0, false
	}
	c := d.CoefficientInt64()
	shift := int(exp - Exp)
	if shift >= len(pow10) {
		if c == 0 {
			return 0, true
		}
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(absInt64(c)), uint64(pow10[shift]))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if c < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}

func absInt64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// Sum is an exact running total of decimals. The zero value is an empty
// sum (0). A Sum is not safe for concurrent use.
type Sum struct {
	units int64           // the part held as 10^Exp units
	rest  decimal.Decimal // the part that did not fit in units
	big   bool            // rest is in use
}

// Add adds d to the sum. It does not allocate unless d has more than four
// decimal places or the total leaves the int64 range.
func (s *Sum) Add(d decimal.Decimal) {
	if u, ok := Units(d); ok {
		s.AddUnits(u)
		return
	}
	s.rest = s.rest.Add(d)
	s.big = true
}

// AddUnits adds u units of 10^Exp to the sum.
func (s *Sum) AddUnits(u int64) {
	if r, ok := AddInt64(s.units, u); ok {
		s.units = r
		return
	}
	s.rest = s.rest.Add(decimal.New(s.units, Exp))
	s.units = u
	s.big = true
}

// Merge adds the total of o to s.
func (s *Sum) Merge(o Sum) {
	s.AddUnits(o.units)
	if o.big {
		s.rest = s.rest.Add(o.rest)
		s.big = true
	}
}

// Decimal returns the total as a decimal. A zero total is the zero
// Decimal, which costs no allocation.
func (s Sum) Decimal() decimal.Decimal {
	if !s.big && s.units == 0 {
		return decimal.Decimal{}
	}
	d := decimal.New(s.units, Exp)
	if s.big {
		d = d.Add(s.rest)
	}
	return d
}

// IsZero reports whether the total is exactly zero.
func (s Sum) IsZero() bool {
	if !s.big {
		return s.units == 0
	}
	return s.Decimal().IsZero()
}

// Sign returns -1, 0 or +1 for a negative, zero or positive total.
func (s Sum) Sign() int {
	if !s.big {
		switch {
		case s.units < 0:
			return -1
		case s.units > 0:
			return 1
		}
		return 0
	}
	return s.Decimal().Sign()
}

// Float64 returns the total as the nearest float64, for statistics that
// are computed in floating point.
func (s Sum) Float64() float64 {
	if !s.big {
		return float64(s.units) / 1e4
	}
	return s.Decimal().InexactFloat64()
}

// Units returns the total in 10^Exp units; ok is false when the total
// does not fit in an int64 at that scale (then use Decimal).
func (s Sum) Units() (units int64, ok bool) {
	if !s.big {
		return s.units, true
	}
	return Units(s.Decimal())
}

// AddInt64 returns a+b and true, or 0 and false when the sum overflows
// int64.
func AddInt64(a, b int64) (int64, bool) {
	c := a + b
	if (c > a) == (b > 0) {
		return c, true
	}
	return 0, false
}

// DivRound returns x/n rounded half away from zero; n must be positive.
// It does not overflow for any x and n.
func DivRound(x, n int64) int64 {
	q, r := x/n, x%n
	if r < 0 {
		r = -r
	}
	if r >= n-r { // 2r ≥ n without computing 2r
		if x < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

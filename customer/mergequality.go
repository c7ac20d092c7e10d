package customer

import (
	"time"

	"github.com/shopspring/decimal"
)

// textQuality: 0 empty, 1 white space only, 2 text.
func textQuality(s *string) int {
	switch {
	case *s == "":
		return 0
	case isBlank(*s):
		return 1
	}
	return 2
}

func timeQuality(t *time.Time) int {
	if t.IsZero() {
		return 0
	}
	return 1
}

func genderQuality(g *Gender) int {
	if *g == GenderUnknown {
		return 0
	}
	return 1
}

// countQuality: 0 zero, 1 negative, 2 positive.
func countQuality(n *int) int {
	switch {
	case *n == 0:
		return 0
	case *n < 0:
		return 1
	}
	return 2
}

func amountQuality(d *decimal.Decimal) int {
	switch d.Sign() {
	case 0:
		return 0
	case -1:
		return 1
	}
	return 2
}

// phoneQuality: 0 empty, 1 unusable, 2 masked, 3 valid.
func phoneQuality(s *string) int {
	if q := textQuality(s); q < 2 {
		return q
	}
	p, ok := parsePhone(*s)
	switch {
	case !ok:
		return 1
	case p.masked:
		return 2
	}
	return 3
}

func emailQuality(s *string) int {
	if q := textQuality(s); q < 2 {
		return q
	}
	if _, ok := validEmail(*s); ok {
		return 3
	}
	return 2
}

func idNumberQuality(s *string) int {
	if q := textQuality(s); q < 2 {
		return q
	}
	if _, ok := validIDNumber(*s); ok {
		return 3
	}
	return 2
}

// creditCodeQuality prefers strictly valid codes, then codes valid only
// leniently.
func creditCodeQuality(s *string) int {
	if q := textQuality(s); q < 2 {
		return q
	}
	if _, ok := validCreditCode(*s, false); ok {
		return 4
	}
	if _, ok := validCreditCode(*s, true); ok {
		return 3
	}
	return 2
}

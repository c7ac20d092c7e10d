package money_test

import (
	"fmt"

	"github.com/clientele-go/clientele/internal/money"
	"github.com/shopspring/decimal"
)

// ExampleSum adds order amounts exactly, in units of 10^-4, and falls back
// to decimal arithmetic for an amount with more than four decimal places.
func ExampleSum() {
	var s money.Sum
	for _, a := range []string{"19.99", "0.01", "-5.50", "100.1234"} {
		s.Add(decimal.RequireFromString(a))
	}
	u, ok := s.Units()
	fmt.Println(s.Decimal(), u, ok)

	s.Add(decimal.RequireFromString("0.00001"))
	u, ok = s.Units()
	fmt.Println(s.Decimal(), u, ok)
	// Output:
	// 114.6234 1146234 true
	// 114.62341 0 false
}

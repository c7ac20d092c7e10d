package tagging_test

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
)

func aovs(values ...string) []customer.Summary {
	var out []customer.Summary
	for _, v := range values {
		out = append(out, customer.Summary{Orders: 1, AvgOrderValue: dec(v)})
	}
	return out
}

// TestAOVQuantile checks R's type-7 quantiles, computed by hand:
// h = (n-1)q, x[floor h] + frac(h) (x[floor h + 1] - x[floor h]).
func TestAOVQuantile(t *testing.T) {
	five := aovs("50", "10", "40", "30", "20") // sorted: 10 20 30 40 50
	var oneToTen []string
	for i := 10; i >= 1; i-- {
		oneToTen = append(oneToTen, strconv.Itoa(i))
	}
	tests := []struct {
		name string
		s    []customer.Summary
		q    float64
		want string
	}{
		{"q 0.9: h 3.6", five, 0.9, "46"},               // 40 + 0.6×10
		{"q 0.1: h 0.4", five, 0.1, "14"},               // 10 + 0.4×10
		{"q 0.5: h 2", five, 0.5, "30"},                 // x[2]
		{"q 0.25: h 1", five, 0.25, "20"},               // x[1]
		{"q 0", five, 0, "10"},                          // minimum
		{"q 1", five, 1, "50"},                          // maximum
		{"1..10 at 0.9", aovs(oneToTen...), 0.9, "9.1"}, // R: quantile(1:10, 0.9) = 9.1
		{"half a fen rounds away from zero", aovs("1.01", "1.02"), 0.5, "1.02"},
		{"negative AOVs count", aovs("-20", "10"), 0.5, "-5"},
		{"one customer", aovs("88.8"), 0.37, "88.8"},
		{"beyond int64 units", aovs("10", "1e30"), 0.5, "500000000000000000000000000005"},
		{"more decimals than units hold", aovs("0.00001", "0.00003"), 0.5, "0"},
		{"customers without purchases left out", append(aovs("10", "30"), customer.Summary{Refunds: 2, AvgOrderValue: dec("1000")}), 1, "30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tagging.AOVQuantile(slices.Values(tt.s), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(dec(tt.want)) {
				t.Errorf("AOVQuantile(q %v) = %s, want %s", tt.q, got, tt.want)
			}
		})
	}
}

func TestAOVQuantileErrors(t *testing.T) {
	for _, q := range []float64{-0.1, 1.1, math.NaN()} {
		if _, err := tagging.AOVQuantile(slices.Values(aovs("1")), q); !errors.Is(err, tagging.ErrConfig) {
			t.Errorf("AOVQuantile(q %v) = %v, want ErrConfig", q, err)
		}
	}
	none := []customer.Summary{{Refunds: 1}}
	if _, err := tagging.AOVQuantile(slices.Values(none), 0.9); !errors.Is(err, tagging.ErrEmpty) {
		t.Errorf("AOVQuantile(no purchases) = %v, want ErrEmpty", err)
	}
}

package report

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHistogram(t *testing.T) {
	seq := func(lo, hi int) []float64 {
		var xs []float64
		for v := lo; v <= hi; v++ {
			xs = append(xs, float64(v))
		}
		return xs
	}
	tests := []struct {
		name    string
		xs      []float64
		integer bool
		want    []bin
	}{
		{
			// Few distinct whole numbers: one bin per value.
			name: "counts", xs: []float64{1, 1, 1, 2, 2, 3, 5}, integer: true,
			want: []bin{{1, 2, 3, false}, {2, 3, 2, false}, {3, 4, 1, false}, {4, 5, 0, false}, {5, 6, 1, false}},
		},
		{
			// 0..99 in bins of 10 (span 99 / 10 bins -> step 10).
			name: "days", xs: seq(0, 99), integer: true,
			want: []bin{{0, 10, 10, false}, {10, 20, 10, false}, {20, 30, 10, false}, {30, 40, 10, false},
				{40, 50, 10, false}, {50, 60, 10, false}, {60, 70, 10, false}, {70, 80, 10, false},
				{80, 90, 10, false}, {90, 100, 10, false}},
		},
		{
			// One value far beyond the rest goes to an open-ended bin: the
			// 99th percentile of 0..98 and 10,000 is 98.01 + 0.99*(10000-98)
			// ... = 196.0, so bins of 20 run to 200 and 10,000 is alone
			// above.
			name: "outlier", xs: append(seq(0, 98), 10000), integer: false,
			want: []bin{{0, 20, 20, false}, {20, 40, 20, false}, {40, 60, 20, false}, {60, 80, 20, false},
				{80, 100, 19, false}, {100, 120, 0, false}, {120, 140, 0, false}, {140, 160, 0, false},
				{160, 180, 0, false}, {180, 200, 0, false}, {200, 10000, 1, true}},
		},
		{
			name: "all equal", xs: []float64{7, 7, 7}, integer: false,
			want: []bin{{7, 8, 3, false}},
		},
		{
			// Span 60 over 10 bins: step 6, rounded up to 10; the first
			// bin starts at the multiple of 10 below -25.
			name: "negative money", xs: []float64{-25, -5, 0, 5, 15, 35}, integer: false,
			want: []bin{{-30, -20, 1, false}, {-20, -10, 0, false}, {-10, 0, 1, false}, {0, 10, 2, false},
				{10, 20, 1, false}, {20, 30, 0, false}, {30, 40, 1, false}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := histogram(tt.xs, tt.integer, 10, 0.99)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(bin{})); diff != "" {
				t.Errorf("histogram mismatch (-want +got):\n%s", diff)
			}
			n := 0
			for _, b := range got {
				n += b.n
			}
			if n != len(tt.xs) {
				t.Errorf("bins hold %d values, want %d", n, len(tt.xs))
			}
		})
	}
}

func TestQuantile(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 10}
	// Type 7: h = p*(n-1); 0.5 -> 3; 0.9 -> 4 + 0.6*6 = 7.6.
	for p, want := range map[float64]float64{0: 1, 0.5: 3, 0.9: 7.6, 1: 10} {
		if got := quantile(xs, p); math.Abs(got-want) > 1e-12 {
			t.Errorf("quantile(%v) = %v, want %v", p, got, want)
		}
	}
}

func TestTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		n      int
		want   []float64
	}{
		{0, 0.441, 5, []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5}},
		{0, 1000, 4, []float64{0, 250, 500, 750, 1000}},
		// Span 11.1 / 5 = 2.22: the next round step is 2.5.
		{-3.2, 7.9, 5, []float64{-5, -2.5, 0, 2.5, 5, 7.5, 10}},
		{0, 0, 5, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		// A single value v is widened to [v/2, 3v/2].
		{5, 5, 4, []float64{2, 4, 6, 8}},
	}
	for _, tt := range tests {
		got := ticks(tt.lo, tt.hi, tt.n)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ticks(%v, %v, %d) mismatch (-want +got):\n%s", tt.lo, tt.hi, tt.n, diff)
		}
	}
}

func TestOrderBuckets(t *testing.T) {
	tests := []struct {
		lo, hi int
		want   []int
	}{
		{1, 1, []int{1}},
		{1, 5, []int{1, 2, 3, 4, 5}},
		{1, 10, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{1, 11, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}},
		{1, 87, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 21, 51}},
		{0, 250, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 21, 51, 101, 201}},
		{15, 60, []int{15, 21, 51}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, orderBuckets(tt.lo, tt.hi)); diff != "" {
			t.Errorf("orderBuckets(%d, %d) mismatch (-want +got):\n%s", tt.lo, tt.hi, diff)
		}
	}
}

func TestMoneyBands(t *testing.T) {
	tests := []struct {
		name string
		xs   []float64
		want []bin
	}{
		{
			// The 1st percentile is about 3, so bands start at 1.
			name: "small", xs: []float64{0, 3, 7.5, 12, 12, 40, 99.99},
			want: []bin{{0, 1, 1, false}, {1, 2, 0, false}, {2, 5, 1, false}, {5, 10, 1, false},
				{10, 20, 2, false}, {20, 50, 1, false}, {50, 100, 1, false}},
		},
		{
			// A refund band, then bands from the power of ten below the
			// 1st percentile of the positive amounts (151.5 -> 100).
			name: "refunds", xs: []float64{-30, 150, 180, 420, 1000, 2600, 99000},
			want: []bin{{-30, 0, 1, false}, {0, 100, 0, false}, {100, 200, 2, false}, {200, 500, 1, false},
				{500, 1000, 0, false}, {1000, 2000, 1, false}, {2000, 5000, 1, false}, {5000, 10000, 0, false},
				{10000, 20000, 0, false}, {20000, 50000, 0, false}, {50000, 100000, 1, false}},
		},
	}
	for _, tt := range tests {
		got := moneyBands(tt.xs)
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(bin{})); diff != "" {
			t.Errorf("%s: moneyBands mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}

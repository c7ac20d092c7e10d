package rfm_test

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/rfm"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

// freqs returns customers with the given frequencies, recency 0 and
// monetary 0.
func freqs(fs ...int) []rfm.Values {
	out := make([]rfm.Values, len(fs))
	for i, f := range fs {
		out[i] = rfm.Values{CustomerID: customer.ID("c" + strconv.Itoa(i)), Frequency: f}
	}
	return out
}

// column returns one dimension of scores.
func column(ss []rfm.Scores, d byte) []int {
	out := make([]int, len(ss))
	for i, s := range ss {
		switch d {
		case 'R':
			out[i] = s.R
		case 'F':
			out[i] = s.F
		default:
			out[i] = s.M
		}
	}
	return out
}

// TestQuantileBreaksMatchR checks the breaks against R's own test of its
// rfm package (tests/testthat/test-utils.R): bins(mtcars, mpg, 5) is
// c(16.20, 18.92, 22.00, 25.08), the type-7 quantiles 15.2, 17.92, 21.0
// and 24.08 of mpg, plus 1.
func TestQuantileBreaksMatchR(t *testing.T) {
	mpg := []string{"21.0", "21.0", "22.8", "21.4", "18.7", "18.1", "14.3", "24.4",
		"22.8", "19.2", "17.8", "16.4", "17.3", "15.2", "10.4", "10.4", "14.7", "32.4",
		"30.4", "33.9", "21.5", "15.5", "15.2", "13.3", "19.2", "27.3", "26.0", "30.4",
		"15.8", "19.7", "15.0", "21.4"}
	values := make([]rfm.Values, len(mpg))
	for i, s := range mpg {
		values[i].Monetary = decimal.RequireFromString(s)
	}
	b, err := rfm.Quantile{}.Breaks(values)
	if err != nil {
		t.Fatal(err)
	}
	// R's test compares with expect_equivalent, within 1.5e-8: the
	// last break is 0.2*22.8 + 0.8*24.4 + 1 in floating point, where h =
	// 25.8 - 25 = 0.8000000000000007, which gives 25.080000000000002.
	want := []float64{16.2, 18.92, 22, 25.08}
	got := make([]float64, len(b.Monetary))
	for i, d := range b.Monetary {
		got[i] = d.InexactFloat64()
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1.5e-8)); diff != "" {
		t.Errorf("Breaks.Monetary mismatch (-want +got):\n%s", diff)
	}
	// Scores count the breaks at or below a value: 15.2 (bin 1), 16.4
	// (>= 16.2: bin 2), 21.0 (>= 18.92: bin 3), 22.8 (>= 22: bin 4),
	// 33.9 (bin 5).
	s, err := rfm.Quantile{}.Score(values)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range map[int]int{13: 1, 11: 2, 0: 3, 2: 4, 19: 5} {
		if s[i].M != want {
			t.Errorf("mpg %s: M = %d, want %d", mpg[i], s[i].M, want)
		}
	}
}

func TestQuantileHandCases(t *testing.T) {
	tests := []struct {
		name   string
		q      rfm.Quantile
		values []rfm.Values
		dim    byte
		want   []int
		breaks []float64 // of the scored dimension, if checked
	}{
		{
			// F = 1..10, n = 10. R: index = 1 + 9*p, so p = 0.2, 0.4,
			// 0.6000000000000001, 0.8 give 2.8, 4.6, 6.4, 8.2 and the
			// quantiles 2.8, 4.6, 6.4, 8.2; breaks 3.8, 5.6, 7.4, 9.2.
			// 1-3 < 3.8 -> 1; 4-5 -> 2; 6-7 -> 3; 8-9 -> 4; 10 -> 5.
			name:   "frequency 1 to 10",
			values: freqs(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
			dim:    'F',
			want:   []int{1, 1, 1, 2, 2, 3, 3, 4, 4, 5},
			breaks: []float64{3.8, 5.6, 7.4, 9.2},
		},
		{
			// Without R's +1 the breaks are the quantiles: 1-2 -> 1,
			// 3-4 -> 2, 5-6 -> 3, 7-8 -> 4, 9-10 -> 5.
			name:   "frequency 1 to 10 unshifted",
			q:      rfm.Quantile{Unshifted: true},
			values: freqs(10, 9, 8, 7, 6, 5, 4, 3, 2, 1),
			dim:    'F',
			want:   []int{5, 5, 4, 4, 3, 3, 2, 2, 1, 1},
			breaks: []float64{2.8, 4.6, 6.4, 8.2},
		},
		{
			// Ties: eight 1s, a 2 and a 10. The quantiles are 1, 1, 1
			// and about 1.2 (index 8.2 between x[8] = 1 and x[9] = 2;
			// in floating point h = 8.2 - 8 = 0.1999999999999993, so
			// 0.8000000000000007*1 + 0.1999999999999993*2 =
			// 1.1999999999999993); breaks 2, 2, 2, 2.1999999999999993.
			// All 1s share bin 1; 2 is at or above three breaks: bin 4;
			// 10 is bin 5; bins 2 and 3 are empty.
			name:   "ties and empty bins",
			values: freqs(1, 1, 1, 1, 2, 1, 1, 1, 10, 1),
			dim:    'F',
			want:   []int{1, 1, 1, 1, 4, 1, 1, 1, 5, 1},
			breaks: []float64{2, 2, 2, 2.1999999999999993},
		},
		{
			// R's floating point: seq(0, 1, length.out = 6) holds
			// 0.6000000000000001 for 0.6. For 16 values, index = 1 +
			// 15*p: 4, 7, 10.000000000000002 and 13 (15*0.2, 15*0.4
			// and 15*0.8 round back to whole numbers, 15*0.6000000000000001
			// does not). So h = 1.8e-15 > 0 and the third quantile is
			// (1-h)*10 + h*11 = 10.000000000000002, not 10: the breaks
			// are 5, 8, 11.000000000000002 and 14, and the value 11
			// stays in bin 3 where exact arithmetic would put it in
			// bin 4.
			name:   "R's rounding of the probabilities",
			values: freqs(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16),
			dim:    'F',
			want:   []int{1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 5},
			breaks: []float64{5, 8, 11.000000000000002, 14},
		},
		{
			// Recency 0..9 days: quantiles 1.8, 3.6, 5.4, 7.2; breaks 2.8,
			// 4.6, 6.4, 8.2; bins 1 (0-2), 2 (3-4), 3 (5-6), 4 (7-8),
			// 5 (9), reversed to scores 5, 4, 3, 2, 1.
			name: "recency reversed",
			values: []rfm.Values{{Recency: 0}, {Recency: 1}, {Recency: 2}, {Recency: 3}, {Recency: 4},
				{Recency: 5}, {Recency: 6}, {Recency: 7}, {Recency: 8}, {Recency: 9}},
			dim:    'R',
			want:   []int{5, 5, 5, 4, 4, 3, 3, 2, 2, 1},
			breaks: []float64{2.8, 4.6, 6.4, 8.2},
		},
		{
			// Monetary 10, 20, 30, 40 with 3 bins: p = 1/3 and 2/3
			// (0.3333333333333333 and 0.6666666666666666); 3*p rounds to
			// exactly 1 and 2, so index = 2 and 3, the quantiles are 20
			// and 30 and the breaks 21 and 31: 10, 20 -> 1; 30 -> 2;
			// 40 -> 3.
			name: "three bins of money",
			q:    rfm.Quantile{Bins: 3},
			values: []rfm.Values{{Monetary: dec("10")}, {Monetary: dec("20")}, {Monetary: dec("30")},
				{Monetary: dec("40")}},
			dim:  'M',
			want: []int{1, 1, 2, 3},
		},
		{
			// One customer: every break is value+1, so frequency and
			// monetary score 1 and recency 5, as in R.
			name:   "one customer",
			values: []rfm.Values{{Recency: 4, Frequency: 2, Monetary: dec("9.9")}},
			dim:    'R',
			want:   []int{5},
			breaks: []float64{5, 5, 5, 5},
		},
		{
			name:   "all customers identical",
			values: freqs(3, 3, 3, 3),
			dim:    'F',
			want:   []int{1, 1, 1, 1},
			breaks: []float64{4, 4, 4, 4},
		},
		{
			name:   "all identical unshifted",
			q:      rfm.Quantile{Unshifted: true},
			values: freqs(3, 3, 3),
			dim:    'F',
			want:   []int{5, 5, 5},
		},
		{
			name:   "one bin",
			q:      rfm.Quantile{Bins: 1},
			values: freqs(1, 5, 9),
			dim:    'F',
			want:   []int{1, 1, 1},
			breaks: []float64{},
		},
		{
			// Negative monetary values (refunds above purchases) are
			// ordinary values: -10, -5, 0, 5, 10 with 2 bins. p = 0.5,
			// index 3, quantile 0, break 1: -10..0 -> 1, 5 and 10 -> 2.
			name: "negative money",
			q:    rfm.Quantile{Bins: 2},
			values: []rfm.Values{{Monetary: dec("-10")}, {Monetary: dec("-5")}, {Monetary: dec("0")},
				{Monetary: dec("5")}, {Monetary: dec("10")}},
			dim:  'M',
			want: []int{1, 1, 1, 2, 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.q.Score(tt.values)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, column(s, tt.dim)); diff != "" {
				t.Errorf("%c scores mismatch (-want +got):\n%s", tt.dim, diff)
			}
			if tt.breaks == nil {
				return
			}
			b, err := tt.q.Breaks(tt.values)
			if err != nil {
				t.Fatal(err)
			}
			got := b.Frequency
			if tt.dim == 'R' {
				got = b.Recency
			}
			if diff := cmp.Diff(tt.breaks, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("breaks mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestQuantileMatchesSortedDefinition checks the selection-based breaks
// against type-7 quantiles computed from a fully sorted copy, on random
// data with many ties, and the scores against counting breaks.
func TestQuantileMatchesSortedDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := range 300 {
		n := 1 + r.IntN(300)
		spread := 1 + r.IntN(50)
		values := make([]rfm.Values, n)
		for i := range values {
			values[i] = rfm.Values{
				Recency:   r.IntN(spread),
				Frequency: 1 + r.IntN(spread),
				Monetary:  decimal.New(int64(r.IntN(spread*100)-spread*10), -2),
			}
		}
		if r.IntN(2) == 0 { // whole amounts: the counting path
			for i := range values {
				values[i].Monetary = values[i].Monetary.Truncate(0)
			}
		}
		bins := 1 + r.IntN(12) // above 9 bins, scores search the breaks by halves
		q := rfm.Quantile{Bins: bins, Workers: 1 + r.IntN(3)}
		b := checkBreaks(t, q, values)
		s, err := q.Score(values)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range values {
			want := 1
			for _, br := range b.Frequency {
				if br <= float64(v.Frequency) {
					want++
				}
			}
			if s[i].F != want {
				t.Fatalf("trial %d: F = %d, want %d", trial, s[i].F, want)
			}
			if s[i].R < 1 || s[i].R > bins || s[i].M < 1 || s[i].M > bins {
				t.Fatalf("trial %d: scores %+v outside 1..%d", trial, s[i], bins)
			}
			// Equal values share a score.
			for j := range i {
				if values[j].Recency == v.Recency && s[j].R != s[i].R ||
					values[j].Monetary.Equal(v.Monetary) && s[j].M != s[i].M {
					t.Fatalf("trial %d: equal values scored differently", trial)
				}
			}
		}
	}
}

// checkBreaks compares q's breaks with type-7 quantiles (+1) computed from
// fully sorted copies, in R's operation order, and returns them.
func checkBreaks(t *testing.T, q rfm.Quantile, values []rfm.Values) rfm.Breaks {
	t.Helper()
	n, bins := len(values), q.Bins
	b, err := q.Breaks(values)
	if err != nil {
		t.Fatal(err)
	}
	money := make([]float64, len(b.Monetary))
	for i, d := range b.Monetary {
		money[i] = d.InexactFloat64()
	}
	for _, dim := range []struct {
		name string
		got  []float64
		x    func(rfm.Values) float64
	}{
		{"recency", b.Recency, func(v rfm.Values) float64 { return float64(v.Recency) }},
		{"frequency", b.Frequency, func(v rfm.Values) float64 { return float64(v.Frequency) }},
		{"monetary", money, func(v rfm.Values) float64 { return v.Monetary.InexactFloat64() }},
	} {
		xs := make([]float64, n)
		for i, v := range values {
			xs[i] = dim.x(v)
		}
		slices.Sort(xs)
		for k := 1; k < bins; k++ {
			// R: index <- 1 + (n-1)*p; qs <- x[lo], interpolated when
			// index > lo and x[hi] != x[lo].
			p := float64(k) * (1 / float64(bins))
			index := 1 + float64(float64(n-1)*p)
			lo := int(index)
			h := index - float64(lo)
			qs := xs[lo-1]
			if h > 0 && xs[min(lo, n-1)] != qs {
				qs = float64((1-h)*qs) + float64(h*xs[lo])
			}
			if dim.got[k-1] != qs+1 {
				t.Fatalf("%s break %d = %v, want %v", dim.name, k, dim.got[k-1], qs+1)
			}
		}
	}
	return b
}

// TestQuantileLarge exercises selection on a large population, with the
// dimensions and the scoring spread over goroutines.
func TestQuantileLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	values := make([]rfm.Values, 60_000)
	for i := range values {
		values[i] = rfm.Values{
			Recency:   r.IntN(1000) * r.IntN(1000), // too wide to count
			Frequency: 1 + r.IntN(40),
			Monetary:  decimal.New(r.Int64N(1_000_000), -2),
		}
	}
	for _, w := range []int{1, 4} {
		q := rfm.Quantile{Bins: 7, Workers: w}
		b := checkBreaks(t, q, values)
		s, err := q.Score(values)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range values {
			m := v.Monetary.InexactFloat64()
			want := 1
			for _, br := range b.Monetary {
				if br.InexactFloat64() <= m {
					want++
				}
			}
			if s[i].M != want {
				t.Fatalf("workers %d: M = %d, want %d", w, s[i].M, want)
			}
		}
	}
}

package quantile

import (
	"slices"
	"testing"
)

// TestBreaksMatchR checks the breaks against R 4.x's
// quantile(x, probs = seq(0, 1, length.out = bins + 1), type = 7),
// inner values, computed by hand here from R's formula:
//
//	x <- c(1, 2, 3, 4, 10); quantile(x, c(.2, .4, .6, .8)) # 1.8 2.6 3.4 5.2
//	x <- 1:4; quantile(x, c(1/3, 2/3))                     # 2 3
func TestBreaksMatchR(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		bins int
		want []float64
	}{
		{[]float64{1, 2, 3, 4, 10}, 5, []float64{1.8, 2.6, 3.4, 5.2}},
		{[]float64{1, 2, 3, 4}, 3, []float64{2, 3}},
		{[]float64{7}, 4, []float64{7, 7, 7}},
		{[]float64{1, 2}, 1, []float64{}},
	} {
		n := int64(len(tc.xs))
		var stats []float64
		for _, r := range Ranks(n, tc.bins) {
			stats = append(stats, tc.xs[r])
		}
		got := Breaks(n, tc.bins, stats, false)
		if len(got) != len(tc.want) {
			t.Fatalf("Breaks(%v, %d) = %v, want %v", tc.xs, tc.bins, got, tc.want)
		}
		for i := range got {
			if d := got[i] - tc.want[i]; d > 1e-12 || d < -1e-12 {
				t.Errorf("Breaks(%v, %d) = %v, want %v", tc.xs, tc.bins, got, tc.want)
				break
			}
		}
		if shifted := Breaks(n, tc.bins, stats, true); len(got) > 0 && shifted[0] != got[0]+1 {
			t.Errorf("shifted break %v, want %v", shifted[0], got[0]+1)
		}
	}
	// The ranks of 5 values, 5 bins: index 1.8, 2.6, 3.4, 4.2.
	if got, want := Ranks(5, 5), []int64{0, 1, 1, 2, 2, 3, 3, 4}; !slices.Equal(got, want) {
		t.Errorf("Ranks(5, 5) = %v, want %v", got, want)
	}
}

package quantile_test

import (
	"fmt"
	"slices"

	"github.com/clientele-go/clientele/internal/quantile"
)

// Example computes the quartile breaks of eight values from the order
// statistics they need, as R's quantile(x) gives them: 1.75, 3.5 and 5.25.
func Example() {
	x := []float64{3, 1, 4, 1, 5, 9, 2, 6}
	sorted := slices.Sorted(slices.Values(x)) // 1 1 2 3 4 5 6 9
	ranks := quantile.Ranks(int64(len(x)), 4)
	stats := make([]float64, len(ranks))
	for i, r := range ranks {
		stats[i] = sorted[r]
	}
	fmt.Println("ranks", ranks)
	for _, shift := range []bool{false, true} {
		b := quantile.Breaks(int64(len(x)), 4, stats, shift)
		fmt.Printf("shift %v: %.6f %.6f %.6f\n", shift, b[0], b[1], b[2])
	}
	// Output:
	// ranks [1 2 3 4 5 6]
	// shift false: 1.750000 3.500000 5.250000
	// shift true: 2.750000 4.500000 6.250000
}

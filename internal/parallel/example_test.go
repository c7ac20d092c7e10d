package parallel_test

import (
	"fmt"

	"github.com/clientele-go/clientele/internal/parallel"
)

// ExampleFor sums 1² + 2² + … + 1000² in chunks on up to four goroutines:
// each chunk writes only its own slot, and the slots are added in chunk
// order, so the result is the same for every worker count.
func ExampleFor() {
	const n = 1000
	c := parallel.Split(n, 8, 100, 0)
	partial := make([]int, c.Count)
	parallel.For(4, c.Count, func(_, ch int) {
		lo, hi := c.Bounds(ch)
		for i := lo; i < hi; i++ {
			partial[ch] += (i + 1) * (i + 1)
		}
	})
	total := 0
	for _, p := range partial {
		total += p
	}
	fmt.Println(c.Count, "chunks of", c.Size)
	fmt.Println(total, n*(n+1)*(2*n+1)/6)
	// Output:
	// 8 chunks of 125
	// 333833500 333833500
}

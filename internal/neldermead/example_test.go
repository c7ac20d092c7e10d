package neldermead_test

import (
	"context"
	"fmt"

	"github.com/clientele-go/clientele/internal/neldermead"
)

// ExampleMinimize finds the minimum of (x−1)² + (y+2)², at (1, −2).
func ExampleMinimize() {
	f := func(p []float64) float64 {
		dx, dy := p[0]-1, p[1]+2
		return dx*dx + dy*dy
	}
	res, err := neldermead.Minimize(context.Background(), f, []float64{0, 0},
		neldermead.Settings{Step: 0.5, XTol: 1e-10, FTol: 1e-12, MaxIter: 1000})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x = %.6f, y = %.6f, f = %.6f, converged %v\n", res.X[0], res.X[1], res.F, res.Converged)
	// Output:
	// x = 1.000000, y = -2.000000, f = 0.000000, converged true
}

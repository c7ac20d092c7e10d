package hypergeo_test

import (
	"fmt"
	"math"

	"github.com/clientele-go/clientele/internal/hypergeo"
)

// ExampleHyp2F1 checks Hyp2F1 against two closed forms:
// ₂F₁(1, 1; 2; z) = −ln(1−z)/z and ₂F₁(½, ½; 3/2; z²) = arcsin(z)/z.
func ExampleHyp2F1() {
	z := 0.5
	fmt.Printf("%.6f %.6f\n", hypergeo.Hyp2F1(1, 1, 2, z), -math.Log(1-z)/z)
	fmt.Printf("%.6f %.6f\n", hypergeo.Hyp2F1(0.5, 0.5, 1.5, z*z), math.Asin(z)/z)
	// Output:
	// 1.386294 1.386294
	// 1.047198 1.047198
}

// ExampleLogHyp2F1 shows that LogHyp2F1 is the logarithm of Hyp2F1,
// ln(2 ln 2) here, and that it stays finite where ₂F₁ overflows float64.
func ExampleLogHyp2F1() {
	fmt.Printf("%.6f\n", hypergeo.LogHyp2F1(1, 1, 2, 0.5))
	// ₂F₁(a, 1; 1; z) = (1−z)^−a, so ln ₂F₁(2000, 1; 1; 0.5) = 2000 ln 2.
	fmt.Printf("%.6f %.6f\n", hypergeo.LogHyp2F1(2000, 1, 1, 0.5), 2000*math.Ln2)
	fmt.Println(hypergeo.Hyp2F1(2000, 1, 1, 0.5))
	// Output:
	// 0.326634
	// 1386.294361 1386.294361
	// +Inf
}

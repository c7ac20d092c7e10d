// Package hypergeo evaluates the Gauss hypergeometric function ₂F₁ in
// float64, for the closed forms of the BG/NBD and Pareto/NBD models of
// repeat purchasing (package rfm/clv).
//
// [Hyp2F1] covers real parameters and z ≤ 1 and agrees with mpmath to
// about 1e-13 where the BG/NBD formulas need it (0 ≤ z < 1); [LogHyp2F1]
// gives the logarithm for positive parameters, where ₂F₁ itself may
// overflow, choosing between the Gauss series and Euler's transformation
// so that heavy buyers (huge first parameters) stay cheap and exact. Both
// are pure functions, safe for concurrent use, and return NaN instead of
// panicking on arguments outside their domain.
package hypergeo

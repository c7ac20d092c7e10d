// Package clv predicts customer lifetime value and churn from purchase
// histories: the BG/NBD model of repeat purchasing and dropout (Fader,
// Hardie & Lee 2005) and the Gamma-Gamma model of spend per purchase,
// combined as the Python package lifetimes does.
//
// It sits beside package rfm, under package customer, whose orders it
// reads. Its numerics (the Gauss hypergeometric function, the
// Nelder–Mead search) are private to the module.
//
// # Usage
//
//	week := 7 * 24 * time.Hour
//	data, skipped, err := clv.SummarizeCBS(ctx, orders, clv.CBSOptions{CalibrationEnd: asOf, Unit: week})
//	bg, err := clv.FitBGNBD(ctx, data, clv.FitOptions{})
//	gg, err := clv.FitGammaGamma(ctx, data, clv.FitOptions{})
//	vals, err := clv.LifetimeValues(ctx, data, bg, gg, clv.CLVOptions{Unit: week, DiscountRate: 0.01})
//	best, lost := clv.TopCLV(vals, 10), clv.ChurnRisk(vals, 0.3, 10)
//
// # Summaries
//
// [SummarizeCBS] reduces orders to one [CBS] per customer over a
// calibration period, with an optional holdout: repeat purchase days X,
// the time TX of the last purchase and the age T since the first, in
// days or weeks, and the mean repeat spend M. It skips and counts bad
// orders by the rule documented on [customer.Skipped].
//
// # Models
//
// [FitBGNBD] fits the BG/NBD model and [FitGammaGamma] the Gamma-Gamma
// model by maximum likelihood; on the CDNOW data both reproduce the
// published estimates. [BGNBD.ProbAlive] is the probability that a
// customer is still active, [BGNBD.ConditionalExpectedPurchases] the
// purchases to expect and [GammaGamma.ConditionalExpectedValue] the spend
// per purchase. Fits are deterministic and bit-identical for any number
// of workers.
//
// # Lifetime value and churn
//
// [LifetimeValues] gives the discounted customer lifetime value over a
// number of months, combined as lifetimes' customer_lifetime_value does;
// [TopCLV] and [ChurnRisk] rank the results. Keep the time unit with the
// data: the models do not know it, and [CLVOptions] needs it to turn
// months into periods (a weekly model stepped in days overstates a
// 12-month CLV about fourfold, a known lifetimes pitfall).
//
// # Errors
//
// Bad input and bad settings are errors, never panics. Data that cannot
// identify a model (all one-time buyers, say) give [ErrNotIdentifiable],
// and a search that does not converge [ErrNoConvergence], both in a
// [*FitError] with the last iterate; an invalid summary gives a
// [*CBSError] naming the row, never the customer.
package clv

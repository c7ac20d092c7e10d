// Package clv predicts customer lifetime value and churn from purchase
// histories: the BG/NBD, MBG/NBD and Pareto/NBD models of repeat
// purchasing and dropout in continuous time, the BG/BB model for
// discrete-time data, and the Gamma-Gamma model of spend per purchase,
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
// orders by the rule documented on [customer.Skipped]. The BG/BB model
// takes a [DiscreteCBS] instead: transactions at X of N fixed
// opportunities, the last at opportunity TX.
//
// # Models
//
// [FitBGNBD], [FitMBGNBD], [FitParetoNBD], [FitBGBB] and [FitGammaGamma]
// fit by maximum likelihood; on the published data sets (CDNOW, the
// donations of Fader, Hardie & Shang 2010) they reproduce the published
// estimates. The continuous-time models share one method set, [Model]:
// ProbAlive, ExpectedPurchases, ConditionalExpectedPurchases,
// ProbPurchases and Summary (standard errors and 95% intervals from the
// observed information); [GammaGamma.ConditionalExpectedValue] is the
// spend per purchase. [FrequencyRecency] tabulates a model's predictions
// over frequency and recency, and [CompareHoldout] checks them against a
// holdout period. Fits are deterministic and bit-identical for any
// number of workers; fitted models marshal to versioned JSON and load
// back with their parameters validated.
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
// # Coming from lifetimes
//
// Names and units map as follows; the package follows the papers where
// lifetimes differs, and says how to get lifetimes' figures.
//
//   - frequency is [CBS].X, the number of repeat purchase days (periods
//     with a purchase, minus the first); recency is TX, first to last
//     purchase (0 for one-time buyers); T is T. lifetimes'
//     monetary_value (mean of the repeat purchases, first left out, its
//     default) is M. BetaGeoBetaBinomFitter's frequency, recency,
//     n_periods and weights are [DiscreteCBS].X, TX, N and Customers.
//   - Times: SummarizeCBS counts whole days and divides by the unit, so
//     weeks are fractional (30.43 = 213 days) as in the papers and
//     CLVTools; lifetimes with freq='W' counts calendar-week differences
//     (whole numbers), which [CBSOptions].CalendarPeriods reproduces.
//     Fit on whichever you trust; the models do not care. The same
//     option, with periods as long as the opportunities, gives
//     BG/BB's data through [Discrete].
//   - Holdout: CBS.HoldoutPurchases is lifetimes' frequency_holdout and
//     HoldoutLength its duration_holdout; HoldoutSpend is the total spend
//     in the holdout, where lifetimes' monetary_value_holdout is the mean
//     per purchase (HoldoutSpend / HoldoutPurchases).
//   - Fits: the same likelihoods, the same search scale (times in units
//     of the largest T) and the same L2 penalty as penalizer_coef
//     ([FitOptions].Penalty); lifetimes' BFGS and our Nelder–Mead land on
//     the same maximum (the tests hold the CDNOW fits to lifetimes'
//     documented estimates within 1e-4).
//   - Summary: lifetimes' summary table (coef, se(coef), 95% bounds as
//     coef ∓ 1.96 se) is [Model].Summary, a []Estimate.
//   - CLV: discount_rate is monthly in both. lifetimes' month is 30
//     periods for freq='D' (its default), 4.345 for 'W', 1 for 'M',
//     720 for 'H'; ours is 365.25/12 days in the data's unit. Set
//     [CLVOptions].PeriodsPerMonth to lifetimes' number to match it
//     exactly.
//   - Matrices and holdout plots: [FrequencyRecency] leaves one-time
//     buyers at positive recency NaN (lifetimes evaluates them anyway),
//     and [CompareHoldout] pools the customers above the last frequency
//     into it (lifetimes' plot drops them).
//
// # Errors
//
// Bad input and bad settings are errors, never panics. Data that cannot
// identify a model (all one-time buyers, say) give [ErrNotIdentifiable],
// and a search that does not converge [ErrNoConvergence], both in a
// [*FitError] with the last iterate; an invalid summary gives a
// [*CBSError] naming the row, never the customer.
package clv

// Package rfm scores customers by recency, frequency and monetary value.
//
// It sits above package customer, whose orders it reads, and below
// package segment, which combines its scores with tags and clusters. It
// imports nothing else of this module.
//
// # Usage
//
// From a stream of orders to named segments and a report:
//
//	values, err := rfm.Compute(orders, asOf, rfm.Options{})
//	scores, err := rfm.Quantile{}.Score(values)
//	table := rfm.StandardSegments()
//	segs, err := table.Assign(scores) // table.Name(segs[i]) is customer i's segment
//	report, err := rfm.NewReport(values, scores, table)
//	err = report.WriteText(os.Stdout)
//	err = report.Grid.WriteSVG(svgFile)
//
// # Values
//
// [Compute] reduces orders to one [Values] per customer in a single
// streaming pass. Recency is the number of calendar days from the last
// purchase to the as-of date, both dates taken in the as-of time's
// location (as R's rfm package does with dates, and as
// [customer.CalendarDays] counts). Frequency is the number of purchases,
// or of distinct purchase days. Monetary is the net spend, exact, or its
// average per purchase. Purchases are orders with a non-negative amount;
// refunds (negative amounts) reduce Monetary but neither count as
// purchases nor move Recency, and a customer with refunds only gets no
// values. A repeated order ID of the same customer counts once. Orders
// after the as-of time, and orders without a customer or a time, are
// errors or, by option, skipped and counted; a window limits the orders
// to the last so many days.
//
// An [Accumulator] does the same one order at a time and reports what it
// skipped; accumulators fed separate shards merge into the result of a
// single pass, which is the seam for running on a distributed engine.
// Memory grows with the number of customers, plus about 12 bytes per
// order ID for duplicate detection (which Options.TrustOrderIDs turns
// off): exact detection has to remember every ID, so that is the one
// cost that grows with the orders. [Compute] spreads the work over
// Options.Workers goroutines by customer and gives the same result for
// any number of them.
//
// # Scores
//
// A [Scorer] turns values into [Scores] from 1 up, higher being better
// (more recent, more frequent, more spend):
//
//   - [Quantile] cuts each dimension at its sample quantiles exactly as
//     R's rfm package does in rfm_table_order: type-7 quantiles, R's
//     inner breaks plus one, half-open bins, equal values always in the
//     same bin, empty bins when breaks coincide, recency reversed.
//   - [Thresholds] cuts at fixed business thresholds.
//   - [MeanSplit] compares each customer with the population mean, for
//     the Chinese eight-class value model.
//
// # Segments
//
// A [Table] names customers by rules over score ranges; the first rule
// that matches wins and a fallback catches the rest, so every combination
// of scores maps to exactly one segment. [StandardSegments] is the table
// published with R's rfm package, [GridSegments] the widely used R×F
// grid, and [ValueSegments] the eight classes of the value model
// (重要价值客户 and so on). Hosts can write their own.
//
// # Report
//
// [NewReport] gives, per segment, the number and share of customers,
// mean and median recency, frequency and monetary value, and the
// segment's total and share of money, plus the R×F [Grid] of customer
// counts and average monetary value. [Grid.WriteSVG] draws that grid as
// a heat map with the standard library only.
//
// # Lifetime value and churn
//
// [SummarizeCBS] reduces orders to one [CBS] per customer over a
// calibration period, with an optional holdout: repeat purchase days X,
// the time TX of the last purchase and the age T since the first, in
// days or weeks, and the mean repeat spend M. [FitBGNBD] fits the BG/NBD
// model of purchasing and dropout (Fader, Hardie & Lee 2005) and
// [FitGammaGamma] the Gamma-Gamma model of spend per purchase; on the
// CDNOW data both reproduce the published estimates. [BGNBD.ProbAlive]
// is the probability that a customer is still active,
// [BGNBD.ConditionalExpectedPurchases] the purchases to expect, and
// [LifetimeValues] the discounted customer lifetime value over a number
// of months, combined as lifetimes' customer_lifetime_value does;
// [TopCLV] and [ChurnRisk] rank the results.
//
//	data, err := rfm.SummarizeCBS(ctx, orders, rfm.CBSOptions{CalibrationEnd: asOf, Unit: rfm.UnitWeek})
//	bg, err := rfm.FitBGNBD(ctx, data.Customers, rfm.FitOptions{})
//	gg, err := rfm.FitGammaGamma(ctx, data.Customers, rfm.FitOptions{})
//	vals, err := rfm.LifetimeValues(ctx, data.Customers, bg, gg, rfm.CLVOptions{Unit: rfm.UnitWeek, DiscountRate: 0.01})
//	best, lost := rfm.TopCLV(vals, 10), rfm.ChurnRisk(vals, 0.3, 10)
//
// Keep the time unit with the data: the models do not know it, and
// [CLVOptions] needs it to turn months into periods (a weekly model
// stepped in days overstates a 12-month CLV about fourfold, a known
// lifetimes pitfall). Fits are deterministic and bit-identical for any
// number of workers. Data that cannot identify a model (all one-time
// buyers, say) give [ErrNotIdentifiable], and a search that does not
// converge [ErrNoConvergence], both in a [*FitError] with the last
// iterate.
//
// # Errors
//
// Bad input and bad settings are errors, never panics. Errors wrap the
// sentinels in errors.go ([ErrFutureOrder], [ErrInvalidConfig], ...);
// an [*OrderError] names the bad order by its position and order ID and
// never carries customer data.
package rfm

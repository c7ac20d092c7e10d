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
//	values, skipped, err := rfm.Compute(ctx, orders, asOf, rfm.Options{})
//	scores, err := rfm.Quantile{}.Score(values)
//	table := rfm.StandardSegments()
//	segs, err := table.Assign(scores) // table.Name(segs[i]) is customer i's segment
//	report, err := rfm.NewReport(values, scores, table)
//	err = report.WriteText(os.Stdout)
//	err = report.WriteSVG(svgFile)
//
// Lifetime value and churn (the BG/NBD and Gamma-Gamma models) are in
// package rfm/clv.
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
// values. Orders without a customer or a time, orders after the as-of
// time and repeated order IDs are skipped and counted in [Skipped] by the
// rule documented on [customer.Skipped] (options turn the first two into
// errors); a window limits the orders to the last so many days.
//
// [ComputeColumns] does the same for orders held as columns (from SQL,
// Parquet or Arrow, with IDs and times as text or as integers), with the
// same results. An [Accumulator] does it one order at a time;
// accumulators fed separate shards merge into the result of a single
// pass, which is the seam for running on a distributed engine. Memory
// grows with the number of customers, plus about 20 bytes per distinct
// order ID for duplicate detection (which Options.TrustOrderIDs turns
// off): exact detection has to remember every ID, so that is the one cost
// that grows with the orders. [Compute] spreads the work over
// Options.Workers goroutines by customer and gives the same result for
// any number of them.
//
// # Scores
//
// A scorer turns values into [Scores] from 1 up, higher being better
// (more recent, more frequent, more spend), each carrying its customer's
// ID:
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
// A [SegmentTable] names customers by rules over score ranges; the first
// rule that matches wins and a fallback catches the rest, so every
// combination of scores maps to exactly one segment. [StandardSegments]
// is the table published with R's rfm package, [GridSegments] the widely
// used R×F grid, and [ValueSegments] the eight classes of the value model
// (重要价值客户 and so on). Hosts can write their own.
//
// # Report
//
// [NewReport] gives, per segment, the number and share of customers,
// mean and median recency, frequency and monetary value, and the
// segment's total and share of money, plus the R×F grid of customer
// counts and average monetary value. [Report.WriteSVG] draws that grid as
// a heat map with the standard library only.
//
// # Errors
//
// Bad input and bad settings are errors, never panics. Bad settings wrap
// [ErrConfig], inputs that do not fit together [ErrMismatch]; a rejected
// order comes as an [*OrderError] that names it by position and order ID
// and never carries customer data.
package rfm

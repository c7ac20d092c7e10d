// Package csvio reads CSV files into an Apache Beam pipeline with exact
// line numbers, routes lines that cannot be parsed to a dead-letter
// output, fails the pipeline when too many are bad, and writes one sorted
// CSV file.
//
// It is the I/O layer of packages rfmbeam and clusterbeam and of the
// programs in cmd/; it imports nothing of the core library.
//
// # Usage
//
//	header, batches := csvio.Read(s, "orders.csv", csvio.Options{})
//	orders, bad := rfmbeam.ParseOrders(s, header, batches)
//	report := csvio.Check(s, csvio.CheckOptions{MaxShare: 0.01, DeadLetters: "bad.csv"}, batches, bad)
//	...
//	csvio.Write(s, "out.csv", "customer_id,...", rows, report)
//
// # Line numbers
//
// Beam's textio reads lines without their positions. [Read] cuts the file
// into byte ranges, counts the lines of each in a first pass, and numbers
// the lines of each range from the counts of the ranges before it, so
// every line keeps its number however the runner distributes the work.
// The numbers name dead letters, and they order the input: rfmbeam uses
// them to decide which copy of a repeated order ID counts, as the
// single-process rfm.Compute does by stream position.
package csvio

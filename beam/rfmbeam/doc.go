// Package rfmbeam runs RFM scoring (package rfm of
// github.com/clientele-go/clientele) as Apache Beam transforms, so that
// the same values and scores come out of Dataflow, Flink, Spark or the
// local Prism runner as out of rfm.Compute and rfm.Quantile on one
// machine.
//
// It sits in the nested module github.com/clientele-go/clientele/beam,
// so that the core library does not depend on Beam, and builds on rfm's
// public API only.
//
// # Usage
//
//	header, batches := csvio.Read(s, "orders.csv", csvio.Options{})
//	orders, bad := rfmbeam.ParseOrders(s, header, batches)
//	fn, err := rfmbeam.NewCombineFn(asOf, rfm.Options{})
//	customers := rfmbeam.ComputeValues(s, fn, orders) // PCollection<Customer>
//	scored := rfmbeam.Score(s, rfm.Quantile{}, customers) // PCollection<Scored>
//	skipped := rfmbeam.TotalSkipped(s, customers)     // PCollection<rfm.Skipped>
//
// Hosts with orders from elsewhere build a PCollection<Order> themselves,
// with a unique Pos per order that says which copy of a repeated order ID
// counts; or they use [CombineFn] directly in beam.CombinePerKey.
//
// # Exactness
//
// Every customer's values are computed by one rfm.Accumulator fed that
// customer's orders in Pos order (see [CombineFn] for why the accumulator
// carries orders), so they equal rfm.Compute's, skip counts included.
// [Score] finds the quantile breaks from exact order statistics without
// gathering the population on one worker, and scores every customer as
// rfm.Quantile.Score does. The tests check both against the
// single-process functions on the Prism runner.
//
// Every type that crosses a shuffle has a registered binary coder, and
// every DoFn and CombineFn carries its configuration in its own fields:
// there is no package state besides Beam's registrations (made in init,
// as Beam requires, before beam.Init).
package rfmbeam

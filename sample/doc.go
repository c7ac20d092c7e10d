// Package sample generates deterministic sample customers and orders to
// try the library on, in the spirit of the Python package lifetimes'
// generate_data: persons with plausible Chinese names in cities of every
// tier, companies with valid unified social credit codes, and years of
// orders from one-time buyers to a loyal core, refunds and discounts
// included. Optional defects, replayed orders and persons keyed in twice
// make it a test bed for validation and dedup.
//
// It sits beside the domain packages and above package customer, whose
// Person, Company and Order it fills; nothing in the library depends on
// it. All data is fake: phone numbers are synthetic, e-mail addresses use
// example.com-style domains and ID numbers belong to nobody.
//
// # Usage
//
// Generate a whole sample in memory, or stream the orders of a large one:
//
//	data := sample.Generate(sample.Config{People: 2000, Seed: 1})
//	sums, skipped, err := customer.Summarize(ctx, slices.Values(data.Orders), data.AsOf, customer.SummaryOptions{})
//
//	for o := range sample.Orders(sample.Config{People: 1_000_000, Seed: 1}) {
//		// one customer's orders in memory at a time
//	}
//
// Everything is a pure function of the Config: the same Config, Seed
// included, gives the same data on every platform, so a test or an
// example may compare its output with a golden file. A release that
// changes the data says so in MIGRATING.md.
package sample

// Package synth generates deterministic sample data for tests, examples
// and benchmarks: persons with plausible Chinese names in cities across all
// tiers and provinces, companies with valid unified social credit codes,
// orders with heterogeneous purchase rates, and numeric mixtures for
// clustering ([Blobs]).
//
// Everything is a pure function of its configuration: the same Config
// (including Seed) always yields the same data, on every platform. Phone
// numbers are synthetic, e-mail addresses use example.com-style domains,
// and ID numbers carry valid check characters for fictitious people.
package synth

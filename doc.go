// Package clientele is the root of an embeddable library for customer
// information management and market segmentation. The root package holds
// no code; the work lives in small packages that a host application
// composes itself.
//
// # Packages
//
//   - [github.com/clientele-go/clientele/customer]: persons, companies and
//     orders (money as decimal.Decimal), validation of Chinese mobile numbers,
//     e-mail addresses, resident ID numbers (GB 11643) and unified social
//     credit codes (GB 32100-2015), behaviour summaries, CSV input and output,
//     the same records read from database/sql rows and per-customer results
//     upserted back (no driver: hosts bring theirs), deduplication and
//     completeness.
//   - [github.com/clientele-go/clientele/tagging]: the Tagger interface and
//     built-in taggers (spending level, activity, needs, lifecycle,
//     preferences) run in bulk over profiles.
//   - [github.com/clientele-go/clientele/rfm]: recency, frequency and
//     monetary values, scoring, named segments and reports; its package
//     rfm/clv holds the customer lifetime value and churn models (BG/NBD,
//     Gamma-Gamma).
//   - [github.com/clientele-go/clientele/cluster]: deterministic, parallel
//     k-means with k-means++ seeding, scaling and quality measures. It knows
//     nothing of customers.
//   - [github.com/clientele-go/clientele/segment]: segmentation by
//     dimensions, members joined from records, summaries, scores and tags,
//     rule personas, segment portraits, strategies and campaign metrics.
//   - [github.com/clientele-go/clientele/privacy]: masking, sensitivity
//     policies, field encryption, blind indexes, pseudonyms, consent and
//     retention. It depends on nothing else in the module.
//   - [github.com/clientele-go/clientele/sample]: deterministic sample
//     persons, companies and orders to try the others on, as the examples
//     do. Nothing in the library imports it.
//
// # How the packages compose
//
// Imports point one way only:
//
//	examples/*  ->  segment  ->  tagging, rfm, cluster
//	tagging, rfm  ->  customer  ->  privacy
//
// cluster and privacy stand alone; sample sits beside the others, above
// customer. layers_test.go enforces this. The database edge keeps to it:
// customer.SQLTable writes rows whose values the caller takes from rfm,
// tagging or segment, so customer imports none of them. examples/crm-sql
// and beam are modules of their own, so their drivers and SDKs never enter
// the library's go.mod.
//
// # Conventions
//
// Money is always decimal.Decimal. Time arithmetic uses an explicit as-of
// time passed by the caller; the library never reads the clock. Randomness
// comes from a Seed in a config struct, so the same input and seed give the
// same output whatever the worker count. Errors and log values never contain
// a raw phone number, e-mail address or ID number.
package clientele

// Package ingest is the order-ingestion engine behind rfm.Compute,
// rfm.Accumulator, customer.Summarize and clv.SummarizeCBS: the part of
// turning millions of orders into per-customer state that does not depend
// on what the state is.
//
// It hashes each customer ID once ([Hasher]), interns the IDs into dense
// per-customer slots ([Index]), remembers which (customer, order ID)
// pairs it has seen in one structure per shard, confirming a hash match by
// comparing the IDs themselves ([Seen]), and deals prepared records out
// to shards by the customer hash, each shard on its own goroutine
// ([Router]). A customer lives in exactly one shard and sees its orders in
// stream order, so a shard's result is that of a single pass over its
// customers; [MergeOrder] puts the shards' customers back in the order of
// their first order, so results never depend on the number of shards.
//
// The callers keep what is theirs: which orders to skip, what a record
// carries, and what a customer's state is. Money travels as int64 units
// of internal/money, with the exact decimal as a fallback.
package ingest

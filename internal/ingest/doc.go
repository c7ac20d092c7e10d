// Package ingest is the order-ingestion engine behind rfm.Compute,
// rfm.ComputeColumns, rfm.Accumulator, customer.Summarize and
// clv.SummarizeCBS: the part of turning millions of orders into
// per-customer state that does not depend on what the state is.
//
// The caller reads the orders on its goroutine, applies its skip rules,
// hashes each customer ID once ([Hasher]) and pushes one small record per
// used order, without pointers, to an [Engine]. The engine buffers a wave
// of records and, while the caller fills the next one, sorts the wave by
// partition (the top bits of the customer hash; [Parts] of them) and
// applies the partitions on the workers, one partition per worker at a
// time. Each partition ([Part]) interns its customers' IDs into dense
// slots, keeps each customer's key next to its state, and remembers the
// (slot, order ID) pairs it has seen in one extendible hash table whose
// entries hold short order IDs inline, so a duplicate is recognised
// exactly, by the ID itself, in one cache line. A partition holds about a
// 256th of the data, so its tables mostly stay in cache while it is
// worked on.
//
// A customer lives in one partition and sees its records in push order,
// so each partition's result is that of a single pass; [Engine.Emit]
// numbers the customers in the order of their first record, so results
// never depend on the number of workers, the wave size or the hash seed.
//
// The callers keep what is theirs: which orders to skip, what a record
// carries (money as int64 units of internal/money, with the exact decimal
// on a side list when it does not fit), and what a customer's state is.
package ingest

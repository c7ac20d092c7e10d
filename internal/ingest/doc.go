// Package ingest is the order-ingestion engine behind rfm.Compute,
// rfm.ComputeColumns, rfm.Accumulator, customer.Summarize and
// clv.SummarizeCBS: the part of turning millions of orders into
// per-customer state that does not depend on what the state is.
//
// The caller reads the orders on its goroutine, applies its skip rules,
// hashes each customer ID once ([Hasher]) and pushes one small record per
// used order, without pointers, to an [Engine]. The engine buffers a wave
// of records in 16 buckets and, while the caller fills the next one,
// sorts each bucket by partition (the top bits of the customer hash;
// [Parts] of them) and applies the partitions on the workers, one bucket
// per worker at a time. Each partition ([Part]) interns its customers'
// IDs into dense slots and keeps each customer's key next to its state.
// A partition holds about a 256th of the data, so its tables mostly stay
// in cache while it is worked on.
//
// Duplicate detection keeps each partition's (slot, order ID) pairs as a
// log behind a Bloom filter of 8 to 32 bits a pair, which stays in cache:
// a record the filter has surely not seen is new, and only the few it may
// have seen (the duplicates and about 1% of the rest) wait until Flush,
// where an index of the pairs that share their hashes, built in cache,
// decides them exactly, by the IDs themselves.
//
// A customer lives in one partition and sees its records in push order,
// but for those that waited; the callers' states do not depend on the
// order of a customer's records, so each partition's result is that of a
// single pass; [Engine.Emit] numbers the customers in the order of their
// first record, so results never depend on the number of workers, the
// wave size or the hash seed.
//
// The callers keep what is theirs: which orders to skip, what a record
// carries (money as int64 units of internal/money, with the exact decimal
// on a side list when it does not fit), and what a customer's state is.
package ingest

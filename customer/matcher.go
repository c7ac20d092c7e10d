package customer

// Matcher decides whether two records that share a blocking key describe
// the same customer.
//
// Match returns whether a and b are the same customer and a score for
// the strength of the evidence; [Dedup] merges accepted pairs in
// descending score order, which matters only when a merge is refused
// because it would join two different strong identifiers (see
// [DedupOptions]). Match may be called concurrently from several
// goroutines and must not modify a or b or keep them after it returns. It
// must be deterministic; Dedup always passes the record with the smaller
// ID as a, so it need not be symmetric. A Matcher that also has a
// Validate() error method is checked before use; an error it returns is
// reported wrapped in [ErrConfig].
//
// [PersonMatcher] and [CompanyMatcher] are the built-in matchers.
type Matcher[T any] interface {
	Match(a, b *T) (score float64, same bool)
}

// strongScore is the score of a strong-identifier match: strongScore plus
// one per identifier that agrees, always above any weak-evidence score.
const strongScore = 10

// Package taggingtest checks that a [tagging.Tagger] keeps its contract,
// as testing/slogtest does for slog handlers.
//
// Call [Run] from a test, once per tagger:
//
//	func TestMyTagger(t *testing.T) {
//		taggingtest.Run(t, func() tagging.Tagger { return mytagger.New(...) })
//	}
//
// Run tags a fixed set of profiles ([Profiles]: synthetic persons and
// companies plus edge cases such as prospects, refund-only customers,
// negative and oversized average order values, and companies without a
// decision cycle) and checks that the tagger does not panic, appends only
// valid tags in the groups it declares, at most one per exclusive group,
// leaves the profile and the tags it was given untouched, gives the same
// tags every time and from fresh instances, and gives the same tags when
// called from many goroutines at once (run the test with -race to catch
// data races as well). [Check] does the same and returns the problems as
// an error, for use outside a test.
package taggingtest

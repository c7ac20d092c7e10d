// Package parallel runs indexed work on a bounded number of goroutines.
//
// It is the library's one worker pool. Every public API that can use more
// than one core has a Workers field with the same meaning, resolved here by
// [Workers]: 0 means runtime.GOMAXPROCS(0), 1 runs everything on the calling
// goroutine, and a larger value is a cap (never more goroutines than pieces
// of work). Negative values are a configuration error that each caller
// reports itself, before calling into this package.
//
// Results do not depend on the worker count because work is split into
// pieces whose boundaries depend only on the input size ([Split]), each
// piece writes only to its own slot, and callers reduce the slots in index
// order. Which goroutine runs which piece is not fixed.
//
// No goroutine started here outlives the call that started it.
package parallel

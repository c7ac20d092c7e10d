// Package wire holds the small binary encoding behind the Beam coders of
// packages csvio, rfmbeam and clusterbeam: varints, strings, float64
// bits, times and decimals appended to a byte slice and read back by a
// Reader that remembers its first error.
package wire

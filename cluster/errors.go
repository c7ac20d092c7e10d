package cluster

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Errors returned by this package wrap one of them, so
// callers test with [errors.Is]; an [*InputError] adds where the problem is.
var (
	// ErrEmpty reports an input with no rows (or no columns).
	ErrEmpty = errors.New("cluster: no data")
	// ErrRagged reports a row whose length differs from the first row's.
	ErrRagged = errors.New("cluster: row length differs from the first row")
	// ErrNotFinite reports a NaN or ±Inf value.
	ErrNotFinite = errors.New("cluster: value is NaN or infinite")
	// ErrWeight reports a negative, NaN or infinite sample weight, a
	// weights slice of the wrong length, or weights that sum to zero.
	ErrWeight = errors.New("cluster: invalid sample weight")
	// ErrTooFewDistinct reports data with fewer distinct points (among
	// those with positive weight) than clusters asked for.
	ErrTooFewDistinct = errors.New("cluster: fewer distinct points than clusters")
	// ErrLabels reports labels that do not fit the data: a length other
	// than the number of rows, or a number of distinct labels outside what
	// a quality score accepts (2 to n-1).
	ErrLabels = errors.New("cluster: invalid labels")
	// ErrConfig reports an invalid setting: K below 1 or above the number
	// of rows, InitCentroids that are not K rows of one value per feature,
	// a negative MaxIter or Workers, a MinK above MaxK, and so on. The
	// message names the field.
	ErrConfig = errors.New("cluster: invalid configuration")
)

// InputError locates a bad value in an input. It wraps one of the
// sentinel errors above.
type InputError struct {
	Input string // which input: "X", "weights", "InitCentroids", "batch"
	Row   int    // row (or element) index, or -1 when no single row is at fault
	Col   int    // column index, or -1 when no single column is at fault
	Err   error  // the sentinel describing the problem
}

// Error returns a message such as
// "cluster: X row 3, column 1: value is NaN or infinite".
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString("cluster: ")
	b.WriteString(e.Input)
	if e.Row >= 0 {
		fmt.Fprintf(&b, " row %d", e.Row)
	}
	if e.Col >= 0 {
		if e.Row >= 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, " column %d", e.Col)
	}
	b.WriteString(": ")
	b.WriteString(strings.TrimPrefix(e.Err.Error(), "cluster: "))
	return b.String()
}

// Unwrap returns the sentinel error.
func (e *InputError) Unwrap() error { return e.Err }

func inputErr(input string, row, col int, err error) error {
	return &InputError{Input: input, Row: row, Col: col, Err: err}
}

package rfm

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors of the lifetime-value and churn models (BG/NBD,
// Gamma-Gamma, CLV and the customer summaries they start from). Bad
// FitOptions, CBSOptions and CLVOptions are reported with
// [ErrInvalidConfig].
var (
	// ErrInvalidCBS reports a customer summary (CBS) that no purchase
	// history can produce, such as TX > T or a fractional X. It is wrapped
	// in a *CBSError naming the row and field.
	ErrInvalidCBS = errors.New("rfm: invalid customer summary")
	// ErrNoCBS reports an empty set of customer summaries.
	ErrNoCBS = errors.New("rfm: no customer summaries")
	// ErrNotIdentifiable reports data from which a model's parameters
	// cannot be estimated: all customers are one-time buyers, too few
	// customers, or a maximum of the likelihood at the edge of the
	// parameter space (a parameter running off to 0 or infinity).
	ErrNotIdentifiable = errors.New("rfm: parameters not identifiable from the data")
	// ErrNoConvergence reports an optimiser that reached its iteration
	// limit before meeting its tolerance. It is wrapped in a *FitError
	// that holds the last iterate.
	ErrNoConvergence = errors.New("rfm: fit did not converge")
	// ErrInfiniteMeanSpend reports a Gamma-Gamma fit with q ≤ 1, under
	// which the mean spend per transaction is infinite, so no expected
	// value exists.
	ErrInfiniteMeanSpend = errors.New("rfm: gamma-gamma q <= 1: mean spend per transaction is infinite")
	// ErrInvalidModel reports model parameters that are not all finite
	// and positive.
	ErrInvalidModel = errors.New("rfm: invalid model parameters")
	// ErrNotFinite reports a likelihood or value that overflows float64
	// for the given data, e.g. from astronomically large counts or times.
	ErrNotFinite = errors.New("rfm: result is not a finite number")
)

// CBSError reports a customer summary that fails validation. It names the
// row by its index in the input slice, never by customer ID.
type CBSError struct {
	Index  int    // position in the input slice
	Field  string // "X", "TX", "T" or "M"
	Reason string // what is wrong, e.g. "greater than T"
}

func (e *CBSError) Error() string {
	return fmt.Sprintf("rfm: customer summary %d: %s: %s", e.Index, e.Field, e.Reason)
}

// Unwrap returns [ErrInvalidCBS].
func (e *CBSError) Unwrap() error { return ErrInvalidCBS }

// FitError reports a fit that stopped without an estimate: because it did
// not converge ([ErrNoConvergence]), because the estimate lies on the edge
// of the parameter space ([ErrNotIdentifiable]), because the Gamma-Gamma
// mean is infinite ([ErrInfiniteMeanSpend]) or because ctx was cancelled
// (ctx.Err()). It holds the last iterate so callers can inspect it.
type FitError struct {
	Model string // "bgnbd" or "gammagamma"
	// Names and Params are the parameters of the last iterate, in the
	// model's order: r, alpha, a, b for BG/NBD; p, q, gamma for
	// Gamma-Gamma. Params are in the data's units.
	Names  []string
	Params []float64
	// LogLikelihood is the log-likelihood at Params (without penalty).
	LogLikelihood float64
	// Iterations and Evaluations count the optimiser's steps and
	// likelihood evaluations over all runs.
	Iterations, Evaluations int
	Err                     error
}

func (e *FitError) Error() string {
	var b strings.Builder
	b.WriteString("rfm: ")
	b.WriteString(e.Model)
	b.WriteString(" fit: ")
	b.WriteString(strings.TrimPrefix(e.Err.Error(), "rfm: "))
	b.WriteString(" (last iterate")
	for i, v := range e.Params {
		if i < len(e.Names) {
			b.WriteString(" ")
			b.WriteString(e.Names[i])
			b.WriteString("=")
		} else {
			b.WriteString(" ")
		}
		b.WriteString(strconv.FormatFloat(v, 'g', 6, 64))
	}
	b.WriteString(", log-likelihood ")
	b.WriteString(strconv.FormatFloat(e.LogLikelihood, 'f', 4, 64))
	b.WriteString(", ")
	b.WriteString(strconv.Itoa(e.Iterations))
	b.WriteString(" iterations)")
	return b.String()
}

// Unwrap returns the reason.
func (e *FitError) Unwrap() error { return e.Err }

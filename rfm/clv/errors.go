package clv

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors. Errors about one customer summary come wrapped in a
// [*CBSError] and failed fits in a [*FitError]; test them with
// [errors.Is].
var (
	// ErrConfig reports unusable options: a negative penalty, iteration
	// limit, horizon or number of workers, a unit that is not a whole
	// number of days, a missing calibration end or CLV unit, a holdout
	// ending before the calibration, a discount rate outside [0, 1).
	ErrConfig = errors.New("clv: invalid configuration")
	// ErrInvalidCBS reports a customer summary that no purchase history
	// can produce, such as TX > T or a fractional X. It is wrapped in a
	// *CBSError naming the row and field.
	ErrInvalidCBS = errors.New("clv: invalid customer summary")
	// ErrNotIdentifiable reports data from which a model's parameters
	// cannot be estimated: no customers, all of them one-time buyers, too
	// few of them, or a maximum of the likelihood at the edge of the
	// parameter space (a parameter running off to 0 or infinity).
	ErrNotIdentifiable = errors.New("clv: parameters not identifiable from the data")
	// ErrNoConvergence reports an optimiser that reached its iteration
	// limit before meeting its tolerance. It is wrapped in a *FitError
	// that holds the last iterate.
	ErrNoConvergence = errors.New("clv: fit did not converge")
	// ErrInvalidModel reports a missing model, model parameters that are
	// not all finite and positive, or a Gamma-Gamma q ≤ 1, under which
	// the mean spend per purchase is infinite (a fit that ends there
	// returns it in a *FitError).
	ErrInvalidModel = errors.New("clv: invalid model parameters")
)

// errNotFinite reports a log-likelihood that overflows float64 for the
// given data, e.g. from astronomically large counts or times.
var errNotFinite = errors.New("clv: result is not a finite number")

// CBSError reports a customer summary that fails validation. It names the
// row by its index in the input slice, never by customer ID.
type CBSError struct {
	Index  int    // position in the input slice
	Field  string // "X", "TX", "T" or "M" ([CBS]); "X", "TX", "N" or "Customers" ([DiscreteCBS])
	Reason string // what is wrong, e.g. "greater than T"
}

// Error returns a message naming the row, the field and the reason.
func (e *CBSError) Error() string {
	return fmt.Sprintf("clv: customer summary %d: %s: %s", e.Index, e.Field, e.Reason)
}

// Unwrap returns [ErrInvalidCBS].
func (e *CBSError) Unwrap() error { return ErrInvalidCBS }

// FitError reports a fit that stopped without an estimate: because it did
// not converge ([ErrNoConvergence]), because the estimate lies on the edge
// of the parameter space ([ErrNotIdentifiable]), because the Gamma-Gamma
// mean is infinite ([ErrInvalidModel]) or because ctx was cancelled
// (ctx.Err()). It holds the last iterate so callers can inspect it.
type FitError struct {
	Model string // "bgnbd", "mbgnbd", "paretonbd", "bgbb" or "gammagamma"
	// Names and Params are the parameters of the last iterate, in the
	// model's order: r, alpha, a, b for BG/NBD and MBG/NBD; r, alpha, s,
	// beta for Pareto/NBD; alpha, beta, gamma, delta for BG/BB; p, q,
	// gamma for Gamma-Gamma. Params are in the data's units.
	Names  []string
	Params []float64
	// LogLikelihood is the log-likelihood at Params (without penalty).
	LogLikelihood float64
	// Iterations and Evaluations count the optimiser's steps and
	// likelihood evaluations over all runs.
	Iterations, Evaluations int
	Err                     error
}

// Error returns a message with the reason and the last iterate.
func (e *FitError) Error() string {
	var b strings.Builder
	b.WriteString("clv: ")
	b.WriteString(e.Model)
	b.WriteString(" fit: ")
	b.WriteString(strings.TrimPrefix(e.Err.Error(), "clv: "))
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

// badConfig wraps ErrConfig with a message naming the field.
func badConfig(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrConfig, fmt.Sprintf(format, args...))
}

package clv

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// Model is the method set the continuous-time models of repeat
// purchasing share: [BGNBD], [MBGNBD] and [ParetoNBD] (values and
// pointers). Reports, matrices and the holdout check ([Matrix],
// [CompareHoldout], [LifetimeValues]) take any of them. The set is
// closed: Model has an unexported method, so only this package's models
// implement it.
//
// Times are in the unit of the data the model was fitted on; a [CBS]
// holds lifetimes' frequency (X), recency (TX) and T. The methods are
// pure: safe for concurrent use, they keep nothing and modify nothing.
// They return NaN for invalid parameters (not all finite and positive),
// an invalid CBS, a negative or non-finite t, or a negative n.
//
// Models round-trip through encoding/json: they marshal to an object
// with stable field names,
//
//	{"model": "paretonbd", "version": 1,
//	 "params": {"r": …, "alpha": …, "s": …, "beta": …},
//	 "log_likelihood": …, "customers": …, "covariance": [[…], …]}
//
// and unmarshalling checks the model name and version and validates the
// parameters, reporting problems as [ErrInvalidModel]. The version
// changes only when the meaning of a field does.
type Model interface {
	// ProbAlive returns the probability that the customer summarised by
	// c is alive at the end of calibration (lifetimes:
	// conditional_probability_alive).
	ProbAlive(c CBS) float64
	// ExpectedPurchases returns E[X(t)], the expected number of repeat
	// purchases of a new customer in the t periods after the first
	// purchase (lifetimes: expected_number_of_purchases_up_to_time).
	ExpectedPurchases(t float64) float64
	// ConditionalExpectedPurchases returns the expected number of
	// purchases of the customer summarised by c in the t periods after
	// the end of calibration (lifetimes:
	// conditional_expected_number_of_purchases_up_to_time).
	ConditionalExpectedPurchases(t float64, c CBS) float64
	// ProbPurchases returns P(X(t) = n), the probability that a new
	// customer makes exactly n repeat purchases in the t periods after
	// the first (lifetimes: probability_of_n_purchases_up_to_time).
	ProbPurchases(n int, t float64) float64
	// Summary returns the parameters with standard errors and 95%
	// intervals (lifetimes: summary).
	Summary() []Estimate

	// ifAlive returns the expected purchases in (T, T+t] of c if alive
	// at T, for valid parameters and arguments.
	ifAlive(c CBS, t float64) float64
	validate() error
}

var (
	_ Model = BGNBD{}
	_ Model = MBGNBD{}
	_ Model = ParetoNBD{}
)

// modelValid validates a Model, including a nil interface or nil
// pointer, wrapping ErrInvalidModel.
func modelValid(m Model) error {
	switch v := m.(type) {
	case nil:
		return fmt.Errorf("%w: nil model", ErrInvalidModel)
	case *BGNBD:
		if v == nil {
			return fmt.Errorf("%w: nil model", ErrInvalidModel)
		}
	case *MBGNBD:
		if v == nil {
			return fmt.Errorf("%w: nil model", ErrInvalidModel)
		}
	case *ParetoNBD:
		if v == nil {
			return fmt.Errorf("%w: nil model", ErrInvalidModel)
		}
	}
	return m.validate()
}

// modelJSONVersion is the version written into marshalled models.
const modelJSONVersion = 1

// modelJSON is the JSON form of every model.
type modelJSON struct {
	Model         string          `json:"model"`
	Version       int             `json:"version"`
	Params        json.RawMessage `json:"params"`
	LogLikelihood float64         `json:"log_likelihood"`
	Customers     int             `json:"customers"`
	Covariance    [][]float64     `json:"covariance,omitempty"`
	// Gamma-Gamma only.
	Skipped     int     `json:"skipped,omitempty"`
	Correlation float64 `json:"correlation,omitempty"`
}

// marshalModel writes a model in the form documented on [Model], with
// the parameters in their documented order.
func marshalModel(kind string, names []string, vals []float64, j modelJSON) ([]byte, error) {
	var p bytes.Buffer
	p.WriteByte('{')
	for i, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%w: %s %s = %v cannot be saved", ErrInvalidModel, kind, names[i], v)
		}
		if i > 0 {
			p.WriteByte(',')
		}
		p.WriteString(strconv.Quote(names[i]))
		p.WriteByte(':')
		p.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	}
	p.WriteByte('}')
	j.Model, j.Version, j.Params = kind, modelJSONVersion, p.Bytes()
	if !isFinite(j.LogLikelihood) || !isFinite(j.Correlation) {
		return nil, fmt.Errorf("%w: %s log-likelihood or correlation is not finite", ErrInvalidModel, kind)
	}
	for _, row := range j.Covariance {
		for _, v := range row {
			if !isFinite(v) {
				j.Covariance = nil // unusable: save without it
			}
		}
	}
	return json.Marshal(j)
}

// unmarshalModel reads a model written by marshalModel, checking its
// kind, version and parameter names, and returns the parameters in the
// order of names.
func unmarshalModel(data []byte, kind string, names []string) ([]float64, modelJSON, error) {
	var j modelJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, j, fmt.Errorf("%w: %s JSON: %v", ErrInvalidModel, kind, err)
	}
	if j.Model != kind {
		return nil, j, fmt.Errorf("%w: JSON holds model %q, want %q", ErrInvalidModel, j.Model, kind)
	}
	if j.Version < 1 || j.Version > modelJSONVersion {
		return nil, j, fmt.Errorf("%w: %s JSON version %d is not supported (want 1 to %d)", ErrInvalidModel, kind, j.Version, modelJSONVersion)
	}
	var params map[string]float64
	if err := json.Unmarshal(j.Params, &params); err != nil {
		return nil, j, fmt.Errorf("%w: %s JSON params: %v", ErrInvalidModel, kind, err)
	}
	if len(params) != len(names) {
		return nil, j, fmt.Errorf("%w: %s JSON has %d params, want %d", ErrInvalidModel, kind, len(params), len(names))
	}
	vals := make([]float64, len(names))
	for i, n := range names {
		v, ok := params[n]
		if !ok {
			return nil, j, fmt.Errorf("%w: %s JSON lacks parameter %q", ErrInvalidModel, kind, n)
		}
		vals[i] = v
	}
	if j.Covariance != nil {
		ok := len(j.Covariance) == len(names)
		for _, row := range j.Covariance {
			ok = ok && len(row) == len(names)
		}
		if !ok {
			return nil, j, fmt.Errorf("%w: %s JSON covariance is not %d×%d", ErrInvalidModel, kind, len(names), len(names))
		}
	}
	if j.Customers < 0 || j.Skipped < 0 {
		return nil, j, fmt.Errorf("%w: %s JSON has a negative count", ErrInvalidModel, kind)
	}
	return vals, j, nil
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// MarshalJSON writes the model in the form documented on [Model], with
// model name "bgnbd" and parameters r, alpha, a, b. It fails for
// parameters that are not finite.
func (m BGNBD) MarshalJSON() ([]byte, error) {
	return marshalModel("bgnbd", bgnbdNames, []float64{m.R, m.Alpha, m.A, m.B},
		modelJSON{LogLikelihood: m.LogLikelihood, Customers: m.Customers, Covariance: m.Covariance})
}

// UnmarshalJSON reads a model written by [BGNBD.MarshalJSON]. On error
// (wrapping [ErrInvalidModel]) m is unchanged.
func (m *BGNBD) UnmarshalJSON(data []byte) error {
	v, j, err := unmarshalModel(data, "bgnbd", bgnbdNames)
	if err != nil {
		return err
	}
	n := BGNBD{R: v[0], Alpha: v[1], A: v[2], B: v[3], LogLikelihood: j.LogLikelihood, Customers: j.Customers, Covariance: j.Covariance}
	if err := n.validate(); err != nil {
		return err
	}
	*m = n
	return nil
}

// MarshalJSON writes the model in the form documented on [Model], with
// model name "mbgnbd" and parameters r, alpha, a, b.
func (m MBGNBD) MarshalJSON() ([]byte, error) {
	return marshalModel("mbgnbd", bgnbdNames, []float64{m.R, m.Alpha, m.A, m.B},
		modelJSON{LogLikelihood: m.LogLikelihood, Customers: m.Customers, Covariance: m.Covariance})
}

// UnmarshalJSON reads a model written by [MBGNBD.MarshalJSON]. On error
// (wrapping [ErrInvalidModel]) m is unchanged.
func (m *MBGNBD) UnmarshalJSON(data []byte) error {
	v, j, err := unmarshalModel(data, "mbgnbd", bgnbdNames)
	if err != nil {
		return err
	}
	n := MBGNBD{R: v[0], Alpha: v[1], A: v[2], B: v[3], LogLikelihood: j.LogLikelihood, Customers: j.Customers, Covariance: j.Covariance}
	if err := n.validate(); err != nil {
		return err
	}
	*m = n
	return nil
}

// MarshalJSON writes the model in the form documented on [Model], with
// model name "paretonbd" and parameters r, alpha, s, beta.
func (m ParetoNBD) MarshalJSON() ([]byte, error) {
	return marshalModel("paretonbd", paretoNBDNames, m.params(),
		modelJSON{LogLikelihood: m.LogLikelihood, Customers: m.Customers, Covariance: m.Covariance})
}

// UnmarshalJSON reads a model written by [ParetoNBD.MarshalJSON]. On
// error (wrapping [ErrInvalidModel]) m is unchanged.
func (m *ParetoNBD) UnmarshalJSON(data []byte) error {
	v, j, err := unmarshalModel(data, "paretonbd", paretoNBDNames)
	if err != nil {
		return err
	}
	n := ParetoNBD{R: v[0], Alpha: v[1], S: v[2], Beta: v[3], LogLikelihood: j.LogLikelihood, Customers: j.Customers, Covariance: j.Covariance}
	if err := n.validate(); err != nil {
		return err
	}
	*m = n
	return nil
}

// MarshalJSON writes the model in the form documented on [Model], with
// model name "gammagamma", parameters p, q, gamma, and the fit's Skipped
// and Correlation.
func (g GammaGamma) MarshalJSON() ([]byte, error) {
	return marshalModel("gammagamma", gammaGammaNames, []float64{g.P, g.Q, g.Gamma},
		modelJSON{LogLikelihood: g.LogLikelihood, Customers: g.Customers, Covariance: g.Covariance, Skipped: g.Skipped, Correlation: g.Correlation})
}

// UnmarshalJSON reads a model written by [GammaGamma.MarshalJSON]. On
// error (wrapping [ErrInvalidModel], also for q ≤ 1) g is unchanged.
func (g *GammaGamma) UnmarshalJSON(data []byte) error {
	v, j, err := unmarshalModel(data, "gammagamma", gammaGammaNames)
	if err != nil {
		return err
	}
	n := GammaGamma{P: v[0], Q: v[1], Gamma: v[2], LogLikelihood: j.LogLikelihood, Customers: j.Customers,
		Covariance: j.Covariance, Skipped: j.Skipped, Correlation: j.Correlation}
	if err := n.validate(); err != nil {
		return err
	}
	*g = n
	return nil
}

// Summary returns r, alpha, a and b with their standard errors and 95%
// intervals, as lifetimes' BetaGeoFitter.summary; the errors are NaN
// without a Covariance.
func (m BGNBD) Summary() []Estimate {
	return estimates(bgnbdNames, []float64{m.R, m.Alpha, m.A, m.B}, m.Covariance)
}

// Summary returns r, alpha, a and b with their standard errors and 95%
// intervals, as lifetimes' ModifiedBetaGeoFitter.summary.
func (m MBGNBD) Summary() []Estimate {
	return estimates(bgnbdNames, []float64{m.R, m.Alpha, m.A, m.B}, m.Covariance)
}

// Summary returns r, alpha, s and beta with their standard errors and
// 95% intervals, as lifetimes' ParetoNBDFitter.summary.
func (m ParetoNBD) Summary() []Estimate {
	return estimates(paretoNBDNames, m.params(), m.Covariance)
}

// Summary returns p, q and gamma with their standard errors and 95%
// intervals, as lifetimes' GammaGammaFitter.summary (which calls gamma
// v).
func (g GammaGamma) Summary() []Estimate {
	return estimates(gammaGammaNames, []float64{g.P, g.Q, g.Gamma}, g.Covariance)
}

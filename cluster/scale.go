package cluster

import (
	"fmt"
	"math"
)

// Standardize is a z-score scaler: Transform maps each feature to
// (x − Mean)/Scale, where Scale is the population standard deviation, as
// scikit-learn's StandardScaler. A feature with zero variance gets Scale 1,
// so it transforms to 0 and back to its constant.
//
// The zero value is an unfitted scaler; call Fit (or FitTransform) first.
// A fitted Standardize is safe for concurrent use.
type Standardize struct {
	Mean, Scale []float64
}

// Fit learns Mean and Scale from the rows of X. It returns an error
// wrapping [ErrEmpty], [ErrRagged] or [ErrNotFinite] (naming the row) for
// bad input, leaving s unchanged.
func (s *Standardize) Fit(X [][]float64) error {
	d, err := checkRows("X", X, -1)
	if err != nil {
		return err
	}
	n := float64(len(X))
	mean := make([]float64, d)
	for _, row := range X {
		for t, v := range row {
			mean[t] += v
		}
	}
	for t := range mean {
		mean[t] /= n
	}
	scale := make([]float64, d)
	for _, row := range X {
		for t, v := range row {
			dv := v - mean[t]
			scale[t] += float64(dv * dv)
		}
	}
	for t := range scale {
		scale[t] = math.Sqrt(scale[t] / n)
		if scale[t] == 0 || isTiny(scale[t], mean[t]) {
			scale[t] = 1
		}
	}
	s.Mean, s.Scale = mean, scale
	return nil
}

// isTiny reports a standard deviation that is only rounding noise around a
// constant column (scikit-learn treats those as zero variance too).
func isTiny(sd, mean float64) bool {
	return sd < 10*0x1p-52*math.Abs(mean)
}

// FitTransform is Fit followed by Transform.
func (s *Standardize) FitTransform(X [][]float64) ([][]float64, error) {
	if err := s.Fit(X); err != nil {
		return nil, err
	}
	return s.Transform(X)
}

// Transform returns the standardised rows of X in a new matrix; X is not
// modified. It returns an error wrapping [ErrConfig] when s is not fitted,
// and [ErrEmpty], [ErrRagged] or [ErrNotFinite] for bad rows (including a
// row whose length differs from the fitted features).
func (s *Standardize) Transform(X [][]float64) ([][]float64, error) {
	return s.apply(X, func(t int, v float64) float64 { return (v - s.Mean[t]) / s.Scale[t] })
}

// AppendTransform appends the standardised values of the single row x to
// dst and returns the extended slice, without allocating when dst has room:
// the form for scoring one record at a time. x must have one value per
// fitted feature, all finite.
func (s *Standardize) AppendTransform(dst, x []float64) ([]float64, error) {
	if len(s.Mean) == 0 || len(s.Mean) != len(s.Scale) {
		return dst, fmt.Errorf("%w: Standardize is not fitted", ErrConfig)
	}
	if err := checkRow(x, len(s.Mean)); err != nil {
		return dst, err
	}
	for t, v := range x {
		dst = append(dst, (v-s.Mean[t])/s.Scale[t])
	}
	return dst, nil
}

// Inverse maps standardised rows (for example a model's centroids) back to
// original units in a new matrix. Errors are as for Transform.
func (s *Standardize) Inverse(Z [][]float64) ([][]float64, error) {
	return s.apply(Z, func(t int, v float64) float64 { return v*s.Scale[t] + s.Mean[t] })
}

func (s *Standardize) apply(X [][]float64, f func(t int, v float64) float64) ([][]float64, error) {
	if len(s.Mean) == 0 || len(s.Mean) != len(s.Scale) {
		return nil, fmt.Errorf("%w: Standardize is not fitted", ErrConfig)
	}
	return mapRows(X, len(s.Mean), f)
}

// MinMax is a min–max scaler: Transform maps each feature linearly so that
// the fitted minimum goes to 0 and the maximum to 1, as scikit-learn's
// MinMaxScaler. A constant feature transforms to 0 and back to its
// constant.
//
// The zero value is an unfitted scaler; call Fit (or FitTransform) first.
// A fitted MinMax is safe for concurrent use.
type MinMax struct {
	Min, Max []float64
}

// Fit learns Min and Max from the rows of X. Errors are as for
// [Standardize.Fit].
func (s *MinMax) Fit(X [][]float64) error {
	if _, err := checkRows("X", X, -1); err != nil {
		return err
	}
	lo := append([]float64(nil), X[0]...)
	hi := append([]float64(nil), X[0]...)
	for _, row := range X[1:] {
		for t, v := range row {
			lo[t] = min(lo[t], v)
			hi[t] = max(hi[t], v)
		}
	}
	s.Min, s.Max = lo, hi
	return nil
}

// FitTransform is Fit followed by Transform.
func (s *MinMax) FitTransform(X [][]float64) ([][]float64, error) {
	if err := s.Fit(X); err != nil {
		return nil, err
	}
	return s.Transform(X)
}

func (s *MinMax) scale(t int) float64 {
	if r := s.Max[t] - s.Min[t]; r > 0 {
		return r
	}
	return 1
}

// Transform returns the scaled rows of X in a new matrix. Errors are as for
// [Standardize.Transform].
func (s *MinMax) Transform(X [][]float64) ([][]float64, error) {
	return s.apply(X, func(t int, v float64) float64 { return (v - s.Min[t]) / s.scale(t) })
}

// AppendTransform appends the scaled values of the single row x to dst,
// as [Standardize.AppendTransform] does.
func (s *MinMax) AppendTransform(dst, x []float64) ([]float64, error) {
	if len(s.Min) == 0 || len(s.Min) != len(s.Max) {
		return dst, fmt.Errorf("%w: MinMax is not fitted", ErrConfig)
	}
	if err := checkRow(x, len(s.Min)); err != nil {
		return dst, err
	}
	for t, v := range x {
		dst = append(dst, (v-s.Min[t])/s.scale(t))
	}
	return dst, nil
}

// Inverse maps scaled rows back to original units in a new matrix. Errors
// are as for [Standardize.Transform].
func (s *MinMax) Inverse(Z [][]float64) ([][]float64, error) {
	return s.apply(Z, func(t int, v float64) float64 { return v*s.scale(t) + s.Min[t] })
}

func (s *MinMax) apply(X [][]float64, f func(t int, v float64) float64) ([][]float64, error) {
	if len(s.Min) == 0 || len(s.Min) != len(s.Max) {
		return nil, fmt.Errorf("%w: MinMax is not fitted", ErrConfig)
	}
	return mapRows(X, len(s.Min), f)
}

// checkRows validates a matrix and returns its number of columns. d < 0
// accepts any width that all rows share.
func checkRows(input string, X [][]float64, d int) (int, error) {
	if len(X) == 0 {
		return 0, inputErr(input, -1, -1, ErrEmpty)
	}
	if d < 0 {
		d = len(X[0])
		if d == 0 {
			return 0, inputErr(input, 0, -1, ErrEmpty)
		}
	}
	for i, row := range X {
		if len(row) != d {
			return 0, inputErr(input, i, -1, ErrRagged)
		}
		if t := firstNonFinite(row); t >= 0 {
			return 0, inputErr(input, i, t, ErrNotFinite)
		}
	}
	return d, nil
}

// checkRow validates a single row of d values.
func checkRow(x []float64, d int) error {
	if len(x) != d {
		return inputErr("x", 0, -1, ErrRagged)
	}
	if t := firstNonFinite(x); t >= 0 {
		return inputErr("x", 0, t, ErrNotFinite)
	}
	return nil
}

// mapRows applies f to every value of X into a new matrix of rows sharing
// one backing array.
func mapRows(X [][]float64, d int, f func(t int, v float64) float64) ([][]float64, error) {
	if _, err := checkRows("X", X, d); err != nil {
		return nil, err
	}
	data := make([]float64, len(X)*d)
	out := make([][]float64, len(X))
	for i, row := range X {
		o := data[i*d : (i+1)*d : (i+1)*d]
		for t, v := range row {
			o[t] = f(t, v)
		}
		out[i] = o
	}
	return out, nil
}

package cluster

import (
	"fmt"
	"math"
	"slices"
)

// Standardize centres and scales each feature: Transform maps it to
// (x − Mean)/Scale. By default Mean is the mean and Scale the population
// standard deviation, as scikit-learn's StandardScaler; with Robust set
// they are the median and the interquartile range, as its RobustScaler,
// which outliers (a few huge spenders) barely move. A feature with zero
// spread gets Scale 1, so it transforms to 0 and back to its constant.
//
// The zero value is an unfitted standard scaler; set the options, then
// call Fit (or FitTransform). A fitted Standardize is safe for concurrent
// use as long as nobody changes its fields.
type Standardize struct {
	// Mean and Scale are what Fit learned: the centre subtracted from and
	// the divisor of each feature, after any Log1p. With Robust, Mean
	// holds the medians and Scale the quantile ranges; with NoCenter,
	// Mean is all zeros, and with NoScale, Scale is all ones.
	Mean, Scale []float64

	// NoCenter leaves the features uncentred (scikit-learn's
	// with_mean=False, or with_centering=False for the robust scaler).
	NoCenter bool
	// NoScale leaves their spread alone (with_std=False, or
	// with_scaling=False).
	NoScale bool
	// Robust centres on the median and scales by the difference of the
	// QuantileRange percentiles (scikit-learn's RobustScaler with
	// unit_variance=False).
	Robust bool
	// QuantileRange is the pair of percentiles whose difference is the
	// robust Scale, linearly interpolated as numpy's percentile (R's
	// type 7). The zero value means {25, 75}, the interquartile range;
	// otherwise it must satisfy 0 ≤ QuantileRange[0] ≤ QuantileRange[1]
	// ≤ 100. Only used with Robust.
	QuantileRange [2]float64
	// Log1p lists the features (column indices) to replace by ln(1+x)
	// before anything else, and to map back with e^x − 1 by Inverse: the
	// usual treatment of heavy-tailed money (scikit-learn:
	// FunctionTransformer(np.log1p) on those columns). Their values must
	// exceed −1.
	Log1p []int
}

// Fit learns Mean and Scale from the rows of X. It returns an error
// wrapping [ErrEmpty], [ErrRagged] or [ErrNotFinite] (naming the row) for
// bad input, including a value at or below −1 in a Log1p column, and
// [ErrConfig] for a bad QuantileRange or Log1p column, leaving s
// unchanged.
func (s *Standardize) Fit(X [][]float64) error {
	d, err := checkRows("X", X, -1)
	if err != nil {
		return err
	}
	if err := checkLog1p(s.Log1p, d); err != nil {
		return err
	}
	qr, err := s.quantileRange()
	if err != nil {
		return err
	}
	Z := X
	if len(s.Log1p) > 0 {
		if Z, err = mapRowsFinite(X, d, func(t int, v float64) float64 { return logCol(s.Log1p, t, v) }); err != nil {
			return err
		}
	}
	var mean, scale []float64
	if s.Robust {
		mean, scale = robustStats(Z, d, qr)
	} else {
		mean, scale = meanStd(Z, d)
	}
	if s.NoCenter {
		clear(mean)
	}
	if s.NoScale {
		for t := range scale {
			scale[t] = 1
		}
	}
	s.Mean, s.Scale = mean, scale
	return nil
}

// meanStd returns the means and population standard deviations of the
// columns, with 1 for a zero (or rounding-noise) deviation.
func meanStd(X [][]float64, d int) (mean, scale []float64) {
	n := float64(len(X))
	mean = make([]float64, d)
	for _, row := range X {
		for t, v := range row {
			mean[t] += v
		}
	}
	for t := range mean {
		mean[t] /= n
	}
	scale = make([]float64, d)
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
	return mean, scale
}

// robustStats returns the medians and the differences of the qr
// percentiles of the columns, with 1 for a range below 10 machine
// epsilons (scikit-learn's rule for RobustScaler).
func robustStats(X [][]float64, d int, qr [2]float64) (center, scale []float64) {
	center, scale = make([]float64, d), make([]float64, d)
	col := make([]float64, len(X))
	for t := range d {
		for i, row := range X {
			col[i] = row[t]
		}
		slices.Sort(col)
		center[t] = percentile(col, 50)
		scale[t] = percentile(col, qr[1]) - percentile(col, qr[0])
		if scale[t] < 10*0x1p-52 {
			scale[t] = 1
		}
	}
	return center, scale
}

// percentile returns the p-th percentile of sorted values with linear
// interpolation between closest ranks (numpy's default, R's type 7).
func percentile(sorted []float64, p float64) float64 {
	h := p / 100 * float64(len(sorted)-1)
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-lo)*(sorted[i+1]-sorted[i])
}

func (s *Standardize) quantileRange() ([2]float64, error) {
	qr := s.QuantileRange
	if qr == ([2]float64{}) {
		return [2]float64{25, 75}, nil
	}
	if !(0 <= qr[0] && qr[0] <= qr[1] && qr[1] <= 100) {
		return qr, fmt.Errorf("%w: Standardize.QuantileRange %v is not within 0 ≤ low ≤ high ≤ 100", ErrConfig, qr)
	}
	return qr, nil
}

// checkLog1p reports a Log1p column index outside [0, d).
func checkLog1p(cols []int, d int) error {
	for _, c := range cols {
		if c < 0 || c >= d {
			return fmt.Errorf("%w: Log1p column %d outside the %d features", ErrConfig, c, d)
		}
	}
	return nil
}

// logCol returns ln(1+v) when column t is listed in cols, v otherwise.
func logCol(cols []int, t int, v float64) float64 {
	if slices.Contains(cols, t) {
		return math.Log1p(v)
	}
	return v
}

// expCol inverts logCol.
func expCol(cols []int, t int, v float64) float64 {
	if slices.Contains(cols, t) {
		return math.Expm1(v)
	}
	return v
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
// modified. It returns an error wrapping [ErrConfig] when s is not fitted
// (or its Log1p names a column it does not have), and [ErrEmpty],
// [ErrRagged] or [ErrNotFinite] for bad rows (including a row whose
// length differs from the fitted features, and a value at or below −1 in
// a Log1p column).
func (s *Standardize) Transform(X [][]float64) ([][]float64, error) {
	return s.apply(X, func(t int, v float64) float64 { return (logCol(s.Log1p, t, v) - s.Mean[t]) / s.Scale[t] })
}

// AppendTransform appends the standardised values of the single row x to
// dst and returns the extended slice, without allocating when dst has room:
// the form for scoring one record at a time. x must have one value per
// fitted feature, all finite.
func (s *Standardize) AppendTransform(dst, x []float64) ([]float64, error) {
	if err := s.fitted(); err != nil {
		return dst, err
	}
	if err := checkRow(x, len(s.Mean)); err != nil {
		return dst, err
	}
	n := len(dst)
	for t, v := range x {
		v = logCol(s.Log1p, t, v)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return dst[:n], inputErr("x", 0, t, ErrNotFinite)
		}
		dst = append(dst, (v-s.Mean[t])/s.Scale[t])
	}
	return dst, nil
}

// Inverse maps standardised rows (for example a model's centroids) back to
// original units in a new matrix, undoing Log1p last. Errors are as for
// Transform.
func (s *Standardize) Inverse(Z [][]float64) ([][]float64, error) {
	return s.apply(Z, func(t int, v float64) float64 { return expCol(s.Log1p, t, v*s.Scale[t]+s.Mean[t]) })
}

func (s *Standardize) fitted() error {
	if len(s.Mean) == 0 || len(s.Mean) != len(s.Scale) {
		return fmt.Errorf("%w: Standardize is not fitted", ErrConfig)
	}
	return checkLog1p(s.Log1p, len(s.Mean))
}

func (s *Standardize) apply(X [][]float64, f func(t int, v float64) float64) ([][]float64, error) {
	if err := s.fitted(); err != nil {
		return nil, err
	}
	return mapRowsFinite(X, len(s.Mean), f)
}

// MinMax is a min–max scaler: Transform maps each feature linearly so that
// the fitted minimum goes to FeatureRange[0] and the maximum to
// FeatureRange[1] (0 and 1 by default), as scikit-learn's MinMaxScaler.
// A constant feature transforms to FeatureRange[0] and back to its
// constant.
//
// The zero value is an unfitted scaler to [0, 1]; call Fit (or
// FitTransform) first. A fitted MinMax is safe for concurrent use as long
// as nobody changes its fields.
type MinMax struct {
	// Min and Max are what Fit learned: each feature's extremes, after
	// any Log1p.
	Min, Max []float64
	// FeatureRange is the target interval (scikit-learn's
	// feature_range). The zero value means {0, 1}; otherwise
	// FeatureRange[0] < FeatureRange[1].
	FeatureRange [2]float64
	// Log1p lists the features to replace by ln(1+x) first, as for
	// [Standardize].
	Log1p []int
}

// Fit learns Min and Max from the rows of X. Errors are as for
// [Standardize.Fit], with [ErrConfig] for a bad FeatureRange.
func (s *MinMax) Fit(X [][]float64) error {
	d, err := checkRows("X", X, -1)
	if err != nil {
		return err
	}
	if err := checkLog1p(s.Log1p, d); err != nil {
		return err
	}
	if _, _, err := s.featureRange(); err != nil {
		return err
	}
	Z := X
	if len(s.Log1p) > 0 {
		if Z, err = mapRowsFinite(X, d, func(t int, v float64) float64 { return logCol(s.Log1p, t, v) }); err != nil {
			return err
		}
	}
	lo := append([]float64(nil), Z[0]...)
	hi := append([]float64(nil), Z[0]...)
	for _, row := range Z[1:] {
		for t, v := range row {
			lo[t] = min(lo[t], v)
			hi[t] = max(hi[t], v)
		}
	}
	s.Min, s.Max = lo, hi
	return nil
}

func (s *MinMax) featureRange() (lo, hi float64, err error) {
	r := s.FeatureRange
	if r == ([2]float64{}) {
		return 0, 1, nil
	}
	if !(r[0] < r[1]) || math.IsInf(r[0], 0) || math.IsInf(r[1], 0) {
		return 0, 0, fmt.Errorf("%w: MinMax.FeatureRange %v is not a finite interval with low < high", ErrConfig, r)
	}
	return r[0], r[1], nil
}

// FitTransform is Fit followed by Transform.
func (s *MinMax) FitTransform(X [][]float64) ([][]float64, error) {
	if err := s.Fit(X); err != nil {
		return nil, err
	}
	return s.Transform(X)
}

// scale returns the fitted range of feature t, 1 for a constant one.
func (s *MinMax) scale(t int) float64 {
	if r := s.Max[t] - s.Min[t]; r > 0 {
		return r
	}
	return 1
}

// to maps v of feature t into [lo, hi]; from maps it back. With the
// default range they reduce exactly to (v − Min)/range and v·range + Min.
func (s *MinMax) to(t int, v, lo, hi float64) float64 {
	return (v-s.Min[t])/s.scale(t)*(hi-lo) + lo
}

func (s *MinMax) from(t int, v, lo, hi float64) float64 {
	return (v-lo)/(hi-lo)*s.scale(t) + s.Min[t]
}

// Transform returns the scaled rows of X in a new matrix. Errors are as for
// [Standardize.Transform].
func (s *MinMax) Transform(X [][]float64) ([][]float64, error) {
	lo, hi, err := s.fitted()
	if err != nil {
		return nil, err
	}
	return mapRowsFinite(X, len(s.Min), func(t int, v float64) float64 {
		return s.to(t, logCol(s.Log1p, t, v), lo, hi)
	})
}

// AppendTransform appends the scaled values of the single row x to dst,
// as [Standardize.AppendTransform] does.
func (s *MinMax) AppendTransform(dst, x []float64) ([]float64, error) {
	lo, hi, err := s.fitted()
	if err != nil {
		return dst, err
	}
	if err := checkRow(x, len(s.Min)); err != nil {
		return dst, err
	}
	n := len(dst)
	for t, v := range x {
		v = logCol(s.Log1p, t, v)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return dst[:n], inputErr("x", 0, t, ErrNotFinite)
		}
		dst = append(dst, s.to(t, v, lo, hi))
	}
	return dst, nil
}

// Inverse maps scaled rows back to original units in a new matrix,
// undoing Log1p last. Errors are as for [Standardize.Transform].
func (s *MinMax) Inverse(Z [][]float64) ([][]float64, error) {
	lo, hi, err := s.fitted()
	if err != nil {
		return nil, err
	}
	return mapRowsFinite(Z, len(s.Min), func(t int, v float64) float64 {
		return expCol(s.Log1p, t, s.from(t, v, lo, hi))
	})
}

func (s *MinMax) fitted() (lo, hi float64, err error) {
	if len(s.Min) == 0 || len(s.Min) != len(s.Max) {
		return 0, 0, fmt.Errorf("%w: MinMax is not fitted", ErrConfig)
	}
	if err := checkLog1p(s.Log1p, len(s.Min)); err != nil {
		return 0, 0, err
	}
	return s.featureRange()
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

// mapRowsFinite is mapRows that also reports a non-finite result (from a
// Log1p column's value at or below −1, or an overflow) as ErrNotFinite.
func mapRowsFinite(X [][]float64, d int, f func(t int, v float64) float64) ([][]float64, error) {
	out, err := mapRows(X, d, f)
	if err != nil {
		return nil, err
	}
	for i, row := range out {
		if t := firstNonFinite(row); t >= 0 {
			return nil, inputErr("X", i, t, ErrNotFinite)
		}
	}
	return out, nil
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

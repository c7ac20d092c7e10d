package clv

import (
	"fmt"
	"math"
)

// Matrix holds a model's predictions over a grid of frequency (X) and
// recency (TX) for customers of one age T: the data behind lifetimes'
// plot_frequency_recency_matrix and plot_probability_alive_matrix, and
// the heat maps a report draws. Row i is X = Frequencies[i], column j is
// TX = Recencies[j].
type Matrix struct {
	T       float64 // the customers' age, in the model's unit
	Horizon float64 // the periods ExpectedPurchases looks ahead
	// Frequencies are 0, 1, …, the largest X asked for; Recencies are
	// 0, 1, …, up to T, with T itself last when it is not a whole number.
	Frequencies, Recencies []float64
	// ExpectedPurchases[i][j] is ConditionalExpectedPurchases(Horizon,
	// CBS{X, TX, T}) and ProbAlive[i][j] is ProbAlive of the same
	// customer. Cells with X = 0 and TX > 0 describe no possible
	// customer and are NaN.
	ExpectedPurchases, ProbAlive [][]float64
}

// FrequencyRecency evaluates m over the grid documented on [Matrix]:
// X from 0 to maxX, TX from 0 to T in steps of one period. lifetimes'
// plots use the largest T of the data for T, the largest frequency for
// maxX and 1 for horizon, and evaluate one-time buyers at every recency;
// here those cells are NaN.
//
// Errors: [ErrInvalidModel] for a nil or invalid model; [ErrConfig] for
// a maxX outside [0, 10000], a T that is negative, non-finite or above 10,000
// periods, or a horizon that is negative or not finite.
func FrequencyRecency(m Model, maxX int, T, horizon float64) (*Matrix, error) {
	if err := modelValid(m); err != nil {
		return nil, err
	}
	switch {
	case maxX < 0 || maxX > 10_000:
		return nil, badConfig("maxX %d is not in [0, 10000]", maxX)
	case !(T >= 0 && T <= 10_000):
		return nil, badConfig("T %v is not in [0, 10000]", T)
	case !(horizon >= 0) || math.IsInf(horizon, 1):
		return nil, badConfig("horizon %v is negative or not finite", horizon)
	}
	out := &Matrix{T: T, Horizon: horizon}
	for x := 0; x <= maxX; x++ {
		out.Frequencies = append(out.Frequencies, float64(x))
	}
	for r := 0.0; r <= T; r++ {
		out.Recencies = append(out.Recencies, r)
	}
	if last := out.Recencies[len(out.Recencies)-1]; last < T {
		out.Recencies = append(out.Recencies, T)
	}
	for _, x := range out.Frequencies {
		e := make([]float64, len(out.Recencies))
		p := make([]float64, len(out.Recencies))
		for j, r := range out.Recencies {
			if x == 0 && r > 0 {
				e[j], p[j] = math.NaN(), math.NaN()
				continue
			}
			c := CBS{X: x, TX: r, T: T}
			e[j] = m.ConditionalExpectedPurchases(horizon, c)
			p[j] = m.ProbAlive(c)
		}
		out.ExpectedPurchases = append(out.ExpectedPurchases, e)
		out.ProbAlive = append(out.ProbAlive, p)
	}
	return out, nil
}

// HoldoutBucket compares, for the customers with one number of
// calibration repeat purchases, the purchases they made in the holdout
// period with those a model predicted: one point of lifetimes'
// plot_calibration_purchases_vs_holdout_purchases and of Figure 4 of
// Fader, Hardie & Lee (2005).
type HoldoutBucket struct {
	// X is the number of calibration repeat purchases; the last bucket
	// holds every customer with X ≥ its X.
	X         int
	Customers int
	// Actual is the mean of CBS.HoldoutPurchases over the bucket's
	// customers, and Predicted the mean of the model's
	// ConditionalExpectedPurchases over the holdout length.
	Actual, Predicted float64
}

// CompareHoldout groups data by X into buckets 0, 1, …, maxX−1 and
// "maxX or more" and returns, for each bucket with customers, the mean
// actual and predicted holdout purchases. data must come from
// [SummarizeCBS] with a holdout period (CBS.HoldoutLength > 0); the
// prediction for each customer is over their HoldoutLength.
//
// lifetimes' plot shows the first n groups (n = 7 by default, one per
// frequency) and leaves out the customers above them; the last bucket
// here pools them, as FHL (2005) do with "7+". Its holdout frequency is
// the number of distinct purchase days, as CBS.HoldoutPurchases counts
// them.
//
// Errors: [ErrInvalidModel] for a nil or invalid model; [ErrConfig] for
// maxX < 1; a *CBSError for an invalid row or one without a holdout
// (HoldoutLength 0, field "HoldoutLength").
func CompareHoldout(m Model, data []CBS, maxX int) ([]HoldoutBucket, error) {
	if err := modelValid(m); err != nil {
		return nil, err
	}
	if maxX < 1 {
		return nil, badConfig("maxX %d is below 1", maxX)
	}
	if err := cbsCheckAll(data); err != nil {
		return nil, err
	}
	buckets := make([]HoldoutBucket, maxX+1)
	for i := range buckets {
		buckets[i].X = i
	}
	for i, c := range data {
		if !(c.HoldoutLength > 0) || math.IsInf(c.HoldoutLength, 1) {
			return nil, &CBSError{Index: i, Field: "HoldoutLength", Reason: "not positive: no holdout period"}
		}
		b := &buckets[min(int(c.X), maxX)]
		b.Customers++
		b.Actual += c.HoldoutPurchases
		b.Predicted += m.ConditionalExpectedPurchases(c.HoldoutLength, c)
	}
	var out []HoldoutBucket
	for _, b := range buckets {
		if b.Customers == 0 {
			continue
		}
		n := float64(b.Customers)
		b.Actual /= n
		b.Predicted /= n
		if math.IsNaN(b.Predicted) {
			return nil, fmt.Errorf("%w: prediction for X = %d is not a number", errNotFinite, b.X)
		}
		out = append(out, b)
	}
	return out, nil
}

package clusterbeam

import (
	"cmp"
	"encoding/json"
	"fmt"

	"reflect"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/clientele-go/clientele/beam/internal/wire"
	"github.com/clientele-go/clientele/cluster"
)

// Stats summarises the rows before the iterations: what cluster.KMeans
// checks and the feature variances its tolerance is relative to.
type Stats struct {
	Rows int64
	Dim  int
	// Mean and M2 are, per feature, the mean and the sum of squared
	// deviations from it (merged with Chan et al.'s update, so they agree
	// with a two-pass computation to rounding).
	Mean, M2 []float64
	// Distinct holds up to K distinct rows: fewer means the data have
	// fewer than K distinct rows, which cluster.KMeans rejects.
	Distinct [][]float64
}

// MeanVariance returns the mean over features of the population
// variance, as cluster.KMeans scales its tolerance.
func (st *Stats) MeanVariance() float64 {
	if st.Rows == 0 || st.Dim == 0 {
		return 0
	}
	var s float64
	for _, m2 := range st.M2 {
		s += m2 / float64(st.Rows)
	}
	return s / float64(st.Dim)
}

// Summarize returns the Stats of rows (a PCollection<Row>) as a
// PCollection<Stats> of at most one element (none for no rows), keeping
// up to k distinct rows.
func Summarize(s beam.Scope, k int, rows beam.PCollection) beam.PCollection {
	s = s.Scope("clusterbeam.Summarize")
	return beam.Combine(s, &statsFn{K: k}, rows)
}

type statsFn struct {
	K int
}

func (f *statsFn) CreateAccumulator() *Stats { return &Stats{} }

func (f *statsFn) AddInput(st *Stats, r Row) (*Stats, error) {
	if st.Rows == 0 {
		st.Dim = len(r.X)
		st.Mean, st.M2 = make([]float64, st.Dim), make([]float64, st.Dim)
	} else if len(r.X) != st.Dim {
		return nil, fmt.Errorf("clusterbeam: row at position %d has %d features, others %d", r.Pos, len(r.X), st.Dim)
	}
	st.Rows++
	n := float64(st.Rows)
	for t, v := range r.X {
		delta := v - st.Mean[t]
		st.Mean[t] += delta / n
		st.M2[t] += delta * (v - st.Mean[t])
	}
	f.addDistinct(st, r.X)
	return st, nil
}

func (f *statsFn) addDistinct(st *Stats, x []float64) {
	if len(st.Distinct) >= f.K {
		return
	}
	for _, y := range st.Distinct {
		if sameRow(x, y) {
			return
		}
	}
	st.Distinct = append(st.Distinct, slices.Clone(x))
}

// sameRow reports whether x and y are equal (-0 equal to 0, as
// cluster.KMeans compares them).
func sameRow(x, y []float64) bool {
	for t := range x {
		if x[t] != y[t] {
			return false
		}
	}
	return true
}

func (f *statsFn) MergeAccumulators(a, b *Stats) (*Stats, error) {
	switch {
	case b.Rows == 0:
		return a, nil
	case a.Rows == 0:
		return b, nil
	case a.Dim != b.Dim:
		return nil, fmt.Errorf("clusterbeam: rows with %d and %d features", a.Dim, b.Dim)
	}
	na, nb := float64(a.Rows), float64(b.Rows)
	n := na + nb
	for t := range a.Mean {
		delta := b.Mean[t] - a.Mean[t]
		a.Mean[t] += delta * nb / n
		a.M2[t] += b.M2[t] + delta*delta*na*nb/n
	}
	a.Rows += b.Rows
	for _, y := range b.Distinct {
		f.addDistinct(a, y)
	}
	return a, nil
}

// State is the side input of one Lloyd pass: the centroids to assign the
// rows to, and those of the previous pass (nil before the first), against
// which the changed labels are counted.
type State struct {
	Centroids, Previous [][]float64
}

// Step is the result of one pass, summed over all rows.
type Step struct {
	// Sums holds, per cluster, the sum and count (Weight) of the rows
	// nearest to its centroid and their inertia.
	Sums cluster.Sums
	// Changed counts the rows whose nearest centroid differs from the
	// previous pass's (every row in the first pass).
	Changed int64
	// Far holds the rows farthest from their centroid, up to K, farthest
	// first and the lower Pos first among equals: the candidates that
	// re-seed empty clusters.
	Far []Far
}

// Far is a row with its nearest centroid and the squared distance to it.
type Far struct {
	Pos   int64
	Dist  float64
	Label int
	X     []float64
}

// assigned is one row after the assignment.
type assigned struct {
	Row
	Label   int
	Changed bool
	Dist    float64
}

// Assign runs one Lloyd assignment over rows (a PCollection<Row>) with
// st as a side input and returns a PCollection<Step> of one element (none
// for no rows): the cluster.Sums of the rows against st.Centroids,
// combined across bundles, and what the centroid update needs besides.
// Rows are labelled with cluster.Model.Predict, which picks the centroid
// that cluster.KMeans's distance kernels pick (the lowest index on ties).
func Assign(s beam.Scope, st State, rows beam.PCollection) beam.PCollection {
	s = s.Scope("clusterbeam.Assign")
	k, d := len(st.Centroids), 0
	if k > 0 {
		d = len(st.Centroids[0])
	}
	side := beam.Create(s, st)
	labelled := beam.ParDo(s, assign, rows, beam.SideInput{Input: side})
	return beam.Combine(s, &stepFn{K: k, Dim: d}, labelled)
}

func assign(r Row, st State, emit func(assigned)) error {
	cur := cluster.Model{Centroids: st.Centroids}
	l := cur.Predict(r.X)
	if l < 0 {
		return fmt.Errorf("clusterbeam: row at position %d: %d features, the centroids have %d", r.Pos, len(r.X), len(st.Centroids[0]))
	}
	changed := true
	if st.Previous != nil {
		prev := cluster.Model{Centroids: st.Previous}
		changed = prev.Predict(r.X) != l
	}
	emit(assigned{Row: r, Label: l, Changed: changed, Dist: sqDist(r.X, st.Centroids[l])})
	return nil
}

// sqDist is the squared Euclidean distance, summed in feature order as
// cluster computes it.
func sqDist(x, c []float64) float64 {
	var s float64
	for t, v := range x {
		dv := v - c[t]
		s += float64(dv * dv)
	}
	return s
}

type stepFn struct {
	K, Dim int
}

func (f *stepFn) CreateAccumulator() *Step {
	return &Step{Sums: cluster.Sums{K: f.K, Dim: f.Dim, Sum: make([]float64, f.K*f.Dim), Weight: make([]float64, f.K)}}
}

func (f *stepFn) AddInput(st *Step, a assigned) *Step {
	s := &st.Sums
	sum := s.Sum[a.Label*f.Dim : (a.Label+1)*f.Dim]
	for t, v := range a.X {
		sum[t] += v
	}
	s.Weight[a.Label]++
	s.Inertia += a.Dist
	s.Rows++
	if a.Changed {
		st.Changed++
	}
	f.addFar(st, Far{Pos: a.Pos, Dist: a.Dist, Label: a.Label, X: a.X})
	return st
}

// farther orders Far rows: larger distance first, then lower Pos.
func farther(a, b Far) int {
	return cmp.Or(cmp.Compare(b.Dist, a.Dist), cmp.Compare(a.Pos, b.Pos))
}

func (f *stepFn) addFar(st *Step, r Far) {
	if len(st.Far) == f.K && farther(r, st.Far[f.K-1]) > 0 {
		return
	}
	i, _ := slices.BinarySearchFunc(st.Far, r, farther)
	st.Far = slices.Insert(st.Far, i, r)
	if len(st.Far) > f.K {
		st.Far = st.Far[:f.K]
	}
}

func (f *stepFn) MergeAccumulators(a, b *Step) (*Step, error) {
	if err := a.Sums.Merge(&b.Sums); err != nil {
		return nil, err
	}
	a.Changed += b.Changed
	for _, r := range b.Far {
		f.addFar(a, r)
	}
	return a, nil
}

func encodeStep(st *Step) []byte {
	s := &st.Sums
	b := wire.AppendInt(nil, int64(s.K))
	b = wire.AppendInt(b, int64(s.Dim))
	b = wire.AppendFloats(b, s.Sum)
	b = wire.AppendFloats(b, s.Weight)
	b = wire.AppendFloat(b, s.Inertia)
	b = wire.AppendInt(b, int64(s.Rows))
	b = wire.AppendInt(b, st.Changed)
	b = wire.AppendInt(b, int64(len(st.Far)))
	for _, r := range st.Far {
		b = wire.AppendInt(b, r.Pos)
		b = wire.AppendFloat(b, r.Dist)
		b = wire.AppendInt(b, int64(r.Label))
		b = wire.AppendFloats(b, r.X)
	}
	return b
}

func decodeStep(b []byte) (*Step, error) {
	r := wire.NewReader(b)
	st := &Step{}
	s := &st.Sums
	s.K, s.Dim = int(r.Int()), int(r.Int())
	s.Sum, s.Weight = r.Floats(), r.Floats()
	s.Inertia, s.Rows = r.Float(), int(r.Int())
	st.Changed = r.Int()
	n := r.Int()
	if n < 0 || n > int64(len(b)) {
		return nil, wire.ErrCorrupt
	}
	for range n {
		st.Far = append(st.Far, Far{Pos: r.Int(), Dist: r.Float(), Label: int(r.Int()), X: r.Floats()})
	}
	if len(s.Sum) != s.K*s.Dim || len(s.Weight) != s.K {
		return nil, wire.ErrCorrupt
	}
	return st, r.Err()
}

func encodeAssigned(a assigned) []byte {
	b := appendRow(nil, a.Row)
	b = wire.AppendInt(b, int64(a.Label))
	ch := int64(0)
	if a.Changed {
		ch = 1
	}
	b = wire.AppendInt(b, ch)
	return wire.AppendFloat(b, a.Dist)
}

func decodeAssigned(b []byte) (assigned, error) {
	r := wire.NewReader(b)
	a := assigned{Row: Row{Pos: r.Int(), X: r.Floats()}, Label: int(r.Int()), Changed: r.Int() == 1, Dist: r.Float()}
	return a, r.Err()
}

// Stats and State are small and coded as JSON, which keeps float64 values
// exact. (Beam names coders by function, so each type has its own pair.)
func encodeStats(st *Stats) ([]byte, error) { return json.Marshal(st) }

func decodeStats(b []byte) (st *Stats, err error) { err = json.Unmarshal(b, &st); return st, err }

func encodeState(st State) ([]byte, error) { return json.Marshal(st) }

func decodeState(b []byte) (st State, err error) { err = json.Unmarshal(b, &st); return st, err }

func init() {
	beam.RegisterCoder(reflect.TypeOf((*Step)(nil)), encodeStep, decodeStep)
	beam.RegisterCoder(reflect.TypeOf((*assigned)(nil)).Elem(), encodeAssigned, decodeAssigned)
	beam.RegisterCoder(reflect.TypeOf((*Stats)(nil)), encodeStats, decodeStats)
	beam.RegisterCoder(reflect.TypeOf((*State)(nil)).Elem(), encodeState, decodeState)
	register.Combiner3[*Stats, Row, *Stats](&statsFn{})
	register.Function3x1[Row, State, func(assigned), error](assign)
	register.Emitter1[assigned]()
	register.Combiner3[*Step, assigned, *Step](&stepFn{})
}

package rfmbeam

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/clientele-go/clientele/beam/internal/wire"
	"github.com/clientele-go/clientele/internal/quantile"
	"github.com/clientele-go/clientele/rfm"
)

// Scored is a customer with its quantile scores.
type Scored struct {
	Customer
	Scores rfm.Scores
}

// Score scores the customers with values among customers (a
// PCollection<Customer>) as q.Score would score them all at once: the
// same type-7 breaks, the same bins. It returns a PCollection<Scored>.
// q.Workers is ignored; a negative q.Bins makes Score panic at
// construction.
//
// # Cost
//
// Quantile breaks depend on the whole population, but only through
// 2(Bins-1) order statistics per dimension, so Score finds those exactly
// without gathering the customers: a first global combine builds, per
// dimension, a histogram of the values in buckets of 2^-12 relative width
// (the top 24 bits of the float64, so whole numbers below 4096 get a
// bucket each) with each bucket's count, minimum and maximum; the buckets
// holding the wanted ranks follow from the counts. A bucket whose
// minimum equals its maximum gives its value at once; for the others a
// second pass collects the distinct values that fall in them, with their
// counts. Then one step computes the breaks as rfm.Quantile does, and a
// parallel pass scores every customer against them (a side input).
//
// So the population is read three times (histogram, candidates, scores)
// instead of once, and one worker holds the merged histogram: at most
// 4096 buckets per power of two that the values span (recency and
// frequency: one per distinct value below 4096; money from 1 to 10^6:
// at most 82,000, a few thousand in practice) and the distinct values of
// at most 2(Bins-1) buckets. Nothing grows with the number of customers.
func Score(s beam.Scope, q rfm.Quantile, customers beam.PCollection) beam.PCollection {
	s = s.Scope("rfmbeam.Score")
	if q.Bins < 0 {
		panic(fmt.Sprintf("rfmbeam: Score: Quantile.Bins is negative (%d)", q.Bins))
	}
	bins := q.Bins
	if bins == 0 {
		bins = 5
	}
	with := beam.ParDo(s, hasValues, customers)
	hist := beam.Combine(s, &histFn{}, with)
	want := beam.ParDo(s, &planFn{Bins: bins}, beam.Impulse(s), beam.SideInput{Input: hist})
	cands := beam.Combine(s, &exactFn{}, beam.ParDo(s, candidates, with, beam.SideInput{Input: want}))
	br := beam.ParDo(s, &breaksFn{Bins: bins, Unshifted: q.Unshifted}, beam.Impulse(s),
		beam.SideInput{Input: hist}, beam.SideInput{Input: cands})
	return beam.ParDo(s, scoreOne, with, beam.SideInput{Input: br})
}

func hasValues(c Customer, emit func(Customer)) {
	if c.HasValues {
		emit(c)
	}
}

// dims returns the three dimensions of v as float64, as rfm.Quantile
// compares them: money as the nearest float64.
func dims(v rfm.Values) [3]float64 {
	return [3]float64{float64(v.Recency), float64(v.Frequency), v.Monetary.InexactFloat64()}
}

// orderedKey maps float64 to uint64 so that the integers order as the
// floats do (-0 as +0; no NaN occurs).
func orderedKey(x float64) uint64 {
	b := math.Float64bits(x + 0)
	if b>>63 != 0 {
		return ^b
	}
	return b | 1<<63
}

func fromOrderedKey(k uint64) float64 {
	if k>>63 != 0 {
		return math.Float64frombits(k &^ (1 << 63))
	}
	return math.Float64frombits(^k)
}

// bucketShift keeps the top 24 bits of the ordered key: sign, exponent
// and 12 bits of the mantissa.
const bucketShift = 40

// bucket is one histogram bucket.
type bucket struct {
	N        int64
	Min, Max float64
}

// histogram holds the customers with values and, per dimension, the
// buckets their values fall in.
type histogram struct {
	N    int64
	Dims [3]map[uint64]bucket
}

type histFn struct{}

func (histFn) CreateAccumulator() *histogram {
	h := &histogram{}
	for d := range h.Dims {
		h.Dims[d] = map[uint64]bucket{}
	}
	return h
}

func (histFn) AddInput(h *histogram, c Customer) *histogram {
	h.N++
	for d, x := range dims(c.Values) {
		k := orderedKey(x) >> bucketShift
		b, ok := h.Dims[d][k]
		if !ok {
			b.Min, b.Max = x, x
		}
		b.N++
		b.Min, b.Max = min(b.Min, x), max(b.Max, x)
		h.Dims[d][k] = b
	}
	return h
}

func (histFn) MergeAccumulators(h, g *histogram) *histogram {
	h.N += g.N
	for d := range h.Dims {
		for k, gb := range g.Dims[d] {
			b, ok := h.Dims[d][k]
			if !ok {
				h.Dims[d][k] = gb
				continue
			}
			b.N += gb.N
			b.Min, b.Max = min(b.Min, gb.Min), max(b.Max, gb.Max)
			h.Dims[d][k] = b
		}
	}
	return h
}

// merged merges the output of a global combine, which may be empty.
func merged(hs []*histogram) *histogram {
	h := histFn{}.CreateAccumulator()
	for _, g := range hs {
		h = histFn{}.MergeAccumulators(h, g)
	}
	return h
}

// sorted returns the buckets of dimension d in ascending order.
func (h *histogram) sorted(d int) []uint64 {
	return slices.Sorted(func(yield func(uint64) bool) {
		for k := range h.Dims[d] {
			if !yield(k) {
				return
			}
		}
	})
}

// locate returns the bucket that holds the 0-based rank r of dimension d
// and the number of values in the buckets below it.
func (h *histogram) locate(keys []uint64, d int, r int64) (key uint64, below int64) {
	for _, k := range keys {
		n := h.Dims[d][k].N
		if r < below+n {
			return k, below
		}
		below += n
	}
	panic(fmt.Sprintf("rfmbeam: rank %d beyond the %d customers", r, h.N)) // ranks come from h.N
}

// plan lists, per dimension, the buckets whose exact values the breaks
// need.
type plan struct {
	Want [3][]uint64 // ascending
}

type planFn struct {
	Bins int
}

func (f *planFn) ProcessElement(_ []byte, hs []*histogram, emit func(plan)) {
	var p plan
	if h := merged(hs); h.N > 0 {
		for d := range 3 {
			keys := h.sorted(d)
			for _, r := range quantile.Ranks(h.N, f.Bins) {
				k, _ := h.locate(keys, d, r)
				if b := h.Dims[d][k]; b.Min != b.Max && !slices.Contains(p.Want[d], k) {
					p.Want[d] = append(p.Want[d], k)
				}
			}
			slices.Sort(p.Want[d])
		}
	}
	emit(p)
}

// candidate is one value of dimension Dim that falls in a wanted bucket.
type candidate struct {
	Dim int
	Key uint64 // orderedKey of the value
}

func candidates(c Customer, p plan, emit func(candidate)) {
	for d, x := range dims(c.Values) {
		k := orderedKey(x)
		if _, ok := slices.BinarySearch(p.Want[d], k>>bucketShift); ok {
			emit(candidate{Dim: d, Key: k})
		}
	}
}

// exact counts the distinct candidate values per dimension.
type exact struct {
	Dims [3]map[uint64]int64
}

type exactFn struct{}

func (exactFn) CreateAccumulator() *exact {
	e := &exact{}
	for d := range e.Dims {
		e.Dims[d] = map[uint64]int64{}
	}
	return e
}

func (exactFn) AddInput(e *exact, c candidate) *exact {
	e.Dims[c.Dim][c.Key]++
	return e
}

func (exactFn) MergeAccumulators(e, f *exact) *exact {
	for d := range e.Dims {
		for k, n := range f.Dims[d] {
			e.Dims[d][k] += n
		}
	}
	return e
}

// breaks are the inner breaks per dimension, as rfm.Quantile computes
// them (recency, frequency, monetary).
type breaks struct {
	Bins int
	Dims [3][]float64
}

type breaksFn struct {
	Bins      int
	Unshifted bool
}

func (f *breaksFn) ProcessElement(_ []byte, hs []*histogram, es []*exact, emit func(breaks)) error {
	br := breaks{Bins: f.Bins}
	h := merged(hs)
	if h.N == 0 {
		emit(br)
		return nil
	}
	ex := exactFn{}.CreateAccumulator()
	for _, e := range es {
		ex = exactFn{}.MergeAccumulators(ex, e)
	}
	for d := range 3 {
		keys := h.sorted(d)
		// The sorted distinct candidates of each wanted bucket.
		inBucket := map[uint64][]uint64{}
		for k := range ex.Dims[d] {
			inBucket[k>>bucketShift] = append(inBucket[k>>bucketShift], k)
		}
		stat := func(r int64) (float64, error) {
			k, below := h.locate(keys, d, r)
			b := h.Dims[d][k]
			if b.Min == b.Max {
				return b.Min, nil
			}
			vals := inBucket[k]
			slices.Sort(vals)
			for _, v := range vals {
				below += ex.Dims[d][v]
				if r < below {
					return fromOrderedKey(v), nil
				}
			}
			return 0, fmt.Errorf("rfmbeam: the values of bucket %#x of dimension %d do not add up to its count %d (the input changed between passes?)", k, d, b.N)
		}
		var stats []float64
		for _, r := range quantile.Ranks(h.N, f.Bins) {
			x, err := stat(r)
			if err != nil {
				return err
			}
			stats = append(stats, x)
		}
		br.Dims[d] = quantile.Breaks(h.N, f.Bins, stats, !f.Unshifted)
	}
	emit(br)
	return nil
}

// scoreOne scores one customer against the breaks: a value's bin is 1
// plus the number of breaks at or below it, recency reversed.
func scoreOne(c Customer, br breaks, emit func(Scored)) {
	x := dims(c.Values)
	emit(Scored{Customer: c, Scores: rfm.Scores{
		CustomerID: c.Values.CustomerID,
		R:          br.Bins - atOrBelow(br.Dims[0], x[0]),
		F:          1 + atOrBelow(br.Dims[1], x[1]),
		M:          1 + atOrBelow(br.Dims[2], x[2]),
	}})
}

func atOrBelow(breaks []float64, x float64) int {
	n, _ := slices.BinarySearchFunc(breaks, x, func(b, x float64) int {
		if b <= x {
			return -1
		}
		return 1
	})
	return n
}

func appendHistogram(b []byte, h *histogram) []byte {
	b = wire.AppendInt(b, h.N)
	for d := range h.Dims {
		b = wire.AppendInt(b, int64(len(h.Dims[d])))
		for k, bk := range h.Dims[d] {
			b = wire.AppendInt(b, int64(k))
			b = wire.AppendInt(b, bk.N)
			b = wire.AppendFloat(b, bk.Min)
			b = wire.AppendFloat(b, bk.Max)
		}
	}
	return b
}

func decodeHistogram(b []byte) (*histogram, error) {
	r := wire.NewReader(b)
	h := histFn{}.CreateAccumulator()
	h.N = r.Int()
	for d := range h.Dims {
		n := r.Int()
		if n < 0 || n > int64(len(b)) {
			return nil, wire.ErrCorrupt
		}
		for range n {
			k := uint64(r.Int())
			h.Dims[d][k] = bucket{N: r.Int(), Min: r.Float(), Max: r.Float()}
		}
	}
	return h, r.Err()
}

func encodeHistogram(h *histogram) []byte { return appendHistogram(nil, h) }

func encodeExact(e *exact) []byte {
	var b []byte
	for d := range e.Dims {
		b = wire.AppendInt(b, int64(len(e.Dims[d])))
		for k, n := range e.Dims[d] {
			b = wire.AppendInt(b, int64(k))
			b = wire.AppendInt(b, n)
		}
	}
	return b
}

func decodeExact(b []byte) (*exact, error) {
	r := wire.NewReader(b)
	e := exactFn{}.CreateAccumulator()
	for d := range e.Dims {
		n := r.Int()
		if n < 0 || n > int64(len(b)) {
			return nil, wire.ErrCorrupt
		}
		for range n {
			k := uint64(r.Int())
			e.Dims[d][k] = r.Int()
		}
	}
	return e, r.Err()
}

func encodeScored(s Scored) []byte {
	b := appendCustomer(nil, s.Customer)
	for _, v := range []int{s.Scores.R, s.Scores.F, s.Scores.M} {
		b = wire.AppendInt(b, int64(v))
	}
	return b
}

func decodeScored(b []byte) (Scored, error) {
	r := wire.NewReader(b)
	s := Scored{Customer: readCustomer(r)}
	s.Scores = rfm.Scores{CustomerID: s.Values.CustomerID, R: int(r.Int()), F: int(r.Int()), M: int(r.Int())}
	return s, r.Err()
}

func init() {
	beam.RegisterCoder(reflect.TypeOf((*histogram)(nil)), encodeHistogram, decodeHistogram)
	beam.RegisterCoder(reflect.TypeOf((*exact)(nil)), encodeExact, decodeExact)
	beam.RegisterCoder(reflect.TypeOf((*Scored)(nil)).Elem(), encodeScored, decodeScored)
	beam.RegisterCoder(reflect.TypeOf((*plan)(nil)).Elem(), encodePlan, decodePlan)
	beam.RegisterCoder(reflect.TypeOf((*candidate)(nil)).Elem(), encodeCandidate, decodeCandidate)
	beam.RegisterCoder(reflect.TypeOf((*breaks)(nil)).Elem(), encodeBreaks, decodeBreaks)
	register.Function2x0[Customer, func(Customer)](hasValues)
	register.Emitter1[Customer]()
	register.Combiner3[*histogram, Customer, *histogram](&histFn{})
	register.DoFn3x0[[]byte, []*histogram, func(plan)](&planFn{})
	register.Emitter1[plan]()
	register.Function3x0[Customer, plan, func(candidate)](candidates)
	register.Emitter1[candidate]()
	register.Combiner3[*exact, candidate, *exact](&exactFn{})
	register.DoFn4x1[[]byte, []*histogram, []*exact, func(breaks), error](&breaksFn{})
	register.Emitter1[breaks]()
	register.Function3x0[Customer, breaks, func(Scored)](scoreOne)
	register.Emitter1[Scored]()
}

func encodeCandidate(c candidate) []byte {
	return wire.AppendInt(wire.AppendInt(nil, int64(c.Dim)), int64(c.Key))
}

func decodeCandidate(b []byte) (candidate, error) {
	r := wire.NewReader(b)
	c := candidate{Dim: int(r.Int()), Key: uint64(r.Int())}
	if c.Dim < 0 || c.Dim > 2 {
		return candidate{}, wire.ErrCorrupt
	}
	return c, r.Err()
}

// The small single-element types are coded as JSON, which keeps float64
// and uint64 values exact. (Beam names coders by function, so each type
// has its own pair.)
func encodePlan(p plan) ([]byte, error) { return json.Marshal(p) }

func decodePlan(b []byte) (p plan, err error) { err = json.Unmarshal(b, &p); return p, err }

func encodeBreaks(br breaks) ([]byte, error) { return json.Marshal(br) }

func decodeBreaks(b []byte) (br breaks, err error) { err = json.Unmarshal(b, &br); return br, err }

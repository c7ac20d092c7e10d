package segment

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/clientele-go/clientele/internal/parallel"
)

// Options configures Run. The zero value runs on GOMAXPROCS workers with
// the documented defaults.
type Options struct {
	// Workers is the number of goroutines. 0 means GOMAXPROCS; 1 runs on
	// the calling goroutine. The result is identical for every value.
	// Negative is an error.
	Workers int
	// MinSize is the number of members below which a segment is
	// reported as too small (a SmallSegment warning). 0 means no minimum;
	// negative is an error.
	MinSize int
	// MinShare is the share of the valid members below which a segment
	// is reported as too small. 0 means 0.02 (2%); negative means no
	// minimum; above 1 or NaN is an error.
	MinShare float64
	// AgeBands are the ascending lower bounds of the age bands of
	// portraits, labelled "<18", "18-24", …, "60+". nil means 18, 25, 30,
	// 35, 40, 50 and 60; otherwise they must be strictly ascending and
	// not negative.
	AgeBands []int
	// Top is the number of entries in the top lists of portraits (cities,
	// industries, tags, categories). 0 means 5; negative is an error.
	Top int
	// Strategies gives segments their strategies by segment ID,
	// replacing the Strategy the segmenter lists. nil means none.
	Strategies map[string]Strategy
}

func (o Options) withDefaults() (Options, error) {
	switch {
	case o.Workers < 0:
		return o, fmt.Errorf("%w: Options.Workers is negative (%d)", ErrConfig, o.Workers)
	case o.MinSize < 0:
		return o, fmt.Errorf("%w: Options.MinSize is negative (%d)", ErrConfig, o.MinSize)
	case math.IsNaN(o.MinShare) || o.MinShare > 1:
		return o, fmt.Errorf("%w: Options.MinShare is above 1 or NaN (%v)", ErrConfig, o.MinShare)
	case o.Top < 0:
		return o, fmt.Errorf("%w: Options.Top is negative (%d)", ErrConfig, o.Top)
	}
	if o.MinShare == 0 {
		o.MinShare = 0.02
	}
	if o.Top == 0 {
		o.Top = 5
	}
	if o.AgeBands == nil {
		o.AgeBands = defaultAgeBands()
	}
	for i, b := range o.AgeBands {
		if b < 0 || i > 0 && b <= o.AgeBands[i-1] {
			return o, fmt.Errorf("%w: Options.AgeBands must be ascending and not negative", ErrConfig)
		}
	}
	if len(o.AgeBands) == 0 {
		return o, fmt.Errorf("%w: Options.AgeBands is empty", ErrConfig)
	}
	return o, nil
}

// chunkSize is the number of members a worker takes at a time.
const chunkSize = 4096

// registry numbers segment IDs: listed ones first, then others as they
// are met, under a lock. The numbers of unlisted IDs depend on timing and
// are replaced by their rank by ID at the end.
type registry struct {
	listed map[string]int32
	mu     sync.Mutex
	extra  map[string]int32
	ids    []string
}

func (g *registry) index(id string) int32 {
	if i, ok := g.listed[id]; ok {
		return i
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if i, ok := g.extra[id]; ok {
		return i
	}
	i := int32(len(g.ids))
	g.extra[id] = i
	g.ids = append(g.ids, id)
	return i
}

// Run assigns every member to segments with s and builds a portrait of
// each segment, with the guard rails: segments below Options.MinSize or
// MinShare, members no segment takes and the segmenter's own warnings.
//
// Members that are not valid (see Member) are skipped and listed in
// Result.Invalid; members whose data a condition needs are missing are
// simply not matched by it (see ParseCondition). The members are split in
// fixed chunks of 4,096 over Options.Workers goroutines; every count is
// exact and every list is sorted before use, so the Result is identical
// whatever the number of workers. members and what they point to are not
// modified or kept.
//
// Run returns an error wrapping ErrConfig for bad options, a nil
// segmenter or a segmenter that breaks its contract (an empty segment
// ID), and ctx's error, wrapped, when ctx is cancelled; it checks ctx
// before each chunk.
//
// Members usually come from [Members.Join].
func Run(ctx context.Context, members []Member, s Segmenter, opts Options) (*Result, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if s == nil {
		return nil, fmt.Errorf("%w: nil segmenter", ErrConfig)
	}
	reg := &registry{listed: map[string]int32{}, extra: map[string]int32{}}
	var listed []Segment
	if l, ok := s.(Lister); ok {
		for _, seg := range l.Segments() {
			if seg.ID == "" {
				return nil, fmt.Errorf("%w: segmenter lists a segment without an ID", ErrConfig)
			}
			if _, dup := reg.listed[seg.ID]; !dup {
				reg.listed[seg.ID] = int32(len(listed))
				listed = append(listed, seg)
			}
		}
	}
	reg.ids = make([]string, len(listed))
	for i, seg := range listed {
		reg.ids[i] = seg.ID
	}

	n := len(members)
	counts := make([]int32, n) // segments per member; -1 for invalid
	chunks := parallel.Split(n, 1, chunkSize, chunkSize)
	chunkSegs := make([][]int32, chunks.Count)
	workers := min(parallel.Workers(opts.Workers), max(chunks.Count, 1))
	type scratch struct {
		acc *accumulator
		ids []string
		idx []int32
	}
	local := make([]scratch, workers)
	for w := range local {
		local[w].acc = newAccumulator(opts)
	}
	var emptyID atomic.Bool
	err = parallel.ForErr(ctx, workers, chunks.Count, func(w, c int) error {
		sc := &local[w]
		lo, hi := chunks.Bounds(c)
		var out []int32
		for i := lo; i < hi; i++ {
			m := &members[i]
			if !m.valid() {
				counts[i] = -1
				continue
			}
			sc.ids = s.Assign(m, sc.ids[:0])
			sc.idx = sc.idx[:0]
			for _, id := range sc.ids {
				if id == "" {
					emptyID.Store(true)
					continue
				}
				if k := reg.index(id); !slices.Contains(sc.idx, k) {
					sc.idx = append(sc.idx, k)
				}
			}
			counts[i] = int32(len(sc.idx))
			out = append(out, sc.idx...)
			sc.acc.add(m, sc.idx)
		}
		chunkSegs[c] = out
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("segment: run: %w", err)
	}
	if emptyID.Load() {
		return nil, fmt.Errorf("%w: segmenter assigned an empty segment ID", ErrConfig)
	}

	// Number unlisted IDs by rank, so the order does not depend on timing.
	extra := reg.ids[len(listed):]
	sortedExtra := slices.Sorted(slices.Values(extra))
	remap := make([]int32, len(reg.ids))
	for i := range listed {
		remap[i] = int32(i)
	}
	for i, id := range extra {
		k, _ := slices.BinarySearch(sortedExtra, id)
		remap[len(listed)+i] = int32(len(listed) + k)
	}
	res := &Result{Members: n, Segments: listed}
	for _, id := range sortedExtra {
		res.Segments = append(res.Segments, Segment{ID: id})
	}
	for i := range res.Segments {
		if st, ok := opts.Strategies[res.Segments[i].ID]; ok {
			res.Segments[i].Strategy = st
		}
	}

	// Offsets and the flat list of segments, in member order.
	res.offs = make([]int32, n+1)
	total := 0
	for _, cs := range chunkSegs {
		total += len(cs)
	}
	res.segs = make([]int32, 0, total)
	for _, cs := range chunkSegs {
		for _, k := range cs {
			res.segs = append(res.segs, remap[k])
		}
	}
	res.inv = make([]bool, n)
	for i, c := range counts {
		switch {
		case c < 0:
			res.inv[i] = true
			res.Invalid = append(res.Invalid, i)
			c = 0
		case c == 0:
			res.Unassigned = append(res.Unassigned, members[i].ID())
		}
		res.offs[i+1] = res.offs[i] + c
	}
	res.Valid = n - len(res.Invalid)

	// Merge the workers' accumulators in worker order, then build the
	// portraits. Every count is exact and every list is sorted before
	// use, so the order of merging does not show.
	total0 := local[0].acc
	for _, sc := range local[1:] {
		total0.merge(sc.acc)
	}
	res.UnknownCities = total0.unknownCities
	res.MissingBirthDates = total0.missingBirth
	res.Portraits = make([]Portrait, len(res.Segments))
	for tmp, sa := range total0.segs {
		if sa != nil {
			res.Portraits[remap[tmp]] = sa.portrait(opts, res.Valid)
		}
	}
	for i := range res.Portraits {
		res.Portraits[i].Segment = res.Segments[i]
	}
	res.Warnings = warnings(s, res, opts)
	return res, nil
}

// warnings gathers the guard-rail findings.
func warnings(s Segmenter, res *Result, opts Options) []Warning {
	var out []Warning
	manyDims := map[string]string{}
	if w, ok := s.(Warner); ok {
		for _, x := range w.Warnings() {
			out = append(out, x)
			if x.Kind == "many-dimensions" {
				manyDims[x.Segment] = x.Message
			}
		}
	}
	for _, p := range res.Portraits {
		small := opts.MinSize > 0 && p.Size < opts.MinSize
		if opts.MinShare > 0 && p.Share < opts.MinShare {
			small = true
		}
		if !small {
			continue
		}
		var limits []string
		if opts.MinSize > 0 {
			limits = append(limits, fmt.Sprintf("%d members", opts.MinSize))
		}
		if opts.MinShare > 0 {
			limits = append(limits, fmt.Sprintf("%.1f%% of members", 100*opts.MinShare))
		}
		msg := fmt.Sprintf("segment %s has %d members (%.1f%%), below the minimum of %s",
			p.Segment.ID, p.Size, 100*p.Share, strings.Join(limits, " or "))
		if _, ok := manyDims[p.Segment.ID]; ok {
			msg += "; its rule combines too many dimensions: use fewer"
		}
		out = append(out, Warning{Kind: "small-segment", Segment: p.Segment.ID, Rule: -1, Size: p.Size, Share: p.Share, Message: msg})
	}
	if k := len(res.Unassigned); k > 0 {
		share := float64(k) / float64(res.Valid)
		out = append(out, Warning{
			Kind: "unassigned", Rule: -1, Size: k, Share: share,
			Message: fmt.Sprintf("%d members (%.1f%%) are in no segment; add a catch-all or review the rules", k, 100*share),
		})
	}
	return out
}

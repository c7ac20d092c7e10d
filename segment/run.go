package segment

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/clientele-go/clientele/customer"
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
	// profiles (see AgeBand). nil means DefaultAgeBands(); otherwise they
	// must be strictly ascending and not negative.
	AgeBands []int
	// Top is the number of entries in the top lists of profiles (cities,
	// industries, tags, categories). 0 means 5; negative is an error.
	Top int
	// Strategies gives segments their strategies by segment ID,
	// replacing the Strategy the segmenter lists. nil means none.
	Strategies map[string]Strategy
}

func (o Options) withDefaults() (Options, error) {
	switch {
	case o.Workers < 0:
		return o, fmt.Errorf("%w: negative Workers", ErrConfig)
	case o.MinSize < 0:
		return o, fmt.Errorf("%w: negative MinSize", ErrConfig)
	case math.IsNaN(o.MinShare) || o.MinShare > 1:
		return o, fmt.Errorf("%w: MinShare outside [0, 1]", ErrConfig)
	case o.Top < 0:
		return o, fmt.Errorf("%w: negative Top", ErrConfig)
	}
	if o.Workers == 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MinShare == 0 {
		o.MinShare = 0.02
	}
	if o.Top == 0 {
		o.Top = 5
	}
	if o.AgeBands == nil {
		o.AgeBands = DefaultAgeBands()
	}
	for i, b := range o.AgeBands {
		if b < 0 || i > 0 && b <= o.AgeBands[i-1] {
			return o, fmt.Errorf("%w: AgeBands must be ascending and not negative", ErrConfig)
		}
	}
	if len(o.AgeBands) == 0 {
		return o, fmt.Errorf("%w: AgeBands is empty", ErrConfig)
	}
	return o, nil
}

// WarningKind says what a Warning is about.
type WarningKind uint8

// Kinds of warnings.
const (
	// ManyDimensions: a rule combines more dimensions than
	// Table.MaxDimensions.
	ManyDimensions WarningKind = iota + 1
	// Unreachable: a rule can never match in first-match mode.
	Unreachable
	// SmallSegment: a segment is below Options.MinSize or MinShare.
	SmallSegment
	// Unassigned: some valid members are in no segment.
	Unassigned
)

var warningNames = [...]string{"", "many-dimensions", "unreachable", "small-segment", "unassigned"}

// String returns the kind's name, e.g. "small-segment".
func (k WarningKind) String() string {
	if int(k) < len(warningNames) && k > 0 {
		return warningNames[k]
	}
	return fmt.Sprintf("WarningKind(%d)", k)
}

// MarshalText implements encoding.TextMarshaler with String.
func (k WarningKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Warning is a guard-rail finding: something about a segmentation a
// person should look at. It never contains personal data.
type Warning struct {
	Kind    WarningKind `json:"kind"`
	Segment string      `json:"segment,omitempty"` // the segment's ID, if any
	Rule    int         `json:"rule"`              // the rule's index, or -1
	Size    int         `json:"size"`              // members concerned (SmallSegment, Unassigned)
	Share   float64     `json:"share"`             // their share of the valid members
	Message string      `json:"message"`
}

// String returns the message.
func (w Warning) String() string { return w.Message }

// Warner is implemented by segmenters that can warn about their own
// configuration before seeing data, as RuleSet does. Run includes the
// warnings in its Result.
type Warner interface {
	Warnings() []Warning
}

// Result is the outcome of Run: which segments the members are in, a
// profile of every segment, and the guard-rail warnings.
type Result struct {
	// Segments lists the segments: those the segmenter lists (see
	// Lister), in its order, then any other IDs it assigned, by ID.
	Segments []Segment
	// Profiles describes each segment; Profiles[i] is Segments[i]'s.
	Profiles []Profile
	// Members is the number of members given; Valid the number
	// segmented.
	Members, Valid int
	// Invalid holds the indexes of the members skipped because they are
	// not valid (neither or both of Person and Company set, or no as-of
	// date), in ascending order.
	Invalid []int
	// Unassigned holds the IDs of the valid members no segment took, in
	// input order.
	Unassigned []customer.ID
	// UnknownCities counts valid members whose city has no tier: not in
	// the city ranking, or empty.
	UnknownCities int
	// MissingBirthDates counts valid persons without a usable birth date
	// (none, or after the as-of date), who have no age.
	MissingBirthDates int
	// Warnings lists the segmenter's own warnings (see Warner), then one
	// per segment below the minimum size or share, then one for
	// unassigned members.
	Warnings []Warning

	offs []int32 // member i's segments are segs[offs[i]:offs[i+1]]
	segs []int32
	inv  []bool
}

// Of returns the indexes in Segments of the segments member i is in, in
// the order the segmenter gave them; nil for an invalid or unassigned
// member. The slice shares the Result's storage and must not be modified.
// Of panics if i is out of range, like a slice index.
func (r *Result) Of(i int) []int32 {
	s := r.segs[r.offs[i]:r.offs[i+1]]
	if len(s) == 0 {
		return nil
	}
	return s
}

// Primary returns the index in Segments of the first segment member i is
// in, and false when it is in none.
func (r *Result) Primary(i int) (int, bool) {
	if s := r.Of(i); len(s) > 0 {
		return int(s[0]), true
	}
	return -1, false
}

// Index returns the index in Segments of the segment with the given ID,
// or -1.
func (r *Result) Index(id string) int {
	return slices.IndexFunc(r.Segments, func(s Segment) bool { return s.ID == id })
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

// Run assigns every member to segments with s and builds a profile of
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
	nchunks := (n + chunkSize - 1) / chunkSize
	chunkSegs := make([][]int32, nchunks)
	workers := min(opts.Workers, max(nchunks, 1))
	accs := make([]*accumulator, workers)
	var next atomic.Int64
	var failed atomic.Bool
	var emptyID atomic.Bool
	work := func(w int) {
		acc := newAccumulator(opts)
		accs[w] = acc
		var ids []string
		var idx []int32
		for !failed.Load() {
			c := int(next.Add(1) - 1)
			if c >= nchunks {
				return
			}
			if ctx.Err() != nil {
				failed.Store(true)
				return
			}
			lo, hi := c*chunkSize, min((c+1)*chunkSize, n)
			var out []int32
			for i := lo; i < hi; i++ {
				m := &members[i]
				if !m.valid() {
					counts[i] = -1
					continue
				}
				ids = s.Assign(m, ids[:0])
				idx = idx[:0]
				for _, id := range ids {
					if id == "" {
						emptyID.Store(true)
						continue
					}
					if k := reg.index(id); !slices.Contains(idx, k) {
						idx = append(idx, k)
					}
				}
				counts[i] = int32(len(idx))
				out = append(out, idx...)
				acc.add(m, idx)
			}
			chunkSegs[c] = out
		}
	}
	if workers <= 1 {
		work(0)
	} else {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				work(w)
			}()
		}
		wg.Wait()
	}
	if err := ctx.Err(); err != nil {
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
	// profiles.
	total0 := accs[0]
	for _, a := range accs[1:] {
		if a != nil {
			total0.merge(a)
		}
	}
	res.UnknownCities = total0.unknownCities
	res.MissingBirthDates = total0.missingBirth
	res.Profiles = make([]Profile, len(res.Segments))
	for tmp, sa := range total0.segs {
		if sa != nil {
			res.Profiles[remap[tmp]] = sa.profile(opts, res.Valid)
		}
	}
	for i := range res.Profiles {
		res.Profiles[i].Segment = res.Segments[i]
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
			if x.Kind == ManyDimensions {
				manyDims[x.Segment] = x.Message
			}
		}
	}
	for _, p := range res.Profiles {
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
		out = append(out, Warning{Kind: SmallSegment, Segment: p.Segment.ID, Rule: -1, Size: p.Size, Share: p.Share, Message: msg})
	}
	if k := len(res.Unassigned); k > 0 {
		share := float64(k) / float64(res.Valid)
		out = append(out, Warning{
			Kind: Unassigned, Rule: -1, Size: k, Share: share,
			Message: fmt.Sprintf("%d members (%.1f%%) are in no segment; add a catch-all or review the rules", k, 100*share),
		})
	}
	return out
}

package customer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"

	"github.com/clientele-go/clientele/internal/parallel"
)

// engine is the record-type-independent dedup algorithm.
type engine[T any] struct {
	info     *recordInfo[T]
	keyers   []Keyer[T]
	matcher  Matcher[T]
	rank     func(a, b *T) int  // nil: complete
	complete *weightedFields[T] // the default rank: completeness, then recency
	rules    map[string]MergeRule
	strong   func(*T) string // valid strong identifier, or ""
	note     func(*T, *DedupStats)
	maxBlock int
	workers  int
	logger   *slog.Logger

	names []string // keyer names
}

// node is a merged record. Node numbers below len(in) stand for the
// input records; merged nodes are numbered from len(in) on, in the order
// they are made. Numbers never change; a node that is merged dies.
type node[T any] struct {
	rec     T
	members []int32 // input indices in survivor order
	prov    *Provenance
}

type match struct {
	a, b  int32
	score float64
}

type result[T any] struct {
	records  []T
	survivor map[ID]ID
	merged   []Provenance
	stats    DedupStats
}

// check resolves the defaults and reports options that cannot be used.
func (e *engine[T]) check() error {
	if e.maxBlock < 0 {
		return fmt.Errorf("%w: MaxBlock is negative (%d)", ErrConfig, e.maxBlock)
	}
	if e.maxBlock == 0 {
		e.maxBlock = 100
	}
	if e.workers < 0 {
		return fmt.Errorf("%w: Workers is negative (%d)", ErrConfig, e.workers)
	}
	e.workers = parallel.Workers(e.workers)
	if len(e.keyers) == 0 {
		return fmt.Errorf("%w: Keys is empty", ErrConfig)
	}
	e.names = make([]string, len(e.keyers))
	for i, k := range e.keyers {
		switch {
		case k.err != nil:
			return fmt.Errorf("%w: Keys[%d]: %w", ErrConfig, i, k.err)
		case k.Keys == nil:
			return fmt.Errorf("%w: Keys[%d] has no Keys func", ErrConfig, i)
		}
		e.names[i] = cmp.Or(k.Name, "keys["+strconv.Itoa(i)+"]")
	}
	if v, ok := e.matcher.(interface{ validate() error }); ok {
		if err := v.validate(); err != nil {
			return fmt.Errorf("%w: Matcher: %w", ErrConfig, err)
		}
	}
	if v, ok := e.matcher.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return fmt.Errorf("%w: Matcher: %w", ErrConfig, err)
		}
	}
	return checkRules(e.info, e.rules)
}

// state is the engine's working set.
type state[T any] struct {
	in     []T
	merged []node[T] // node len(in)+i is merged[i]
	alive  []bool
	dirty  []bool // merged in the previous round (all nodes in round 1)
	idx    []*index
	round  int32
	hash   keyHasher
}

// rec returns node v's record.
func (st *state[T]) rec(v int32) *T {
	if int(v) < len(st.in) {
		return &st.in[v]
	}
	return &st.merged[int(v)-len(st.in)].rec
}

func (e *engine[T]) run(ctx context.Context, in []T) (result[T], error) {
	if err := e.check(); err != nil {
		return result[T]{}, err
	}
	if err := ctx.Err(); err != nil {
		return result[T]{}, err
	}
	res := result[T]{}
	res.stats.Records = len(in)
	// The survivor map doubles as the duplicate-ID check. With several
	// workers it is built alongside the blocking.
	var dups []ID
	empty := -1
	ids := func() {
		res.survivor = make(map[ID]ID, len(in))
		for i := range in {
			id := e.info.id(&in[i])
			if id == "" && empty < 0 {
				empty = i
			}
			if _, dup := res.survivor[id]; dup {
				dups = append(dups, id)
			}
			res.survivor[id] = id
		}
	}
	st := &state[T]{in: in, alive: make([]bool, len(in)), dirty: make([]bool, len(in)), idx: make([]*index, len(e.keyers)), round: 1, hash: newKeyHasher()}
	for i := range in {
		st.alive[i], st.dirty[i] = true, true
	}
	var buildErr error
	parallel.Do(e.workers, ids, func() { buildErr = e.build(ctx, st, &res.stats) })
	if empty >= 0 {
		return result[T]{}, &FieldError{Field: "id", Err: invalid(ErrInvalidValue, ErrEmpty, "record "+strconv.Itoa(empty))}
	}
	if len(dups) > 0 {
		return result[T]{}, duplicateIDs(dups)
	}
	if buildErr != nil {
		return result[T]{}, buildErr
	}
	for {
		if err := ctx.Err(); err != nil {
			return result[T]{}, err
		}
		res.stats.Rounds = int(st.round)
		matches, comparisons, err := e.compare(ctx, st)
		if err != nil {
			return result[T]{}, err
		}
		res.stats.Comparisons += comparisons
		res.stats.Matches += len(matches)
		groups, conflicts := e.cluster(st, matches)
		res.stats.Conflicts += conflicts
		if len(groups) == 0 {
			break
		}
		if err := e.advance(ctx, st, groups); err != nil {
			return result[T]{}, err
		}
	}
	res.stats.Capped = e.capped(st)
	st.idx = nil
	if e.logger != nil {
		for _, c := range res.stats.Capped {
			e.logger.LogAttrs(ctx, slog.LevelWarn, "customer: dedup block too large to compare",
				slog.String("key", c.Key), slog.Int("size", c.Size), slog.String("first", string(c.First)))
		}
	}

	// Output, in input order of the surviving IDs.
	at := make([]int32, len(in)) // input index -> merged index + 1
	for i := range st.merged {
		nd := &st.merged[i]
		if !st.alive[len(in)+i] {
			continue
		}
		at[nd.members[0]] = int32(i) + 1
		surv := e.info.id(&nd.rec)
		for _, m := range nd.members[1:] {
			res.survivor[e.info.id(&in[m])] = surv
		}
		res.merged = append(res.merged, *nd.prov)
		res.stats.Clusters++
		res.stats.Absorbed += len(nd.members) - 1
	}
	slices.SortFunc(res.merged, func(a, b Provenance) int { return cmp.Compare(a.ID, b.ID) })
	res.records = make([]T, 0, len(in)-res.stats.Absorbed)
	for i := range in {
		switch {
		case at[i] > 0:
			res.records = append(res.records, st.merged[at[i]-1].rec)
		case st.alive[i]:
			res.records = append(res.records, in[i])
		}
	}
	return res, nil
}

// duplicateIDs reports the IDs that occur more than once, each once and
// in ascending order, as joined FieldErrors.
func duplicateIDs(dups []ID) error {
	slices.Sort(dups)
	dups = slices.Compact(dups)
	errs := make([]error, len(dups))
	for i, id := range dups {
		errs[i] = &FieldError{ID: id, Field: "id", Err: ErrDuplicateID}
	}
	return errors.Join(errs...)
}

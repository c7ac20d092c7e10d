package customer

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"log/slog"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DedupOptions configures [Dedup]. The zero value uses the defaults
// documented on each field.
type DedupOptions struct {
	// Keys are the blocking keys: records are compared only when a Keyer
	// gives both the same key. nil means DefaultPersonKeys().
	Keys []Keyer[Person]
	// Matcher decides whether two records are the same person; nil
	// means PersonMatcher{}.
	Matcher Matcher[Person]
	// Survivor ranks the records of a cluster; the first survives. nil
	// means the most complete record (Completeness{}.PersonScore), then
	// the most recently updated (UpdatedAt, or CreatedAt when it is
	// zero), then the smallest ID.
	Survivor SurvivorRule[Person]
	// Fields overrides the merge rule of fields, by CSV column name
	// ("attributes" for all host attributes). Without an override a
	// field keeps the value of the most recently updated record
	// (RuleNewest), except acquisition_channel, source and created_at,
	// which keep the earliest created record's (RuleOldest: where and
	// when the customer was first acquired), and interests and
	// device_ids, which are unioned (RuleUnion).
	Fields map[string]FieldRule
	// MaxBlock is the largest block that is compared pair by pair; 0
	// means 100. Larger blocks (a store's default phone number on
	// thousands of records, a popular name with a common suffix) are not
	// compared, so the work stays linear; DedupStats.Capped lists them.
	MaxBlock int
	// Workers is the number of goroutines: 0 means GOMAXPROCS, 1 runs
	// sequentially. Every value gives the same result.
	Workers int
	// Logger receives a warning for each capped block (the key's name,
	// the block's size and its smallest ID; never a key value). nil
	// means silent.
	Logger *slog.Logger
}

// DedupResult is the outcome of [Dedup].
type DedupResult struct {
	// People holds one record per customer: the input records that
	// absorbed no other and were not absorbed, as they were, and one
	// merged record per cluster of duplicates, with its survivor's ID.
	// They are in the input order of their IDs. Unmerged records share
	// their slices and maps with the input; merged records have their
	// own.
	People []Person
	// Survivor maps every input ID to the ID of the record in People
	// that holds it: its own for records not absorbed.
	Survivor map[ID]ID
	// Merged holds the provenance of each merged record, by ascending
	// ID.
	Merged []Provenance
	// Stats describes the work done.
	Stats DedupStats
}

// CompanyDedupOptions configures [DedupCompanies] as [DedupOptions]
// configures [Dedup].
type CompanyDedupOptions struct {
	// Keys: nil means DefaultCompanyKeys().
	Keys []Keyer[Company]
	// Matcher: nil means CompanyMatcher{CreditCodes: CreditCodes}.
	Matcher Matcher[Company]
	// Survivor: nil means the most complete record
	// (Completeness{}.CompanyScore), then the most recently updated,
	// then the smallest ID.
	Survivor SurvivorRule[Company]
	// Fields overrides merge rules as DedupOptions.Fields does. Defaults:
	// RuleNewest, except created_at (RuleOldest) and contacts and
	// products (RuleUnion; identical contacts are kept once).
	Fields map[string]FieldRule
	// CreditCodes says which credit codes are valid, for the conflict
	// rule (two different valid codes never merge) and for the default
	// Matcher.
	CreditCodes CreditCodeOptions
	// MaxBlock is the largest block compared pair by pair; 0 means 100.
	MaxBlock int
	// Workers is the number of goroutines: 0 means GOMAXPROCS, 1 runs
	// sequentially. Every value gives the same result.
	Workers int
	// Logger receives a warning per capped block; nil means silent.
	Logger *slog.Logger
}

// CompanyDedupResult is the outcome of [DedupCompanies]; see
// [DedupResult].
type CompanyDedupResult struct {
	Companies []Company    // one record per company, in input order of their IDs
	Survivor  map[ID]ID    // every input ID to the ID of the record that holds it
	Merged    []Provenance // provenance of each merged record, by ascending ID
	Stats     DedupStats   // the work done
}

// DedupStats describes the work [Dedup] did.
type DedupStats struct {
	// Records is the number of input records; Clusters the number of
	// merged records; Absorbed the number of input records merged into
	// another (Records - Absorbed records come out).
	Records, Clusters, Absorbed int
	// NoKey counts records without any key; they are kept as they are.
	NoKey int
	// InvalidPhone counts persons whose phone is neither a valid mobile
	// number nor a masked one: kept as is, but not used as a key or as
	// evidence.
	InvalidPhone int
	// Comparisons counts Matcher calls; Matches the pairs it accepted.
	Comparisons, Matches int
	// Conflicts counts accepted pairs not merged because their clusters
	// hold different valid ID numbers (credit codes for companies).
	Conflicts int
	// Rounds is the number of passes: after a pass that merges, merged
	// records are compared again with the records they now share keys
	// with, until nothing changes.
	Rounds int
	// Capped lists the blocks larger than MaxBlock at the end, which
	// were not compared pair by pair, by key name and smallest ID.
	Capped []CappedBlock
}

// CappedBlock is a block too large to compare pair by pair.
type CappedBlock struct {
	Key   string // the Keyer's name, or "keys[i]"
	Size  int    // number of records sharing the key
	First ID     // the smallest ID in the block
}

// DuplicateIDError reports input IDs that occur more than once. It
// wraps [ErrDuplicateID].
type DuplicateIDError struct {
	IDs []ID // each repeated ID once, in ascending order
}

// Error lists up to ten of the IDs.
func (e *DuplicateIDError) Error() string {
	var b strings.Builder
	b.WriteString("customer: duplicate ID")
	if len(e.IDs) > 1 {
		b.WriteString("s")
	}
	for i, id := range e.IDs {
		if i == 10 {
			b.WriteString(" and " + strconv.Itoa(len(e.IDs)-10) + " more")
			break
		}
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(" " + strconv.Quote(clip(string(id))))
	}
	return b.String()
}

// Unwrap returns ErrDuplicateID.
func (e *DuplicateIDError) Unwrap() error { return ErrDuplicateID }

// Dedup finds the records in people that describe the same person and
// merges each such cluster into one record. It is [DedupContext] without
// cancellation.
func Dedup(people []Person, opts DedupOptions) (DedupResult, error) {
	return DedupContext(context.Background(), people, opts)
}

// DedupContext finds the records in people that describe the same person
// and merges each such cluster into one record.
//
// It works in three steps. Blocking: each Keyer gives each record its
// keys, and records that share a key form a block. Matching: within each
// block of at most MaxBlock records, the Matcher compares every pair.
// Clustering: accepted pairs are joined transitively (union-find), in
// descending score order, except that two clusters holding different
// valid resident ID numbers are never joined. Each cluster is then ranked
// by the Survivor rule and merged field by field (see [FieldRule]), with
// its [Provenance]. A merged record can share keys with records its
// inputs did not, so merged records are compared again with the records
// they now share keys with until nothing changes. That makes Dedup
// idempotent: running it on its own People (with the same options and a
// deterministic Matcher) merges nothing more.
//
// The result does not depend on the order of people or on Workers. The
// Keyers, the Matcher and the Survivor rule are called from up to Workers
// goroutines at once.
// Records without keys, and phones that are neither valid nor masked,
// are kept as they are and counted in Stats. An empty input gives an
// empty result. Records with an empty ID are an error ([*FieldError]
// naming the index), as are IDs that occur more than once
// ([*DuplicateIDError] naming them). Errors never contain personal data.
// people is not modified. It returns ctx.Err() when ctx is cancelled.
func DedupContext(ctx context.Context, people []Person, opts DedupOptions) (DedupResult, error) {
	e := &engine[Person]{
		info:     &personInfo,
		keyers:   opts.Keys,
		matcher:  opts.Matcher,
		rank:     opts.Survivor,
		rules:    opts.Fields,
		maxBlock: opts.MaxBlock,
		workers:  opts.Workers,
		logger:   opts.Logger,
		strong: func(p *Person) string {
			id, _ := validIDNumber(p.IDNumber)
			return id
		},
		note: func(p *Person, s *DedupStats) {
			if p.Phone != "" {
				if _, ok := parsePhone(p.Phone); !ok {
					s.InvalidPhone++
				}
			}
		},
	}
	if e.keyers == nil {
		e.keyers = DefaultPersonKeys()
	}
	if e.matcher == nil {
		e.matcher = PersonMatcher{}
	}
	if e.rank == nil {
		fs, err := compileWeights(nil, DefaultPersonFieldWeights, personFilled)
		if err != nil {
			return DedupResult{}, err
		}
		e.complete = fs
	}
	r, err := e.run(ctx, people)
	if err != nil {
		return DedupResult{}, err
	}
	return DedupResult{People: r.records, Survivor: r.survivor, Merged: r.merged, Stats: r.stats}, nil
}

// DedupCompanies finds the records in companies that describe the same
// company and merges them, as [Dedup] does for persons. It is
// [DedupCompaniesContext] without cancellation.
func DedupCompanies(companies []Company, opts CompanyDedupOptions) (CompanyDedupResult, error) {
	return DedupCompaniesContext(context.Background(), companies, opts)
}

// DedupCompaniesContext finds the records in companies that describe the
// same company and merges them, as [DedupContext] does for persons. By
// default companies are blocked by credit code and normalised name
// ([DefaultCompanyKeys]) and matched by [CompanyMatcher]; two clusters
// holding different valid credit codes are never joined.
func DedupCompaniesContext(ctx context.Context, companies []Company, opts CompanyDedupOptions) (CompanyDedupResult, error) {
	e := &engine[Company]{
		info:     &companyInfo,
		keyers:   opts.Keys,
		matcher:  opts.Matcher,
		rank:     opts.Survivor,
		rules:    opts.Fields,
		maxBlock: opts.MaxBlock,
		workers:  opts.Workers,
		logger:   opts.Logger,
		strong: func(c *Company) string {
			code, _ := validCreditCode(c.CreditCode, opts.CreditCodes)
			return code
		},
	}
	if e.keyers == nil {
		e.keyers = DefaultCompanyKeys()
	}
	if e.matcher == nil {
		e.matcher = CompanyMatcher{CreditCodes: opts.CreditCodes}
	}
	if e.rank == nil {
		fs, err := compileWeights(nil, DefaultCompanyFieldWeights, companyFilled)
		if err != nil {
			return CompanyDedupResult{}, err
		}
		e.complete = fs
	}
	r, err := e.run(ctx, companies)
	if err != nil {
		return CompanyDedupResult{}, err
	}
	return CompanyDedupResult{Companies: r.records, Survivor: r.survivor, Merged: r.merged, Stats: r.stats}, nil
}

// RepointOrders returns the orders with each CustomerID that survivor
// maps replaced by its surviving ID, so that the orders of merged
// duplicates count for the merged customer. Orders of customers that
// survivor does not list pass unchanged. survivor is typically
// DedupResult.Survivor (or several results' maps combined). The sequence
// is as reusable as orders; it does not modify survivor.
func RepointOrders(orders iter.Seq[Order], survivor map[ID]ID) iter.Seq[Order] {
	return func(yield func(Order) bool) {
		for o := range orders {
			if s, ok := survivor[o.CustomerID]; ok {
				o.CustomerID = s
			}
			if !yield(o) {
				return
			}
		}
	}
}

// engine is the record-type-independent dedup algorithm.
type engine[T any] struct {
	info     *recordInfo[T]
	keyers   []Keyer[T]
	matcher  Matcher[T]
	rank     SurvivorRule[T]
	complete *weightedFields[T] // the default rank: completeness, then recency
	rules    map[string]FieldRule
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

func (e *engine[T]) check() error {
	if e.maxBlock < 0 {
		return fmt.Errorf("%w: MaxBlock must not be negative", ErrInvalidValue)
	}
	if e.maxBlock == 0 {
		e.maxBlock = 100
	}
	if e.workers < 0 {
		return fmt.Errorf("%w: Workers must not be negative", ErrInvalidValue)
	}
	if e.workers == 0 {
		e.workers = runtime.GOMAXPROCS(0)
	}
	if len(e.keyers) == 0 {
		return fmt.Errorf("%w: no keys", ErrInvalidValue)
	}
	e.names = make([]string, len(e.keyers))
	for i, k := range e.keyers {
		if k == nil {
			return fmt.Errorf("%w: keys[%d] is nil", ErrInvalidValue, i)
		}
		e.names[i] = "keys[" + strconv.Itoa(i) + "]"
		if n, ok := k.(interface{ Name() string }); ok {
			e.names[i] = n.Name()
		}
		if v, ok := k.(interface{ Validate() error }); ok {
			if err := v.Validate(); err != nil {
				return fmt.Errorf("%w: keys[%d]: %w", ErrInvalidValue, i, err)
			}
		}
	}
	if v, ok := e.matcher.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return fmt.Errorf("%w: matcher: %w", ErrInvalidValue, err)
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
	// workers it is built alongside the blocking, and checked after it.
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
	checkIDs := func() error {
		if empty >= 0 {
			return &FieldError{Field: "id", Err: invalid(ErrInvalidValue, ErrEmpty, "record "+strconv.Itoa(empty))}
		}
		if len(dups) > 0 {
			slices.Sort(dups)
			return &DuplicateIDError{IDs: slices.Compact(dups)}
		}
		return nil
	}
	idsDone := make(chan struct{})
	if e.workers > 1 {
		go func() {
			defer close(idsDone)
			ids()
		}()
		defer func() { <-idsDone }()
	} else {
		ids()
		close(idsDone)
		if err := checkIDs(); err != nil {
			return result[T]{}, err
		}
	}

	st := &state[T]{in: in, alive: make([]bool, len(in)), dirty: make([]bool, len(in)), idx: make([]*index, len(e.keyers)), round: 1, hash: newKeyHasher()}
	for i := range in {
		st.alive[i], st.dirty[i] = true, true
	}
	if err := e.build(ctx, st, &res.stats); err != nil {
		return result[T]{}, err
	}
	<-idsDone
	if err := checkIDs(); err != nil {
		return result[T]{}, err
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

// build computes every key of every input record in one parallel pass
// and indexes them, one index per keyer. It also counts the records
// without keys and what note counts.
func (e *engine[T]) build(ctx context.Context, st *state[T], stats *DedupStats) error {
	const chunk = 1 << 14
	n := len(st.in)
	nc := (n + chunk - 1) / chunk
	// Each keyer's entries go into one array: the first key of record v
	// into the chunk's stretch of it (at most one per record), further
	// keys into the chunk's overflow. The stretches are then closed up.
	es := make([][]entry, len(e.keyers))
	for k := range es {
		es[k] = make([]entry, n)
	}
	filled := make([][]int, nc)       // chunk -> keyer -> entries in its stretch
	overflow := make([][][]entry, nc) // chunk -> keyer -> further keys
	notes := make([]DedupStats, nc)
	noKey := make([]int, nc)
	err := e.parallel(ctx, nc, func(c int) error {
		lo, hi := c*chunk, min((c+1)*chunk, n)
		filled[c] = make([]int, len(e.keyers))
		overflow[c] = make([][]entry, len(e.keyers))
		var keys []Key
		for v := lo; v < hi; v++ {
			r := &st.in[v]
			if e.note != nil {
				e.note(r, &notes[c])
			}
			keyed := false
			for k := range e.keyers {
				keys = e.keys(k, keys[:0], r)
				for j, key := range keys {
					en := newEntry(st.hash.sum(key), int32(v))
					if j == 0 {
						es[k][lo+filled[c][k]] = en
						filled[c][k]++
					} else {
						overflow[c][k] = append(overflow[c][k], en)
					}
				}
				keyed = keyed || len(keys) > 0
			}
			if !keyed {
				noKey[c]++
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	for c := range nc {
		stats.NoKey += noKey[c]
		stats.InvalidPhone += notes[c].InvalidPhone
	}
	return e.parallel(ctx, len(e.keyers), func(k int) error {
		w := 0
		for c := range nc {
			w += copy(es[k][w:], es[k][c*chunk:c*chunk+filled[c][k]])
		}
		all := es[k][:w]
		for c := range nc {
			all = append(all, overflow[c][k]...)
			overflow[c][k] = nil
		}
		es[k] = nil
		st.idx[k] = newIndex(all, st.round)
		return nil
	})
}

// keys returns the distinct keys of r under keyer k.
func (e *engine[T]) keys(k int, dst []Key, r *T) []Key {
	dst = e.keyers[k].Keys(dst, r)
	out := dst[:0]
	for j, key := range dst {
		if !slices.Contains(dst[:j], key) {
			out = append(out, key)
		}
	}
	return out
}

// advance replaces each group of nodes by their merged node, updates the
// indexes and starts the next round.
func (e *engine[T]) advance(ctx context.Context, st *state[T], groups [][]int32) error {
	merged := make([]node[T], len(groups))
	err := e.parallel(ctx, len(groups), func(i int) error {
		var members []int32
		for _, v := range groups[i] {
			if int(v) < len(st.in) {
				members = append(members, v)
			} else {
				members = append(members, st.merged[int(v)-len(st.in)].members...)
			}
		}
		merged[i] = e.merge(members, st.in)
		return nil
	})
	if err != nil {
		return err
	}
	first := int32(len(st.alive))
	st.round++
	clear(st.dirty)
	for _, g := range groups {
		for _, v := range g {
			st.alive[v] = false
		}
	}
	if st.merged == nil {
		st.merged = merged
	} else {
		st.merged = append(st.merged, merged...)
	}
	for range merged {
		st.alive = append(st.alive, true)
		st.dirty = append(st.dirty, true)
	}
	return e.parallel(ctx, len(e.keyers), func(k int) error {
		ix := st.idx[k]
		// Blocks that were capped are looked at again: they may have shrunk.
		for _, b := range ix.touch {
			blk := &ix.blocks[b]
			blk.wasCap = blk.capped
			if blk.capped {
				blk.round = st.round
			}
		}
		ix.touch = slices.DeleteFunc(ix.touch, func(b int32) bool { return !ix.blocks[b].capped })
		var keys []Key
		for v := first; v < int32(len(st.alive)); v++ {
			keys = e.keys(k, keys[:0], st.rec(v))
			for _, key := range keys {
				ix.add(st.hash.sum(key), v, st.round, st.alive)
			}
		}
		return nil
	})
}

// capped lists the blocks that are too large, by key name and smallest
// ID.
func (e *engine[T]) capped(st *state[T]) []CappedBlock {
	var report []CappedBlock
	for k, ix := range st.idx {
		for b := range ix.blocks {
			blk := &ix.blocks[b]
			if !blk.capped {
				continue
			}
			var first ID
			for _, v := range blk.members {
				if id := e.info.id(st.rec(v)); st.alive[v] && (first == "" || id < first) {
					first = id
				}
			}
			report = append(report, CappedBlock{Key: e.names[k], Size: int(blk.alive), First: first})
		}
	}
	slices.SortFunc(report, func(a, b CappedBlock) int {
		return cmp.Or(strings.Compare(a.Key, b.Key), cmp.Compare(a.First, b.First), cmp.Compare(a.Size, b.Size))
	})
	return report
}

// compare runs the matcher on the pairs of the blocks touched this round
// that are not too large: pairs with a node merged in the previous round
// (every pair in round 1), and every pair of a block that was too large
// before. It returns the accepted pairs sorted by node numbers, without
// repeats, and the number of matcher calls.
func (e *engine[T]) compare(ctx context.Context, st *state[T]) ([]match, int, error) {
	type work struct{ keyer, block int32 }
	var todo []work
	var cost []int64 // cumulative pairs
	total := int64(0)
	for k, ix := range st.idx {
		for _, b := range ix.touch {
			blk := &ix.blocks[b]
			if st.round > 1 {
				blk.members = slices.DeleteFunc(blk.members, func(v int32) bool { return !st.alive[v] })
				blk.alive = int32(len(blk.members))
			}
			n := int64(blk.alive)
			blk.capped = n > int64(e.maxBlock)
			if n < 2 || blk.capped {
				continue
			}
			todo = append(todo, work{int32(k), b})
			total += n * (n - 1) / 2
			cost = append(cost, total)
		}
	}
	if len(todo) == 0 {
		return nil, 0, nil
	}
	// Fixed chunks of about equal numbers of pairs.
	const chunks = 64
	bounds := make([]int, 0, chunks+1)
	bounds = append(bounds, 0)
	for c := 1; c < chunks; c++ {
		i, _ := slices.BinarySearch(cost, total*int64(c)/chunks)
		bounds = append(bounds, max(i, bounds[len(bounds)-1]))
	}
	bounds = append(bounds, len(todo))
	found := make([][]match, chunks)
	counts := make([]int, chunks)
	err := e.parallel(ctx, chunks, func(c int) error {
		var out []match
		n := 0
		for wi, w := range todo[bounds[c]:bounds[c+1]] {
			if wi%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			blk := &st.idx[w.keyer].blocks[w.block]
			ms := blk.members
			for x := range ms {
				for y := x + 1; y < len(ms); y++ {
					p, q := ms[x], ms[y]
					if !blk.wasCap && !st.dirty[p] && !st.dirty[q] {
						continue
					}
					a, b := st.rec(p), st.rec(q)
					if e.info.id(a) > e.info.id(b) {
						a, b = b, a
					}
					n++
					if score, same := e.matcher.Match(a, b); same {
						out = append(out, match{min(p, q), max(p, q), score})
					}
				}
			}
		}
		found[c], counts[c] = out, n
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	matches := slices.Concat(found...)
	slices.SortFunc(matches, func(x, y match) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
	matches = slices.CompactFunc(matches, func(x, y match) bool { return x.a == y.a && x.b == y.b })
	n := 0
	for _, c := range counts {
		n += c
	}
	return matches, n, nil
}

// cluster joins the matched nodes in descending score order (then by
// ID), refusing to join two sets that hold different strong identifiers.
// It returns the node groups to merge, each in ascending node order, and
// the number of refusals.
func (e *engine[T]) cluster(st *state[T], matches []match) ([][]int32, int) {
	if len(matches) == 0 {
		return nil, 0
	}
	// Union order: score, then IDs, which do not depend on input order.
	type ordered struct {
		m      match
		lo, hi ID
	}
	os := make([]ordered, len(matches))
	for i, m := range matches {
		a, b := e.info.id(st.rec(m.a)), e.info.id(st.rec(m.b))
		os[i] = ordered{m, min(a, b), max(a, b)}
	}
	slices.SortFunc(os, func(x, y ordered) int {
		return cmp.Or(cmp.Compare(y.m.score, x.m.score), strings.Compare(string(x.lo), string(y.lo)), strings.Compare(string(x.hi), string(y.hi)))
	})
	for i := range os {
		matches[i] = os[i].m
	}
	// Union-find over the matched nodes only.
	local := make(map[int32]int32)
	var nodesOf []int32
	for _, m := range matches {
		for _, v := range [2]int32{m.a, m.b} {
			if _, ok := local[v]; !ok {
				local[v] = int32(len(nodesOf))
				nodesOf = append(nodesOf, v)
			}
		}
	}
	uf := newUnionFind(len(nodesOf))
	strong := make([]string, len(nodesOf))
	for i, v := range nodesOf {
		strong[i] = e.strong(st.rec(v))
	}
	conflicts := 0
	for _, m := range matches {
		ra, rb := uf.find(local[m.a]), uf.find(local[m.b])
		if ra == rb {
			continue
		}
		sa, sb := strong[ra], strong[rb]
		if sa != "" && sb != "" && sa != sb {
			conflicts++
			continue
		}
		strong[uf.union(ra, rb)] = cmp.Or(sa, sb)
	}
	byRoot := make(map[int32]int)
	var groups [][]int32
	for i, v := range nodesOf {
		r := uf.find(int32(i))
		if uf.size[r] < 2 {
			continue
		}
		g, ok := byRoot[r]
		if !ok {
			g = len(groups)
			byRoot[r] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], v)
	}
	for _, g := range groups {
		slices.Sort(g)
	}
	slices.SortFunc(groups, func(a, b []int32) int { return cmp.Compare(a[0], b[0]) })
	return groups, conflicts
}

// merge ranks the input records members and merges them.
func (e *engine[T]) merge(members []int32, in []T) node[T] {
	id := func(v int32) ID { return e.info.id(&in[v]) }
	if e.complete != nil {
		// The default rule: completeness, then the latest update, then ID.
		type ranked struct {
			v     int32
			score float64
			at    time.Time
		}
		rs := make([]ranked, len(members))
		for i, v := range members {
			r := &in[v]
			rs[i] = ranked{v, e.complete.score(r), recency(e.info.updated(r), e.info.created(r))}
		}
		slices.SortFunc(rs, func(a, b ranked) int {
			return cmp.Or(cmp.Compare(b.score, a.score), laterFirst(a.at, b.at), cmp.Compare(id(a.v), id(b.v)))
		})
		for i := range rs {
			members[i] = rs[i].v
		}
	} else {
		slices.SortFunc(members, func(a, b int32) int {
			return cmp.Or(e.rank.Compare(&in[a], &in[b]), cmp.Compare(id(a), id(b)))
		})
	}
	ms := make([]*T, len(members))
	for i, m := range members {
		ms[i] = &in[m]
	}
	rec, prov := mergeRecords(e.info, ms, e.rules, true)
	return node[T]{rec: rec, members: members, prov: prov}
}

// parallel runs fn(0..n-1) on up to e.workers goroutines and returns the
// first error by index.
func (e *engine[T]) parallel(ctx context.Context, n int, fn func(i int) error) error {
	errs := make([]error, n)
	w := min(e.workers, n)
	if w <= 1 {
		for i := range n {
			if errs[i] = fn(i); errs[i] != nil {
				break
			}
		}
	} else {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range w {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1) - 1)
					if i >= n || ctx.Err() != nil {
						return
					}
					errs[i] = fn(i)
				}
			}()
		}
		wg.Wait()
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

package ingest

import (
	"math/bits"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/clientele-go/clientele/internal/parallel"
)

// partBits is the number of hash bits that pick a partition.
const partBits = 8

// Parts is the number of partitions.
const Parts = 1 << partBits

// partOf returns the partition of the customer whose hash is h: the top
// bits, while the tables inside a partition use the low ones.
func partOf(h uint64) int { return int(h >> (64 - partBits)) }

// DefaultWave is the number of records an Engine buffers before applying
// them, unless Config.Wave says otherwise.
const DefaultWave = 1 << 20

// Rec is an order prepared for the engine: its customer's key, its order
// ID's key (the zero Key when it has none or duplicates are not
// detected), its position in the input, and the caller's payload P.
type Rec[P any] struct {
	Key  Key
	OKey Key
	Pos  int64
	P    P
}

// Config configures an Engine.
type Config struct {
	// Workers is the number of goroutines, the caller's included, at
	// least 1. With 1 the engine runs on the calling goroutine only; with
	// more, Workers-1 goroutines apply a wave while the caller fills the
	// next, and the caller joins them when it is done first.
	Workers int
	// Dedup turns on duplicate detection: a record whose order ID its
	// customer already had is skipped, counted, and not passed on (see
	// orderSet). The first record of an order counts.
	Dedup bool
	// Wave is the number of records buffered before they are applied,
	// while the caller fills the next wave; 0 means DefaultWave. Above
	// 65,536 (minFirstWave) the first wave is smaller, down to Wave/8,
	// and each is twice the one before up to Wave (see firstWave).
	Wave int
}

// Engine turns prepared records into per-customer state S, partitioned
// by the customer hash. The caller reads the orders on its goroutine and
// pushes one record per used order; the engine buffers them by bucket
// and, once a wave is full, sorts each bucket by partition and applies it
// on Config.Workers-1 goroutines, one bucket at a time per goroutine,
// while the caller fills the next wave (and, when it is done first, takes
// buckets too). The caller counts as a worker: with as many appliers as
// workers besides it, three goroutines shared two cores and the reader,
// the slower side, ran two thirds of the time (the 10M-order log took
// 0.93 s trusting IDs, against 0.82 s now).
//
// Waves cost a write and a read of every record, and pay for them by
// keeping a partition's tables in cache while its records are applied.
// Applying each record as it comes instead, in batches of 64 whose
// lookups overlap, with each partition owned by one goroutine and the
// caller handing the others' records over in chunks of 4096, spared
// those copies but missed cache on every lookup: on the 10M-order log
// rfm.Compute took 2.5 s against 1.2 s with waves (trusting IDs, 1.7 s
// against 0.94 s), on the same machine the same hour.
//
// A customer lives in one partition and sees its records in push order,
// except the suspects of duplicate detection, which it sees at Flush;
// the callers' states do not depend on the order of a customer's
// records, so every partition's result is that of a single pass, and
// [Engine.Emit] numbers the customers in the order of their first
// record, so results never depend on the number of workers or on the
// hash seed.
//
// Push, Flush, Close and Emit must be called from one goroutine. Close
// must be called when done, also when the caller stops early or panics
// (in a defer): no goroutine outlives it.
type Engine[S, P, X any] struct {
	hasher  Hasher
	cfg     Config
	parts   []Part[S, X]
	apply   func(p *Part[S, X], recs []Rec[P], slots []int32, side []string)
	cur     *buffer[P]
	spare   *buffer[P]
	n       int // records in cur
	limit   int // records in the wave being filled (see firstWave)
	npos    int64
	pending sync.WaitGroup
	busy    bool
	wave    *buffer[P] // the wave being applied, when busy
	scratch [][]int32  // per goroutine, the slots of a batch
	batches [][]Rec[P] // per goroutine, a batch of suspects being decided
	sorted  [][]Rec[P] // per goroutine, a bucket's records by partition
	keep    func(p *P, side []string, to *[]string)

	// With Config.Dedup: the suspects of each partition, records whose
	// pair the partition's filter may have seen, waiting for Flush; the
	// strings their payloads refer to; and a scratch index per
	// goroutine for deciding them.
	held []smallList[heldRec[P]]
	kept [][]string
	idx  []pairIndex
	res  []resolving
}

// resolving is a goroutine's scratch space for deciding suspects.
type resolving struct {
	hashes hashSet  // the suspects' pair hashes
	marks  []uint64 // the customers with suspects, one bit per slot
	hits   []hit    // the log's pairs with a suspect's hash
}

// hit is a pair of the log, at index i, with hash ph.
type hit struct {
	ph uint64
	i  int
}

// heldRec is a suspect: its order ID's key (a long one on its
// partition's order list), its customer's slot, and the caller's payload
// (whose strings are on its partition's kept list).
type heldRec[P any] struct {
	okey Key
	slot int32
	ph   uint64 // the pair's hash
	p    P
}

func (e *Engine[S, P, X]) newBuffer() *buffer[P] { return new(buffer[P]) }

// firstWave is how many times smaller than Config.Wave the first wave
// is: each wave is twice the one before, up to Config.Wave. The other
// cores wait while the caller fills the first wave, so a large wave pays
// only after small ones. On the realistic 10M-order log Summarize took
// 1.58-1.83 s with waves of 1M and 1.44-1.70 s after a first of 128k
// (best of three runs, two alternations); rfm.Compute, with waves of 1M
// and records half the size, did not change.
const firstWave = 8

// minFirstWave is the smallest first wave: a Config.Wave up to it is
// the size of every wave.
const minFirstWave = 1 << 16

// bucketBits is the number of top partition bits that pick a bucket.
const bucketBits = 4

// buckets is the number of buckets of a wave, and bucketParts the number
// of partitions in each.
const (
	buckets     = 1 << bucketBits
	bucketParts = Parts / buckets
)

// buffer holds a wave of records in buckets, each bucket the records of
// 16 partitions in push order with the partition of each, and the
// strings given to Side. The reader appends each record to its bucket:
// 16 write streams, which the caches follow, where one per partition
// (256) made the reader wait on memory, 1.9 s against 1.2 s on the
// 10M-order log. A worker then takes a bucket and scatters it into one
// run per partition (see work).
type buffer[P any] struct {
	recs  [buckets]Blocks[Rec[P]] // kept from wave to wave, so filling allocates nothing after the first
	parts [buckets][]uint8        // partition of each record, within its bucket
	side  []string
	next  atomic.Int64 // the next bucket to apply
}

// batchLen is the number of records applied at a time.
const batchLen = 256

// New returns an Engine. apply(p, recs, slots, side) updates the states
// of partition p for its records recs; slots[i] is the slot of recs[i]'s
// customer, or -1 when the record is not to be applied (a duplicate, or
// a suspect held until Flush), and side holds the strings given to Side
// that the records refer to. apply runs on one goroutine per partition
// at a time. With duplicate detection a customer's records may reach
// apply out of push order (the suspects come at Flush), so the state
// must not depend on the order of its records; only Rec.P is set then.
//
// keep(p, side, to) moves the strings on side that payload p refers to
// (see Side) to the end of *to and points p at them there; the engine
// calls it for the suspects it holds past their wave. It may be nil when
// payloads refer to no strings.
func New[S, P, X any](h Hasher, cfg Config, apply func(p *Part[S, X], recs []Rec[P], slots []int32, side []string), keep func(p *P, side []string, to *[]string)) *Engine[S, P, X] {
	cfg.Workers = max(cfg.Workers, 1)
	if cfg.Wave <= 0 {
		cfg.Wave = DefaultWave
	}
	e := &Engine[S, P, X]{hasher: h, cfg: cfg, parts: make([]Part[S, X], Parts), apply: apply}
	for i := range e.parts {
		e.parts[i].index = i
	}
	e.cur = e.newBuffer()
	e.limit = max(cfg.Wave/firstWave, min(cfg.Wave, minFirstWave))
	e.scratch = make([][]int32, cfg.Workers+1) // one more for the caller
	e.batches = make([][]Rec[P], cfg.Workers+1)
	e.sorted = make([][]Rec[P], cfg.Workers+1)
	e.keep = keep
	if cfg.Dedup {
		e.held = make([]smallList[heldRec[P]], Parts)
		e.kept = make([][]string, Parts)
		e.idx = make([]pairIndex, cfg.Workers+1)
		e.res = make([]resolving, cfg.Workers+1)
	}
	return e
}

// Hasher returns the engine's Hasher.
func (e *Engine[S, P, X]) Hasher() *Hasher { return &e.hasher }

// Part returns partition i.
func (e *Engine[S, P, X]) Part(i int) *Part[S, X] { return &e.parts[i] }

// Push adds the record r of the customer with ID id, whose hash h and key
// r.Key come from the Hasher; oid is the order ID behind r.OKey. It
// applies the buffered records when the wave is full.
func (e *Engine[S, P, X]) Push(h uint64, r *Rec[P], id, oid string) {
	b := e.cur
	if r.Key.long() {
		r.Key = r.Key.withIndex(e.side(id))
	}
	if r.OKey.long() {
		r.OKey = r.OKey.withIndex(e.side(oid))
	}
	pi := partOf(h)
	*b.recs[pi/bucketParts].Next() = *r
	b.parts[pi/bucketParts] = append(b.parts[pi/bucketParts], uint8(pi%bucketParts))
	e.npos = max(e.npos, r.Pos+1)
	if e.n++; e.n >= e.limit {
		e.flush(e.cfg.Workers > 1)
	}
}

// Side stores s with the records of the customer whose hash is h, for
// the record pushed next, and returns its index in the side list that
// apply receives: the way to pass a rare, long value without a pointer
// in every record.
func (e *Engine[S, P, X]) Side(h uint64, s string) int { return e.side(s) }

// SideKey returns the key of s, a string that goes with the record of
// the customer whose hash is h, pushed next: in the key when it fits
// (see Key), else on the side list.
func (e *Engine[S, P, X]) SideKey(h uint64, s string) Key {
	if k, ok := keyOf(s); ok {
		return k
	}
	_, k := e.hasher.Hash(s)
	return k.withIndex(e.Side(h, s))
}

func (e *Engine[S, P, X]) side(s string) int {
	e.cur.side = append(e.cur.side, s)
	return len(e.cur.side) - 1
}

// OrderKey returns the key of the order ID oid for Rec.OKey: the zero
// Key when duplicates are not detected.
func (e *Engine[S, P, X]) OrderKey(oid string) Key {
	if !e.cfg.Dedup || oid == "" {
		return Key{}
	}
	if k, ok := keyOf(oid); ok {
		return k
	}
	_, k := e.hasher.Hash(oid)
	return k
}

// IntOrderKey returns the key of the order ID whose text is the decimal
// text of v (see IntKey) for Rec.OKey, and that text when it is a long
// ID, to pass to Push; the zero Key when duplicates are not detected.
func (e *Engine[S, P, X]) IntOrderKey(v int64) (Key, string) {
	if !e.cfg.Dedup {
		return Key{}, ""
	}
	if k, ok := IntKey(v); ok {
		return k, "" // no hash: like OrderKey, a short key needs none
	}
	oid := strconv.FormatInt(v, 10)
	return e.OrderKey(oid), oid
}

// Flush applies every buffered record, decides the suspects, and waits
// until they are applied.
func (e *Engine[S, P, X]) Flush() {
	e.flush(false)
	e.wait()
	for i := range e.held {
		if e.held[i].Len() > 0 {
			parallel.For(e.cfg.Workers, Parts, e.resolve)
			break
		}
	}
}

// Close waits for the records being applied and drops the rest.
func (e *Engine[S, P, X]) Close() {
	e.wait()
}

// wait finishes the wave being applied: the calling goroutine takes
// partitions too until none is left, then waits for the workers.
func (e *Engine[S, P, X]) wait() {
	if e.busy {
		e.work(e.wave, e.cfg.Workers)
		e.pending.Wait()
		e.busy = false
		e.reset(e.wave)
	}
}

// flush starts applying the current wave, on the worker goroutines when
// async, and gives the caller an empty buffer.
func (e *Engine[S, P, X]) flush(async bool) {
	e.wait()
	if e.n == 0 {
		return
	}
	full := e.cur
	if e.spare == nil {
		e.spare = e.newBuffer()
	}
	e.cur, e.spare = e.spare, full
	e.n = 0
	e.limit = min(2*e.limit, e.cfg.Wave)
	full.next.Store(0)
	e.wave = full
	if e.cfg.Workers == 1 {
		e.work(full, 0)
		e.reset(full)
		return
	}
	// Each of Workers-1 goroutines, and the caller once it waits, takes
	// the next bucket until none is left. (A pool that the caller can
	// join late, so not package parallel's.)
	e.busy = true
	e.pending.Add(e.cfg.Workers - 1)
	for w := range e.cfg.Workers - 1 {
		go func() {
			defer e.pending.Done()
			e.work(full, w)
		}()
	}
	if !async {
		e.wait()
	}
}

// work applies buckets of wave b, taking the next one until none is
// left; w names the goroutine's scratch space. A bucket's record indexes
// are sorted by partition, a counting sort, stable, so each partition's
// records stay in push order.
func (e *Engine[S, P, X]) work(b *buffer[P], w int) {
	for {
		j := int(b.next.Add(1) - 1)
		if j >= buckets {
			return
		}
		parts, recs := b.parts[j], &b.recs[j]
		var start [bucketParts + 1]int
		for _, p := range parts {
			start[p+1]++
		}
		for p := range bucketParts {
			start[p+1] += start[p]
		}
		// Scatter the bucket's records, read in order, to one run per
		// partition in the goroutine's sorted buffer (16 write streams,
		// to memory that stays in cache from bucket to bucket), then
		// apply each run in place.
		sorted := e.sorted[w]
		if cap(sorted) < len(parts) {
			// With room for the buckets to come, which differ in size
			// by a few percent.
			sorted = make([]Rec[P], len(parts), len(parts)+len(parts)/8)
			e.sorted[w] = sorted
		}
		sorted = sorted[:len(parts)]
		next := start
		for k := 0; k*BlockLen < len(parts); k++ {
			blk := recs.list[k][:min(BlockLen, len(parts)-k*BlockLen)]
			for i := range blk {
				p := parts[k*BlockLen+i]
				sorted[next[p]] = blk[i]
				next[p]++
			}
		}
		for p := range bucketParts {
			run := sorted[start[p]:start[p+1]]
			for len(run) > 0 {
				n := min(len(run), batchLen)
				e.scratch[w] = e.applyPart(j*bucketParts+p, run[:n], b.side, e.scratch[w])
				run = run[n:]
			}
		}
	}
}

// reset empties an applied buffer for the next wave.
func (e *Engine[S, P, X]) reset(b *buffer[P]) {
	clear(b.side)
	for j := range buckets {
		b.recs[j].Reset()
		b.parts[j] = b.parts[j][:0]
	}
	b.side = b.side[:0]
}

// applyPart resolves the slots of recs in partition pi, passes the
// records whose pairs are new on, holds the suspects, and hands the
// records to the caller's apply. The customer lookups go in passes, each
// a loop of independent loads, so that their cache misses overlap.
func (e *Engine[S, P, X]) applyPart(pi int, recs []Rec[P], long []string, slots []int32) []int32 {
	p := &e.parts[pi]
	slots = slots[:0]
	var hs [batchLen]uint64
	var t uint64
	for i := range recs {
		hs[i] = e.hasher.KeyHash(recs[i].Key)
		t ^= p.touch(hs[i])
	}
	var cand [batchLen]int32
	for i := range recs {
		j := p.candidate(hs[i])
		if j >= 0 {
			t ^= p.ents.At(j).k.lo
		}
		cand[i] = int32(j)
	}
	p.sink ^= t
	for i := range recs {
		// The candidate is the customer when its key is the record's
		// (slots never move); else, or when the customer came in this
		// batch, the whole probe.
		r := &recs[i]
		if j := cand[i]; j >= 0 && Same(r.Key, long, p.ents.At(int(j)).k, p.long) {
			slots = append(slots, j)
			continue
		}
		slots = append(slots, int32(p.get(r.Key, hs[i], long, r.Pos)))
	}
	if e.held != nil {
		e.detect(pi, recs, slots, long, &hs)
	}
	e.apply(p, recs, slots, long)
	return slots
}

// detect checks the pairs of recs, whose customers' slots are in slots,
// against partition pi's filter: a new pair goes to the log, a suspect
// is held and its slot set to -1. The filter words are loaded in a pass
// of their own, so that their cache misses overlap; phs is scratch.
func (e *Engine[S, P, X]) detect(pi int, recs []Rec[P], slots []int32, long []string, phs *[batchLen]uint64) {
	o := &e.parts[pi].orders
	if !o.fits(len(recs)) {
		e.regrow(pi, len(recs))
	}
	var t uint64
	var prs [batchLen]pair
	for i := range recs {
		if k := recs[i].OKey; k != (Key{}) {
			prs[i] = e.hasher.probe(int(slots[i]), k)
			phs[i] = e.hasher.pairHash(prs[i])
			t ^= *o.word(phs[i])
		}
	}
	e.parts[pi].sink ^= t
	for i := range recs {
		r := &recs[i]
		if r.OKey == (Key{}) {
			continue
		}
		k := Keep(r.OKey, long, &o.long)
		if !o.mark(phs[i]) {
			o.add(prs[i], k)
			continue
		}
		held := &e.held[pi]
		held.Append(heldRec[P]{okey: k, slot: slots[i], ph: phs[i], p: r.P})
		if e.keep != nil {
			// On the list's own copy: a local's address given to a
			// function value would move the local to the heap.
			e.keep(&held.At(held.Len()-1).p, long, &e.kept[pi])
		}
		slots[i] = -1
	}
}

// regrow makes the filter of partition pi four times as large, or makes
// its first, with room for n more pairs, and fills it again from the log
// and the suspects. Growing fourfold rehashes each pair about a third
// of a time more, where doubling rehashed it once more, and leaves 8 to
// 32 bits a pair.
func (e *Engine[S, P, X]) regrow(pi, n int) {
	o := &e.parts[pi].orders
	held := &e.held[pi]
	words := max(bloomMin, 4*len(o.bloom))
	for (o.nb+n)*8 > words*64 {
		words *= 4
	}
	o.bloom = make([]uint64, words)
	o.nb = 0
	for k := 0; k*BlockLen < o.pairs.Len(); k++ {
		for _, p := range o.pairs.list[k][:min(BlockLen, o.pairs.Len()-k*BlockLen)] {
			o.mark(e.hasher.pairHash(p))
		}
	}
	for i := range held.Len() {
		o.mark(held.At(i).ph)
	}
}

// resolve decides the suspects of partition pi, in push order, with an
// exact index of the partition's pairs built in cache on goroutine w
// (or the partition's kept one), and applies the new ones.
func (e *Engine[S, P, X]) resolve(w, pi int) {
	held := &e.held[pi]
	if held.Len() == 0 {
		return
	}
	p := &e.parts[pi]
	o := &p.orders
	x := o.index
	if x != nil {
		x = o.lookup(&e.hasher)
	} else {
		// Only a pair with a suspect's hash can match one: put the
		// suspects' hashes in a small set, mark their customers, and
		// index the pairs of marked customers whose hash is in the set.
		x = &e.idx[w]
		r := &e.res[w]
		r.hashes.reset(held.Len())
		r.marks = append(r.marks[:0], make([]uint64, (p.Len()+63)/64)...)
		for i := range held.Len() {
			h := held.At(i)
			r.hashes.add(h.ph)
			r.marks[h.slot/64] |= 1 << (h.slot % 64)
		}
		r.hits = r.hits[:0]
		for k := 0; k*BlockLen < o.pairs.Len(); k++ {
			blk := o.pairs.list[k][:min(BlockLen, o.pairs.Len()-k*BlockLen)]
			for j, q := range blk {
				if s := q.slot(); r.marks[s/64]&(1<<(s%64)) == 0 {
					continue
				}
				if ph := e.hasher.pairHash(q); r.hashes.has(ph) {
					r.hits = append(r.hits, hit{ph, k*BlockLen + j})
				}
			}
		}
		x.reset(len(r.hits) + held.Len())
		for _, h := range r.hits {
			x.put(h.ph, h.i)
		}
	}
	recs, slots := e.batches[w][:0], e.scratch[w][:0]
	for i := range held.Len() {
		h := held.At(i)
		slot := int(h.slot)
		pr := e.hasher.probe(slot, h.okey)
		if x.find(o, h.ph, pr, h.okey, o.long) >= 0 {
			slot = -1
			p.dups++
		} else {
			x.put(h.ph, o.add(pr, h.okey))
			if x == o.index {
				o.indexed = o.Len()
			}
		}
		recs = append(recs, Rec[P]{OKey: h.okey, P: h.p})
		slots = append(slots, int32(slot))
		if len(recs) == batchLen || i == held.Len()-1 {
			e.apply(p, recs, slots, e.kept[pi])
			recs, slots = recs[:0], slots[:0]
		}
	}
	e.batches[w], e.scratch[w] = recs, slots
	held.Reset()
	clear(e.kept[pi])
	e.kept[pi] = e.kept[pi][:0]
}

// Dups returns the number of records skipped as duplicates.
func (e *Engine[S, P, X]) Dups() int {
	n := 0
	for i := range e.parts {
		n += e.parts[i].dups
	}
	return n
}

// AddDups adds n to the count of duplicates, for a merge.
func (e *Engine[S, P, X]) AddDups(n int) { e.parts[0].dups += n }

// Customers returns the number of customers.
func (e *Engine[S, P, X]) Customers() int {
	n := 0
	for i := range e.parts {
		n += e.parts[i].ents.Len()
	}
	return n
}

// Emit numbers the customers whose state keep selects (given the
// partition too, for state kept there) in the order of their first
// record and calls fill(p, slot, i) for each, i being its number, on up
// to Workers goroutines (one per partition at a time). It returns how
// many there are. Call it after Flush.
func (e *Engine[S, P, X]) Emit(keep func(p *Part[S, X], s *S) bool, fill func(p *Part[S, X], slot, i int)) int {
	return e.emit(keep, nil, nil, fill)
}

// Ref locates a customer: its partition and its slot there, in 8 bytes.
type Ref struct{ Part, Slot int32 }

// Refs returns the customers whose state keep selects, numbered as Emit
// numbers them: refs[i] is customer i. prepare, unless nil, is called
// for every partition before its customers are taken, on the goroutine
// that takes them: the place to build what filling the output reads,
// such as the IDTable. Filling an output from refs, a chunk of it per
// goroutine, writes it in order, where Emit writes at random; that pays
// unless a customer's state is a chain through its partition, which
// Emit's order keeps in cache. Call it after Flush.
func (e *Engine[S, P, X]) Refs(keep func(p *Part[S, X], s *S) bool, prepare func(p *Part[S, X])) []Ref {
	var refs []Ref
	e.emit(keep, func(n int) { refs = make([]Ref, n) }, prepare, func(p *Part[S, X], slot, i int) {
		refs[i] = Ref{int32(p.index), int32(slot)}
	})
	return refs
}

// emit is Emit, calling sized with the number of customers before any
// fill, and prepare, unless nil, for each partition before its fills.
func (e *Engine[S, P, X]) emit(keep func(p *Part[S, X], s *S) bool, sized func(n int), prepare func(p *Part[S, X]), fill func(p *Part[S, X], slot, i int)) int {
	// Mark the first positions of the kept customers in a bitmap; a
	// customer's number is the count of marks before its own.
	marks := make([]uint64, (e.npos+63)/64)
	for pi := range e.parts {
		p := &e.parts[pi]
		for j := range p.ents.Len() {
			if keep(p, &p.ents.At(j).s) {
				pos := *p.first.At(j)
				marks[pos>>6] |= 1 << (pos & 63)
			}
		}
	}
	ranks := make([]int, len(marks))
	n := 0
	for i, m := range marks {
		ranks[i] = n
		n += bits.OnesCount64(m)
	}
	if sized != nil {
		sized(n)
	}
	parallel.For(e.cfg.Workers, Parts, func(_, pi int) {
		p := &e.parts[pi]
		if prepare != nil {
			prepare(p)
		}
		for j := range p.ents.Len() {
			if keep(p, &p.ents.At(j).s) {
				pos := *p.first.At(j)
				fill(p, j, ranks[pos>>6]+bits.OnesCount64(marks[pos>>6]&(1<<(pos&63)-1)))
			}
		}
	})
	return n
}

// Positions returns one more than the largest position pushed.
func (e *Engine[S, P, X]) Positions() int64 { return e.npos }

// Find returns the partition and slot of the customer with ID id.
func (e *Engine[S, P, X]) Find(id string) (pi, slot int, ok bool) {
	h, k := e.hasher.Hash(id)
	pi = partOf(h)
	slot = e.parts[pi].find(k, h, []string{id})
	return pi, slot, slot >= 0
}

// Get returns the partition and slot of the customer with ID id, adding
// it, with first position pos, when it is new. Call it after Flush.
func (e *Engine[S, P, X]) Get(id string, pos int64) (pi, slot int, isNew bool) {
	h, k := e.hasher.Hash(id)
	pi = partOf(h)
	p := &e.parts[pi]
	n := p.ents.Len()
	slot = p.get(k, h, []string{id}, pos)
	e.npos = max(e.npos, pos+1)
	return pi, slot, p.ents.Len() > n
}

// HasOrder reports whether slot of partition pi has had the order ID
// oid. Call it after Flush.
func (e *Engine[S, P, X]) HasOrder(pi, slot int, oid string) bool {
	_, k := e.hasher.Hash(oid)
	return e.parts[pi].orders.has(&e.hasher, slot, k, []string{oid})
}

// AddOrder adds the order ID oid to slot of partition pi and reports
// whether it was new. Call it after Flush.
func (e *Engine[S, P, X]) AddOrder(pi, slot int, oid string) bool {
	_, k := e.hasher.Hash(oid)
	o := &e.parts[pi].orders
	if o.has(&e.hasher, slot, k, []string{oid}) {
		return false
	}
	if !o.fits(1) {
		e.regrow(pi, 1)
	}
	pr := e.hasher.probe(slot, k)
	o.mark(e.hasher.pairHash(pr))
	o.add(pr, Keep(k, []string{oid}, &o.long))
	return true
}

// EachOrder calls f for every (customer, order ID) pair seen.
func (e *Engine[S, P, X]) EachOrder(f func(pi, slot int, oid string)) {
	for pi := range e.parts {
		e.parts[pi].orders.each(func(slot int, id string) { f(pi, slot, id) })
	}
}

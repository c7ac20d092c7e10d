package ingest

import (
	"math/bits"
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
	// Workers is the number of goroutines, at least 1. With 1 the engine
	// runs on the calling goroutine only.
	Workers int
	// Dedup turns on duplicate detection: a record whose order ID its
	// customer already had is skipped, counted, and not passed on.
	Dedup bool
	// Wave is the number of records buffered before they are applied,
	// while the caller fills the next wave; 0 means DefaultWave.
	Wave int
}

// Engine turns prepared records into per-customer state S, partitioned
// by the customer hash. The caller reads the orders on its goroutine and
// pushes one record per used order; the engine buffers them in push
// order and, once a wave is full, sorts it by partition and applies it on
// the worker goroutines, one partition at a time per goroutine, while the
// caller fills the next wave (and, when it is done first, takes
// partitions too). A customer lives in one partition and sees its
// records in push order, so every partition's result is that of a single
// pass, and [Engine.Emit] numbers the customers in the order of their
// first record, so results never depend on the number of workers or on
// the hash seed.
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
	npos    int64
	pending sync.WaitGroup
	busy    bool
	wave    *buffer[P] // the wave being applied, when busy
	scratch [][]int32
	batches [][]Rec[P]
}

func (e *Engine[S, P, X]) newBuffer() *buffer[P] { return new(buffer[P]) }

// buffer holds a wave of records in push order, with the partition of
// each, and the strings given to Side. The reader only appends to it, so
// its writes stream; the workers then sort the records' indexes by
// partition and gather each partition's records from it.
type buffer[P any] struct {
	recs   Blocks[Rec[P]] // kept from wave to wave, so filling allocates nothing after the first
	parts  []uint16       // partition of each record
	side   []string
	index  []uint32 // record indexes by partition
	start  [Parts + 1]int
	next   atomic.Int64 // the next partition to apply
	sorted sync.Once    // sortWave, done by the first worker
}

// batchLen is the number of records gathered and applied at a time.
const batchLen = 256

// New returns an Engine. apply(p, recs, slots, side) updates the states
// of partition p for its records recs, in order; slots[i] is the slot of
// recs[i]'s customer, or -1 when the record is a duplicate (already
// counted), and side holds the strings given to Side. apply runs on one
// goroutine per partition at a time.
func New[S, P, X any](h Hasher, cfg Config, apply func(p *Part[S, X], recs []Rec[P], slots []int32, side []string)) *Engine[S, P, X] {
	cfg.Workers = max(cfg.Workers, 1)
	if cfg.Wave <= 0 {
		cfg.Wave = DefaultWave
	}
	e := &Engine[S, P, X]{hasher: h, cfg: cfg, parts: make([]Part[S, X], Parts), apply: apply}
	e.cur = e.newBuffer()
	e.scratch = make([][]int32, cfg.Workers+1) // one more for the caller
	e.batches = make([][]Rec[P], cfg.Workers+1)
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
	b.recs.Append(*r)
	b.parts = append(b.parts, uint16(partOf(h)))
	e.npos = max(e.npos, r.Pos+1)
	if e.n++; e.n >= e.cfg.Wave {
		e.flush(e.cfg.Workers > 1)
	}
}

// Side stores s with the records of the customer whose hash is h, for
// the record pushed next, and returns its index in the side list that
// apply receives: the way to pass a rare, long value without a pointer
// in every record.
func (e *Engine[S, P, X]) Side(h uint64, s string) int { return e.side(s) }

// SideKey returns the key of s, a string that goes with the record of
// the customer whose hash is h, pushed next: inline when short, else on
// the side list.
func (e *Engine[S, P, X]) SideKey(h uint64, s string) Key {
	if len(s) <= maxInline {
		return inline(s)
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
	if len(oid) <= maxInline {
		return inline(oid)
	}
	_, k := e.hasher.Hash(oid)
	return k
}

// Flush applies every buffered record and waits until they are applied.
func (e *Engine[S, P, X]) Flush() {
	e.flush(false)
	e.wait()
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
	full.sorted = sync.Once{}
	full.next.Store(0)
	e.wave = full
	if e.cfg.Workers == 1 {
		e.work(full, 0)
		e.reset(full)
		return
	}
	// Each worker, and the caller once it waits, takes the next partition
	// until none is left. (A pool that the caller can join late, so not
	// package parallel's.)
	e.busy = true
	e.pending.Add(e.cfg.Workers)
	for w := range e.cfg.Workers {
		go func() {
			defer e.pending.Done()
			e.work(full, w)
		}()
	}
	if !async {
		e.wait()
	}
}

// sortWave sorts the record indexes of b by partition: a counting sort,
// stable, so each partition's records stay in push order.
func sortWave[P any](b *buffer[P], wave int) {
	var count [Parts]int
	for _, p := range b.parts {
		count[p]++
	}
	b.start[0] = 0
	for p := range Parts {
		b.start[p+1] = b.start[p] + count[p]
	}
	if cap(b.index) < len(b.parts) {
		b.index = make([]uint32, len(b.parts), max(cap(b.parts), wave))
	}
	b.index = b.index[:len(b.parts)]
	next := b.start
	for i, p := range b.parts {
		b.index[next[p]] = uint32(i)
		next[p]++
	}
}

// work applies partitions of wave b, taking the next one until none is
// left; w names the goroutine's scratch space. The first to come sorts
// the wave, off the reading goroutine.
func (e *Engine[S, P, X]) work(b *buffer[P], w int) {
	b.sorted.Do(func() { sortWave(b, e.cfg.Wave) })
	for {
		p := int(b.next.Add(1) - 1)
		if p >= Parts {
			return
		}
		idx := b.index[b.start[p]:b.start[p+1]]
		for len(idx) > 0 {
			n := min(len(idx), batchLen)
			batch := e.batches[w][:0]
			for _, i := range idx[:n] {
				batch = append(batch, *b.recs.At(int(i)))
			}
			e.batches[w] = batch
			e.scratch[w] = e.applyPart(&e.parts[p], batch, b.side, e.scratch[w])
			idx = idx[n:]
		}
	}
}

// reset empties an applied buffer for the next wave.
func (e *Engine[S, P, X]) reset(b *buffer[P]) {
	clear(b.side)
	b.recs.Reset()
	b.parts, b.side = b.parts[:0], b.side[:0]
}

// applyPart resolves the slots of recs in partition p, skips the
// duplicates, and hands the records to the caller's apply. The lookups
// go in passes, each a loop of independent loads, so that their cache
// misses overlap.
func (e *Engine[S, P, X]) applyPart(p *Part[S, X], recs []Rec[P], long []string, slots []int32) []int32 {
	slots = slots[:0]
	var hs, ohs [batchLen]uint64
	var t uint64
	for i := range recs {
		hs[i] = e.hasher.KeyHash(recs[i].Key)
		t ^= p.touch(hs[i])
		if k := recs[i].OKey; e.cfg.Dedup && k != (Key{}) {
			ohs[i] = e.hasher.KeyHash(k)
			t ^= p.seen.touch(&e.hasher, k, ohs[i])
		}
	}
	for i := range recs {
		if j := p.candidate(hs[i]); j >= 0 {
			t ^= p.ents.At(j).k.lo
		}
	}
	for i := range recs {
		r := &recs[i]
		slot := p.get(r.Key, hs[i], long, r.Pos)
		if e.cfg.Dedup && r.OKey != (Key{}) && !p.seen.add(&e.hasher, slot, r.OKey, ohs[i], long) {
			slot = -1
			p.dups++
		}
		slots = append(slots, int32(slot))
	}
	p.sink ^= t
	e.apply(p, recs, slots, long)
	return slots
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

// Emit numbers the customers whose state keep selects in the order of
// their first record and calls fill(p, slot, i) for each, i being its
// number, on up to Workers goroutines (one per partition at a time). It
// returns how many there are. Call it after Flush.
func (e *Engine[S, P, X]) Emit(keep func(s *S) bool, fill func(p *Part[S, X], slot, i int)) int {
	// Mark the first positions of the kept customers in a bitmap; a
	// customer's number is the count of marks before its own.
	marks := make([]uint64, (e.npos+63)/64)
	for pi := range e.parts {
		p := &e.parts[pi]
		for j := range p.ents.Len() {
			if keep(&p.ents.At(j).s) {
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
	parallel.For(e.cfg.Workers, Parts, func(_, pi int) {
		p := &e.parts[pi]
		for j := range p.ents.Len() {
			if keep(&p.ents.At(j).s) {
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

// HasOrder reports whether slot of partition pi has had the order ID oid.
func (e *Engine[S, P, X]) HasOrder(pi, slot int, oid string) bool {
	h, k := e.hasher.Hash(oid)
	return e.parts[pi].seen.has(&e.hasher, slot, k, h, []string{oid})
}

// AddOrder adds the order ID oid to slot of partition pi and reports
// whether it was new.
func (e *Engine[S, P, X]) AddOrder(pi, slot int, oid string) bool {
	h, k := e.hasher.Hash(oid)
	return e.parts[pi].seen.add(&e.hasher, slot, k, h, []string{oid})
}

// EachOrder calls f for every (customer, order ID) pair seen.
func (e *Engine[S, P, X]) EachOrder(f func(pi, slot int, oid string)) {
	for pi := range e.parts {
		e.parts[pi].seen.each(func(slot int, id string) { f(pi, slot, id) })
	}
}

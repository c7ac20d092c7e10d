package rfm

import (
	"iter"
	"runtime"
	"sync"

	"github.com/clientele-go/clientele/customer"
	"github.com/shopspring/decimal"
)

// batchLen is the number of prepared orders handed on at a time.
const batchLen = 1024

// batch is a run of prepared orders with the amounts that did not fit
// units, in order.
type batch struct {
	recs []record
	big  []decimal.Decimal
}

func newBatch() *batch { return &batch{recs: make([]record, 0, batchLen)} }

func (b *batch) reset() {
	b.recs = b.recs[:0]
	clear(b.big)
	b.big = b.big[:0]
}

// rfmWorkers returns the number of goroutines a Workers setting allows.
func rfmWorkers(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

// addAll adds orders in batches. With one worker it prepares a batch and
// applies it on the calling goroutine; with more, the calling goroutine
// prepares batches while another applies them, in the same order, so the
// result is the same. It stops at the first order error and returns it,
// after applying the orders before it.
func (a *Accumulator) addAll(orders iter.Seq[customer.Order]) (err error) {
	if rfmWorkers(a.prep.opts.Workers) < 2 {
		b := newBatch()
		for o := range orders {
			if err = a.prepareInto(b, &o); err != nil {
				break
			}
			if len(b.recs) == batchLen {
				a.applyBatch(b)
				b.reset()
			}
		}
		a.applyBatch(b)
		return err
	}

	work := make(chan *batch, 2)
	free := make(chan *batch, 4)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for b := range work {
			a.applyBatch(b)
			b.reset()
			select {
			case free <- b:
			default:
			}
		}
	}()
	// Hand on the last batch and wait, also if the iterator panics.
	b := newBatch()
	defer func() {
		work <- b
		close(work)
		wg.Wait()
	}()
	for o := range orders {
		if err = a.prepareInto(b, &o); err != nil {
			break
		}
		if len(b.recs) == batchLen {
			work <- b
			select {
			case b = <-free:
			default:
				b = newBatch()
			}
		}
	}
	return err
}

// prepareInto prepares o and appends it to b if it is to be used.
func (a *Accumulator) prepareInto(b *batch, o *customer.Order) error {
	b.recs = b.recs[:len(b.recs)+1]
	r := &b.recs[len(b.recs)-1]
	use, err := a.prep.prepare(o, r)
	if !use {
		b.recs = b.recs[:len(b.recs)-1]
		return err
	}
	if r.flags&recBig != 0 {
		b.big = append(b.big, o.Amount)
	}
	return nil
}

// applyBatch applies the records of b in order. It first loads the index
// slots of the batch's new customers, so that their cache misses overlap
// instead of coming one at a time.
func (a *Accumulator) applyBatch(b *batch) {
	var t uint64
	for i := range b.recs {
		if b.recs[i].id != "" {
			t ^= a.index.touch(b.recs[i].tag)
		}
	}
	a.touched ^= t
	k := 0
	for i := range b.recs {
		r := &b.recs[i]
		if r.flags&recBig != 0 {
			a.apply(r, b.big[k])
			k++
		} else {
			a.apply(r, decimal.Decimal{})
		}
	}
}

// Package blocks provides an append-only list stored in fixed-size
// blocks, for accumulators over millions of records.
package blocks

// BlockSize is the number of elements per block of a List.
const BlockSize = 4096

// List is an append-only list stored in fixed-size blocks. Unlike a
// slice it never copies its elements when it grows, so pointers to them
// stay valid and a list of millions costs no repeated copying.
type List[T any] struct {
	blocks [][]T
	n      int
}

// At returns a pointer to element i, which must be < len.
func (l *List[T]) At(i int32) *T {
	return &l.blocks[i/BlockSize][i%BlockSize]
}

// Push appends v and returns its index.
func (l *List[T]) Push(v T) int32 {
	if l.n%BlockSize == 0 {
		l.blocks = append(l.blocks, make([]T, BlockSize))
	}
	i := l.n
	l.blocks[i/BlockSize][i%BlockSize] = v
	l.n++
	return int32(i)
}

// Len returns the number of elements.
func (l *List[T]) Len() int { return l.n }

package ingest

// Blocks is an append-only list stored in blocks of BlockLen elements,
// the first of which grows fourfold, from 16: a small list stays small,
// and a large one never copies more than its first block as it grows, so
// it leaves little garbage behind: a third of a block, where doubling
// left up to a whole one (on a million customers, Summarize's peak heap
// fell from 1.51 to 1.50 times its input). The zero value is an empty
// list. It is not safe for concurrent use.
type Blocks[T any] struct {
	list [][]T
	n    int
}

// blockBits is log2 of BlockLen.
const blockBits = 10

// BlockLen is the number of elements of a full block.
const BlockLen = 1 << blockBits

// Len returns the number of elements.
func (b *Blocks[T]) Len() int { return b.n }

// At returns a pointer to element i, which must be below Len.
func (b *Blocks[T]) At(i int) *T { return &b.list[i>>blockBits][i&(BlockLen-1)] }

// Append adds v at the end and returns its index.
func (b *Blocks[T]) Append(v T) int {
	i := b.n
	switch k := i >> blockBits; {
	case k == 0:
		if b.list == nil {
			b.list = make([][]T, 1)
		}
		if first := b.list[0]; len(first) == cap(first) {
			grown := make([]T, len(first), min(BlockLen, max(16, 4*cap(first))))
			copy(grown, first)
			b.list[0] = grown
		}
		b.list[0] = append(b.list[0], v)
	default:
		if k == len(b.list) {
			b.list = append(b.list, make([]T, BlockLen))
		}
		b.list[k][i&(BlockLen-1)] = v
	}
	b.n++
	return i
}

// Next adds an element at the end and returns a pointer to it, for the
// caller to set in place: it may hold what an earlier use of the list
// left there. The pointer is valid until the next call.
func (b *Blocks[T]) Next() *T {
	i := b.n
	if k := i >> blockBits; k > 0 && k < len(b.list) {
		b.n++
		return &b.list[k][i&(BlockLen-1)]
	}
	var zero T
	b.Append(zero)
	return b.At(i)
}

// Reset empties the list, keeping its blocks for reuse.
func (b *Blocks[T]) Reset() {
	b.n = 0
	if len(b.list) > 0 {
		b.list[0] = b.list[0][:0]
	}
}

// chunkBits is log2 of the length of a chunk of a smallList.
const chunkBits = 7

// smallList is an append-only list in fixed chunks of 128 elements, for
// lists that are many and short, such as each partition's suspects:
// Blocks would leave a doubling first block and a mostly empty block of
// 1024 behind each. The zero value is an empty list.
type smallList[T any] struct {
	list [][]T
	n    int
}

// Len returns the number of elements.
func (b *smallList[T]) Len() int { return b.n }

// At returns a pointer to element i, which must be below Len.
func (b *smallList[T]) At(i int) *T { return &b.list[i>>chunkBits][i&(1<<chunkBits-1)] }

// Append adds v at the end.
func (b *smallList[T]) Append(v T) {
	k := b.n >> chunkBits
	if k == len(b.list) {
		b.list = append(b.list, make([]T, 1<<chunkBits))
	}
	b.list[k][b.n&(1<<chunkBits-1)] = v
	b.n++
}

// Reset empties the list, keeping its chunks for reuse.
func (b *smallList[T]) Reset() { b.n = 0 }

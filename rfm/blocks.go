package rfm

// blockSize is the number of elements per block of a blockList.
const blockSize = 4096

// blockList is an append-only list stored in fixed-size blocks. Unlike a
// slice it never copies its elements when it grows, so pointers to them
// stay valid and a list of millions costs no repeated copying.
type blockList[T any] struct {
	blocks [][]T
	n      int
}

// at returns a pointer to element i, which must be < len.
func (l *blockList[T]) at(i int32) *T {
	return &l.blocks[i/blockSize][i%blockSize]
}

// push appends v and returns its index.
func (l *blockList[T]) push(v T) int32 {
	if l.n%blockSize == 0 {
		l.blocks = append(l.blocks, make([]T, blockSize))
	}
	i := l.n
	l.blocks[i/blockSize][i%blockSize] = v
	l.n++
	return int32(i)
}

// len returns the number of elements.
func (l *blockList[T]) len() int { return l.n }

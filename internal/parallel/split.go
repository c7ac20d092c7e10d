package parallel

// Chunks splits n items into Count contiguous chunks of Size items (the
// last one shorter). The split depends only on n and the bounds it was made
// with, never on the number of workers, so a reduction over chunks in
// chunk order gives the same result for every worker count.
type Chunks struct {
	N, Size, Count int
}

// Split returns the chunks of n items that aim at about target chunks,
// each of at least minSize and at most maxSize items (maxSize 0 means no
// upper bound). n of 0 gives no chunks. minSize below 1 counts as 1.
func Split(n, target, minSize, maxSize int) Chunks {
	if n <= 0 {
		return Chunks{}
	}
	minSize = max(minSize, 1)
	target = max(target, 1)
	size := max((n+target-1)/target, minSize)
	if maxSize > 0 {
		size = min(size, max(maxSize, minSize))
	}
	return Chunks{N: n, Size: size, Count: (n + size - 1) / size}
}

// Bounds returns the half-open range [lo, hi) of chunk c.
func (c Chunks) Bounds(ch int) (lo, hi int) {
	lo = ch * c.Size
	return lo, min(lo+c.Size, c.N)
}

package ingest

// MergeOrder merges the shards' results into one slice: parts[k] holds
// shard k's results and firsts[k] the stream position of each one's first
// order, ascending within a shard. The result is ordered by that position,
// which is the order a single pass over all the orders would give. firsts
// must hold distinct positions.
func MergeOrder[T any](parts [][]T, firsts [][]int64) []T {
	if len(parts) == 1 {
		return parts[0]
	}
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]T, 0, n)
	next := make([]int, len(parts))
	for len(out) < n {
		best := -1
		for k := range parts {
			if next[k] < len(parts[k]) && (best < 0 || firsts[k][next[k]] < firsts[best][next[best]]) {
				best = k
			}
		}
		out = append(out, parts[best][next[best]])
		next[best]++
	}
	return out
}

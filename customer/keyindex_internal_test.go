package customer

import (
	"slices"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

// TestEntrySize guards the index's memory use: one key costs 16 bytes.
func TestEntrySize(t *testing.T) {
	if n := unsafe.Sizeof(entry{}); n != 16 {
		t.Errorf("entry is %d bytes, want 16", n)
	}
}

func TestKeyHasher(t *testing.T) {
	h := newKeyHasher()
	a := Key{Num: 13812345678}
	if h.sum(a) != h.sum(Key{Num: 13812345678}) {
		t.Error("equal keys, different digests")
	}
	seen := map[hkey]Key{}
	for _, k := range []Key{{}, {Num: 1}, {Text: "1"}, {Num: 1, Text: "1"}, {Text: "a"}, {Text: "b"}, {Num: 5678, Text: "张伟"}, {Num: 5678, Text: "张玮"}} {
		d := h.sum(k)
		if prev, dup := seen[d]; dup {
			t.Errorf("keys %v and %v share a digest", prev, k)
		}
		seen[d] = k
	}
}

// TestIndex follows one keyer's index through two rounds.
func TestIndex(t *testing.T) {
	h := newKeyHasher()
	k1, k2, k3, k4 := h.sum(Key{Text: "k1"}), h.sum(Key{Text: "k2"}), h.sum(Key{Text: "k3"}), h.sum(Key{Text: "k4"})
	es := []entry{newEntry(k1, 0), newEntry(k2, 1), newEntry(k3, 2), newEntry(k1, 3), newEntry(k3, 4), newEntry(k3, 5)}
	ix := newIndex(es, 1)
	members := func() map[string][]int32 {
		out := map[string][]int32{}
		for name, k := range map[string]hkey{"k1": k1, "k2": k2, "k3": k3, "k4": k4} {
			if b, ok := ix.m[k]; ok && b >= 0 {
				out[name] = ix.blocks[b].members
			}
		}
		return out
	}
	if diff := cmp.Diff(map[string][]int32{"k1": {0, 3}, "k3": {2, 4, 5}}, members()); diff != "" {
		t.Errorf("round 1 blocks (-want +got):\n%s", diff)
	}
	if len(ix.touch) != 2 {
		t.Errorf("round 1 touched %v", ix.touch)
	}
	if v, ok := ix.single(k2); !ok || v != 1 {
		t.Errorf("single(k2) = %d, %v", v, ok)
	}
	if _, ok := ix.single(k4); ok {
		t.Error("single(k4) found a node")
	}

	// Round 2: nodes 0 and 1 merged into node 6, which has k1 and k2, and
	// node 7 is new with k4.
	alive := []bool{false, false, true, true, true, true, true, true}
	ix.touch = ix.touch[:0]
	ix.add(k1, 6, 2, alive)
	ix.add(k2, 6, 2, alive) // k2's only other holder, node 1, is dead
	ix.add(k4, 7, 2, alive)
	if diff := cmp.Diff(map[string][]int32{"k1": {0, 3, 6}, "k3": {2, 4, 5}}, members()); diff != "" {
		t.Errorf("round 2 blocks (-want +got):\n%s", diff)
	}
	if ix.m[k2] != -7 || ix.m[k4] != -8 {
		t.Errorf("single nodes: k2 %d, k4 %d; want -7, -8", ix.m[k2], ix.m[k4])
	}
	if len(ix.touch) != 1 || !slices.Equal(ix.blocks[ix.touch[0]].members, []int32{0, 3, 6}) {
		t.Errorf("round 2 touched %v", ix.touch)
	}
	// Node 8 shares k4 with the live node 7: a block.
	alive = append(alive, true)
	ix.add(k4, 8, 2, alive)
	if diff := cmp.Diff([]int32{7, 8}, members()["k4"]); diff != "" {
		t.Errorf("k4 block (-want +got):\n%s", diff)
	}
}

package blocks_test

import (
	"testing"

	"github.com/clientele-go/clientele/internal/blocks"
)

func TestList(t *testing.T) {
	var l blocks.List[int]
	n := 3*blocks.BlockSize + 17
	var first *int
	for i := range n {
		if got := l.Push(i * 2); got != int32(i) {
			t.Fatalf("Push returned %d, want %d", got, i)
		}
		if i == 0 {
			first = l.At(0)
		}
	}
	if l.Len() != n {
		t.Fatalf("Len = %d, want %d", l.Len(), n)
	}
	for i := range n {
		if v := *l.At(int32(i)); v != i*2 {
			t.Fatalf("At(%d) = %d", i, v)
		}
	}
	// Growing never moves elements: the pointer taken first still points
	// at element 0.
	*first = -1
	if *l.At(0) != -1 {
		t.Fatal("element 0 moved")
	}
}

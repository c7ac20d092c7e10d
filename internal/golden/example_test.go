package golden_test

import (
	"fmt"

	"github.com/clientele-go/clientele/internal/golden"
)

// ExampleSameRounded shows the rule CheckRounded applies: numbers may
// differ by one unit in their last printed digit, text and names may not.
func ExampleSameRounded() {
	want := "mean 3.14, P0003440\n"
	fmt.Println(golden.SameRounded(want, "mean 3.15, P0003440\n"))  // one unit off
	fmt.Println(golden.SameRounded(want, "mean 3.16, P0003440\n"))  // two units off
	fmt.Println(golden.SameRounded(want, "mean 3.140, P0003440\n")) // another digit count
	fmt.Println(golden.SameRounded(want, "mean 3.14, P0003441\n"))  // a customer ID
	// Output:
	// true
	// false
	// false
	// false
}

// ExampleDiff shows the report Check gives on a mismatch: two lines of
// context, then the differing lines of the golden file (-) and of the
// output (+).
func ExampleDiff() {
	want := "id,orders\nP1,3\nP2,5\nP3,1\n"
	got := "id,orders\nP1,3\nP2,5\nP3,2\n"
	fmt.Print(golden.Diff(want, got))
	fmt.Printf("%q\n", golden.Diff(want, want))
	// Output:
	//   P1,3
	//   P2,5
	// - P3,1
	// + P3,2
	// ""
}

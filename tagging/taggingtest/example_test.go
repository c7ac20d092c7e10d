package taggingtest_test

import (
	"errors"
	"fmt"

	"github.com/clientele-go/clientele/tagging"
	"github.com/clientele-go/clientele/tagging/taggingtest"
)

// ExampleCheck checks a custom tagger outside a test: the first version
// forgets that a prospect has no Summary, and Check catches the panic on
// its built-in profiles; the second keeps the contract. In a test, call
// taggingtest.Run(t, newTagger) instead.
func ExampleCheck() {
	repeatBuyer := func(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
		if p.Summary.Orders > 1 { // panics on a prospect
			dst = append(dst, tagging.Tag{Group: "buyer", Value: "repeat"})
		}
		return dst, nil
	}
	err := taggingtest.Check(func() tagging.Tagger { return tagging.TaggerFunc(repeatBuyer) })
	fmt.Println("first version panics:", errors.Is(err, taggingtest.ErrPanic))

	fixed := func(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
		if p.Summary != nil && p.Summary.Orders > 1 {
			dst = append(dst, tagging.Tag{Group: "buyer", Value: "repeat"})
		}
		return dst, nil
	}
	err = taggingtest.Check(func() tagging.Tagger { return tagging.TaggerFunc(fixed) })
	fmt.Println("fixed version:", err)
	// Output:
	// first version panics: true
	// fixed version: <nil>
}

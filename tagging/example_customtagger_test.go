package tagging_test

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
)

// Birthday tags persons whose birthday falls in the month of the as-of
// date, for a birthday campaign. It implements tagging.Tagger, and the
// optional tagging.Namer and tagging.Grouper.
//
// Like every Tagger it only reads the profile, appends to dst without
// allocating, keeps no state between calls (so it is safe for concurrent
// use) and gives the same tags for the same profile. Check that with
// taggingtest.Run(t, func() tagging.Tagger { return Birthday{} }).
type Birthday struct{}

// Name names the tagger in errors, conflicts and Result.Source.
func (Birthday) Name() string { return "birthday" }

// Groups declares the group, so that manual tags may use it too.
func (Birthday) Groups() []tagging.Group {
	return []tagging.Group{{Name: "birthday", Values: []string{"this-month"}}}
}

// Tag implements tagging.Tagger.
func (Birthday) Tag(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
	if p.Person == nil || p.Person.BirthDate.IsZero() {
		return dst, nil // companies and unknown birth dates: no tag, not an error
	}
	if p.Person.BirthDate.Month() != p.Date().Month() {
		return dst, nil
	}
	return append(dst, tagging.Tag{Group: "birthday", Value: "this-month"}), nil
}

func Example_customTagger() {
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	born := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	profiles := []tagging.Profile{
		{Person: &customer.Person{ID: "P1", BirthDate: born(1990, time.June, 12)}, AsOf: asOf},
		{Person: &customer.Person{ID: "P2", BirthDate: born(1985, time.July, 1)}, AsOf: asOf},
		{Person: &customer.Person{ID: "P3"}, AsOf: asOf},
	}
	lifecycle, _ := tagging.Compile(tagging.Lifecycle{})
	taggers := []tagging.Tagger{lifecycle, Birthday{}}
	for r, err := range tagging.Apply(context.Background(), slices.Values(profiles), taggers, tagging.Options{}) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(r.ID, r.Tags)
	}
	// Output:
	// P1 birthday=this-month lifecycle=prospect
	// P2 lifecycle=prospect
	// P3 lifecycle=prospect
}

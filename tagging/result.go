package tagging

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/clientele-go/clientele/customer"
)

// Result is the outcome of tagging one profile.
type Result struct {
	// Index is the position of the profile in Apply's input, from 0; -1
	// for a Result from [Pipeline.Run].
	Index int
	// ID is the profile's customer ID.
	ID customer.ID
	// AsOf is the date the computed tags hold for (Profile.Date).
	AsOf time.Time
	// Tags holds the computed tags, with conflicts resolved. Apply stores
	// the tags of a batch of 1,024 Results in one allocation, so keeping
	// one Result keeps its batch's tags (some 200 KB) alive; to keep a few
	// Results out of many, copy their tags with Tags.Tags().
	Tags Set
	// Manual is the profile's Manual slice, as given: manual tags are kept
	// apart from computed ones and never changed. See [Result.Merged].
	Manual []Assignment
	// Conflicts lists the exclusive groups in which taggers disagreed, in
	// group order; nil when none did.
	Conflicts []Conflict

	src []uint16 // tagger index of each tag in Tags
	pl  *Pipeline
}

// Source returns the name of the tagger that gave t, and false when the
// computed tags do not include t. When several taggers gave t, it is the
// one whose tag was kept: in an exclusive group the one Options.FirstWins
// chose (by default the last of them), otherwise the first.
func (r Result) Source(t Tag) (string, bool) {
	i, ok := slices.BinarySearchFunc(r.Tags.tags, t, compareTags)
	if !ok || i >= len(r.src) || r.pl == nil {
		return "", false
	}
	return r.pl.names[r.src[i]], true
}

// Merged returns the computed tags with the manual ones laid over them:
// in an exclusive group a manual tag replaces the computed value (the
// host's judgement outranks the rules), and if several manual tags share
// an exclusive group the one with the latest AsOf wins (the later one in
// Manual on a tie); in a multi-valued group manual values are added.
// Whether a group is exclusive is taken from the pipeline that produced r.
// Merged allocates a new set and changes neither Tags nor Manual.
func (r Result) Merged() Set {
	if len(r.Manual) == 0 {
		return r.Tags
	}
	multi := func(g string) bool { return r.pl != nil && r.pl.multi(g) }
	man := slices.Clone(r.Manual)
	slices.SortStableFunc(man, func(a, b Assignment) int { return a.AsOf.Compare(b.AsOf) })
	// Latest manual value of each exclusive group.
	over := make(map[string]string)
	var out []Tag
	for _, m := range man {
		if multi(m.Group) {
			out = append(out, m.Tag)
		} else {
			over[m.Group] = m.Value
		}
	}
	for _, t := range r.Tags.tags {
		if _, ok := over[t.Group]; !ok {
			out = append(out, t)
		}
	}
	for g, v := range over {
		out = append(out, Tag{Group: g, Value: v})
	}
	slices.SortFunc(out, compareTags)
	return Set{tags: slices.Compact(out)}
}

// Run tags one profile and returns its Result (with Index -1). The error,
// if not nil, is a [*ProfileError] or several joined: an invalid profile
// (the Result then has no computed tags), a tagger that failed (the
// Result has the other taggers' tags) or a manual tag in a group the
// pipeline does not know (the Result is complete). Run allocates the
// Result's slices; for many profiles use [Apply].
func (pl *Pipeline) Run(p *Profile) (Result, error) {
	var w work
	r, err := pl.one(p, -1, &w)
	r.Tags = Set{tags: slices.Clone(w.tags)}
	r.src = slices.Clone(w.src)
	return r, err
}

// one tags p into w and returns its Result without Tags (the caller
// places w.tags) and its error.
func (pl *Pipeline) one(p *Profile, index int, w *work) (Result, error) {
	r := Result{Index: index, ID: p.ID(), AsOf: p.Date(), Manual: p.Manual, pl: pl}
	w.tags, w.src = w.tags[:0], w.src[:0]
	if field, err := p.check(); err != nil {
		return r, &ProfileError{Index: index, ID: r.ID, Field: field, Err: err}
	}
	conflicts, err := pl.run(p, index, w)
	r.Conflicts = conflicts
	for i := range p.Manual {
		if _, ok := pl.index[p.Manual[i].Group]; !ok {
			err = join(err, &ProfileError{
				Index: index, ID: r.ID,
				Field: "manual[" + strconv.Itoa(i) + "].group",
				Err:   fmt.Errorf("%w %q", ErrUnknownGroup, clip(p.Manual[i].Group)),
			})
		}
	}
	return r, err
}

// join returns err and more joined, or more alone when err is nil, so
// that a single error keeps its type.
func join(err, more error) error {
	if err == nil {
		return more
	}
	return errors.Join(err, more)
}

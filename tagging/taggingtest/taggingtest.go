package taggingtest

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/internal/parallel"
	"github.com/clientele-go/clientele/tagging"
)

// Errors reported by [Check]; each problem wraps one of them.
var (
	// ErrNilTagger: newTagger returned nil.
	ErrNilTagger = errors.New("taggingtest: newTagger returned nil")
	// ErrPanic: the tagger panicked on a valid profile.
	ErrPanic = errors.New("taggingtest: tagger panicked")
	// ErrInvalidTag: the tagger appended a tag with an empty group or
	// value, or invalid UTF-8.
	ErrInvalidTag = errors.New("taggingtest: invalid tag")
	// ErrUndeclaredGroup: a Grouper appended a tag in a group it does not
	// declare.
	ErrUndeclaredGroup = errors.New("taggingtest: tag in an undeclared group")
	// ErrExclusive: a Grouper appended several values to one exclusive
	// group in a single call.
	ErrExclusive = errors.New("taggingtest: several values in an exclusive group")
	// ErrDst: the tagger changed or dropped the tags it was given in dst.
	ErrDst = errors.New("taggingtest: tags given in dst changed")
	// ErrMutated: the tagger modified the profile or what it points to.
	ErrMutated = errors.New("taggingtest: profile modified")
	// ErrNondeterministic: the same profile got different tags on two
	// calls, or from two instances made by newTagger.
	ErrNondeterministic = errors.New("taggingtest: tags differ between calls")
	// ErrConcurrent: calls from many goroutines at once gave different tags
	// than sequential calls.
	ErrConcurrent = errors.New("taggingtest: tags differ under concurrent use")
	// ErrName: a Namer returned an empty name.
	ErrName = errors.New("taggingtest: empty name")
)

// maxReports bounds the problems one check reports.
const maxReports = 10

// check is one named contract check.
type check struct {
	name string
	fn   func(newTagger func() tagging.Tagger, ps []tagging.Profile) error
}

var checks = []check{
	{"Valid", checkValid},
	{"NoMutation", checkNoMutation},
	{"Deterministic", checkDeterministic},
	{"Concurrent", checkConcurrent},
}

// Run checks the tagger newTagger makes against the [tagging.Tagger]
// contract, one subtest per check, on [Profiles]. newTagger is called
// several times and must return equivalent, independent taggers.
func Run(t *testing.T, newTagger func() tagging.Tagger) {
	t.Helper()
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			// Fresh profiles for each check, so that a tagger that
			// modifies them cannot hide it from a later check.
			if err := c.fn(newTagger, Profiles()); err != nil {
				t.Error(err)
			}
		})
	}
}

// Check runs the checks of [Run] and returns every problem found, joined,
// or nil when the tagger keeps the contract.
func Check(newTagger func() tagging.Tagger) error {
	var errs []error
	for _, c := range checks {
		if err := c.fn(newTagger, Profiles()); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", c.name, err))
		}
	}
	return errors.Join(errs...)
}

// outcome is what one call gave.
type outcome struct {
	tags []tagging.Tag // appended tags only
	err  string        // the error's text, or ""
}

// prefix is what every call gets in dst, so that taggers are seen
// appending after existing tags.
var prefix = []tagging.Tag{{Group: "taggingtest.prefix", Value: "a"}, {Group: "taggingtest.prefix", Value: "b"}}

// tag calls t on p with a copy of prefix in dst (with spare capacity) and
// checks the prefix afterwards.
func tag(t tagging.Tagger, p *tagging.Profile) (o outcome, err error) {
	defer func() {
		if r := recover(); r != nil {
			// As tagging's pipeline does: a tagger's panic message may
			// hold the profile's personal data; the runtime's own
			// messages are known to be safe.
			if re, ok := r.(runtime.Error); ok {
				err = fmt.Errorf("%w: %v", ErrPanic, re)
			} else {
				err = fmt.Errorf("%w (%T value withheld)", ErrPanic, r)
			}
		}
	}()
	dst := make([]tagging.Tag, len(prefix), len(prefix)+4)
	copy(dst, prefix)
	out, terr := t.Tag(p, dst)
	if terr != nil {
		o.err = terr.Error()
	}
	if len(out) < len(prefix) || !slices.Equal(out[:len(prefix)], prefix) || !slices.Equal(dst, prefix) {
		return o, ErrDst
	}
	o.tags = slices.Clone(out[len(prefix):])
	return o, nil
}

func newChecked(newTagger func() tagging.Tagger) (tagging.Tagger, error) {
	t := newTagger()
	if t == nil {
		return nil, ErrNilTagger
	}
	return t, nil
}

// reporter gathers at most maxReports problems.
type reporter struct {
	errs  []error
	extra int
}

func (r *reporter) add(err error, i int, p *tagging.Profile) {
	if len(r.errs) == maxReports {
		r.extra++
		return
	}
	r.errs = append(r.errs, fmt.Errorf("profile %d (%s): %w", i, p.ID(), err))
}

func (r *reporter) err() error {
	if r.extra > 0 {
		r.errs = append(r.errs, fmt.Errorf("and %d more", r.extra))
	}
	return errors.Join(r.errs...)
}

func checkValid(newTagger func() tagging.Tagger, ps []tagging.Profile) error {
	t, err := newChecked(newTagger)
	if err != nil {
		return err
	}
	var rep reporter
	if n, ok := t.(tagging.Namer); ok && n.Name() == "" {
		rep.errs = append(rep.errs, ErrName)
	}
	var groups map[string]tagging.Group
	if g, ok := t.(tagging.Grouper); ok {
		groups = make(map[string]tagging.Group)
		for _, d := range g.Groups() {
			groups[d.Name] = d
		}
	}
	for i := range ps {
		o, err := tag(t, &ps[i])
		if err != nil {
			rep.add(err, i, &ps[i])
			continue
		}
		seen := make(map[string]string)
		for _, tg := range o.tags {
			if err := tg.Validate(); err != nil {
				rep.add(fmt.Errorf("%w: %v", ErrInvalidTag, err), i, &ps[i])
				continue
			}
			if groups == nil {
				continue
			}
			d, ok := groups[tg.Group]
			if !ok {
				rep.add(fmt.Errorf("%w: %q", ErrUndeclaredGroup, tg.Group), i, &ps[i])
				continue
			}
			if v, dup := seen[tg.Group]; dup && !d.Multi && v != tg.Value {
				rep.add(fmt.Errorf("%w: %q has %q and %q", ErrExclusive, tg.Group, v, tg.Value), i, &ps[i])
			}
			seen[tg.Group] = tg.Value
		}
	}
	return rep.err()
}

func checkNoMutation(newTagger func() tagging.Tagger, ps []tagging.Profile) error {
	t, err := newChecked(newTagger)
	if err != nil {
		return err
	}
	var rep reporter
	for i := range ps {
		before := deepCopy(ps[i])
		p := deepCopy(ps[i]) // the tagger gets its own copy, so a mutation cannot leak into other checks
		if _, err := tag(t, &p); err != nil {
			rep.add(err, i, &ps[i])
			continue
		}
		if !reflect.DeepEqual(before, p) {
			rep.add(ErrMutated, i, &ps[i])
		}
	}
	return rep.err()
}

func checkDeterministic(newTagger func() tagging.Tagger, ps []tagging.Profile) error {
	t1, err := newChecked(newTagger)
	if err != nil {
		return err
	}
	t2, err := newChecked(newTagger)
	if err != nil {
		return err
	}
	var rep reporter
	for i := range ps {
		a, err1 := tag(t1, &ps[i])
		b, err2 := tag(t1, &ps[i])
		c, err3 := tag(t2, &ps[i])
		if err := errors.Join(err1, err2, err3); err != nil {
			rep.add(err, i, &ps[i])
			continue
		}
		if !reflect.DeepEqual(a, b) {
			rep.add(fmt.Errorf("%w: %v, then %v", ErrNondeterministic, a, b), i, &ps[i])
		} else if !reflect.DeepEqual(a, c) {
			rep.add(fmt.Errorf("%w: %v from one instance, %v from another", ErrNondeterministic, a, c), i, &ps[i])
		}
	}
	return rep.err()
}

func checkConcurrent(newTagger func() tagging.Tagger, ps []tagging.Profile) error {
	t, err := newChecked(newTagger)
	if err != nil {
		return err
	}
	want := make([]outcome, len(ps))
	for i := range ps {
		before := deepCopy(ps[i])
		if want[i], err = tag(t, &ps[i]); err != nil {
			return fmt.Errorf("profile %d (%s): %w", i, ps[i].ID(), err)
		}
		if !reflect.DeepEqual(before, ps[i]) {
			// Concurrent calls would race on the profile: a data race of
			// the kit's making. NoMutation reports the fault.
			return fmt.Errorf("profile %d (%s): %w; not run concurrently", i, ps[i].ID(), ErrMutated)
		}
	}
	g := max(4, parallel.Workers(0))
	got := make([][]outcome, g)
	errs := make([]error, g)
	// The goroutines wait for each other before they start: started one
	// by one on a loaded machine, they often ran one after another, and a
	// tagger that keeps per-call state in itself passed (the kit's own
	// test, under -race beside two busy loops: 1 to 3 runs in 300).
	var ready, done sync.WaitGroup
	ready.Add(g)
	done.Add(g)
	for k := range g {
		go func() {
			defer done.Done()
			got[k] = make([]outcome, len(ps))
			ready.Done()
			ready.Wait()
			// Each pass starts at a different profile, so that the same
			// and different profiles are tagged at the same time.
			for j := range ps {
				i := (j + k*len(ps)/g) % len(ps)
				o, err := tag(t, &ps[i])
				if err != nil {
					errs[k] = fmt.Errorf("profile %d (%s): %w", i, ps[i].ID(), err)
					return
				}
				got[k][i] = o
			}
		}()
	}
	done.Wait()
	var rep reporter
	for k := range g {
		if errs[k] != nil {
			rep.errs = append(rep.errs, errs[k])
			continue
		}
		for i := range ps {
			if !reflect.DeepEqual(want[i], got[k][i]) {
				rep.add(fmt.Errorf("%w: %v alone, %v in goroutine %d", ErrConcurrent, want[i], got[k][i], k), i, &ps[i])
			}
		}
	}
	return rep.err()
}

// deepCopy copies p and everything it points to, so that a comparison
// after tagging sees any change.
func deepCopy(p tagging.Profile) tagging.Profile {
	if p.Person != nil {
		c := *p.Person
		c.Interests = slices.Clone(c.Interests)
		c.DeviceIDs = slices.Clone(c.DeviceIDs)
		c.Attributes = maps.Clone(c.Attributes)
		p.Person = &c
	}
	if p.Company != nil {
		c := *p.Company
		c.Contacts = slices.Clone(c.Contacts)
		c.Products = slices.Clone(c.Products)
		c.Attributes = maps.Clone(c.Attributes)
		p.Company = &c
	}
	if p.Summary != nil {
		s := *p.Summary
		s.Categories = slices.Clone(s.Categories)
		s.Channels = slices.Clone(s.Channels)
		p.Summary = &s
	}
	p.Manual = slices.Clone(p.Manual)
	return p
}

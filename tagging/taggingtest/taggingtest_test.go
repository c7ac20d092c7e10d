package taggingtest_test

import (
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/clientele-go/clientele/tagging"
	"github.com/clientele-go/clientele/tagging/taggingtest"
)

// good is a correct tagger: one tag from the summary, in a declared group.
type good struct{}

func (good) Name() string { return "good" }
func (good) Groups() []tagging.Group {
	return []tagging.Group{{Name: "buyer"}}
}
func (good) Tag(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
	if p.Summary != nil && p.Summary.Orders > 1 {
		return append(dst, tagging.Tag{Group: "buyer", Value: "repeat"}), nil
	}
	return dst, nil
}

func TestRunGood(t *testing.T) {
	taggingtest.Run(t, func() tagging.Tagger { return good{} })
}

func TestProfilesValid(t *testing.T) {
	ps := taggingtest.Profiles()
	if len(ps) < 100 {
		t.Fatalf("Profiles() returned %d profiles, want at least 100", len(ps))
	}
	for i := range ps {
		if err := ps[i].Validate(); err != nil {
			t.Errorf("profile %d: %v", i, err)
		}
	}
}

// TestCheckWithholdsPanicValues expects a host's panic value, which may
// quote a profile's personal data, left out of Check's error, and a
// runtime error's message kept.
func TestCheckWithholdsPanicValues(t *testing.T) {
	leaky := func() tagging.Tagger {
		return tagging.TaggerFunc(func(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
			panic("no tag for customer with phone 13800138000")
		})
	}
	err := taggingtest.Check(leaky)
	if !errors.Is(err, taggingtest.ErrPanic) || strings.Contains(err.Error(), "13800138000") || !strings.Contains(err.Error(), "string value withheld") {
		t.Errorf("Check(leaky) = %v, want ErrPanic without the panic value", err)
	}
	nilDeref := func() tagging.Tagger {
		return tagging.TaggerFunc(func(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
			return append(dst, tagging.Tag{Group: "x", Value: string(p.Summary.CustomerID)}), nil // nil Summary for prospects
		})
	}
	if err := taggingtest.Check(nilDeref); !errors.Is(err, taggingtest.ErrPanic) || !strings.Contains(err.Error(), "nil pointer dereference") {
		t.Errorf("Check(nilDeref) = %v, want ErrPanic with the runtime's message", err)
	}
}

// TestCheckCatches gives Check one broken tagger per rule and expects it
// to name the rule broken, and only that one.
func TestCheckCatches(t *testing.T) {
	buyer := tagging.Tag{Group: "buyer", Value: "repeat"}
	tests := []struct {
		name string
		new  func() tagging.Tagger
		want error
	}{
		{"nil", func() tagging.Tagger { return nil }, taggingtest.ErrNilTagger},
		{"panic", func() tagging.Tagger {
			return tagging.TaggerFunc(func(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
				return append(dst, tagging.Tag{Group: "x", Value: string(p.Summary.CustomerID)}), nil // nil Summary for prospects
			})
		}, taggingtest.ErrPanic},
		{"empty value", func() tagging.Tagger {
			return tagging.TaggerFunc(func(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
				return append(dst, tagging.Tag{Group: "x"}), nil
			})
		}, taggingtest.ErrInvalidTag},
		{"undeclared group", func() tagging.Tagger {
			return declared{groups: []tagging.Group{{Name: "other"}}, tags: []tagging.Tag{buyer}}
		}, taggingtest.ErrUndeclaredGroup},
		{"two values in an exclusive group", func() tagging.Tagger {
			return declared{groups: []tagging.Group{{Name: "buyer"}}, tags: []tagging.Tag{buyer, {Group: "buyer", Value: "new"}}}
		}, taggingtest.ErrExclusive},
		{"drops dst", func() tagging.Tagger {
			return tagging.TaggerFunc(func(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
				return append(dst[:0], buyer), nil
			})
		}, taggingtest.ErrDst},
		{"overwrites dst", func() tagging.Tagger {
			return tagging.TaggerFunc(func(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
				if len(dst) > 0 {
					dst[0].Value = "changed"
				}
				return dst, nil
			})
		}, taggingtest.ErrDst},
		{"mutates the summary", func() tagging.Tagger {
			return tagging.TaggerFunc(func(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
				if p.Summary != nil && len(p.Summary.Categories) > 0 {
					p.Summary.Categories[0].Orders++
				}
				return dst, nil
			})
		}, taggingtest.ErrMutated},
		{"mutates the person", func() tagging.Tagger {
			return tagging.TaggerFunc(func(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
				if p.Person != nil && len(p.Person.Interests) > 0 {
					p.Person.Interests[0] = "x"
				}
				return dst, nil
			})
		}, taggingtest.ErrMutated},
		{"counter", func() tagging.Tagger {
			var n atomic.Int64
			return tagging.TaggerFunc(func(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
				if n.Add(1)%2 == 0 {
					return append(dst, buyer), nil
				}
				return dst, nil
			})
		}, taggingtest.ErrNondeterministic},
		{"empty name", func() tagging.Tagger { return named{} }, taggingtest.ErrName},
	}
	all := []error{
		taggingtest.ErrNilTagger, taggingtest.ErrPanic, taggingtest.ErrInvalidTag, taggingtest.ErrUndeclaredGroup,
		taggingtest.ErrExclusive, taggingtest.ErrDst, taggingtest.ErrMutated, taggingtest.ErrNondeterministic,
		taggingtest.ErrConcurrent, taggingtest.ErrName,
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := taggingtest.Check(tt.new)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Check() = %v, want an error wrapping %v", err, tt.want)
			}
			for _, other := range all {
				if other != tt.want && errors.Is(err, other) && !(tt.want == taggingtest.ErrNondeterministic && other == taggingtest.ErrConcurrent) {
					t.Errorf("Check() also reports %v: %v", other, err)
				}
			}
		})
	}
	if err := taggingtest.Check(func() tagging.Tagger { return good{} }); err != nil {
		t.Errorf("Check(good) = %v, want nil", err)
	}
}

// TestCheckConcurrent catches a tagger that keeps per-call state in the
// tagger (atomically, so that the race detector stays quiet): under
// concurrent calls profiles get each other's tags.
func TestCheckConcurrent(t *testing.T) {
	err := taggingtest.Check(func() tagging.Tagger { return &shared{} })
	if !errors.Is(err, taggingtest.ErrConcurrent) {
		t.Fatalf("Check() = %v, want an error wrapping ErrConcurrent", err)
	}
}

type declared struct {
	groups []tagging.Group
	tags   []tagging.Tag
}

func (d declared) Groups() []tagging.Group { return d.groups }
func (d declared) Tag(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
	return append(dst, d.tags...), nil
}

type named struct{ good }

func (named) Name() string { return "" }

// shared keeps the profile's ID in a field between two steps: wrong under
// concurrency.
type shared struct{ last atomic.Value }

func (s *shared) Tag(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
	s.last.Store(string(p.ID()))
	runtime.Gosched() // let another goroutine overwrite it
	return append(dst, tagging.Tag{Group: "id", Value: s.last.Load().(string)}), nil
}

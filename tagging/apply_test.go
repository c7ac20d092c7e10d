package tagging_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// view is the comparable content of a Result.
type view struct {
	Index     int
	ID        customer.ID
	AsOf      time.Time
	Tags      []tagging.Tag
	Sources   []string
	Manual    []tagging.Assignment
	Conflicts []tagging.Conflict
	Err       string
}

func viewOf(r tagging.Result, err error) view {
	v := view{Index: r.Index, ID: r.ID, AsOf: r.AsOf, Tags: r.Tags.Tags(), Manual: r.Manual, Conflicts: r.Conflicts}
	for _, t := range v.Tags {
		s, _ := r.Source(t)
		v.Sources = append(v.Sources, s)
	}
	if err != nil {
		v.Err = err.Error()
	}
	return v
}

func collect(t *testing.T, seq func(func(tagging.Result, error) bool)) []view {
	t.Helper()
	var out []view
	for r, err := range seq {
		out = append(out, viewOf(r, err))
	}
	return out
}

// withConflicts adds a rule that contradicts the spend tagger, so that
// results carry conflicts too.
func withConflicts(t *testing.T) []tagging.Tagger {
	return append(allBuiltin(t), tagging.Conditional{
		Title: "refunders spend low",
		When:  func(p *tagging.Profile) bool { return p.Summary != nil && p.Summary.Refunds > 0 },
		Then:  tg(tagging.GroupSpend, "low"),
	})
}

// TestApplyWorkers checks that every worker count gives the same results,
// in input order, equal to tagging each profile alone with Pipeline.Run;
// 2,600 profiles make two full batches and a partial one.
func TestApplyWorkers(t *testing.T) {
	ps := synthProfiles(t, 2_500, 100)
	taggers := withConflicts(t)
	pl, err := tagging.NewPipeline(taggers, tagging.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var want []view
	conflicts := 0
	for i := range ps {
		r, err := pl.Run(&ps[i])
		r.Index = i
		want = append(want, viewOf(r, err))
		conflicts += len(r.Conflicts)
	}
	if conflicts == 0 {
		t.Fatal("no conflicts in the test data; the test would not cover them")
	}
	for _, workers := range []int{1, 2, 3, 8, 0} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			got := collect(t, tagging.Apply(t.Context(), slices.Values(ps), taggers, tagging.Options{Workers: workers}))
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Apply(Workers %d) mismatch (-want +got):\n%s", workers, diff)
			}
		})
	}
}

func TestApplyProgress(t *testing.T) {
	ps := synthProfiles(t, 2_000, 100)
	type call struct{ Done, Total int }
	tests := []struct {
		name    string
		ps      []tagging.Profile
		total   int
		workers int
		want    []call
	}{
		{"known total", ps, 2100, 2, []call{{1024, 2100}, {2048, 2100}, {2100, 2100}}},
		{"unknown total", ps, 0, 1, []call{{1024, 0}, {2048, 0}, {2100, 0}}},
		{"no profiles", nil, 0, 2, []call{{0, 0}}},
		{"no profiles, sequential", nil, 5, 1, []call{{0, 5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []call
			n := 0
			opts := tagging.Options{Workers: tt.workers, Total: tt.total, Progress: func(done, total int) {
				if done != n {
					t.Errorf("Progress(%d) after %d results", done, n)
				}
				got = append(got, call{done, total})
			}}
			for _, err := range tagging.Apply(t.Context(), slices.Values(tt.ps), allBuiltin(t), opts) {
				if err != nil {
					t.Fatal(err)
				}
				n++
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Progress calls mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestApplyCancel cancels the context once the first batch is delivered:
// Apply delivers no result after the batch and ends with the context's
// error, and its goroutines are gone.
func TestApplyCancel(t *testing.T) {
	ps := synthProfiles(t, 4_000, 100)
	for _, workers := range []int{1, 2, 4} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			before := runtime.NumGoroutine()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			opts := tagging.Options{Workers: workers, Progress: func(done, total int) { cancel() }}
			results, errs := 0, 0
			for r, err := range tagging.Apply(ctx, slices.Values(ps), allBuiltin(t), opts) {
				if err != nil {
					errs++
					if !errors.Is(err, context.Canceled) || r.Index != -1 {
						t.Errorf("error %v with index %d, want context.Canceled and -1", err, r.Index)
					}
					continue
				}
				if errs > 0 {
					t.Errorf("result %d after the error", r.Index)
				}
				results++
			}
			if results != 1024 || errs != 1 {
				t.Errorf("got %d results and %d errors, want 1024 and 1", results, errs)
			}
			waitGoroutines(t, before)
		})
	}
	t.Run("cancelled before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		got := collect(t, tagging.Apply(ctx, slices.Values(ps), allBuiltin(t), tagging.Options{Workers: 2}))
		if len(got) != 1 || got[0].Index != -1 || got[0].Err == "" {
			t.Errorf("Apply(cancelled) = %+v, want one error", got)
		}
	})
}

// TestApplyBreak stops early and checks that the goroutines stop and that
// the sequence can be ranged over again.
func TestApplyBreak(t *testing.T) {
	ps := synthProfiles(t, 5_000, 100)
	before := runtime.NumGoroutine()
	seq := tagging.Apply(t.Context(), slices.Values(ps), allBuiltin(t), tagging.Options{Workers: 3})
	for range 2 {
		n := 0
		for r, err := range seq {
			if err != nil || r.Index != n {
				t.Fatalf("result %d: index %d, %v", n, r.Index, err)
			}
			if n++; n == 1500 {
				break
			}
		}
	}
	waitGoroutines(t, before)
}

// waitGoroutines fails when the number of goroutines does not fall back
// to n within a second.
func waitGoroutines(t *testing.T, n int) {
	t.Helper()
	for range 100 {
		if runtime.NumGoroutine() <= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines, want %d: Apply left some running", runtime.NumGoroutine(), n)
}

func TestApplyConfigError(t *testing.T) {
	got := collect(t, tagging.Apply(t.Context(), slices.Values(synthProfiles(t, 10, 1)), []tagging.Tagger{nil}, tagging.Options{}))
	if len(got) != 1 || got[0].Index != -1 || got[0].Err == "" {
		t.Errorf("Apply(nil tagger) = %+v, want one configuration error", got)
	}
}

// TestApplyBadInput mixes bad profiles into a run: each is reported with
// its index and the run goes on.
func TestApplyBadInput(t *testing.T) {
	ps := synthProfiles(t, 1_500, 50)
	ps[3] = tagging.Profile{AsOf: asOf}                                                      // neither person nor company
	ps[5].Manual = []tagging.Assignment{{Tag: tg("vipp", "x"), Source: "sales", AsOf: asOf}} // unknown group
	ps[1200].Summary = ps[1201].Summary                                                      // another customer's summary
	failing := tagging.TaggerFunc(func(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
		if p.ID() == ps[7].ID() {
			return dst, errors.New("lookup failed")
		}
		return dst, nil
	})
	taggers := append(allBuiltin(t), failing)
	for _, workers := range []int{1, 2} {
		var bad []int
		n := 0
		for r, err := range tagging.Apply(t.Context(), slices.Values(ps), taggers, tagging.Options{Workers: workers}) {
			if r.Index != n {
				t.Fatalf("result %d has index %d", n, r.Index)
			}
			n++
			if err == nil {
				continue
			}
			var pe *tagging.ProfileError
			if !errors.As(err, &pe) || pe.Index != r.Index {
				t.Errorf("profile %d: %v, want a *ProfileError with its index", r.Index, err)
			}
			bad = append(bad, r.Index)
			switch r.Index {
			case 3, 1200:
				if !errors.Is(err, tagging.ErrInvalidProfile) || r.Tags.Len() != 0 {
					t.Errorf("profile %d: %v, %v; want ErrInvalidProfile and no tags", r.Index, err, r.Tags)
				}
			case 5:
				if !errors.Is(err, tagging.ErrUnknownGroup) || r.Tags.Len() == 0 || len(r.Manual) != 1 {
					t.Errorf("profile 5: %v, %v; want ErrUnknownGroup with tags and the manual tag kept", err, r.Tags)
				}
			case 7:
				if pe.Tagger != "tagger[8]" || r.Tags.Len() == 0 {
					t.Errorf("profile 7: %+v, %v; want tagger[8]'s failure and the other tags", pe, r.Tags)
				}
			}
		}
		if diff := cmp.Diff([]int{3, 5, 7, 1200}, bad); diff != "" || n != len(ps) {
			t.Errorf("workers %d: %d results; bad profiles mismatch (-want +got):\n%s", workers, n, diff)
		}
	}
}

package tagging_test

import (
	"fmt"
	"runtime"
	"slices"
	"testing"

	"github.com/clientele-go/clientele/tagging"
)

// BenchmarkApply tags 1,000,000 profiles (950,000 persons and 50,000
// companies from internal/synth, summarised from about 10 million orders)
// with every built-in tagger. One op is the whole million; ns/profile and
// allocs/profile are reported too. The profiles are built once per test
// binary, which takes a while.
func BenchmarkApply(b *testing.B) {
	ps, err := bench1M()
	if err != nil {
		b.Fatal(err)
	}
	taggers := allBuiltin(b)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("profiles=1M/workers=%d", workers), func(b *testing.B) {
			opts := tagging.Options{Workers: workers}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			b.ReportAllocs()
			for b.Loop() {
				n := 0
				for r, err := range tagging.Apply(b.Context(), slices.Values(ps), taggers, opts) {
					if err != nil {
						b.Fatal(err)
					}
					n += r.Tags.Len()
				}
				if n == 0 {
					b.Fatal("no tags")
				}
			}
			runtime.ReadMemStats(&after)
			profiles := float64(b.N) * float64(len(ps))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/profiles, "ns/profile")
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/profiles, "allocs/profile")
		})
	}
}

// BenchmarkTagger measures each built-in tagger alone, one op per
// profile, on 10,000 synthetic profiles with a reused dst.
func BenchmarkTagger(b *testing.B) {
	ps := synthProfiles(b, 9_500, 500)
	for _, t := range allBuiltin(b) {
		b.Run(t.(tagging.Namer).Name(), func(b *testing.B) {
			dst := make([]tagging.Tag, 0, 16)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				var err error
				if dst, err = t.Tag(&ps[i], dst[:0]); err != nil {
					b.Fatal(err)
				}
				if i++; i == len(ps) {
					i = 0
				}
			}
		})
	}
}

// BenchmarkStats measures Stats.Add with one cross-tab, one op per
// result.
func BenchmarkStats(b *testing.B) {
	ps := synthProfiles(b, 9_500, 500)
	var results []tagging.Result
	for r, err := range tagging.Apply(b.Context(), slices.Values(ps), allBuiltin(b), tagging.Options{Workers: 1}) {
		if err != nil {
			b.Fatal(err)
		}
		results = append(results, r)
	}
	st := tagging.Stats{Cross: []tagging.Pair{{Row: tagging.GroupSpend, Col: tagging.GroupActivity}}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		st.Add(results[i])
		if i++; i == len(results) {
			i = 0
		}
	}
}

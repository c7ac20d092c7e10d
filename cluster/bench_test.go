package cluster_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/cluster"
	"github.com/clientele-go/clientele/internal/synth"
)

// benchData caches the benchmark data sets: 8-dimensional mixtures of 8
// Gaussian blobs, the same as scripts/bench-sklearn.sh feeds scikit-learn.
var benchData = struct {
	sync.Mutex
	m map[int][][]float64
}{m: map[int][][]float64{}}

func blobs(n int) [][]float64 {
	benchData.Lock()
	defer benchData.Unlock()
	if X, ok := benchData.m[n]; ok {
		return X
	}
	X, _, _ := synth.Blobs{N: n, Dim: 8, Centers: 8, Seed: 1}.Generate()
	benchData.m[n] = X
	return X
}

func BenchmarkKMeans(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		for _, k := range []int{8, 32} {
			for _, alg := range []cluster.Algorithm{cluster.Lloyd, cluster.Hamerly} {
				b.Run(fmt.Sprintf("n=%d/k=%d/%v", n, k, alg), func(b *testing.B) {
					X := blobs(n)
					km := cluster.KMeans{K: k, Seed: 1, Algorithm: alg}
					b.ReportAllocs()
					var iters, runs int
					for b.Loop() {
						m, err := km.Fit(b.Context(), cluster.Data{Rows: X})
						if err != nil {
							b.Fatal(err)
						}
						iters += m.Iterations
						runs++
					}
					b.ReportMetric(float64(iters)/float64(runs), "iters/op")
				})
			}
		}
	}
}

func BenchmarkMiniBatchKMeans(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		for _, k := range []int{8, 32} {
			b.Run(fmt.Sprintf("n=%d/k=%d", n, k), func(b *testing.B) {
				X := blobs(n)
				mb := cluster.MiniBatchKMeans{K: k, Seed: 1}
				b.ReportAllocs()
				var steps, runs int
				for b.Loop() {
					m, err := mb.Fit(b.Context(), cluster.Data{Rows: X})
					if err != nil {
						b.Fatal(err)
					}
					steps += m.Iterations
					runs++
				}
				b.ReportMetric(float64(steps)/float64(runs), "steps/op")
			})
		}
	}
}

func BenchmarkSilhouette(b *testing.B) {
	X := blobs(10_000)
	m, err := cluster.KMeans{K: 8, Seed: 1}.Fit(b.Context(), cluster.Data{Rows: X})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("exact/n=10000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := (cluster.Silhouette{}).Score(b.Context(), cluster.Data{Rows: X}, m.Labels); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sample=2000/n=10000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := (cluster.Silhouette{SampleSize: 2000, Seed: 1}).Score(b.Context(), cluster.Data{Rows: X}, m.Labels); err != nil {
				b.Fatal(err)
			}
		}
	})
}

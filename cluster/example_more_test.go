package cluster_test

import (
	"context"
	"fmt"

	"github.com/clientele-go/clientele/cluster"
	"github.com/clientele-go/clientele/internal/synth"
)

func ExampleData_flat() {
	// Data already held flat, row-major: four points in two dimensions,
	// read in place without a copy.
	X := cluster.Data{Flat: []float64{0, 0, 0, 2, 10, 0, 10, 2}, Cols: 2}
	fit, err := cluster.KMeans{K: 2, InitCentroids: [][]float64{{0, 0}, {10, 0}}}.Fit(context.Background(), X)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fit.Labels, fit.Centroids, fit.Inertia)
	// Output:
	// [0 0 1 1] [[0 1] [10 1]] 4
}

func ExampleMiniBatchKMeans_Fit() {
	// 20,000 points around three centres; batches of 512 rows.
	X, _, _ := synth.Blobs{N: 20000, Dim: 2, Centers: 3, Std: 0.5, Seed: 4}.Generate()
	m, err := cluster.MiniBatchKMeans{K: 3, BatchSize: 512, Seed: 1}.Fit(context.Background(), cluster.Data{Rows: X})
	if err != nil {
		fmt.Println(err)
		return
	}
	full, err := cluster.KMeans{K: 3, Seed: 1}.Fit(context.Background(), cluster.Data{Rows: X})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("mini-batch inertia within %.1f%% of the full fit's\n", 100*(m.Inertia/full.Inertia-1))
	// Output:
	// mini-batch inertia within 0.0% of the full fit's
}

func ExampleMinMax() {
	var mm cluster.MinMax
	scaled, err := mm.FitTransform([][]float64{{10, 5}, {20, 5}, {15, 5}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(scaled) // the constant column maps to 0
	back, _ := mm.Inverse([][]float64{{0.25, 0}})
	fmt.Println(back)
	// Output:
	// [[0 0] [1 0] [0.5 0]]
	// [[12.5 5]]
}

func ExampleSilhouette_sampled() {
	X, labels, _ := synth.Blobs{N: 2000, Dim: 2, Centers: 4, Std: 1, Seed: 8}.Generate()
	exact, _ := cluster.Silhouette{}.Score(context.Background(), cluster.Data{Rows: X}, labels)
	// Score 500 sampled rows against each other instead of all 2,000.
	sampled, err := cluster.Silhouette{SampleSize: 500, Seed: 1}.Score(context.Background(), cluster.Data{Rows: X}, labels)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("exact %.2f, sampled %.2f\n", exact, sampled)
	// Output:
	// exact 0.49, sampled 0.48
}

func ExampleDaviesBouldin() {
	// Clusters {0, 1} and {5}: centroids 0.5 and 5, mean distances to the
	// centroid 0.5 and 0.
	X := [][]float64{{0}, {1}, {5}}
	labels := []int{0, 0, 1}
	db, _ := cluster.DaviesBouldin(cluster.Data{Rows: X}, labels)
	ch, _ := cluster.CalinskiHarabasz(cluster.Data{Rows: X}, labels)
	fmt.Printf("Davies-Bouldin %.4f (lower is better), Calinski-Harabasz %.1f (higher is better)\n", db, ch)
	// Output:
	// Davies-Bouldin 0.1111 (lower is better), Calinski-Harabasz 27.0 (higher is better)
}

func ExampleModel_Transform() {
	m := &cluster.Model{Centroids: [][]float64{{0, 0}, {3, 4}}}
	dist, err := m.Transform(cluster.Data{Rows: [][]float64{{0, 0}, {6, 8}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(dist)
	// Output:
	// [[0 5] [10 5]]
}

func ExampleModel_Score() {
	m := &cluster.Model{Centroids: [][]float64{{0, 0}, {3, 4}}}
	// Nearest squared distances 1 and 4, the second row counted twice.
	s, err := m.Score(cluster.Data{Rows: [][]float64{{1, 0}, {3, 6}}, Weights: []float64{1, 2}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s)
	// Output:
	// 9
}

func ExampleStandardize_robust() {
	// Visits and spend of five customers; one spends a fortune. Log the
	// spend first, then centre on the median and divide by the
	// interquartile range, which the big spender does not move.
	X := [][]float64{{3, 120}, {5, 80}, {4, 95}, {6, 150}, {4, 25000}}
	sc := cluster.Standardize{Robust: true, Log1p: []int{1}}
	Z, err := sc.FitTransform(X)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, z := range Z {
		fmt.Printf("%5.2f %5.2f\n", z[0], z[1])
	}
	back, _ := sc.Inverse(Z[4:])
	fmt.Printf("back: %.0f %.0f\n", back[0][0], back[0][1])
	// Output:
	// -1.00  0.00
	//  1.00 -0.89
	//  0.00 -0.51
	//  2.00  0.49
	//  0.00 11.77
	// back: 4 25000
}

func ExampleSilhouette_Samples() {
	// Two tight clusters and a point between them that belongs to neither.
	X := [][]float64{{0, 0}, {0, 1}, {10, 0}, {10, 1}, {5, 0.5}}
	labels := []int{0, 0, 1, 1, 0}
	s, err := cluster.Silhouette{}.Samples(context.Background(), cluster.Data{Rows: X}, labels)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, v := range s {
		fmt.Printf("row %d: %.2f\n", i, v)
	}
	// Output:
	// row 0: 0.70
	// row 1: 0.70
	// row 2: 0.88
	// row 3: 0.88
	// row 4: 0.00
}

package cluster_test

import (
	"context"
	"fmt"

	"github.com/clientele-go/clientele/cluster"
)

func ExampleKMeans_Fit() {
	// Two obvious groups of customers by (orders per year, average basket).
	X := [][]float64{
		{1, 20}, {2, 22}, {1, 18},
		{12, 80}, {11, 85}, {13, 78},
	}
	m, err := cluster.KMeans{K: 2, Seed: 1}.Fit(context.Background(), cluster.Data{Rows: X})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("labels:", m.Labels)
	for j, c := range m.Centroids {
		fmt.Printf("centroid %d: %.2f\n", j, c)
	}
	fmt.Printf("inertia %.2f after %d iterations\n", m.Inertia, m.Iterations)
	fmt.Println("new customer {3, 25} joins cluster", m.Predict([]float64{3, 25}))
	// Output:
	// labels: [1 1 1 0 0 0]
	// centroid 0: [12.00 81.00]
	// centroid 1: [1.33 20.00]
	// inertia 36.67 after 2 iterations
	// new customer {3, 25} joins cluster 1
}

func ExampleKMeans_Fit_weighted() {
	// A row of weight 3 counts as three copies of it.
	X := [][]float64{{0}, {4}, {10}, {11}}
	w := []float64{3, 1, 1, 1}
	km := cluster.KMeans{K: 2, InitCentroids: [][]float64{{0}, {10}}}
	m, err := km.Fit(context.Background(), cluster.Data{Rows: X, Weights: w})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Labels, m.Centroids)
	// Output:
	// [0 0 1 1] [[1] [10.5]]
}

func ExampleStandardize() {
	// Recency in days and spend in yuan live on different scales;
	// standardise before clustering, then report centroids in yuan again.
	X := [][]float64{{5, 1200}, {7, 1000}, {200, 90}, {180, 110}, {6, 1100}, {210, 100}}
	var sc cluster.Standardize
	Z, err := sc.FitTransform(X)
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := cluster.KMeans{K: 2, Seed: 3}.Fit(context.Background(), cluster.Data{Rows: Z})
	if err != nil {
		fmt.Println(err)
		return
	}
	centres, err := sc.Inverse(m.Centroids)
	if err != nil {
		fmt.Println(err)
		return
	}
	for j, c := range centres {
		fmt.Printf("cluster %d: recency %.0f days, spend %.0f\n", j, c[0], c[1])
	}
	// Output:
	// cluster 0: recency 6 days, spend 1100
	// cluster 1: recency 197 days, spend 100
}

func ExampleSilhouette() {
	X := [][]float64{{0}, {1}, {5}}
	s, err := cluster.Silhouette{}.Score(context.Background(), cluster.Data{Rows: X}, []int{0, 0, 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Row 0: a = 1, b = 5; row 1: a = 1, b = 4; row 2 is alone: 0.
	fmt.Printf("%.4f\n", s)
	// Output:
	// 0.5167
}

func ExampleChooseK() {
	X := [][]float64{
		{0, 0}, {0, 1}, {1, 0},
		{10, 10}, {10, 11}, {11, 10},
		{0, 20}, {1, 20}, {0, 21},
	}
	c, err := cluster.ChooseK{MinK: 2, MaxK: 5, KMeans: cluster.KMeans{Seed: 1}}.Run(context.Background(), cluster.Data{Rows: X})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range c.Scores {
		fmt.Printf("K=%d inertia %.2f silhouette %.3f\n", s.K, s.Inertia, s.Silhouette)
	}
	fmt.Println("best by silhouette:", c.BySilhouette, "elbow:", c.Elbow)
	// Output:
	// K=2 inertia 304.00 silhouette 0.618
	// K=3 inertia 4.00 silhouette 0.919
	// K=4 inertia 3.17 silhouette 0.645
	// K=5 inertia 2.33 silhouette 0.371
	// best by silhouette: 3 elbow: 3
}

func ExampleOnline() {
	// Stream batches through a mini-batch fit, then split one step over two
	// shards: each computes Sums against the same centroids, the host merges
	// them in a fixed order and applies the result.
	cfg := cluster.MiniBatchKMeans{K: 2, InitCentroids: [][]float64{{0}, {10}}}
	o := cfg.Online()
	for _, batch := range [][][]float64{{{1}, {9}, {2}}, {{11}, {0}, {8}}} {
		if err := o.PartialFit(context.Background(), cluster.Data{Rows: batch}); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println("after two batches:", o.Model().Centroids)

	shardA, _ := o.Sums(cluster.Data{Rows: [][]float64{{1}, {12}}})
	shardB, _ := o.Sums(cluster.Data{Rows: [][]float64{{3}}})
	if err := shardA.Merge(shardB); err != nil {
		fmt.Println(err)
		return
	}
	if err := o.Apply(shardA); err != nil {
		fmt.Println(err)
		return
	}
	// Centroid 0 had weight 3 at 1 and gains 1 and 3: (3×1+4)/5.
	fmt.Println("after the sharded step:", o.Model().Centroids)
	// Output:
	// after two batches: [[1] [9.333333333333334]]
	// after the sharded step: [[1.4] [10]]
}

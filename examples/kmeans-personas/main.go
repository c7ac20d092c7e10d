// Kmeans-personas turns customers' buying behaviour into personas with
// k-means: it summarises a sample of orders per customer, standardises five
// features (recency, frequency, monetary value, discount share, online
// share), picks the number of clusters by silhouette, fits, and prints each
// cluster's size and centroid in original units as a persona line.
//
//	go run ./examples/kmeans-personas
//
// To use your own data, replace the sample with customer.ReadOrders.
package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/clientele-go/clientele/cluster"
	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/sample"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "kmeans-personas:", err)
		os.Exit(1)
	}
}

// features are the columns of the matrix, in order.
var features = []string{"recency (days)", "log(1+orders)", "log(1+net spend in yuan)", "discount share", "online share"}

func run(w io.Writer) error {
	ctx := context.Background()

	// 1. Sample: 3,000 persons with three years of orders. Companies buy
	// differently (B2B), so only persons are clustered.
	data := sample.Generate(sample.Config{People: 3000, Companies: -1, Seed: 7})
	sums, skipped, err := customer.Summarize(ctx, slices.Values(data.Orders), data.AsOf, customer.SummaryOptions{})
	if err != nil {
		return err
	}

	// 2. One row of features per customer with at least one purchase.
	X := featureRows(sums)
	fmt.Fprintf(w, "%d customers with purchases (of %d summarised, %d orders skipped), as of %s\n\n",
		len(X), len(sums), skipped.Total(), data.AsOf.Format("2006-01-02"))
	fmt.Fprintf(w, "features: %s\n\n", strings.Join(features, ", "))

	// 3. Standardise so that spend in yuan does not drown the shares.
	var sc cluster.Standardize
	Z, err := sc.FitTransform(X)
	if err != nil {
		return err
	}

	// 4. Choose K by silhouette among 2..8.
	km := cluster.KMeans{Seed: 1, NInit: 4}
	choice, err := cluster.ChooseK{MinK: 2, MaxK: 8, KMeans: km}.Run(ctx, cluster.Data{Rows: Z})
	if err != nil {
		return err
	}
	printChoice(w, choice)

	// 5. Fit with the chosen K and report centroids in original units.
	km.K = choice.BySilhouette
	m, err := km.Fit(ctx, cluster.Data{Rows: Z})
	if err != nil {
		return err
	}
	centres, err := sc.Inverse(m.Centroids)
	if err != nil {
		return err
	}
	printPersonas(w, m, centres)
	return nil
}

// featureRows returns one row of features per customer with at least one
// purchase. Money is decimal in the library; the model works in float64.
// Order counts and spend are heavily skewed (a few customers buy a lot),
// so they enter as log(1+x), which keeps the big buyers from becoming
// clusters of their own; the report maps them back.
func featureRows(sums []customer.Summary) [][]float64 {
	var X [][]float64
	for _, s := range sums {
		days, ok := s.DaysSinceLast()
		if !ok {
			continue
		}
		X = append(X, []float64{
			float64(days),
			math.Log1p(float64(s.Orders)),
			math.Log1p(max(s.Net.InexactFloat64(), 0)), // refunds can exceed purchases
			s.DiscountShare(),
			s.OnlineShare(),
		})
	}
	return X
}

// printChoice prints the inertia and silhouette of each K tried.
func printChoice(w io.Writer, choice *cluster.KChoice) {
	fmt.Fprintln(w, "K   inertia   silhouette")
	for _, s := range choice.Scores {
		mark := ""
		if s.K == choice.BySilhouette {
			mark = "  <- chosen"
		}
		fmt.Fprintf(w, "%d  %8.1f   %.3f%s\n", s.K, s.Inertia, s.Silhouette, mark)
	}
	fmt.Fprintf(w, "(the inertia curve's elbow is at K = %d)\n\n", choice.Elbow)
}

// printPersonas prints one line per cluster, the largest first: its name
// (from the standardised centroid), size and centroid in original units.
func printPersonas(w io.Writer, m *cluster.Model, centres [][]float64) {
	k := len(centres)
	sizes := make([]int, k)
	for _, l := range m.Labels {
		sizes[l]++
	}
	order := make([]int, k)
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(sizes[b], sizes[a]) })

	fmt.Fprintf(w, "%d personas (centroids in original units; names from the standardised centroid)\n", k)
	for rank, j := range order {
		c := centres[j]
		orders, spend := math.Expm1(c[1]), math.Expm1(c[2]) // geometric-mean-like centres
		fmt.Fprintf(w, "%d. %-38s %4d customers (%4.1f%%): last order %3.0f days ago, %4.1f orders, %8.2f yuan net, %3.0f%% discounted, %3.0f%% online\n",
			rank+1, name(m.Centroids[j]), sizes[j], 100*float64(sizes[j])/float64(len(m.Labels)),
			c[0], orders, spend, 100*c[3], 100*c[4])
	}
}

// name describes a standardised centroid by its features more than half a
// standard deviation from the average customer, strongest first.
func name(z []float64) string {
	type trait struct {
		z    float64
		text string
	}
	words := [][2]string{ // {below average, above average}, per feature
		{"recent", "lapsing"},
		{"occasional", "frequent"},
		{"low-spend", "high-spend"},
		{"full-price", "deal-seeking"},
		{"store-first", "online-first"},
	}
	var traits []trait
	for t, v := range z {
		switch {
		case v > 0.5:
			traits = append(traits, trait{v, words[t][1]})
		case v < -0.5:
			traits = append(traits, trait{-v, words[t][0]})
		}
	}
	if len(traits) == 0 {
		return "typical"
	}
	slices.SortStableFunc(traits, func(a, b trait) int { return cmp.Compare(b.z, a.z) })
	var parts []string
	for _, t := range traits[:min(3, len(traits))] {
		parts = append(parts, t.text)
	}
	return strings.Join(parts, ", ")
}

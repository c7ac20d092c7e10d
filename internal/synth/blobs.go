package synth

import (
	"math/rand/v2"
)

// Blobs describes an isotropic Gaussian mixture in the manner of
// scikit-learn's make_blobs: Centers component centres drawn uniformly from
// the box [-Box, Box]^Dim, and N points split as evenly as possible between
// the components (the first N mod Centers components get one extra point),
// each point its centre plus independent normal noise with standard deviation
// Std in every coordinate. Points come out in a shuffled order.
//
// The zero value of each field but N and Seed selects a default. The same
// Blobs value always generates the same data.
type Blobs struct {
	N       int     // number of points; 0 or less yields no points
	Dim     int     // dimensions; 0 means 2
	Centers int     // mixture components; 0 means 3
	Std     float64 // noise standard deviation; 0 means 1
	Box     float64 // half-width of the box the centres come from; 0 means 10
	Seed    uint64  // seeds math/rand/v2's PCG
}

// Generate returns the points as rows that share one flat row-major backing
// array (Flat returns it directly), the component of each point and the
// component centres.
func (b Blobs) Generate() (X [][]float64, labels []int, centers [][]float64) {
	flat, labels, centers := b.Flat()
	d := len(centers[0])
	X = make([][]float64, len(labels))
	for i := range X {
		X[i] = flat[i*d : (i+1)*d : (i+1)*d]
	}
	return X, labels, centers
}

// Flat is Generate with the points as one row-major slice of N×Dim values.
func (b Blobs) Flat() (data []float64, labels []int, centers [][]float64) {
	n := max(b.N, 0)
	d := b.Dim
	if d <= 0 {
		d = 2
	}
	k := b.Centers
	if k <= 0 {
		k = 3
	}
	std := b.Std
	if std == 0 {
		std = 1
	}
	box := b.Box
	if box == 0 {
		box = 10
	}
	rng := rand.New(rand.NewPCG(b.Seed, 0x626c6f6273)) // "blobs"
	centers = make([][]float64, k)
	for j := range centers {
		c := make([]float64, d)
		for t := range c {
			c[t] = (2*rng.Float64() - 1) * box
		}
		centers[j] = c
	}
	labels = make([]int, n)
	for i := range labels {
		labels[i] = i % k
	}
	// Component j gets n/k points plus one when j < n%k, as make_blobs does;
	// a Fisher–Yates shuffle then mixes the order.
	for i := n - 1; i > 0; i-- {
		j := rng.IntN(i + 1)
		labels[i], labels[j] = labels[j], labels[i]
	}
	data = make([]float64, n*d)
	for i, l := range labels {
		row := data[i*d : (i+1)*d]
		for t := range row {
			row[t] = centers[l][t] + std*rng.NormFloat64()
		}
	}
	return data, labels, centers
}

package synth_test

import (
	"math"
	"testing"

	"github.com/clientele-go/clientele/internal/synth"
	"github.com/google/go-cmp/cmp"
)

func TestBlobsDeterministic(t *testing.T) {
	b := synth.Blobs{N: 500, Dim: 3, Centers: 4, Seed: 7}
	x1, l1, c1 := b.Generate()
	x2, l2, c2 := b.Generate()
	if diff := cmp.Diff(x1, x2); diff != "" {
		t.Errorf("Generate points differ between calls (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(l1, l2); diff != "" {
		t.Errorf("Generate labels differ between calls (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(c1, c2); diff != "" {
		t.Errorf("Generate centres differ between calls (-first +second):\n%s", diff)
	}
	b.Seed = 8
	x3, _, _ := b.Generate()
	if cmp.Equal(x1, x3) {
		t.Error("seeds 7 and 8 generated the same points")
	}
}

func TestBlobsShape(t *testing.T) {
	tests := []struct {
		name       string
		b          synth.Blobs
		n, d, k    int
		wantCounts []int
	}{
		{"defaults", synth.Blobs{N: 10}, 10, 2, 3, []int{4, 3, 3}},
		{"even", synth.Blobs{N: 12, Dim: 5, Centers: 4}, 12, 5, 4, []int{3, 3, 3, 3}},
		{"remainder", synth.Blobs{N: 14, Dim: 1, Centers: 4}, 14, 1, 4, []int{4, 4, 3, 3}},
		{"empty", synth.Blobs{N: -3, Centers: 2}, 0, 2, 2, []int{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			X, labels, centers := tt.b.Generate()
			flat, _, _ := tt.b.Flat()
			if len(X) != tt.n || len(labels) != tt.n || len(flat) != tt.n*tt.d || len(centers) != tt.k {
				t.Fatalf("got %d rows, %d labels, %d values, %d centres; want %d, %d, %d, %d",
					len(X), len(labels), len(flat), len(centers), tt.n, tt.n, tt.n*tt.d, tt.k)
			}
			counts := make([]int, tt.k)
			for i, row := range X {
				if len(row) != tt.d {
					t.Fatalf("row %d has %d values, want %d", i, len(row), tt.d)
				}
				if !cmp.Equal(row, flat[i*tt.d:(i+1)*tt.d]) {
					t.Fatalf("row %d differs from Flat", i)
				}
				counts[labels[i]]++
			}
			if diff := cmp.Diff(tt.wantCounts, counts); diff != "" {
				t.Errorf("points per component mismatch (-want +got):\n%s", diff)
			}
			for j, c := range centers {
				for _, v := range c {
					if math.Abs(v) > 10 {
						t.Errorf("centre %d = %v lies outside the default box [-10, 10]", j, c)
					}
				}
			}
		})
	}
}

// TestBlobsMoments checks that each component's sample mean and standard
// deviation match the centre and Std to within sampling error.
func TestBlobsMoments(t *testing.T) {
	const n, d, k, std = 40000, 2, 4, 0.5
	X, labels, centers := synth.Blobs{N: n, Dim: d, Centers: k, Std: std, Box: 3, Seed: 1}.Generate()
	sum := make([][]float64, k)
	sq := make([][]float64, k)
	for j := range sum {
		sum[j] = make([]float64, d)
		sq[j] = make([]float64, d)
	}
	for i, row := range X {
		for c, v := range row {
			dev := v - centers[labels[i]][c]
			sum[labels[i]][c] += dev
			sq[labels[i]][c] += dev * dev
		}
	}
	m := float64(n / k)
	for j := range k {
		for c := range d {
			mean := sum[j][c] / m
			sd := math.Sqrt(sq[j][c] / m)
			// Standard errors: std/sqrt(m) for the mean, about
			// std/sqrt(2m) for the standard deviation; allow 5 of them.
			if math.Abs(mean) > 5*std/math.Sqrt(m) {
				t.Errorf("component %d dim %d: mean offset %v, want about 0", j, c, mean)
			}
			if math.Abs(sd-std) > 5*std/math.Sqrt(2*m) {
				t.Errorf("component %d dim %d: std %v, want about %v", j, c, sd, std)
			}
		}
		for _, v := range centers[j] {
			if math.Abs(v) > 3 {
				t.Errorf("centre %d = %v lies outside the box [-3, 3]", j, centers[j])
			}
		}
	}
}

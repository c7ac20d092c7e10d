package rfm_test

import (
	"testing"

	"github.com/clientele-go/clientele/rfm"
	"github.com/google/go-cmp/cmp"
)

func TestMeanSplit(t *testing.T) {
	// Means: recency (2+10+6)/3 = 6, frequency (1+5+3)/3 = 3, monetary
	// (10+0.01+20)/3 = 10.0033...
	values := []rfm.Values{
		{Recency: 2, Frequency: 1, Monetary: dec("10")},
		{Recency: 10, Frequency: 5, Monetary: dec("0.01")},
		{Recency: 6, Frequency: 3, Monetary: dec("20")},
	}
	got, err := rfm.MeanSplit{}.Score(values)
	if err != nil {
		t.Fatal(err)
	}
	want := []rfm.Scores{
		{R: 2, F: 1, M: 1}, // fewer days than the mean is high recency
		{R: 1, F: 2, M: 1},
		{R: 1, F: 2, M: 2}, // exactly the mean: recency low, frequency high
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("MeanSplit mismatch (-want +got):\n%s", diff)
	}
	// A mean that no float64 holds exactly: 0.1, 0.2 and 0.3 average to
	// 0.2; only an exact comparison puts 0.2 at the mean (high).
	values = []rfm.Values{{Monetary: dec("0.1")}, {Monetary: dec("0.2")}, {Monetary: dec("0.3")}}
	got, _ = rfm.MeanSplit{}.Score(values)
	if diff := cmp.Diff([]int{1, 2, 2}, column(got, 'M')); diff != "" {
		t.Errorf("exact mean mismatch (-want +got):\n%s", diff)
	}
	// Totals beyond int64 units fall back to exact decimals.
	values = []rfm.Values{{Monetary: dec("900000000000000")}, {Monetary: dec("900000000000000")}, {Monetary: dec("900000000000000.0001")}}
	got, _ = rfm.MeanSplit{}.Score(values)
	if diff := cmp.Diff([]int{1, 1, 2}, column(got, 'M')); diff != "" {
		t.Errorf("big mean mismatch (-want +got):\n%s", diff)
	}
	// All equal: recency low, the others high.
	got, _ = rfm.MeanSplit{}.Score(freqs(4, 4))
	if diff := cmp.Diff([]rfm.Scores{{CustomerID: "c0", R: 1, F: 2, M: 2}, {CustomerID: "c1", R: 1, F: 2, M: 2}}, got); diff != "" {
		t.Errorf("equal values (-want +got):\n%s", diff)
	}
}

package rfm_test

import (
	"errors"
	"testing"

	"github.com/clientele-go/clientele/rfm"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestThresholds(t *testing.T) {
	th := rfm.Thresholds{
		Recency:   []int{30, 90, 180, 365},
		Frequency: []int{2, 5},
		Monetary:  []decimal.Decimal{dec("100"), dec("500.50"), dec("2000")},
	}
	values := []rfm.Values{
		{Recency: 0, Frequency: 1, Monetary: dec("99.99")},
		{Recency: 29, Frequency: 2, Monetary: dec("100")},
		{Recency: 30, Frequency: 4, Monetary: dec("500.4999")},
		{Recency: 179, Frequency: 5, Monetary: dec("500.5")},
		{Recency: 180, Frequency: 50, Monetary: dec("1999.999999")}, // beyond 4 decimals
		{Recency: 365, Frequency: 0, Monetary: dec("2000.00")},
		{Recency: 1000, Frequency: 3, Monetary: dec("-5")},
	}
	got, err := th.Score(values)
	if err != nil {
		t.Fatal(err)
	}
	want := []rfm.Scores{
		{R: 5, F: 1, M: 1},
		{R: 5, F: 2, M: 2},
		{R: 4, F: 2, M: 2},
		{R: 3, F: 3, M: 3},
		{R: 2, F: 3, M: 3},
		{R: 1, F: 1, M: 4},
		{R: 1, F: 2, M: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Thresholds.Score mismatch (-want +got):\n%s", diff)
	}
	for _, bad := range []rfm.Thresholds{
		{Frequency: []int{1}, Monetary: th.Monetary},
		{Recency: []int{30, 30}, Frequency: []int{1}, Monetary: th.Monetary},
		{Recency: []int{30}, Frequency: []int{3, 1}, Monetary: th.Monetary},
		{Recency: []int{30}, Frequency: []int{1}, Monetary: []decimal.Decimal{dec("2"), dec("1.5")}},
	} {
		if _, err := bad.Score(values); !errors.Is(err, rfm.ErrConfig) {
			t.Errorf("Score(%+v) error = %v, want ErrConfig", bad, err)
		}
	}
}

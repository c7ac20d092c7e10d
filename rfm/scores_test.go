package rfm_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/clientele-go/clientele/rfm"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// scorer is the method the scorers share (see rfm.Scores).
type scorer interface {
	Score(values []rfm.Values) ([]rfm.Scores, error)
}

func TestScorersEmptyAndErrors(t *testing.T) {
	th := rfm.Thresholds{Recency: []int{1}, Frequency: []int{1}, Monetary: []decimal.Decimal{dec("1")}}
	for _, s := range []scorer{rfm.Quantile{}, th, rfm.MeanSplit{}} {
		got, err := s.Score(nil)
		if err != nil || len(got) != 0 {
			t.Errorf("%T.Score(nil) = %v, %v; want empty, nil", s, got, err)
		}
	}
	for _, q := range []rfm.Quantile{{Bins: -1}, {Workers: -1}} {
		if _, err := q.Score(freqs(1)); !errors.Is(err, rfm.ErrConfig) {
			t.Errorf("%+v.Score error = %v, want ErrConfig", q, err)
		}
		if _, err := q.Breaks(freqs(1)); !errors.Is(err, rfm.ErrConfig) {
			t.Errorf("%+v.Breaks error = %v, want ErrConfig", q, err)
		}
	}
}

// TestScoreDoesNotModifyValues guards the scorers' contract.
func TestScoreDoesNotModifyValues(t *testing.T) {
	values := []rfm.Values{{"a", 5, 1, dec("3")}, {"b", 1, 9, dec("1")}, {"c", 3, 4, dec("2")}}
	orig := slices.Clone(values)
	th := rfm.Thresholds{Recency: []int{2}, Frequency: []int{2}, Monetary: []decimal.Decimal{dec("2")}}
	for _, s := range []scorer{rfm.Quantile{}, th, rfm.MeanSplit{}} {
		if _, err := s.Score(values); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(orig, values); diff != "" {
			t.Errorf("%T.Score changed its input (-want +got):\n%s", s, diff)
		}
	}
}

// TestScoresCarryCustomerIDs checks that every scorer gives each score
// the customer ID of its values, in order.
func TestScoresCarryCustomerIDs(t *testing.T) {
	values := []rfm.Values{{"a", 5, 1, dec("3")}, {"b", 1, 9, dec("1")}, {"c", 3, 4, dec("2")}, {"a", 3, 4, dec("2")}}
	th := rfm.Thresholds{Recency: []int{2}, Frequency: []int{2}, Monetary: []decimal.Decimal{dec("2")}}
	for _, s := range []scorer{rfm.Quantile{}, rfm.Quantile{Workers: 3}, th, rfm.MeanSplit{}} {
		got, err := s.Score(values)
		if err != nil {
			t.Fatal(err)
		}
		for i := range values {
			if got[i].CustomerID != values[i].CustomerID {
				t.Errorf("%T.Score: scores %d are of %q, want %q", s, i, got[i].CustomerID, values[i].CustomerID)
			}
		}
	}
}

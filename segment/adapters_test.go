package segment_test

import (
	"errors"
	"testing"

	"github.com/clientele-go/clientele/cluster"
	"github.com/clientele-go/clientele/rfm"
	"github.com/clientele-go/clientele/segment"
	"github.com/google/go-cmp/cmp"
)

func TestRFM(t *testing.T) {
	s, err := segment.NewRFM(rfm.ValueSegments())
	if err != nil {
		t.Fatal(err)
	}
	members := smallMembers()
	// MeanSplit scores: 2 is high. R high, F low, M high is 重要发展客户.
	members[0].RFM = &rfm.Scores{R: 2, F: 1, M: 2}
	members[1].RFM = &rfm.Scores{R: 1, F: 1, M: 1}
	res, err := segment.Run(t.Context(), members, s, segment.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Segments) != 9 || res.Segments[1].ID != "Important growth" || res.Segments[1].DisplayName() != "重要发展客户" {
		t.Fatalf("segments: %+v", res.Segments)
	}
	want := map[int]string{0: "Important growth", 1: "General win-back"}
	for i := range members {
		k, ok := res.Primary(i)
		id := ""
		if ok {
			id = res.Segments[k].ID
		}
		if id != want[i] {
			t.Errorf("member %d in %q, want %q", i, id, want[i])
		}
	}
	// Members without scores are in no segment.
	if len(res.Unassigned) != 3 {
		t.Errorf("unassigned %v, want the 3 valid members without RFM scores", res.Unassigned)
	}
	// Scores no rule matches go to the fallback.
	bad := fixturePerson()
	bad.RFM = &rfm.Scores{R: 9, F: 9, M: 9}
	if got := s.Assign(&bad, nil); !cmp.Equal(got, []string{"Others"}) {
		t.Errorf("out-of-range scores: %v, want the fallback", got)
	}
	if _, err := segment.NewRFM(rfm.SegmentTable{Rules: []rfm.SegmentRule{{Name: ""}}}); !errors.Is(err, segment.ErrConfig) || !errors.Is(err, rfm.ErrConfig) {
		t.Errorf("bad table: %v", err)
	}
}

func TestClusters(t *testing.T) {
	aov := func(m *segment.Member, dst []float64) ([]float64, bool) {
		if m.Summary == nil || m.Summary.Orders == 0 {
			return dst, false
		}
		return append(dst, m.Summary.AvgOrderValue.InexactFloat64()), true
	}
	// Standardised AOV (mean 100, sd 50): 250 → 3, 100 → 0, 75.5 → −0.49.
	sc := &cluster.Standardize{Mean: []float64{100}, Scale: []float64{50}}
	model := &cluster.Model{Centroids: [][]float64{{-1}, {1}}}
	s, err := segment.NewClusters(segment.ClusterConfig{
		Model: model, Features: aov, Scaler: sc,
		Segments: []segment.Segment{{ID: "budget"}, {ID: "premium"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Segments(); !cmp.Equal(got, []segment.Segment{{ID: "budget"}, {ID: "premium"}}) {
		t.Errorf("Segments() = %+v, want budget and premium in cluster order", got)
	}
	members := smallMembers()
	// 250 → premium; 100 → 0, equidistant: the lowest index wins;
	// 75.5 → budget; no purchases → none.
	want := [][]string{{"premium"}, {"budget"}, nil, nil, nil, {"budget"}}
	for i := range members {
		if got := s.Assign(&members[i], nil); !cmp.Equal(got, want[i]) {
			t.Errorf("member %d: %v, want %v", i, got, want[i])
		}
	}
	// Without names and scaler: raw AOV against centroids 0 and 200.
	raw, err := segment.NewClusters(segment.ClusterConfig{Model: &cluster.Model{Centroids: [][]float64{{0}, {200}}}, Features: aov})
	if err != nil {
		t.Fatal(err)
	}
	if got := raw.Assign(&members[0], nil); !cmp.Equal(got, []string{"cluster-1"}) {
		t.Errorf("raw: %v", got)
	}
	if got := raw.Segments(); len(got) != 2 || got[0].ID != "cluster-0" || got[1].ID != "cluster-1" {
		t.Errorf("raw Segments() = %+v, want cluster-0 and cluster-1", got)
	}
	// A feature vector of the wrong length is placed nowhere.
	wrong, _ := segment.NewClusters(segment.ClusterConfig{Model: model, Features: func(m *segment.Member, dst []float64) ([]float64, bool) {
		return append(dst, 1, 2), true
	}})
	if got := wrong.Assign(&members[0], nil); got != nil {
		t.Errorf("wrong length: %v", got)
	}
	for _, cfg := range []segment.ClusterConfig{
		{Features: aov},
		{Model: &cluster.Model{}, Features: aov},
		{Model: model},
		{Model: model, Features: aov, Segments: []segment.Segment{{ID: "one"}}},
		{Model: model, Features: aov, Segments: []segment.Segment{{ID: "one"}, {}}},
	} {
		if _, err := segment.NewClusters(cfg); !errors.Is(err, segment.ErrConfig) {
			t.Errorf("NewClusters(%+v): %v, want ErrConfig", cfg, err)
		}
	}
}

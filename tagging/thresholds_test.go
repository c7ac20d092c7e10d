package tagging_test

import (
	"errors"
	"math"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
)

func TestThresholds(t *testing.T) {
	orders := func(p *tagging.Profile) (float64, bool) {
		if p.Summary == nil {
			return 0, false
		}
		return float64(p.Summary.Orders), true
	}
	th := tagging.Thresholds{
		Group:   "frequency",
		Measure: orders,
		Bands:   []tagging.Band{{Min: 10, Value: "heavy"}, {Min: 3, Value: "regular"}, {Min: 1, Value: "light"}},
	}
	if _, err := tagging.Compile(th); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		p    *tagging.Profile
		want string
	}{
		{"10", person(&customer.Summary{Orders: 10}), "heavy"},
		{"9", person(&customer.Summary{Orders: 9}), "regular"},
		{"3", person(&customer.Summary{Orders: 3}), "regular"},
		{"1", person(&customer.Summary{Orders: 1}), "light"},
		{"below the last band", person(&customer.Summary{Refunds: 1}), ""},
		{"not applicable", person(nil), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(one("frequency", tt.want), tagsOf(t, th, tt.p)); diff != "" {
				t.Errorf("Thresholds mismatch (-want +got):\n%s", diff)
			}
		})
	}
	nan := tagging.Thresholds{Group: "x", Measure: func(*tagging.Profile) (float64, bool) { return math.NaN(), true },
		Bands: []tagging.Band{{Min: math.Inf(-1), Value: "any"}}}
	if got := tagsOf(t, nan, person(nil)); len(got) != 0 {
		t.Errorf("NaN measure gave %v, want nothing", got)
	}
	catchAll := nan
	catchAll.Measure = func(*tagging.Profile) (float64, bool) { return -1e300, true }
	if diff := cmp.Diff(one("x", "any"), tagsOf(t, catchAll, person(nil))); diff != "" {
		t.Errorf("-Inf band mismatch (-want +got):\n%s", diff)
	}
	if g := compiled(t, th).(tagging.Grouper).Groups(); len(g) != 1 || g[0].Multi || !cmp.Equal(g[0].Values, []string{"heavy", "regular", "light"}) {
		t.Errorf("Groups() = %+v", g)
	}
	if name := nameOf(t, th); name != "thresholds frequency" {
		t.Errorf("Name() = %q", name)
	}
}

func TestThresholdsValidate(t *testing.T) {
	m := func(*tagging.Profile) (float64, bool) { return 0, true }
	tests := []struct {
		name string
		th   tagging.Thresholds
		want error
	}{
		{"no group", tagging.Thresholds{Measure: m, Bands: []tagging.Band{{Min: 1, Value: "a"}}}, tagging.ErrConfig},
		{"no measure", tagging.Thresholds{Group: "g", Bands: []tagging.Band{{Min: 1, Value: "a"}}}, tagging.ErrConfig},
		{"no bands", tagging.Thresholds{Group: "g", Measure: m}, tagging.ErrConfig},
		{"empty value", tagging.Thresholds{Group: "g", Measure: m, Bands: []tagging.Band{{Min: 1}}}, tagging.ErrConfig},
		{"NaN min", tagging.Thresholds{Group: "g", Measure: m, Bands: []tagging.Band{{Min: math.NaN(), Value: "a"}}}, tagging.ErrConfig},
		{"ascending", tagging.Thresholds{Group: "g", Measure: m, Bands: []tagging.Band{{Min: 1, Value: "a"}, {Min: 2, Value: "b"}}}, tagging.ErrConfig},
		{"equal", tagging.Thresholds{Group: "g", Measure: m, Bands: []tagging.Band{{Min: 1, Value: "a"}, {Min: 1, Value: "b"}}}, tagging.ErrConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tagging.Compile(tt.th); !errors.Is(err, tt.want) {
				t.Errorf("Compile() = %v, want an error wrapping %v", err, tt.want)
			}
			if _, err := tt.th.Tag(person(&customer.Summary{Orders: 1}), nil); !errors.Is(err, tt.want) {
				t.Errorf("Tag() = %v, want an error wrapping %v", err, tt.want)
			}
			if _, err := tagging.NewPipeline([]tagging.Tagger{tt.th}, tagging.Options{}); !errors.Is(err, tt.want) {
				t.Errorf("NewPipeline() = %v, want an error wrapping %v", err, tt.want)
			}
		})
	}
}

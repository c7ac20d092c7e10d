package tagging_test

import (
	"errors"
	"math"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
)

func TestRule(t *testing.T) {
	bigSpender := tagging.Rule{
		When: func(p *tagging.Profile) bool { return p.Summary != nil && p.Summary.Gross.Cmp(dec("10000")) >= 0 },
		Then: tg("tier", "vip"),
	}
	tests := []struct {
		name string
		p    *tagging.Profile
		want []tagging.Tag
	}{
		{"holds", person(&customer.Summary{Orders: 2, Gross: dec("10000")}), []tagging.Tag{tg("tier", "vip")}},
		{"does not hold", person(&customer.Summary{Orders: 2, Gross: dec("9999.99")}), nil},
		{"prospect", person(nil), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tagsOf(t, bigSpender, tt.p)); diff != "" {
				t.Errorf("Rule mismatch (-want +got):\n%s", diff)
			}
		})
	}
	if got, want := bigSpender.Name(), "rule tier=vip"; got != want {
		t.Errorf("Name() = %q, want %q", got, want)
	}
	always := tagging.Rule{Title: "everyone", Then: tg("seen", "yes")}
	if diff := cmp.Diff([]tagging.Tag{tg("seen", "yes")}, tagsOf(t, always, person(nil))); diff != "" {
		t.Errorf("Rule without When mismatch (-want +got):\n%s", diff)
	}
	if always.Name() != "everyone" {
		t.Errorf("Name() = %q, want the title", always.Name())
	}
	// An invalid rule used outside a pipeline fails instead of giving a
	// bad tag.
	bad := tagging.Rule{Then: tg("tier", "")}
	if got, err := bad.Tag(person(nil), nil); !errors.Is(err, tagging.ErrConfig) || len(got) != 0 {
		t.Errorf("invalid Rule.Tag() = %v, %v; want nothing and ErrConfig", got, err)
	}
	if err := (tagging.Rule{Requires: []tagging.Tag{{}}, Then: tg("a", "b")}).Validate(); !errors.Is(err, tagging.ErrConfig) {
		t.Errorf("Validate(bad Requires) = %v, want ErrConfig", err)
	}
}

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
	if err := th.Validate(); err != nil {
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
	if g := th.Groups(); len(g) != 1 || g[0].Multi || !cmp.Equal(g[0].Values, []string{"heavy", "regular", "light"}) {
		t.Errorf("Groups() = %+v", g)
	}
	if th.Name() != "thresholds frequency" {
		t.Errorf("Name() = %q", th.Name())
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
		{"ascending", tagging.Thresholds{Group: "g", Measure: m, Bands: []tagging.Band{{Min: 1, Value: "a"}, {Min: 2, Value: "b"}}}, tagging.ErrThresholds},
		{"equal", tagging.Thresholds{Group: "g", Measure: m, Bands: []tagging.Band{{Min: 1, Value: "a"}, {Min: 1, Value: "b"}}}, tagging.ErrThresholds},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.th.Validate(); !errors.Is(err, tt.want) {
				t.Errorf("Validate() = %v, want an error wrapping %v", err, tt.want)
			}
			if _, err := tagging.NewPipeline([]tagging.Tagger{tt.th}, tagging.Options{}); !errors.Is(err, tt.want) {
				t.Errorf("NewPipeline() = %v, want an error wrapping %v", err, tt.want)
			}
		})
	}
}

package tagging_test

import (
	"errors"
	"math"
	"testing"

	"github.com/clientele-go/clientele/tagging"
	"github.com/clientele-go/clientele/tagging/taggingtest"
	"github.com/google/go-cmp/cmp"
)

// TestBuiltinConformance runs the taggingtest kit on every built-in
// tagger, with the defaults and with every rule switched on, and on rules,
// thresholds and a pipeline of them all.
func TestBuiltinConformance(t *testing.T) {
	configs := map[string]tagging.BuiltinConfig{
		"defaults":  {},
		"all rules": {Needs: needsAll(), Category: tagging.CategoryPreference{TopN: 3, MinShare: 0.1}},
	}
	for cname, cfg := range configs {
		ts, err := tagging.Builtin(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for i, tagger := range ts {
			t.Run(cname+"/"+tagger.(tagging.Namer).Name(), func(t *testing.T) {
				taggingtest.Run(t, func() tagging.Tagger {
					fresh, err := tagging.Builtin(cfg)
					if err != nil {
						t.Fatal(err)
					}
					return fresh[i]
				})
			})
		}
	}
	t.Run("rule", func(t *testing.T) {
		taggingtest.Run(t, func() tagging.Tagger { return vipRule() })
	})
	t.Run("thresholds", func(t *testing.T) {
		taggingtest.Run(t, func() tagging.Tagger { return refundBands() })
	})
	t.Run("example birthday", func(t *testing.T) {
		taggingtest.Run(t, func() tagging.Tagger { return Birthday{} })
	})
	t.Run("pipeline", func(t *testing.T) {
		taggingtest.Run(t, func() tagging.Tagger {
			pl, err := tagging.NewPipeline(append(allBuiltin(t), vipRule(), refundBands()), tagging.Options{})
			if err != nil {
				t.Fatal(err)
			}
			return pl
		})
	})
}

// vipRule builds on tags given earlier in a pipeline.
func vipRule() tagging.Conditional {
	return tagging.Conditional{
		Title:    "vip",
		Requires: []tagging.Tag{{Group: tagging.GroupSpend, Value: "high"}},
		When:     func(p *tagging.Profile) bool { return p.Summary != nil && p.Summary.Orders >= 5 },
		Then:     tagging.Tag{Group: "tier", Value: "vip"},
	}
}

// refundBands tags the share of orders refunded.
func refundBands() tagging.Thresholds {
	return tagging.Thresholds{
		Group: "refunds",
		Measure: func(p *tagging.Profile) (float64, bool) {
			if p.Summary == nil || p.Summary.Orders == 0 {
				return 0, false
			}
			return float64(p.Summary.Refunds) / float64(p.Summary.Orders), true
		},
		Bands: []tagging.Band{{Min: 0.3, Value: "frequent"}, {Min: 0.05, Value: "some"}, {Min: math.Inf(-1), Value: "rare"}},
	}
}

// TestBuiltinAllocs checks that no built-in tagger allocates when dst has
// room, over 330 synthetic profiles. (The kit's edge cases include amounts
// beyond the int64 fast path, which may allocate, so they are not used.)
func TestBuiltinAllocs(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage counters distort allocation counts")
	}
	ps := synthProfiles(t, 300, 30)
	for _, tagger := range allBuiltin(t) {
		dst := make([]tagging.Tag, 0, 16)
		allocs := testing.AllocsPerRun(3, func() {
			for i := range ps {
				dst, _ = tagger.Tag(&ps[i], dst[:0])
			}
		})
		if allocs != 0 {
			t.Errorf("%s: %v allocations per %d profiles, want 0", tagger.(tagging.Namer).Name(), allocs, len(ps))
		}
	}
}

func TestBuiltinErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  tagging.BuiltinConfig
		want error
	}{
		{"spend", tagging.BuiltinConfig{Spend: tagging.Spend{High: dec("1"), Low: dec("2")}}, tagging.ErrConfig},
		{"activity", tagging.BuiltinConfig{Activity: tagging.Activity{Low: -1}}, tagging.ErrConfig},
		{"needs", tagging.BuiltinConfig{Needs: tagging.Needs{MinOrders: -1}}, tagging.ErrConfig},
		{"lifecycle", tagging.BuiltinConfig{Lifecycle: tagging.Lifecycle{NewDays: 400}}, tagging.ErrConfig},
		{"category", tagging.BuiltinConfig{Category: tagging.CategoryPreference{TopN: -1}}, tagging.ErrConfig},
		{"channel", tagging.BuiltinConfig{Channel: tagging.ChannelPreference{Dominant: 0.3}}, tagging.ErrConfig},
		{"loyalty", tagging.BuiltinConfig{Loyalty: tagging.Loyalty{Loyal: 0.1}}, tagging.ErrConfig},
		{"decision cycle", tagging.BuiltinConfig{DecisionCycle: tagging.DecisionCycle{Long: 1}}, tagging.ErrConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts, err := tagging.Builtin(tt.cfg)
			if !errors.Is(err, tt.want) || ts != nil {
				t.Errorf("Builtin() = %d taggers, %v; want none and an error wrapping %v", len(ts), err, tt.want)
			}
		})
	}
}

// TestBuiltinGroups checks the groups the built-ins declare, renamed
// where the config says so.
func TestBuiltinGroups(t *testing.T) {
	ts, err := tagging.Builtin(tagging.BuiltinConfig{Spend: tagging.Spend{Group: "消费能力"}})
	if err != nil {
		t.Fatal(err)
	}
	pl, err := tagging.NewPipeline(ts, tagging.Options{})
	if err != nil {
		t.Fatal(err)
	}
	type decl struct {
		Name  string
		Multi bool
	}
	var got []decl
	for _, g := range pl.Groups() {
		got = append(got, decl{g.Name, g.Multi})
	}
	want := []decl{
		{"消费能力", false}, {tagging.GroupActivity, false}, {tagging.GroupNeed, true}, {tagging.GroupLifecycle, false},
		{tagging.GroupCategory, true}, {tagging.GroupChannel, false}, {tagging.GroupLoyalty, false}, {tagging.GroupDecisionCycle, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Groups() mismatch (-want +got):\n%s", diff)
	}
	g, ok := pl.Group(tagging.GroupLifecycle)
	if !ok || !cmp.Equal(g.Values, []string{"prospect", "new", "active", "at-risk", "dormant", "churned"}) {
		t.Errorf("Group(lifecycle) = %+v, %v", g, ok)
	}
}

// TestBuiltinDirect checks that a built-in tagger used on its own, as a
// value, gives the same tags as the form Builtin and pipelines run, does
// not allocate, and reports a bad setting from Tag.
func TestBuiltinDirect(t *testing.T) {
	cfg := tagging.BuiltinConfig{Needs: needsAll(), Category: tagging.CategoryPreference{TopN: 3}}
	values := []tagging.Tagger{cfg.Spend, cfg.Activity, cfg.Needs, cfg.Lifecycle, cfg.Category, cfg.Channel, cfg.Loyalty, cfg.DecisionCycle}
	ready, err := tagging.Builtin(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ps := synthProfiles(t, 300, 30)
	for i, v := range values {
		name := ready[i].(tagging.Namer).Name()
		for k := range ps {
			want, err1 := ready[i].Tag(&ps[k], nil)
			got, err2 := v.Tag(&ps[k], nil)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: profile %d: errors %v, %v", name, k, err1, err2)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("%s: profile %d: value mismatch (-ready +value):\n%s", name, k, diff)
			}
		}
		if testing.CoverMode() == "" {
			dst := make([]tagging.Tag, 0, 16)
			allocs := testing.AllocsPerRun(3, func() {
				for k := range ps {
					dst, _ = v.Tag(&ps[k], dst[:0])
				}
			})
			if allocs != 0 {
				t.Errorf("%s used directly: %v allocations per %d profiles, want 0", name, allocs, len(ps))
			}
		}
	}
	bad := tagging.Spend{High: dec("1"), Low: dec("2")}
	if got, err := bad.Tag(&ps[0], nil); !errors.Is(err, tagging.ErrConfig) || len(got) != 0 {
		t.Errorf("bad Spend.Tag() = %v, %v; want nothing and ErrConfig", got, err)
	}
}

package tagging_test

import (
	"errors"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestCategoryPreference(t *testing.T) {
	top2, err := tagging.Compile(tagging.CategoryPreference{})
	if err != nil {
		t.Fatal(err)
	}
	top3, _ := tagging.Compile(tagging.CategoryPreference{TopN: 3})
	share, _ := tagging.Compile(tagging.CategoryPreference{TopN: 3, MinShare: 0.3})
	cats := func(spend ...string) *tagging.Profile {
		s := &customer.Summary{Orders: len(spend)}
		for i := 0; i < len(spend); i += 2 {
			s.Categories = append(s.Categories, customer.CategoryStat{Category: spend[i], Spend: dec(spend[i+1])})
		}
		return person(s)
	}
	// Total positive spend 1200; 0.3 of it is 360.
	mixed := cats("grocery", "100", "books", "300", "apparel", "500", "beauty", "300")
	tests := []struct {
		name   string
		tagger tagging.Tagger
		p      *tagging.Profile
		want   []string
	}{
		{"top 2, tie by name", top2, mixed, []string{"apparel", "beauty"}},
		{"top 3", top3, mixed, []string{"apparel", "beauty", "books"}},
		{"min share", share, mixed, []string{"apparel"}},
		{"refunded and empty categories left out", top3, cats("", "900", "home", "-50", "toys", "0", "tea", "20.5"), []string{"tea"}},
		{"beyond int64 units", top2, cats("luxury", "1e30", "grocery", "5"), []string{"grocery", "luxury"}},
		{"all refunded", top2, cats("home", "-50"), nil},
		{"one category", top2, cats("home", "50"), []string{"home"}},
		{"prospect", top2, person(nil), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []tagging.Tag
			for _, v := range tt.want {
				want = append(want, tg(tagging.GroupCategory, v))
			}
			if diff := cmp.Diff(want, tagsOf(t, tt.tagger, tt.p), sortTags, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("CategoryPreference mismatch (-want +got):\n%s", diff)
			}
		})
	}
	for _, cfg := range []tagging.CategoryPreference{{TopN: -1}, {MinShare: 1.5}} {
		if _, err := tagging.Compile(cfg); !errors.Is(err, tagging.ErrConfig) {
			t.Errorf("Compile(CategoryPreference%+v) = %v, want an error wrapping ErrConfig", cfg, err)
		}
	}
}

func TestChannelPreference(t *testing.T) {
	def, err := tagging.Compile(tagging.ChannelPreference{})
	if err != nil {
		t.Fatal(err)
	}
	strict, _ := tagging.Compile(tagging.ChannelPreference{Dominant: 1})
	mix := func(online, offline, other int) *tagging.Profile {
		return person(&customer.Summary{Orders: online + offline + other, Online: online, Offline: offline})
	}
	tests := []struct {
		name   string
		tagger tagging.Tagger
		p      *tagging.Profile
		want   string
	}{
		{"8 of 10 online", def, mix(8, 2, 0), "online"},
		{"7 of 10 online", def, mix(7, 3, 0), "omni-channel"},
		{"9 of 10 offline", def, mix(1, 9, 0), "offline"},
		{"all online, phone ignored", def, mix(3, 0, 5), "online"},
		{"half and half", def, mix(5, 5, 0), "omni-channel"},
		{"phone only", def, mix(0, 0, 4), ""},
		{"prospect", def, person(nil), ""},
		{"strict: 9 of 10 is omni", strict, mix(9, 1, 0), "omni-channel"},
		{"strict: all online", strict, mix(10, 0, 0), "online"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(one(tagging.GroupChannel, tt.want), tagsOf(t, tt.tagger, tt.p)); diff != "" {
				t.Errorf("ChannelPreference mismatch (-want +got):\n%s", diff)
			}
		})
	}
	for _, d := range []float64{0.5, 0.2, 1.01} {
		if _, err := tagging.Compile(tagging.ChannelPreference{Dominant: d}); !errors.Is(err, tagging.ErrConfig) {
			t.Errorf("Compile(ChannelPreference{Dominant: %v}) = %v, want an error wrapping ErrConfig", d, err)
		}
	}
}

// TestChannelFromOrders goes through customer.Summarize: the app and the
// mini program are online channels, stores offline, phone neither.
func TestChannelFromOrders(t *testing.T) {
	def, _ := tagging.Compile(tagging.ChannelPreference{})
	on := func(c customer.Channel, days int) customer.Order {
		o := order("10", daysAgo(days))
		o.Channel = c
		return o
	}
	s := ordersOf(t, on(customer.ChannelApp, 9), on(customer.ChannelMiniProgram, 8), on(customer.ChannelOnline, 7),
		on(customer.ChannelOnline, 6), on(customer.ChannelOffline, 5), on(customer.ChannelPhone, 4), on(customer.ChannelPhone, 3))
	// Online 4, offline 1: 0.8 online.
	if diff := cmp.Diff(one(tagging.GroupChannel, "online"), tagsOf(t, def, person(s))); diff != "" {
		t.Errorf("ChannelPreference mismatch (-want +got):\n%s", diff)
	}
}

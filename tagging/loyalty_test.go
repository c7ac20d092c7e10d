package tagging_test

import (
	"errors"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
)

func TestLoyalty(t *testing.T) {
	def, err := tagging.Compile(tagging.Loyalty{})
	if err != nil {
		t.Fatal(err)
	}
	strict, _ := tagging.Compile(tagging.Loyalty{Loyal: 0.9, Repeat: 0.6})
	buys := func(n int) *tagging.Profile { return person(&customer.Summary{Orders: n, Refunds: 3}) }
	tests := []struct {
		name   string
		tagger tagging.Tagger
		p      *tagging.Profile
		want   string
	}{
		{"1 purchase", def, buys(1), "one-time"},
		{"2 purchases: rate 1/2", def, buys(2), "repeat"},
		{"3 purchases: rate 2/3", def, buys(3), "repeat"},
		{"4 purchases: rate 3/4", def, buys(4), "loyal"},
		{"40 purchases", def, buys(40), "loyal"},
		{"refunds only", def, buys(0), ""},
		{"prospect", def, person(nil), ""},
		{"strict: 2 purchases", strict, buys(2), "one-time"},
		{"strict: 3 purchases, rate 2/3", strict, buys(3), "repeat"},
		{"strict: 9 purchases, rate 8/9", strict, buys(9), "repeat"},
		{"strict: 10 purchases, rate 9/10", strict, buys(10), "loyal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(one(tagging.GroupLoyalty, tt.want), tagsOf(t, tt.tagger, tt.p)); diff != "" {
				t.Errorf("Loyalty mismatch (-want +got):\n%s", diff)
			}
		})
	}
	tests2 := []struct {
		cfg  tagging.Loyalty
		want error
	}{
		{tagging.Loyalty{Loyal: 0.6, Repeat: 0.7}, tagging.ErrConfig},
		{tagging.Loyalty{Loyal: 0.4}, tagging.ErrConfig},
		{tagging.Loyalty{Loyal: 1.2}, tagging.ErrConfig},
		{tagging.Loyalty{Repeat: -0.5}, tagging.ErrConfig},
	}
	for _, tt := range tests2 {
		if _, err := tagging.Compile(tt.cfg); !errors.Is(err, tt.want) {
			t.Errorf("Compile(Loyalty%+v) = %v, want an error wrapping %v", tt.cfg, err, tt.want)
		}
	}
}

package tagging_test

import (
	"errors"
	"testing"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
)

func TestConditional(t *testing.T) {
	bigSpender := tagging.Conditional{
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
	if got, want := nameOf(t, bigSpender), "rule tier=vip"; got != want {
		t.Errorf("Name() = %q, want %q", got, want)
	}
	always := tagging.Conditional{Title: "everyone", Then: tg("seen", "yes")}
	if diff := cmp.Diff([]tagging.Tag{tg("seen", "yes")}, tagsOf(t, always, person(nil))); diff != "" {
		t.Errorf("Rule without When mismatch (-want +got):\n%s", diff)
	}
	if nameOf(t, always) != "everyone" {
		t.Errorf("Name() = %q, want the title", nameOf(t, always))
	}
	// An invalid rule used outside a pipeline fails instead of giving a
	// bad tag.
	bad := tagging.Conditional{Then: tg("tier", "")}
	if got, err := bad.Tag(person(nil), nil); !errors.Is(err, tagging.ErrConfig) || len(got) != 0 {
		t.Errorf("invalid Rule.Tag() = %v, %v; want nothing and ErrConfig", got, err)
	}
	if _, err := tagging.Compile(tagging.Conditional{Requires: []tagging.Tag{{}}, Then: tg("a", "b")}); !errors.Is(err, tagging.ErrConfig) {
		t.Errorf("Compile(bad Requires) = %v, want ErrConfig", err)
	}
}

package tagging_test

import (
	"errors"
	"testing"

	"github.com/clientele-go/clientele/tagging"
	"github.com/google/go-cmp/cmp"
)

func TestDecisionCycle(t *testing.T) {
	def, err := tagging.Compile(tagging.DecisionCycle{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		p    *tagging.Profile
		want string
	}{
		{"1 day", company(1), "short"},
		{"30 days", company(30), "short"},
		{"31 days", company(31), "medium"},
		{"90 days", company(90), "medium"},
		{"91 days", company(91), "long"},
		{"unknown", company(0), ""},
		{"negative (invalid)", company(-30), ""},
		{"person", person(nil), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(one(tagging.GroupDecisionCycle, tt.want), tagsOf(t, def, tt.p)); diff != "" {
				t.Errorf("DecisionCycle mismatch (-want +got):\n%s", diff)
			}
		})
	}
	tests2 := []struct {
		cfg  tagging.DecisionCycle
		want error
	}{
		{tagging.DecisionCycle{Short: 60, Long: 45}, tagging.ErrConfig},
		{tagging.DecisionCycle{Short: 120}, tagging.ErrConfig},
		{tagging.DecisionCycle{Short: -1}, tagging.ErrConfig},
		{tagging.DecisionCycle{Long: -1}, tagging.ErrConfig},
	}
	for _, tt := range tests2 {
		if _, err := tagging.Compile(tt.cfg); !errors.Is(err, tt.want) {
			t.Errorf("Compile(DecisionCycle%+v) = %v, want an error wrapping %v", tt.cfg, err, tt.want)
		}
	}
	if _, err := tagging.Compile(tagging.DecisionCycle{Short: 90, Long: 90}); err != nil {
		t.Errorf("Compile(DecisionCycle{Short = Long}) = %v, want nil", err)
	}
}

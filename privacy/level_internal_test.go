package privacy

import "testing"

func TestParseLevel(t *testing.T) {
	tests := []struct {
		in      string
		want    Level
		wantErr bool
	}{
		{"sensitive", Sensitive, false},
		{"敏感", Sensitive, false},
		{"General", General, false},
		{"一般", General, false},
		{" public ", Public, false},
		{"公开", Public, false},
		{"secret", 0, true},
		{"", 0, true},
	}
	for _, tt := range tests {
		got, err := parseLevel(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("parseLevel(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestLevelString checks that String gives the tag spelling parseLevel
// reads back, and a number for values outside the three levels.
func TestLevelString(t *testing.T) {
	for _, l := range []Level{Sensitive, General, Public} {
		back, err := parseLevel(l.String())
		if err != nil || back != l {
			t.Errorf("parseLevel(%q) = %v, %v; want %v", l.String(), back, err, l)
		}
	}
	if got := []string{Sensitive.String(), General.String(), Public.String(), Level(7).String()}; got[0] != "sensitive" || got[1] != "general" || got[2] != "public" || got[3] != "Level(7)" {
		t.Errorf("String() = %q, want sensitive, general, public, Level(7)", got)
	}
}

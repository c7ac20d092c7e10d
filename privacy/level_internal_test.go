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

package golden_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/clientele-go/clientele/internal/golden"
)

// recorder captures failures instead of failing the test.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.golden")
	if err := os.WriteFile(path, []byte("a\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	golden.Check(r, path, []byte("a\nb\n"))
	if r.failed {
		t.Error("equal output reported as a mismatch")
	}
	r = &recorder{TB: t}
	golden.Check(r, path, []byte("a\nc\n"))
	if !r.failed {
		t.Error("different output not reported")
	}
	r = &recorder{TB: t}
	golden.Check(r, filepath.Join(t.TempDir(), "missing.golden"), nil)
	if !r.failed {
		t.Error("missing golden file not reported")
	}
}

func TestDiff(t *testing.T) {
	tests := []struct{ want, got, diff string }{
		{"a\nb\n", "a\nb\n", ""},
		{"a\nb\nc\nd\n", "a\nb\nX\nd\n", "  a\n  b\n- c\n+ X\n"},
		{"a\n", "a\nb\n", "  a\n+ b\n"},
		{"x\ny\n", "", "- x\n- y\n"},
	}
	for _, tt := range tests {
		if got := golden.Diff(tt.want, tt.got); got != tt.diff {
			t.Errorf("Diff(%q, %q) = %q, want %q", tt.want, tt.got, got, tt.diff)
		}
	}
}

func TestSameRounded(t *testing.T) {
	tests := []struct {
		want, got string
		same      bool
	}{
		{"at stake 31423\n", "at stake 31423\n", true},
		{"at stake 31423\n", "at stake 31422\n", true},
		{"p=0.2598 b=5.4483", "p=0.2599 b=5.4482", true},
		{"x 0.99 y", "x 1.00 y", true}, // a carry across digits is still one unit
		{"at stake 31423\n", "at stake 31421\n", false},
		{"at stake 31423\n", "at risk 31423\n", false},
		{"x 9.99", "x 10.00", false}, // the layout changed
		{"x 1.5", "x 15", false},
		{"x 1", "x 1 2", false},
		{"-1", "+1", false},
		{"9  P0003440  17", "9  P0003441  17", false}, // an ID is a name, not a number
		{"r=0.1832 x_7", "r=0.1833 x_8", false},
		{"a 18446744073709551616", "a 18446744073709551617", false}, // beyond uint64: exact only
	}
	for _, tt := range tests {
		if got := golden.SameRounded(tt.want, tt.got); got != tt.same {
			t.Errorf("SameRounded(%q, %q) = %v, want %v", tt.want, tt.got, got, tt.same)
		}
	}
}

func TestCheckRounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.golden")
	if err := os.WriteFile(path, []byte("CLV 428699\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for got, fail := range map[string]bool{"CLV 428699\n": false, "CLV 428700\n": false, "CLV 428701\n": true, "LTV 428699\n": true} {
		r := &recorder{TB: t}
		golden.CheckRounded(r, path, []byte(got))
		if r.failed != fail {
			t.Errorf("CheckRounded(%q) failed = %v, want %v", got, r.failed, fail)
		}
	}
}

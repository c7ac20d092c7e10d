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

package clientele_test

import (
	"fmt"
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/clientele-go/clientele"

// allowed lists, for each top-level package, the packages of this module
// it may import (see ../shared/STYLE.md §2). Packages below a top-level
// one (rfm/clv, tagging/taggingtest) share its entry and may also import
// it. internal/* packages may be imported by anyone below examples; the
// examples may import any public package, and internal ones in tests only.
var allowed = map[string][]string{
	"privacy":  {},
	"cluster":  {},
	"customer": {"privacy"},
	"tagging":  {"customer", "privacy"},
	"rfm":      {"customer"},
	"segment":  {"customer", "tagging", "rfm", "cluster", "privacy"},
	// report draws the results of the domain packages: it sits above
	// them all, under the examples (see report/doc.go).
	"report": {"customer", "privacy", "rfm", "cluster", "segment"},
	// sample generates data for the customer types; nothing imports it
	// but programs and tests.
	"sample": {"customer"},
}

// leafInternal lists the internal packages that import nothing of this
// module, so that even the standalone packages (privacy, cluster) may use
// them without gaining a dependency on the domain.
var leafInternal = []string{"internal/parallel", "internal/hypergeo", "internal/neldermead", "internal/textwidth"}

// thirdParty lists the only modules outside the standard library that
// non-test code may import.
var thirdParty = []string{
	"github.com/shopspring/decimal",
	"golang.org/x/exp",
	"golang.org/x/text", // GB18030 for customer.CSVOptions.Encoding (see the README)
}

func TestLayers(t *testing.T) {
	dirs := packageDirs(t, ".")
	if len(dirs) == 0 {
		t.Fatal("no packages found")
	}
	for _, dir := range dirs {
		pkg, err := build.ImportDir(dir, 0)
		if err != nil {
			if _, ok := err.(*build.NoGoError); ok {
				continue
			}
			t.Fatalf("reading %s: %v", dir, err)
		}
		top := strings.Split(filepath.ToSlash(dir), "/")[0]
		if slices.Contains(badNames, pkg.Name) || slices.Contains(badNames, filepath.Base(dir)) {
			t.Errorf("%s: package name %q says nothing; name it for its job", dir, pkg.Name)
		}
		for _, imp := range pkg.Imports {
			if msg := violation(dir, top, imp, false); msg != "" {
				t.Error(msg)
			}
		}
		for _, imp := range slices.Concat(pkg.TestImports, pkg.XTestImports) {
			if msg := violation(dir, top, imp, true); msg != "" {
				t.Error(msg)
			}
		}
	}
}

// badNames are package names STYLE.md §1 rules out.
var badNames = []string{"util", "utils", "common", "helpers", "misc", "types", "models", "interfaces"}

// TestViolation checks the rule itself on known good and bad edges.
func TestViolation(t *testing.T) {
	tests := []struct {
		dir, imp string
		test     bool
		bad      bool
	}{
		{"customer", module + "/privacy", false, false},
		{"customer", module + "/rfm", false, true},
		{"privacy", module + "/customer", false, true},
		{"cluster", module + "/customer", false, true},
		{"tagging", module + "/rfm", false, true},
		{"rfm", module + "/tagging", false, true},
		{"segment", module + "/cluster", false, false},
		{"segment", "github.com/google/go-cmp/cmp", false, true},
		{"segment", "github.com/google/go-cmp/cmp", true, false},
		{"customer", "github.com/shopspring/decimal", false, false},
		{"customer", "golang.org/x/text/transform", false, false},
		{"customer", "golang.org/x/textual", false, true},
		{"customer", "example.com/other", true, true},
		{"examples/quickstart", module + "/segment", false, false},
		{"rfm", module + "/internal/synth", true, false},
		{"cluster", module + "/internal/synth", false, true},
		{"cluster", module + "/internal/parallel", false, false},
		{"internal/parallel", module + "/customer", false, true},
		{"tagging/taggingtest", module + "/tagging", false, false},
		{"rfm/clv", module + "/customer", false, false},
		{"rfm/clv", module + "/rfm", false, false},
		{"rfm/clv", module + "/internal/hypergeo", false, false},
		{"rfm/clv", module + "/internal/neldermead", false, false},
		{"rfm/clv", module + "/tagging", false, true},
		{"rfm/clv", module + "/segment", false, true},
		{"segment", module + "/rfm/clv", false, false},
		{"internal/hypergeo", module + "/rfm", false, true},
		{"cluster", module + "/internal/neldermead", false, false},
		{"report", module + "/segment", false, false},
		{"report", module + "/rfm/clv", false, false},
		{"report", module + "/internal/textwidth", false, false},
		{"segment", module + "/report", false, true},
		{"rfm", module + "/report", false, true},
		{"rfm", module + "/internal/textwidth", false, false},
		{"sample", module + "/customer", false, false},
		{"sample", module + "/internal/synth", false, false},
		{"sample", module + "/tagging", false, true},
		{"segment", module + "/sample", false, true},
		{"customer", module + "/sample", true, true},
		{"examples/quickstart", module + "/sample", false, false},
		{"examples/quickstart", module + "/internal/synth", false, true},
		{"examples/quickstart", module + "/internal/golden", true, false},
	}
	for _, tt := range tests {
		top := strings.Split(tt.dir, "/")[0]
		got := violation(tt.dir, top, tt.imp, tt.test) != ""
		if got != tt.bad {
			t.Errorf("violation(%s -> %s, test=%v) = %v, want %v", tt.dir, tt.imp, tt.test, got, tt.bad)
		}
	}
}

// violation returns a message when package dir (under top-level package
// top) may not import imp, and "" when it may.
func violation(dir, top, imp string, test bool) string {
	if !strings.Contains(strings.Split(imp, "/")[0], ".") {
		return "" // standard library
	}
	if !strings.HasPrefix(imp, module+"/") && imp != module {
		ok := slices.ContainsFunc(thirdParty, func(p string) bool {
			return imp == p || strings.HasPrefix(imp, p+"/")
		})
		if test && (imp == "github.com/google/go-cmp" || strings.HasPrefix(imp, "github.com/google/go-cmp/")) {
			ok = true
		}
		if !ok {
			return fmt.Sprintf("%s imports %s: not an allowed dependency", dir, imp)
		}
		return ""
	}
	rel := strings.TrimPrefix(imp, module+"/")
	target := strings.Split(rel, "/")[0]
	switch {
	case top == "examples" && target == "internal" && !test:
		// A user copies an example into a module of their own, where
		// internal packages cannot be imported (issue 15).
		return fmt.Sprintf("%s imports %s: an example must build when copied out of the module", dir, imp)
	case top == "examples", top == ".", top == "scripts":
		return ""
	case target == top:
		return "" // within the same package tree (e.g. tagging/taggingtest)
	case target == "internal":
		if (top == "privacy" || top == "cluster") && !test && !slices.Contains(leafInternal, rel) {
			// Standalone packages may use internal code only in tests.
			return fmt.Sprintf("%s imports %s: %s must stand alone", dir, imp, top)
		}
		return ""
	case top == "internal":
		if slices.Contains(leafInternal, strings.Join(strings.Split(filepath.ToSlash(dir), "/")[:2], "/")) {
			return fmt.Sprintf("%s imports %s: a leaf internal package imports nothing of this module", dir, imp)
		}
		// internal packages serve tests, examples and benchmarks; they may
		// import the domain packages.
		return ""
	}
	deps, known := allowed[top]
	if !known {
		return fmt.Sprintf("%s: package %s is not in the layer table; add it to layers_test.go", dir, top)
	}
	if !slices.Contains(deps, target) {
		return fmt.Sprintf("%s imports %s: %s may import only %v", dir, imp, top, deps)
	}
	return ""
}

func packageDirs(t *testing.T, root string) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata") {
			return filepath.SkipDir
		}
		if _, err := os.Stat(filepath.Join(path, "go.mod")); path != root && err == nil {
			// A nested module (beam/, examples/crm-sql) is not part of the
			// library: it has its own dependencies, such as drivers or Beam.
			return filepath.SkipDir
		}
		if path != root {
			dirs = append(dirs, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

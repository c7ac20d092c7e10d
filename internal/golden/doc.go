// Package golden compares test output with golden files under testdata/
// and rewrites them when the test binary runs with -update:
//
//	go test ./examples/quickstart -update
//
// It is for tests only.
package golden

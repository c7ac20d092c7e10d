package customer

import (
	"math/rand/v2"
	"sort"
	"testing"
)

// TestDivisionTable checks the embedded table's format and some codes
// whose status is known from the Ministry of Civil Affairs' lists.
func TestDivisionTable(t *testing.T) {
	if len(divisions)%3 != 0 || len(divisions) < 3*6000 {
		t.Fatalf("divisions: %d bytes", len(divisions))
	}
	for i := 3; i < len(divisions); i += 3 {
		if divisions[i-3:i] >= divisions[i:i+3] {
			t.Fatalf("divisions not strictly sorted at entry %d", i/3)
		}
	}
	for _, c := range []string{
		"110000", "110105", "440524", // the GB 11643 examples
		"110103", "110104", // 崇文区, 宣武区: abolished 2010
		"132101", "342701", // 邯郸地区邯郸市 1980-1983, 徽州地区屯溪市 1980-1987
		"330107",                     // 杭州半山区 1980-1990
		"370116", "659012", "230751", // created after 2018
		"110100", "330101", "441901", // city summary codes
		"710000", "810000", "820000", "830000",
	} {
		if !knownDivision(c) {
			t.Errorf("knownDivision(%s) = false", c)
		}
	}
	for _, c := range []string{"000000", "110120", "441919", "542501", "990000", "999999", "11010", "11010x", "1101051"} {
		if knownDivision(c) {
			t.Errorf("knownDivision(%s) = true", c)
		}
	}
}

// TestDivisionSet checks the bitmap knownDivision uses against a binary
// search of the embedded table, for every six-digit code and a few
// numbers beyond.
func TestDivisionSet(t *testing.T) {
	n := len(divisions) / 3
	found := 0
	for v := range uint(1_000_000) {
		key := string([]byte{byte(v >> 16), byte(v >> 8), byte(v)})
		i := sort.Search(n, func(i int) bool { return divisions[3*i:3*i+3] >= key })
		want := i < n && divisions[3*i:3*i+3] == key
		if got := knownDivisionValue(v); got != want {
			t.Fatalf("knownDivisionValue(%06d) = %v, want %v", v, got, want)
		}
		if want {
			found++
		}
	}
	if found != n {
		t.Errorf("%d codes in the set, want %d", found, n)
	}
	for _, v := range []uint{1_000_000, 1<<24 - 1, ^uint(0)} {
		if knownDivisionValue(v) {
			t.Errorf("knownDivisionValue(%d) = true", v)
		}
	}
}

// BenchmarkKnownDivision looks up codes in random order, three in four
// known, as a column of ID numbers does; a binary search over the table
// mispredicts most of its 13 steps then (about 280 ns per code against
// 95 ns for one code over and over).
func BenchmarkKnownDivision(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	codes := make([]uint, 4096)
	for i := range codes {
		k := 3 * r.IntN(len(divisions)/3)
		codes[i] = uint(divisions[k])<<16 | uint(divisions[k+1])<<8 | uint(divisions[k+2])
		if i%4 == 3 {
			codes[i] += uint(r.IntN(50)) // mostly unknown
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		knownDivisionValue(codes[i%len(codes)])
	}
}

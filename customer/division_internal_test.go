package customer

import "testing"

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

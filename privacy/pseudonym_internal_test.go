package privacy

import "testing"

// TestAppendPseudonym checks the append form the Redactor writes
// pseudonyms with against the known answer of TestPseudonymKnownAnswer.
func TestAppendPseudonym(t *testing.T) {
	key := make([]byte, KeySize)
	for i := range key {
		key[i] = byte(100 + i)
	}
	p, err := NewPseudonymizer(key)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(p.appendPseudonym([]byte("id:"), "acme", "13812345678")); got != "id:08c877b2e1981357128714ee273fd8ad" {
		t.Errorf("appendPseudonym = %q", got)
	}
}

package customer

import _ "embed"

// divisions holds every six-digit division code a resident ID number may
// start with, sorted, as three big-endian bytes each (see knownDivision).
// It is the union of all editions of the national code list (GB/T 2260
// as published yearly by the Ministry of Civil Affairs) from 1980 to
// 2025, abolished codes included: a person keeps the number issued under
// the code in force at the time, so a code abolished in 1983 still occurs
// in valid numbers today. Sources: yescallop/areacodes result.csv at
// commit 01929abfbb3d9b6e659fe89850890e5360513c24 (all codes 1980-2018 with
// their years) and data/2025.txt at commit
// 2da87e7648f0da7e10dea39e8a613107ed3fe273 (codes in force in 2025), plus
// the city summary codes (xxxx01 市辖区) GB/T 2260 defines and 830000 for
// Taiwan residents' residence permits. scripts/gendivisions generates it.
//
//go:embed divisions.bin
var divisions string

// knownDivision reports whether the six ASCII digits code are a division
// code of some edition of the national list. It does not allocate.
func knownDivision(code string) bool {
	if len(code) != 6 {
		return false
	}
	var want [3]byte
	v := 0
	for i := range 6 {
		c := code[i]
		if c < '0' || c > '9' {
			return false
		}
		v = v*10 + int(c-'0')
	}
	want = [3]byte{byte(v >> 16), byte(v >> 8), byte(v)}
	lo, hi := 0, len(divisions)/3
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		e := divisions[3*m : 3*m+3]
		switch {
		case e < string(want[:]):
			lo = m + 1
		case e > string(want[:]):
			hi = m
		default:
			return true
		}
	}
	return false
}

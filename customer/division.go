package customer

import (
	_ "embed"
	"sync"
)

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

// divisionSet is the set of codes in divisions as a bitmap in two
// levels: the first three digits of a code select a block of 1,000 bits,
// one per code with those digits, and the last three digits a bit in it.
// The 7,057 codes share 107 three-digit prefixes, so the set takes 18 KB
// (2 KB of block numbers, room for 128 blocks of 128 bytes) where a flat
// bitmap of the six-digit code space would take 122 KB for the same two
// loads. It replaced a binary search of divisions: 13 string comparisons,
// about 90 ns for one code checked over and over and 280 ns for codes in
// random order, against 5 ns now (BenchmarkKnownDivision).
type divisionSet struct {
	block [1000]uint16 // first three digits → index in bits; 0 = no code
	bits  [][16]uint64 // 1,024 bits per block, of which 1,000 are used; bits[0] is empty
}

// has reports whether the code v (0 to 999,999) is in the set.
func (d *divisionSet) has(v uint) bool {
	if v >= 1_000_000 {
		return false
	}
	b := &d.bits[d.block[v/1000]]
	r := v % 1000
	return b[r/64&15]&(1<<(r%64)) != 0
}

// The division set is built from divisions on first use, so programs that
// never check an ID number do not pay for it (about 40 µs and 16 KB).
var (
	divisionOnce sync.Once
	divisionTab  divisionSet
)

func buildDivisionSet() {
	d := &divisionTab
	d.bits = make([][16]uint64, 1, 128)
	for i := 0; i+3 <= len(divisions); i += 3 {
		v := uint(divisions[i])<<16 | uint(divisions[i+1])<<8 | uint(divisions[i+2])
		if v >= 1_000_000 {
			continue // not a six-digit code; TestDivisionSet fails on such a table
		}
		p, r := v/1000, v%1000
		if d.block[p] == 0 {
			d.block[p] = uint16(len(d.bits))
			d.bits = append(d.bits, [16]uint64{})
		}
		d.bits[d.block[p]][r/64] |= 1 << (r % 64)
	}
}

// knownDivisionValue reports whether v, the number six ASCII digits
// spell, is a division code of some edition of the national list. It
// does not allocate.
func knownDivisionValue(v uint) bool {
	divisionOnce.Do(buildDivisionSet)
	return divisionTab.has(v)
}

// knownDivision reports whether the six ASCII digits code are a division
// code of some edition of the national list. It does not allocate.
func knownDivision(code string) bool {
	if len(code) != 6 {
		return false
	}
	v := uint(0)
	for i := range 6 {
		c := code[i]
		if c < '0' || c > '9' {
			return false
		}
		v = v*10 + uint(c-'0')
	}
	return knownDivisionValue(v)
}

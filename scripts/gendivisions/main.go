// Command gendivisions writes customer/divisions.bin, the table of
// division codes that customer.ParseIDNumber accepts as the first six
// characters of a resident ID number.
//
//	go run ./scripts/gendivisions -out customer/divisions.bin result.csv 2025.txt
//
// Every input line that starts with six digits contributes that code; other
// lines (headers, blank lines) are skipped, so the inputs can be the
// upstream files as published:
//
//   - yescallop/areacodes result.csv (commit 01929abfbb3d9b6e659fe89850890e5360513c24):
//     every county-level-and-above code of the Ministry of Civil Affairs'
//     yearly GB/T 2260 code lists from 1980 to 2018, including codes
//     abolished since, each with the years it was in use;
//   - yescallop/areacodes data/2025.txt (commit 2da87e7648f0da7e10dea39e8a613107ed3fe273):
//     the codes in force in 2025, for codes created after 2018.
//
// To those it adds the codes the published lists leave out but that GB/T
// 2260 defines and ID numbers carry: the "市辖区" summary code xxxx01 of
// every prefecture-level city (middle digits 01-20 or 51-70, the city
// range of GB/T 2260), the summary codes 110100, 110200, 120100, 120200,
// 310100, 310200, 500100 and 500200 of the municipalities, and 830000,
// the prefix of residence permits for Taiwan residents.
//
// The output is the sorted, de-duplicated codes, three bytes each
// (big-endian), which customer searches without decoding. It is a
// maintenance tool, not part of the library or of CI.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
)

// extra lists codes GB/T 2260 or the ID-number rules define that the
// Ministry's lists do not (see the package comment).
var extra = []uint32{110100, 110200, 120100, 120200, 310100, 310200, 500100, 500200, 830000}

func main() {
	out := flag.String("out", "customer/divisions.bin", "output file")
	flag.Parse()
	if err := run(*out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "gendivisions:", err)
		os.Exit(1)
	}
}

func run(out string, inputs []string) error {
	if len(inputs) == 0 {
		return fmt.Errorf("no input files")
	}
	set := map[uint32]bool{}
	for _, name := range inputs {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		err = read(f, set)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	var summary []uint32
	for c := range set {
		mid := c / 100 % 100
		if c%100 == 0 && mid != 0 && (mid <= 20 || mid >= 51 && mid <= 70) {
			summary = append(summary, c+1) // the city's 市辖区 summary code
		}
	}
	for _, c := range summary {
		set[c] = true
	}
	for _, c := range extra {
		set[c] = true
	}
	codes := make([]uint32, 0, len(set))
	for c := range set {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	buf := make([]byte, 0, 3*len(codes))
	for _, c := range codes {
		buf = append(buf, byte(c>>16), byte(c>>8), byte(c))
	}
	if err := os.WriteFile(out, buf, 0o644); err != nil {
		return err
	}
	fmt.Printf("%d codes, %d bytes\n", len(codes), len(buf))
	return nil
}

func read(r io.Reader, set map[uint32]bool) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if len(line) < 6 {
			continue
		}
		n, err := strconv.ParseUint(line[:6], 10, 32)
		if err != nil || n < 110000 {
			continue
		}
		set[uint32(n)] = true
	}
	return sc.Err()
}

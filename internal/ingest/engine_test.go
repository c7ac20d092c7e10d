package ingest

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestKeys(t *testing.T) {
	h := NewHasher()
	for n := range 40 {
		s := strings.Repeat("x", n/2) + strings.Repeat("é", (n+1)/4)
		hs, k := h.Hash(s)
		if got := k.Text([]string{s}); got != s {
			t.Errorf("Key(%q).Text = %q", s, got)
		}
		if k.Long() != (len(s) > maxInline) || h.KeyHash(k) != hs {
			t.Errorf("Key(%q): long %v, KeyHash %x, hash %x", s, k.Long(), h.KeyHash(k), hs)
		}
	}
	// Equal short IDs have equal keys; a prefix is a different key.
	_, a := h.Hash("abc")
	_, b := h.Hash("abc\x00")
	if a == b {
		t.Error(`"abc" and "abc\x00" have the same key`)
	}
}

// TestOrderSetConfirms gives different order IDs of one customer the
// same hash and expects them told apart by the IDs themselves, short and
// long, across growth of the filter and the index.
func TestOrderSetConfirms(t *testing.T) {
	h := NewHasher()
	var o orderSet
	add := func(slot int, k Key, id string) bool {
		side := []string{id}
		if o.has(&h, slot, k, side) {
			return false
		}
		if !o.fits(1) {
			o.bloom = make([]uint64, max(bloomMin, 2*len(o.bloom)))
			o.nb = 0
			for i := range o.Len() {
				o.mark(h.pairHash(*o.pairs.At(i)))
			}
		}
		pr := h.probe(slot, k)
		o.mark(h.pairHash(pr))
		o.add(pr, Keep(k, side, &o.long))
		return true
	}
	long1, long2 := "an order ID longer than fifteen bytes, 1", "an order ID longer than fifteen bytes, 2"
	d19, d19b, d13 := "2026120001000000001", "0026120001000000001", "1234567890123"
	u1, u2 := "123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-426614174001"
	ids := []string{"O1", "O2", "thirteen byte", "thirteen bytf", long1, long2, d19, d19b, d13, u1, u2, "O1", long1, "thirteen byte", long2, d19, d19b, d13, u1, u2}
	want := []bool{true, true, true, true, true, true, true, true, true, true, true, false, false, false, false, false, false, false, false, false}
	for i, id := range ids {
		_, k := h.Hash(id)
		if k.Long() {
			k = Key{42, longKey} // the same hash for both long IDs
		}
		if got := add(7, k, id); got != want[i] {
			t.Errorf("add(%q) = %v, want %v", id, got, want[i])
		}
	}
	// Another customer may use the same IDs.
	_, k := h.Hash("O1")
	if !add(8, k, "O1") {
		t.Error("the same ID under another customer is a duplicate")
	}
	// Many more, through several growths, all still found.
	for i := range 5000 {
		id := "X" + strconv.Itoa(i)
		if i%3 == 0 {
			id += " padded past fifteen bytes"
		}
		_, k := h.Hash(id)
		if !add(i%50, k, id) {
			t.Fatalf("add(%q) = false, want true", id)
		}
	}
	for i := range 5000 {
		id := "X" + strconv.Itoa(i)
		if i%3 == 0 {
			id += " padded past fifteen bytes"
		}
		_, k := h.Hash(id)
		if !o.has(&h, i%50, k, []string{id}) || o.has(&h, i%50+1, k, []string{id}) {
			t.Fatalf("has(%q) wrong after growth", id)
		}
	}
	n := 0
	got := map[string]bool{}
	o.each(func(slot int, id string) {
		n++
		if slot == 7 {
			got[id] = true
		}
	})
	if n != 5000+12 {
		t.Errorf("each saw %d pairs, want %d", n, 5012)
	}
	for _, id := range ids {
		if !got[id] {
			t.Errorf("each did not give back %q", id)
		}
	}
}

// TestPartTellsLongIDsApart gives two long customer IDs the same hash.
func TestPartTellsLongIDsApart(t *testing.T) {
	var p Part[int, struct{}]
	a, b := "customer ID number one, long", "customer ID number two, long"
	k := Key{99, longKey}
	sa := p.get(k, 5, []string{a}, 0)
	sb := p.get(k, 5, []string{b}, 1)
	if sa == sb || p.get(k, 5, []string{a}, 2) != sa || p.ID(sb) != b {
		t.Errorf("slots %d, %d; ID(%d) = %q", sa, sb, sb, p.ID(sb))
	}
}

// toy is a state for the engine tests: the orders used and their sum.
type toy struct{ n, sum int64 }

type toyRow struct {
	cust, oid string
	v         int64
}

// runToy feeds rows through an engine and returns each customer's
// state in the order Emit gives, and the duplicates.
func runToy(rows []toyRow, workers, wave int, dedup bool) ([]string, int) {
	return runToyMid(rows, workers, wave, dedup, -1)
}

// runToyMid is runToy that, after row mid, flushes and asks HasOrder,
// so that the rest is decided with the partitions' kept indexes.
func runToyMid(rows []toyRow, workers, wave int, dedup bool, mid int) ([]string, int) {
	e := New(NewHasher(), Config{Workers: workers, Dedup: dedup, Wave: wave},
		func(p *Part[toy, struct{}], recs []Rec[int64], slots []int32, _ []string) {
			for i := range recs {
				if slots[i] >= 0 {
					s := p.State(int(slots[i]))
					s.n++
					s.sum += recs[i].P * recs[i].P * 7919 // which records, not their order
				}
			}
		}, nil)
	defer e.Close()
	for i, r := range rows {
		h, k := e.Hasher().Hash(r.cust)
		rec := Rec[int64]{Key: k, OKey: e.OrderKey(r.oid), Pos: int64(i), P: r.v}
		e.Push(h, &rec, r.cust, r.oid)
		if i == mid {
			e.Flush()
			for _, q := range rows[:i+1] {
				if pi, slot, ok := e.Find(q.cust); ok && q.oid != "" && !e.HasOrder(pi, slot, q.oid) {
					panic("HasOrder misses " + q.cust + "/" + q.oid)
				}
			}
		}
	}
	e.Flush()
	out := make([]string, e.Customers())
	e.Emit(func(*Part[toy, struct{}], *toy) bool { return true }, func(p *Part[toy, struct{}], slot, i int) {
		s := p.State(slot)
		out[i] = fmt.Sprintf("%s:%d:%d", p.ID(slot), s.n, s.sum)
	})
	return out, e.Dups()
}

// toyReference is the engine's job done plainly, with maps: each
// customer's state over its orders, the first of each (customer, order
// ID) counting, in order of first appearance; and the duplicates.
func toyReference(rows []toyRow) ([]string, int) {
	var order []string
	state := map[string]*toy{}
	seen := map[[2]string]bool{}
	dups := 0
	for _, row := range rows {
		if row.oid != "" {
			if seen[[2]string{row.cust, row.oid}] {
				dups++
				continue
			}
			seen[[2]string{row.cust, row.oid}] = true
		}
		s := state[row.cust]
		if s == nil {
			s = &toy{}
			state[row.cust] = s
			order = append(order, row.cust)
		}
		s.n++
		s.sum += row.v * row.v * 7919
	}
	want := make([]string, len(order))
	for i, c := range order {
		want[i] = fmt.Sprintf("%s:%d:%d", c, state[c].n, state[c].sum)
	}
	return want, dups
}

// FuzzEngine feeds rows decoded from bytes (few customers and order IDs,
// short and long, so that duplicates and filter hits abound) through
// the engine with several workers and tiny waves, and compares with
// toyReference.
func FuzzEngine(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 0, 1, 2, 3})
	f.Add([]byte{7, 200, 7, 200, 7, 201, 9, 200, 7, 200})
	f.Add([]byte{255, 254, 253, 252, 251, 250, 249, 248, 247, 246, 245, 244})
	f.Fuzz(func(t *testing.T, data []byte) {
		var rows []toyRow
		for i := 0; i+1 < len(data); i += 2 {
			c, o := data[i], data[i+1]
			cust := "c" + strconv.Itoa(int(c%16))
			if c&0x80 != 0 {
				cust += " whose ID is past fifteen bytes"
			}
			if c&0x40 != 0 {
				cust = fmt.Sprintf("%0*d", 13+int(c%8), c%16) // 13 to 20 digits
			}
			if c&0x20 != 0 {
				cust = fmt.Sprintf("0000%04x-0000-4000-%c000-000000000000", c%16, "89ac"[c%4]) // UUIDs, and near misses
			}
			oid := ""
			if o%8 != 0 {
				oid = strconv.Itoa(int(o % 32))
				if o&0x40 != 0 {
					oid += "-a-thirteen"[:11-len(oid)%3]
				}
				if o&0x80 != 0 {
					oid += " an order ID past fifteen bytes"
				}
				if o&0x20 != 0 {
					oid = fmt.Sprintf("%0*d", 12+int(o%9), o%32) // 12 to 20 digits
				}
				if o&0x10 != 0 {
					oid = fmt.Sprintf("%08x-0000-4000-%c000-000000000000", o%32, "9bA7"[o%4]) // UUIDs, and near misses
				}
			}
			rows = append(rows, toyRow{cust: cust, oid: oid, v: int64(i)})
		}
		want, dups := toyReference(rows)
		for _, w := range []int{1, 3} {
			got, gotDups := runToyMid(rows, w, 1+len(data)%5, true, len(rows)/2)
			if diff := cmp.Diff(want, got); diff != "" || gotDups != dups {
				t.Fatalf("workers %d: dups %d, want %d (-want +got):\n%s", w, gotDups, dups, diff)
			}
		}
	})
}

// TestEngineAgainstReference compares the engine, with tiny waves and
// several workers, with a plain one-pass map.
func TestEngineAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 30 {
		n := 1 + r.IntN(3000)
		nc := []int{1, 3, 1 + n/5}[r.IntN(3)]
		rows := make([]toyRow, n)
		for i := range rows {
			// Few customers fill one partition's filter past its first
			// size, with suspects waiting, so that it grows.
			c := strconv.Itoa(r.IntN(nc))
			if r.IntN(10) == 0 {
				c += " with a long tail to pass fifteen bytes"
			}
			if r.IntN(7) == 0 {
				c = fmt.Sprintf("%016d", r.IntN(nc))
			}
			if r.IntN(6) == 0 {
				c = fmt.Sprintf("%08x-1111-4222-b333-444455556666", r.IntN(nc))
			}
			oid := strconv.Itoa(r.IntN(n))
			if r.IntN(6) == 0 {
				oid += ", an order ID past fifteen bytes"
			}
			if r.IntN(5) == 0 {
				// A marketplace's order number: 19 digits, or one more.
				oid = fmt.Sprintf("%0*d", 19+r.IntN(2), r.IntN(n))
			}
			if r.IntN(9) == 0 {
				oid = fmt.Sprintf("%08x-1111-4222-a333-%012x", r.IntN(n), r.IntN(3))
			}
			if r.IntN(8) == 0 {
				oid = ""
			}
			rows[i] = toyRow{cust: c, oid: oid, v: r.Int64N(100)}
		}
		want, dups := toyReference(rows)
		for _, w := range []int{1, 2, 3} {
			wave := []int{1, 7, 100, 0}[r.IntN(4)]
			mid := []int{-1, n / 2}[r.IntN(2)]
			got, gotDups := runToyMid(rows, w, wave, true, mid)
			if diff := cmp.Diff(want, got); diff != "" || gotDups != dups {
				t.Fatalf("trial %d, workers %d, wave %d, flush after %d: dups %d, want %d (-want +got):\n%s", trial, w, wave, mid, gotDups, dups, diff)
			}
		}
	}
}

// TestInlineKeys checks inline, which reads with overlapping loads,
// against the plain layout: the bytes copied into 16 zeroed bytes, the
// length in the last one.
func TestInlineKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := 0; n <= maxInline; n++ {
		for range 200 {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(r.IntN(256))
			}
			var w [16]byte
			copy(w[:], b)
			w[15] = byte(n)
			want := Key{binary.LittleEndian.Uint64(w[:8]), binary.LittleEndian.Uint64(w[8:])}
			if got := inline(string(b)); got != want {
				t.Fatalf("inline(%x) = %x, want %x", b, got, want)
			}
			if got := string(appendShort(nil, want)); got != string(b) {
				t.Fatalf("appendShort(inline(%x)) = %x", b, got)
			}
		}
	}
}

// TestDigitKeys checks the three forms of Key by length and content:
// IDs of 13 to 19 ASCII digits are numbers, other IDs of up to 15 bytes
// inline, the rest long; each form gives back its ID, and IDs that
// differ only in leading zeros or in one byte have different keys.
func TestDigitKeys(t *testing.T) {
	h := NewHasher()
	r := rand.New(rand.NewPCG(7, 8))
	seen := map[Key]string{}
	for n := 0; n <= 22; n++ {
		for trial := range 300 {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte('0' + r.IntN(10))
			}
			if trial%3 == 0 && n > 0 {
				b[r.IntN(n)] = "/:a -"[r.IntN(5)] // next to '0' and '9' in ASCII, and others
			}
			if trial%5 == 0 && n > 2 {
				b[0], b[1] = '0', '0' // leading zeros
			}
			s := string(b)
			digits := strings.Trim(s, "0123456789") == ""
			hs, k := h.Hash(s)
			switch {
			case digits && n >= minDigits && n <= maxDigits:
				if !k.digits() {
					t.Fatalf("Hash(%q): key %x is not a number", s, k)
				}
			case n <= maxInline:
				if k != inline(s) {
					t.Fatalf("Hash(%q): key %x, want inline %x", s, k, inline(s))
				}
			default:
				if !k.Long() {
					t.Fatalf("Hash(%q): key %x is not long", s, k)
				}
				continue
			}
			if got := k.Text(nil); got != s {
				t.Fatalf("Hash(%q).Text = %q", s, got)
			}
			if k.textLen() != n || h.KeyHash(k) != hs {
				t.Fatalf("Hash(%q): textLen %d, KeyHash %x, hash %x", s, k.textLen(), h.KeyHash(k), hs)
			}
			if other, ok := seen[k]; ok && other != s {
				t.Fatalf("%q and %q have the same key %x", s, other, k)
			}
			seen[k] = s
		}
	}
	// The largest 19-digit ID fits; its neighbours in length do not
	// become numbers.
	for _, s := range []string{"9999999999999999999", "0000000000000000000", "999999999999", "99999999999999999999"} {
		_, k := h.Hash(s)
		if k.digits() != (len(s) >= minDigits && len(s) <= maxDigits) || !k.Long() && k.Text(nil) != s {
			t.Errorf("Hash(%q) = %x", s, k)
		}
	}
}

// TestUUIDKeys checks that UUIDs in their usual text form become keys
// that give them back, with RFC 9562's example among them, and that
// near misses stay strings: upper case, another variant, a dash moved,
// a letter past f.
func TestUUIDKeys(t *testing.T) {
	h := NewHasher()
	r := rand.New(rand.NewPCG(9, 10))
	seen := map[Key]string{}
	ids := []string{"123e4567-e89b-12d3-a456-426614174000", "00000000-0000-0000-8000-000000000000", "ffffffff-ffff-ffff-bfff-ffffffffffff"}
	for range 2000 {
		var b [16]byte
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		b[8] = b[8]&0x3F | 0x80 // the variant; the version may be anything
		ids = append(ids, fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
	}
	for _, s := range ids {
		_, k := h.Hash(s)
		if !k.uuid() || k.Text(nil) != s || k.textLen() != len(s) {
			t.Fatalf("Hash(%q) = %x (text %q)", s, k, k.Text(nil))
		}
		if other, ok := seen[k]; ok && other != s {
			t.Fatalf("%q and %q have the same key", s, other)
		}
		seen[k] = s
	}
	for _, s := range []string{
		"123E4567-E89B-12D3-A456-426614174000", // upper case
		"123e4567-e89b-12d3-7456-426614174000", // variant 0
		"123e4567-e89b-12d3-c456-426614174000", // variant 110
		"123e4567e-89b-12d3-a456-426614174000", // a dash moved
		"123e4567-e89b-12d3-a456-42661417400g", // not hex
		"00000000-0000-0000-0000-000000000000", // the nil UUID
		"123e4567-e89b-12d3-a456-4266141740001",
	} {
		_, k := h.Hash(s)
		if !k.Long() {
			t.Errorf("Hash(%q) = %x, want a long key", s, k)
		}
	}
}

// TestWavesGrow checks that waves start at an eighth of Config.Wave and
// double, and that results across such waves match the reference.
func TestWavesGrow(t *testing.T) {
	e := New(NewHasher(), Config{Workers: 2, Wave: 1 << 20},
		func(*Part[toy, struct{}], []Rec[int64], []int32, []string) {}, nil)
	defer e.Close()
	want := []int{1 << 17, 1 << 18, 1 << 19, 1 << 20, 1 << 20}
	for i, limit := range want {
		if e.limit != limit || e.n != 0 {
			t.Fatalf("wave %d: limit %d with %d records buffered, want %d with 0", i, e.limit, e.n, limit)
		}
		for range limit {
			h, k := e.Hasher().Hash("c")
			e.Push(h, &Rec[int64]{Key: k}, "c", "")
		}
	}
	e.Close()

	r := rand.New(rand.NewPCG(5, 6))
	rows := make([]toyRow, 3<<16+1000)
	for i := range rows {
		rows[i] = toyRow{cust: strconv.Itoa(r.IntN(20_000)), oid: strconv.Itoa(r.IntN(len(rows))), v: r.Int64N(100)}
	}
	wantRows, dups := toyReference(rows)
	got, gotDups := runToy(rows, 2, 1<<17, true) // waves of 65,536, then 131,072
	if diff := cmp.Diff(wantRows, got); diff != "" || gotDups != dups {
		t.Fatalf("dups %d, want %d (-want +got):\n%s", gotDups, dups, diff)
	}
}

// TestIntKey checks that the key of an integer is the key of its decimal
// text, as strconv writes it, at every length and both sides of every
// power of ten, and that it gives the text back.
func TestIntKey(t *testing.T) {
	vs := []int64{0, 1, -1, math.MaxInt64, math.MinInt64, -99_999_999_999_999, -100_000_000_000_000}
	for p := int64(1); p <= 1e18; p *= 10 {
		vs = append(vs, p-1, p, p+1, -p, -p+1, 52_001_098+p, p/3*7)
	}
	r := rand.New(rand.NewPCG(11, 12))
	for range 20_000 {
		v := int64(r.Uint64() >> r.IntN(64))
		vs = append(vs, v, -v)
	}
	for _, v := range vs {
		checkIntKey(t, v)
	}
}

func checkIntKey(t *testing.T, v int64) {
	t.Helper()
	s := strconv.FormatInt(v, 10)
	k, ok := IntKey(v)
	want, wantOK := keyOf(s)
	if ok != wantOK || k != want {
		t.Fatalf("IntKey(%d) = %x, %v; the key of %q is %x, %v", v, k, ok, s, want, wantOK)
	}
	if ok != (len(s) <= maxInline || v >= 0) {
		t.Fatalf("IntKey(%d): ok %v for a text of %d bytes", v, ok, len(s))
	}
	if ok && k.Text(nil) != s {
		t.Fatalf("IntKey(%d).Text = %q", v, k.Text(nil))
	}
	h := NewHasher()
	x, hk, text := h.HashInt(v)
	if wx, wk := h.Hash(s); x != wx || hk != wk || text != map[bool]string{true: "", false: s}[ok] {
		t.Fatalf("HashInt(%d) = %x, %x, %q; Hash(%q) = %x, %x", v, x, hk, text, s, wx, wk)
	}
}

// TestDigits8 checks the lanes of digits8 on values whose words are
// known: ASCII '0' is 0x30, and the first digit is the low byte.
func TestDigits8(t *testing.T) {
	for _, c := range []struct {
		v    uint64
		want string
	}{
		{0, "00000000"}, {7, "00000007"}, {12_345_678, "12345678"}, {99_999_999, "99999999"},
		{10_000_000, "10000000"}, {9_999, "00009999"}, {10_000, "00010000"}, {90_909_090, "90909090"},
	} {
		if got := digits8(c.v); got != binary.LittleEndian.Uint64([]byte(c.want)) {
			t.Errorf("digits8(%d) = %x, want the bytes of %q", c.v, got, c.want)
		}
	}
	for v := uint64(0); v < 1e8; v += 9_973 {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], digits8(v))
		if want := fmt.Sprintf("%08d", v); string(b[:]) != want {
			t.Fatalf("digits8(%d) = %q", v, b[:])
		}
	}
}

// TestIntKeyAllocates checks that a non-negative ID's key costs no
// allocation: the point of holding IDs as integers.
func TestIntKeyAllocates(t *testing.T) {
	var sink Key
	n := testing.AllocsPerRun(100, func() {
		for _, v := range []int64{7, 52_001_098, 1_000_000_123, 123_456_789_012, 1_000_000_000_000_123} {
			k, _ := IntKey(v)
			sink.lo ^= k.lo
		}
	})
	if n != 0 {
		t.Errorf("IntKey allocates %v times per 5 calls", n)
	}
}

// FuzzIntKey checks IntKey against the key of strconv's text.
func FuzzIntKey(f *testing.F) {
	for _, v := range []int64{0, 9, 10, 99_999_999, 100_000_000, 999_999_999_999, 1e12, -1, math.MinInt64, math.MaxInt64} {
		f.Add(v)
	}
	f.Fuzz(checkIntKey)
}

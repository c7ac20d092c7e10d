package synth_test

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestPeopleWithDupesDeterministic(t *testing.T) {
	cfg := synth.Config{People: 500, Seed: 3}
	a, b := synth.PeopleWithDupes(cfg, 0.2), synth.PeopleWithDupes(cfg, 0.2)
	if diff := cmp.Diff(a.People, b.People); diff != "" {
		t.Fatalf("not deterministic (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(a.Original, b.Original); diff != "" {
		t.Fatalf("truth not deterministic (-first +second):\n%s", diff)
	}
}

func TestPeopleWithDupesCounts(t *testing.T) {
	for _, tt := range []struct {
		share float64
		dupes int
	}{{0, 0}, {-1, 0}, {0.1, 111}, {0.5, 1000}, {2, 9000}} {
		d := synth.PeopleWithDupes(synth.Config{People: 1000, Seed: 1}, tt.share)
		if len(d.Original) != tt.dupes || len(d.People) != 1000+tt.dupes || len(d.Kind) != tt.dupes {
			t.Errorf("share %v: %d people, %d duplicates; want %d duplicates", tt.share, len(d.People), len(d.Original), tt.dupes)
		}
	}
}

// TestPeopleWithDupesTruth checks that each kind of duplicate is what its
// documentation says, and that the kinds come in their documented shares.
func TestPeopleWithDupesTruth(t *testing.T) {
	cfg := synth.Config{People: 20_000, Seed: 9}
	d := synth.PeopleWithDupes(cfg, 0.1)
	byID := map[customer.ID]*customer.Person{}
	devices := map[string]bool{}
	for i := range d.People {
		p := &d.People[i]
		if byID[p.ID] != nil {
			t.Fatalf("ID %s repeated", p.ID)
		}
		byID[p.ID] = p
		if _, dup := d.Original[p.ID]; !dup {
			for _, dev := range p.DeviceIDs {
				devices[dev] = true
			}
		}
	}
	if slices.IsSortedFunc(d.People, func(a, b customer.Person) int { return strings.Compare(string(a.ID), string(b.ID)) }) {
		t.Error("people are not shuffled")
	}
	phone := func(s string) string { n, _ := customer.NormalizePhone(s); return n }
	counts := map[synth.DupeKind]int{}
	for id, oid := range d.Original {
		p, o := byID[id], byID[oid]
		if o == nil || !strings.HasPrefix(string(oid), "P") || !strings.HasPrefix(string(id), "D") {
			t.Fatalf("duplicate %s of unknown original %s", id, oid)
		}
		kind := d.Kind[id]
		counts[kind]++
		if p.Phone != "" && kind != synth.DupeMasked && phone(p.Phone) != phone(o.Phone) {
			t.Errorf("%s (%v): phone does not normalise to the original's", id, kind)
		}
		if p.Email != "" && customer.NormalizeEmail(p.Email) != o.Email {
			t.Errorf("%s (%v): e-mail is not the original's", id, kind)
		}
		if p.IDNumber != "" && customer.NormalizeIDNumber(p.IDNumber) != o.IDNumber {
			t.Errorf("%s (%v): ID number is not the original's", id, kind)
		}
		switch kind {
		case synth.DupeReformatted:
			if p.Name != o.Name || p.Phone == o.Phone {
				t.Errorf("%s: reformatted %q %q from %q %q", id, p.Name, p.Phone, o.Name, o.Phone)
			}
		case synth.DupeTypo:
			if runeDiff(p.Name, o.Name) != 1 {
				t.Errorf("%s: typo %q of %q is not one character", id, p.Name, o.Name)
			}
		case synth.DupeSparse:
			n := 0
			for _, s := range []string{p.Phone, p.Email, p.IDNumber} {
				if s != "" {
					n++
				}
			}
			if n != 1 || p.City != "" || p.DeviceIDs != nil {
				t.Errorf("%s: sparse record %v", id, p)
			}
		case synth.DupeNewDevice:
			if p.Phone == "" || len(p.DeviceIDs) != 1 || devices[p.DeviceIDs[0]] {
				t.Errorf("%s: new device %v", id, p.DeviceIDs)
			}
		case synth.DupeMasked:
			n := phone(o.Phone)
			digits := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return r
				}
				return -1
			}, p.Phone)
			if !strings.HasSuffix(digits, n[:3]+n[7:]) || !strings.ContainsAny(p.Phone, "*x") || runeDiff(p.Name, o.Name) > 1 {
				t.Errorf("%s: masked %q %q from %q", id, p.Name, p.Phone, o.Name)
			}
		default:
			t.Errorf("%s: kind %v", id, kind)
		}
	}
	shares := map[synth.DupeKind]float64{synth.DupeReformatted: 0.3, synth.DupeTypo: 0.2, synth.DupeSparse: 0.2, synth.DupeNewDevice: 0.2, synth.DupeMasked: 0.1}
	for kind, want := range shares {
		got := float64(counts[kind]) / float64(len(d.Original))
		// 4 standard deviations of a binomial share over 2,222 draws.
		if tol := 4 * math.Sqrt(want*(1-want)/float64(len(d.Original))); math.Abs(got-want) > tol {
			t.Errorf("%v: share %.3f, want %.2f ± %.3f", kind, got, want, tol)
		}
	}
}

func runeDiff(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return max(len(ra), len(rb))
	}
	n := 0
	for i := range ra {
		if ra[i] != rb[i] {
			n++
		}
	}
	return n
}

// TestDupesOrders checks that spreading orders over duplicates keeps every
// order and every true customer's total.
func TestDupesOrders(t *testing.T) {
	cfg := synth.Config{People: 400, Seed: 4}
	d := synth.PeopleWithDupes(cfg, 0.3)
	want := map[customer.ID]decimal.Decimal{}
	n := 0
	for o := range synth.Orders(cfg) {
		want[o.CustomerID] = want[o.CustomerID].Add(o.Amount)
		n++
	}
	got := map[customer.ID]decimal.Decimal{}
	onDupes, m := 0, 0
	for o := range d.Orders(cfg) {
		id := o.CustomerID
		if orig, ok := d.Original[id]; ok {
			id = orig
			onDupes++
		}
		got[id] = got[id].Add(o.Amount)
		m++
	}
	if m != n || onDupes == 0 {
		t.Fatalf("%d orders, %d before; %d on duplicates", m, n, onDupes)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("totals per true customer (-want +got):\n%s", diff)
	}
	if !utf8.ValidString(synth.DupeKind(9).String()) || synth.DupeMasked.String() != "masked" {
		t.Error("DupeKind.String")
	}
}

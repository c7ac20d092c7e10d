package tagging_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/tagging"
	"github.com/shopspring/decimal"
)

// FuzzPipeline runs taggers that give tags chosen by the fuzzer through a
// pipeline and checks the resolved set against the rules: sorted, no
// duplicates, every group given is present, all values of a multi-valued
// group kept, the last (or first) value of an exclusive one, and a
// conflict exactly when an exclusive group got several values.
func FuzzPipeline(f *testing.F) {
	f.Add([]byte{0x01, 0x12, 0xff, 0x21, 0x05}, false)
	f.Add([]byte{0x00, 0x00, 0xff, 0x00, 0x01, 0x11}, true)
	f.Add([]byte{}, false)
	f.Add([]byte("many tags in many groups, some repeated, some not"), true)
	groups := []string{"a", "b", "multi", "c"}
	values := []string{"v0", "v1", "v2", "v3"}
	f.Fuzz(func(t *testing.T, data []byte, firstWins bool) {
		// Each 0xff byte starts a new tagger; other bytes are tags.
		var taggers []tagging.Tagger
		var given [][]tagging.Tag
		cur := []tagging.Tag{}
		flush := func() {
			tags := cur
			given = append(given, tags)
			taggers = append(taggers, tagging.TaggerFunc(func(p *tagging.Profile, dst []tagging.Tag) ([]tagging.Tag, error) {
				return append(dst, tags...), nil
			}))
			cur = []tagging.Tag{}
		}
		for _, b := range data {
			if b == 0xff {
				flush()
				continue
			}
			cur = append(cur, tagging.Tag{Group: groups[b>>4%4], Value: values[b&3]})
		}
		flush()
		pl, err := tagging.NewPipeline(taggers, tagging.Options{FirstWins: firstWins, Groups: []tagging.Group{{Name: "multi", Multi: true}}})
		if err != nil {
			t.Fatal(err)
		}
		r, err := pl.Run(person(nil))
		if err != nil {
			t.Fatal(err)
		}
		got := r.Tags.Tags()
		if !slices.IsSortedFunc(got, func(a, b tagging.Tag) int { return strings.Compare(a.Group+"\x00"+a.Value, b.Group+"\x00"+b.Value) }) ||
			len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Fatalf("tags %v not sorted or not unique", got)
		}
		// Expected: per group, the distinct values in order of giving.
		order := map[string][]string{}
		for _, tags := range given {
			for _, tg := range tags {
				if !slices.Contains(order[tg.Group], tg.Value) {
					order[tg.Group] = append(order[tg.Group], tg.Value)
				}
			}
		}
		var all []tagging.Tag
		for _, tags := range given {
			all = append(all, tags...)
		}
		conflicted := map[string]bool{}
		for _, c := range r.Conflicts {
			conflicted[c.Group] = true
		}
		for g, vs := range order {
			gotVals := []string{}
			for tg := range r.Tags.Group(g).All() {
				gotVals = append(gotVals, tg.Value)
			}
			if g == "multi" {
				want := slices.Sorted(slices.Values(vs))
				if !slices.Equal(want, gotVals) || conflicted[g] {
					t.Errorf("multi-valued %s: got %v (conflict %v), want %v", g, gotVals, conflicted[g], want)
				}
				continue
			}
			var want string
			for _, tg := range all {
				if tg.Group == g {
					want = tg.Value
					if firstWins {
						break
					}
				}
			}
			if len(gotVals) != 1 || gotVals[0] != want {
				t.Errorf("exclusive %s: got %v, want [%s]", g, gotVals, want)
			}
			if conflicted[g] != (len(vs) > 1) {
				t.Errorf("exclusive %s with values %v: conflict reported %v", g, vs, conflicted[g])
			}
		}
		if len(order) != len(slices.CompactFunc(slices.Clone(got), func(a, b tagging.Tag) bool { return a.Group == b.Group })) {
			t.Errorf("groups given %d, groups in the set %v", len(order), got)
		}
		viaTag, err := pl.Tag(person(nil), nil)
		if err != nil || !slices.Equal(viaTag, got) {
			t.Errorf("Tag() = %v, %v; Run gave %v", viaTag, err, got)
		}
	})
}

// FuzzKeyword checks the keyword match of Needs against a reference:
// ASCII-lower-case both and look for the substring.
func FuzzKeyword(f *testing.F) {
	f.Add("eco", "Eco Materials")
	f.Add("  After-Sales ", "after-sales service")
	f.Add("环保", "环保材料")
	f.Add("É", "é")
	f.Add("k", "\u212a") // Kelvin sign: not ASCII, so no match
	f.Add("ab", "a")
	f.Fuzz(func(t *testing.T, match, interest string) {
		needs, err := tagging.Compile(tagging.Needs{Keywords: []tagging.Keyword{{Match: match, Value: "hit"}}})
		if strings.TrimSpace(match) == "" || !utf8.ValidString(match) {
			if !errors.Is(err, tagging.ErrConfig) {
				t.Fatalf("Compile(Needs with keyword %q) = %v, want ErrConfig", match, err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		lower := func(s string) string {
			return strings.Map(func(r rune) rune {
				if 'A' <= r && r <= 'Z' {
					return r + 'a' - 'A'
				}
				return r
			}, s)
		}
		want := strings.Contains(lower(interest), lower(strings.TrimSpace(match)))
		got, err := needs.Tag(person(nil, interest), nil)
		if err != nil {
			t.Fatal(err)
		}
		if (len(got) == 1) != want || len(got) > 1 {
			t.Errorf("Needs(keyword %q) on interest %q = %v, want match %v", match, interest, got, want)
		}
	})
}

// FuzzBuiltin runs every built-in tagger on summaries with fuzzed fields,
// possibly inconsistent, and checks that nothing fails or panics, that
// exclusive groups hold one value, and that the spend level agrees with a
// decimal comparison of the AOV.
func FuzzBuiltin(f *testing.F) {
	f.Add(3, 1, int64(15000), int64(0), 2.5, 1, 2, 1, 40, 3, true)
	f.Add(0, 4, int64(-9000), int64(0), 0.0, 0, 0, 0, 0, 0, false)
	f.Add(1, 0, int64(50000), int64(-3), -1.0, 5, -2, 7, -30, -1, true)
	f.Add(1000000, 0, int64(1)<<62, int64(20), 1e300, 1000000, 1000000, 0, 100000, 100000, false)
	taggers := allBuiltin(f)
	pl, err := tagging.NewPipeline(taggers, tagging.Options{})
	if err != nil {
		f.Fatal(err)
	}
	spendTagger := taggers[0]
	f.Fuzz(func(t *testing.T, orders, refunds int, aovCoef, aovExp int64, ppm float64, discounted, online, offline, firstDays, lastDays int, isCompany bool) {
		aov := decimal.New(aovCoef, int32(aovExp%30))
		s := &customer.Summary{
			Orders: orders, Refunds: refunds, AvgOrderValue: aov, Net: aov, PurchasesPerMonth: ppm,
			Discounted: discounted, Online: online, Offline: offline,
			First: daysAgo(firstDays % 100000), Last: daysAgo(lastDays % 100000),
			Categories: []customer.CategoryStat{{Category: "luxury", Spend: aov}, {Category: "grocery", Spend: decimal.New(aovCoef/3, 0)}},
		}
		p := person(s, "eco materials")
		if isCompany {
			p = &tagging.Profile{Company: &customer.Company{ID: "P1", DecisionCycleDays: firstDays}, Summary: s, AsOf: testAsOf}
		}
		r, err := pl.Run(p)
		if err != nil {
			t.Fatalf("Run() = %v", err)
		}
		for _, g := range pl.Groups() {
			if n := r.Tags.Group(g.Name).Len(); !g.Multi && n > 1 {
				t.Errorf("exclusive group %s has %d values: %v", g.Name, n, r.Tags)
			}
		}
		got, _ := spendTagger.Tag(p, nil)
		want := ""
		if orders > 0 && aov.Sign() > 0 {
			switch {
			case aov.Cmp(dec("500")) > 0:
				want = "high"
			case aov.Cmp(dec("100")) < 0:
				want = "low"
			default:
				want = "mid"
			}
		}
		if (want == "") != (len(got) == 0) || (want != "" && got[0].Value != want) {
			t.Errorf("Spend(orders %d, AOV %s) = %v, want %q", orders, aov, got, want)
		}
	})
}

// FuzzProfileValidate builds profiles from fuzzed parts and checks
// Validate against the documented rules, and that Apply agrees with it.
func FuzzProfileValidate(f *testing.F) {
	f.Add(uint8(1), "P1", "P1", int64(0), int64(0), true, "vip", "gold", "sales", true)
	f.Add(uint8(3), "P1", "", int64(-3600), int64(0), false, "", "x", "", false)
	f.Add(uint8(0), "", "P2", int64(86400), int64(5), true, "g", "", "s", true)
	f.Add(uint8(2), "C9", "C8", int64(0), int64(-86400*2), true, "spend", "high", "note", true)
	f.Fuzz(func(t *testing.T, kind uint8, id, sumID string, asOfShift, sumShift int64, hasSummary bool, group, value, source string, dated bool) {
		var p tagging.Profile
		if kind&1 != 0 {
			p.Person = &customer.Person{ID: customer.ID(id)}
		}
		if kind&2 != 0 {
			p.Company = &customer.Company{ID: customer.ID(id)}
		}
		asOfShift %= 1 << 40
		sumShift %= 1 << 40
		if asOfShift != 0 {
			p.AsOf = testAsOf.Add(time.Duration(asOfShift) * time.Second)
		}
		if hasSummary {
			p.Summary = &customer.Summary{CustomerID: customer.ID(sumID)}
			if sumShift != 0 {
				p.Summary.AsOf = testAsOf.Add(time.Duration(sumShift) * time.Second)
			}
		}
		m := tagging.Assignment{Tag: tagging.Tag{Group: group, Value: value}, Source: source}
		if dated {
			m.AsOf = testAsOf
		}
		p.Manual = []tagging.Assignment{m}

		valid := (p.Person == nil) != (p.Company == nil) && id != "" &&
			(!hasSummary || sumID == "" || sumID == id) &&
			!p.Date().IsZero() &&
			(!hasSummary || p.AsOf.IsZero() || p.Summary.AsOf.IsZero() || customer.CalendarDays(p.Summary.AsOf, p.AsOf) == 0) &&
			m.Validate() == nil
		err := p.Validate()
		if (err == nil) != valid {
			t.Fatalf("Validate() = %v, want valid = %v", err, valid)
		}
		if err != nil && !errors.Is(err, tagging.ErrInvalidProfile) && !errors.Is(err, tagging.ErrInvalidTag) {
			t.Errorf("Validate() = %v, want ErrInvalidProfile or ErrInvalidTag", err)
		}
		pl, _ := tagging.NewPipeline(nil, tagging.Options{Groups: []tagging.Group{{Name: group + "x"}}})
		_, runErr := pl.Run(&p)
		if rejected := errors.Is(runErr, tagging.ErrInvalidProfile) || errors.Is(runErr, tagging.ErrInvalidTag); rejected == valid {
			t.Errorf("Run() = %v, but Validate() = %v", runErr, err)
		}
		if valid && !errors.Is(runErr, tagging.ErrUnknownGroup) {
			t.Errorf("Run() = %v, want ErrUnknownGroup for group %q", runErr, group)
		}
	})
}

package customer_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

func TestDedupErrors(t *testing.T) {
	people := []customer.Person{{ID: "P2", Phone: "13812345678"}, {ID: "P1"}, {ID: "P2"}, {ID: "P3"}, {ID: "P1"}, {ID: "P2"}}
	_, err := customer.Dedup(t.Context(), people, customer.DedupOptions{})
	if !errors.Is(err, customer.ErrDuplicateID) {
		t.Fatalf("Dedup with duplicate IDs: %v, want ErrDuplicateID", err)
	}
	var dups []customer.ID
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var fe *customer.FieldError
		if !errors.As(e, &fe) || fe.Field != "id" || !errors.Is(e, customer.ErrDuplicateID) {
			t.Fatalf("joined error %v is not a *FieldError on id wrapping ErrDuplicateID", e)
		}
		dups = append(dups, fe.ID)
	}
	if diff := gocmp.Diff([]customer.ID{"P1", "P2"}, dups); diff != "" {
		t.Errorf("duplicate IDs (-want +got):\n%s", diff)
	}
	if want := "customer: record \"P1\": id: duplicate ID\ncustomer: record \"P2\": id: duplicate ID"; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}

	_, err = customer.Dedup(t.Context(), []customer.Person{{ID: "P1", Phone: "13812345678"}, {Phone: "13812345678"}}, customer.DedupOptions{})
	var fe *customer.FieldError
	if !errors.As(err, &fe) || fe.Field != "id" || !errors.Is(err, customer.ErrEmpty) {
		t.Fatalf("Dedup with an empty ID: %v, want a *FieldError on id", err)
	}
	if !strings.Contains(err.Error(), "record 1") || strings.Contains(err.Error(), "13812345678") {
		t.Errorf("error %q should name record 1 and no phone", err)
	}

	bad := []customer.DedupOptions{
		{MaxBlock: -1},
		{Workers: -1},
		{Keys: []customer.Keyer[customer.Person]{}},
		{Keys: []customer.Keyer[customer.Person]{{}}},
		{Keys: []customer.Keyer[customer.Person]{customer.PhoneSuffixKey(12)}},
		{Matcher: customer.PersonMatcher{Threshold: -1}},
	}
	for _, opts := range bad {
		_, err := customer.Dedup(t.Context(), people[:1], opts)
		if !errors.Is(err, customer.ErrConfig) || errors.Is(err, customer.ErrInvalidValue) {
			t.Errorf("Dedup(%+v): %v, want ErrConfig", opts, err)
		}
	}
}

func TestDedupEmpty(t *testing.T) {
	res, err := customer.Dedup(t.Context(), nil, customer.DedupOptions{})
	if err != nil || len(res.People) != 0 || len(res.Survivor) != 0 || len(res.Merged) != 0 || res.Stats.Records != 0 {
		t.Errorf("Dedup(nil) = %+v, %v", res, err)
	}
	cres, err := customer.DedupCompanies(t.Context(), nil, customer.CompanyDedupOptions{})
	if err != nil || len(cres.Companies) != 0 {
		t.Errorf("DedupCompanies(nil) = %+v, %v", cres, err)
	}
}

// TestDedupKeepsUnkeyed checks that records without keys and invalid
// phones are kept as they are, counted, and never used to merge.
func TestDedupKeepsUnkeyed(t *testing.T) {
	in := []customer.Person{
		{ID: "1", Name: "张伟", Phone: "010-65551234"}, // a landline: invalid, no key
		{ID: "2", Name: "张伟", Phone: "010-65551234"},
		{ID: "3", Occupation: "teacher"},
		{ID: "4", Name: "李娜", Phone: "13912345678"},
	}
	res, err := customer.Dedup(t.Context(), in, customer.DedupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(in, res.People); diff != "" {
		t.Errorf("People changed (-want +got):\n%s", diff)
	}
	want := customer.DedupStats{Records: 4, NoKey: 3, InvalidPhone: 2, Rounds: 1}
	if diff := gocmp.Diff(want, res.Stats, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Stats (-want +got):\n%s", diff)
	}
}

// TestDedupConflict: A and B share a phone, B and C an e-mail, but A and
// C hold different valid ID numbers. Both pairs score 11 (a strong match); the
// tie goes to the smaller IDs, so A joins B first and C is refused.
func TestDedupConflict(t *testing.T) {
	in := []customer.Person{
		{ID: "C", Email: "x@example.com", IDNumber: "440524188001010014"},
		{ID: "B", Phone: "13812345678", Email: "X@example.com"},
		{ID: "A", Phone: "138 1234 5678", IDNumber: "11010519491231002X"},
	}
	res, err := customer.Dedup(t.Context(), in, customer.DedupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantSurv := map[customer.ID]customer.ID{"A": res.Survivor["B"], "B": res.Survivor["B"], "C": "C"}
	if diff := gocmp.Diff(wantSurv, res.Survivor); diff != "" {
		t.Errorf("Survivor (-want +got):\n%s", diff)
	}
	if res.Stats.Conflicts != 1 || res.Stats.Clusters != 1 {
		t.Errorf("Stats = %+v, want 1 conflict and 1 cluster", res.Stats)
	}
}

// TestDedupRounds: C and D share an e-mail. Alone, neither shares a key
// with A (C has no name, D no phone), but merged they have A's phone
// suffix and name, with a masked phone that fits A's, the same name and
// city (0.35 + 0.5 + 0.2), so a second round joins A.
func TestDedupRounds(t *testing.T) {
	in := []customer.Person{
		{ID: "A", Name: "王芳", Phone: "13912345678", City: "上海"},
		{ID: "C", Phone: "139****5678", Email: "wf@example.com"},
		{ID: "D", Name: "王芳", Email: "WF@example.com", City: "上海市"},
		{ID: "E", Name: "王芳", Phone: "13912340000", City: "上海"},
	}
	res, err := customer.Dedup(t.Context(), in, customer.DedupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := res.Survivor["A"]
	if res.Survivor["C"] != s || res.Survivor["D"] != s || res.Survivor["E"] != "E" {
		t.Errorf("Survivor = %v", res.Survivor)
	}
	if res.Stats.Rounds != 3 {
		t.Errorf("Rounds = %d, want 3 (merge C+D, then A, then nothing)", res.Stats.Rounds)
	}
	again, err := customer.Dedup(t.Context(), res.People, customer.DedupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(res.People, again.People); diff != "" || len(again.Merged) != 0 {
		t.Errorf("second Dedup changed the result (-first +second):\n%s", diff)
	}
}

// TestDedupCap puts 100,000 records in one weak block (the same name and
// masked phone) and 150 in one strong block (a store's default number):
// neither is compared pair by pair, both are reported, and the run stays
// linear.
func TestDedupCap(t *testing.T) {
	n := 100_000
	if testing.Short() {
		n = 5_000
	}
	in := make([]customer.Person, 0, n+150)
	for i := range n {
		in = append(in, customer.Person{ID: customer.ID(fmt.Sprintf("W%06d", i)), Name: "张伟", Phone: "138****5678"})
	}
	for i := range 150 {
		in = append(in, customer.Person{ID: customer.ID(fmt.Sprintf("S%03d", i)), Name: "顾客" + strconv.Itoa(i), Phone: "13800000000"})
	}
	var log strings.Builder
	res, err := customer.Dedup(t.Context(), in, customer.DedupOptions{Logger: slog.New(slog.NewTextHandler(&log, noTime))})
	if err != nil {
		t.Fatal(err)
	}
	want := []customer.CappedBlock{
		{Key: "phone", Size: 150, First: "S000"},
		{Key: "phone_suffix+name", Size: n, First: "W000000"},
	}
	if diff := gocmp.Diff(want, res.Stats.Capped); diff != "" {
		t.Errorf("Capped (-want +got):\n%s", diff)
	}
	if res.Stats.Comparisons != 0 || len(res.People) != len(in) {
		t.Errorf("Stats = %+v; %d people", res.Stats, len(res.People))
	}
	if !strings.Contains(log.String(), "size=150") || strings.Contains(log.String(), "13800000000") || strings.Contains(log.String(), "5678") {
		t.Errorf("log: %s", log.String())
	}
}

// TestDedupMaxBlock checks the cap's boundary: a block of MaxBlock
// records is compared, one more is not.
func TestDedupMaxBlock(t *testing.T) {
	mk := func(n int) []customer.Person {
		var in []customer.Person
		for i := range n {
			in = append(in, customer.Person{ID: customer.ID(strconv.Itoa(i)), Phone: "13812345678"})
		}
		return in
	}
	res, err := customer.Dedup(t.Context(), mk(3), customer.DedupOptions{MaxBlock: 3})
	if err != nil || len(res.People) != 1 || res.Stats.Comparisons != 3 {
		t.Errorf("block of 3: %d people, %+v, %v", len(res.People), res.Stats, err)
	}
	res, err = customer.Dedup(t.Context(), mk(4), customer.DedupOptions{MaxBlock: 3})
	if err != nil || len(res.People) != 4 || len(res.Stats.Capped) != 1 {
		t.Errorf("block of 4: %d people, %+v, %v", len(res.People), res.Stats, err)
	}
}

// TestDedupShrunkBlock: four records share a phone and MaxBlock is 3, so
// the phone block is capped; two of them also share an e-mail and merge,
// after which the phone block holds three records and is compared.
func TestDedupShrunkBlock(t *testing.T) {
	in := []customer.Person{
		{ID: "1", Phone: "13812345678", Email: "a@example.com"},
		{ID: "2", Phone: "13812345678", Email: "A@example.com"},
		{ID: "3", Phone: "13812345678"},
		{ID: "4", Phone: "13812345678"},
	}
	res, err := customer.Dedup(t.Context(), in, customer.DedupOptions{MaxBlock: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.People) != 1 || len(res.Stats.Capped) != 0 {
		t.Errorf("%d people, stats %+v", len(res.People), res.Stats)
	}
	again, _ := customer.Dedup(t.Context(), res.People, customer.DedupOptions{MaxBlock: 3})
	if len(again.Merged) != 0 {
		t.Errorf("not idempotent: %+v", again.Stats)
	}
}

func TestDedupHostKeysAndMatcher(t *testing.T) {
	memberNo := customer.Keyer[customer.Person]{Name: "member_no", Keys: func(dst []customer.Key, p *customer.Person) []customer.Key {
		if no := p.Attributes["member_no"]; no != "" {
			dst = append(dst, customer.Key{Text: no})
		}
		return dst
	}}
	calls := 0
	always := matcherFunc[customer.Person](func(a, b *customer.Person) (float64, bool) {
		calls++
		if a.ID > b.ID {
			t.Errorf("Match(%s, %s): smaller ID not first", a.ID, b.ID)
		}
		return 1, true
	})
	in := []customer.Person{
		{ID: "2", Attributes: map[string]string{"member_no": "M1"}},
		{ID: "1", Attributes: map[string]string{"member_no": "M1"}},
		{ID: "3", Attributes: map[string]string{"member_no": "M2"}},
	}
	res, err := customer.Dedup(t.Context(), in, customer.DedupOptions{Keys: []customer.Keyer[customer.Person]{memberNo}, Matcher: always, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := map[customer.ID]customer.ID{"1": "1", "2": "1", "3": "3"}
	if diff := gocmp.Diff(want, res.Survivor); diff != "" || calls != 1 {
		t.Errorf("Survivor (-want +got):\n%s; %d calls", diff, calls)
	}
	if res.Stats.Capped != nil {
		t.Errorf("Capped = %v", res.Stats.Capped)
	}
}

func TestDedupCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := customer.Dedup(ctx, ddMergeInputs(), customer.DedupOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Dedup(cancelled) = %v", err)
	}
}

// matcherFunc adapts a function to the Matcher interface, as a host would.
type matcherFunc[T any] func(a, b *T) (float64, bool)

func (f matcherFunc[T]) Match(a, b *T) (float64, bool) { return f(a, b) }

func TestDedupCompaniesConflict(t *testing.T) {
	in := []customer.Company{
		{ID: "1", Name: "杭州某某科技有限公司", CreditCode: "91350100M000100Y43"},
		{ID: "2", Name: "杭州某某科技有限公司", CreditCode: "9135020026015919XW"},
		{ID: "3", Name: "杭州某某科技有限公司 "},
	}
	res, err := customer.DedupCompanies(t.Context(), in, customer.CompanyDedupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// 3 matches both by name; 1 and 3 join first (smaller IDs), then 2 is
	// refused: its code differs from 1's.
	want := map[customer.ID]customer.ID{"1": "1", "2": "2", "3": "1"}
	if diff := gocmp.Diff(want, res.Survivor); diff != "" || res.Stats.Conflicts != 1 {
		t.Errorf("Survivor (-want +got):\n%s\nstats %+v", diff, res.Stats)
	}
}

func TestRepointOrders(t *testing.T) {
	orders := []customer.Order{{ID: "o1", CustomerID: "A"}, {ID: "o2", CustomerID: "B"}, {ID: "o3", CustomerID: "Z"}}
	got := slices.Collect(customer.RepointOrders(slices.Values(orders), map[customer.ID]customer.ID{"A": "B", "B": "B"}))
	want := []customer.Order{{ID: "o1", CustomerID: "B"}, {ID: "o2", CustomerID: "B"}, {ID: "o3", CustomerID: "Z"}}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("RepointOrders (-want +got):\n%s", diff)
	}
	if orders[0].CustomerID != "A" {
		t.Error("RepointOrders modified its input")
	}
	n := 0
	for range customer.RepointOrders(slices.Values(orders), nil) {
		n++
		break
	}
	if n != 1 {
		t.Error("RepointOrders ignored an early stop")
	}
}

// ddText renders a field value for multiset comparisons.
func ddText(v any) string {
	switch x := v.(type) {
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case customer.Gender:
		return x.String()
	}
	return fmt.Sprint(v)
}

// ddFieldValues lists the non-empty field values of p, written
// independently of the merge code.
func ddFieldValues(p *customer.Person) []string {
	var out []string
	add := func(field string, v any, empty bool) {
		if !empty {
			out = append(out, field+"="+ddText(v))
		}
	}
	add("name", p.Name, p.Name == "")
	add("gender", p.Gender, p.Gender == customer.GenderUnknown)
	add("birth_date", p.BirthDate, p.BirthDate.IsZero())
	add("id_number", p.IDNumber, p.IDNumber == "")
	add("city", p.City, p.City == "")
	add("province", p.Province, p.Province == "")
	add("phone", p.Phone, p.Phone == "")
	add("email", p.Email, p.Email == "")
	add("occupation", p.Occupation, p.Occupation == "")
	add("income_band", p.IncomeBand, p.IncomeBand == "")
	for _, s := range p.Interests {
		add("interests", s, s == "")
	}
	add("acquisition_channel", p.AcquisitionChannel, p.AcquisitionChannel == "")
	add("source", p.Source, p.Source == "")
	for _, s := range p.DeviceIDs {
		add("device_ids", s, s == "")
	}
	add("created_at", p.CreatedAt, p.CreatedAt.IsZero())
	add("updated_at", p.UpdatedAt, p.UpdatedAt.IsZero())
	for k, v := range p.Attributes {
		add("attributes."+k, v, v == "")
	}
	return out
}

// ddDupes generates persons with duplicates and a sprinkle of defects
// and of attributes, so that every merge path is exercised.
func ddDupes(cfg synth.Config, share float64) *synth.Dupes {
	d := synth.PeopleWithDupes(cfg, share)
	r := rand.New(rand.NewPCG(cfg.Seed, 99))
	for i := range d.People {
		p := &d.People[i]
		switch r.IntN(20) {
		case 0:
			p.Attributes = map[string]string{"vip": strconv.Itoa(r.IntN(3))}
		case 1:
			p.Phone = "n/a"
		}
	}
	return d
}

// TestDedupProperties checks point 6 of the design on generated data:
// every input ID is in Survivor; the non-empty field values of the
// inputs are exactly the outputs' plus their provenance; order totals per
// customer are unchanged by re-pointing; and Dedup is idempotent.
func TestDedupProperties(t *testing.T) {
	cfg := synth.Config{People: 3000, Seed: 11, Defects: 0.05}
	d := ddDupes(cfg, 0.15)
	res, err := customer.Dedup(t.Context(), d.People, customer.DedupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Clusters == 0 || res.Stats.Clusters == len(d.Original) {
		t.Fatalf("implausible stats %+v", res.Stats)
	}

	// Every input ID maps to an output ID, which maps to itself.
	out := make(map[customer.ID]*customer.Person, len(res.People))
	for i := range res.People {
		out[res.People[i].ID] = &res.People[i]
	}
	if len(res.Survivor) != len(d.People) || len(res.People) != len(d.People)-res.Stats.Absorbed {
		t.Fatalf("%d survivors, %d people for %d inputs, %d absorbed", len(res.Survivor), len(res.People), len(d.People), res.Stats.Absorbed)
	}
	for _, p := range d.People {
		s, ok := res.Survivor[p.ID]
		if !ok || out[s] == nil || res.Survivor[s] != s {
			t.Fatalf("input %s: survivor %q missing from People", p.ID, s)
		}
	}

	// Nothing lost: per output record, the multiset of input values.
	want := map[customer.ID][]string{}
	for i := range d.People {
		s := res.Survivor[d.People[i].ID]
		want[s] = append(want[s], ddFieldValues(&d.People[i])...)
	}
	got := map[customer.ID][]string{}
	for id, p := range out {
		got[id] = ddFieldValues(p)
	}
	for _, pv := range res.Merged {
		for _, v := range slices.Concat(pv.Replaced, pv.Repeated) {
			got[pv.ID] = append(got[pv.ID], v.Field+"="+ddText(v.Value))
		}
	}
	sorted := cmpopts.SortSlices(strings.Compare)
	for id := range want {
		if diff := gocmp.Diff(want[id], got[id], sorted, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("values of %s (-inputs +outputs and provenance):\n%s", id, diff)
		}
	}

	// Order totals: Summarize over re-pointed orders against sums per
	// survivor computed directly, and, for every customer whose cluster is
	// exactly its true one, against the true customer's total.
	orders := slices.Collect(d.Orders(cfg))
	sums, _, err := customer.Summarize(t.Context(), customer.RepointOrders(slices.Values(orders), res.Survivor), synth.DefaultAsOf, customer.SummaryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	direct := map[customer.ID]decimal.Decimal{}
	truth := map[customer.ID]decimal.Decimal{}
	grand := decimal.Zero
	for _, o := range orders {
		s := cmp.Or(res.Survivor[o.CustomerID], o.CustomerID) // companies pass through
		direct[s] = direct[s].Add(o.Amount)
		real := cmp.Or(d.Original[o.CustomerID], o.CustomerID)
		truth[real] = truth[real].Add(o.Amount)
		grand = grand.Add(o.Amount)
	}
	found := map[customer.ID][]customer.ID{}  // survivor -> members
	actual := map[customer.ID][]customer.ID{} // true customer -> members
	for _, id := range slices.Sorted(maps.Keys(res.Survivor)) {
		found[res.Survivor[id]] = append(found[res.Survivor[id]], id)
		real := cmp.Or(d.Original[id], id)
		actual[real] = append(actual[real], id)
	}
	if len(sums) != len(direct) {
		t.Fatalf("%d summaries, %d customers with orders", len(sums), len(direct))
	}
	exact := 0
	net := decimal.Zero
	for _, s := range sums {
		net = net.Add(s.Net)
		if !s.Net.Equal(direct[s.CustomerID]) {
			t.Fatalf("customer %s: net %v after re-pointing, %v directly", s.CustomerID, s.Net, direct[s.CustomerID])
		}
		members, ok := found[s.CustomerID]
		if !ok {
			continue // a company
		}
		real := cmp.Or(d.Original[members[0]], members[0])
		if slices.Equal(members, actual[real]) {
			exact++
			if !s.Net.Equal(truth[real]) {
				t.Fatalf("customer %s (truly %s): net %v, true total %v", s.CustomerID, real, s.Net, truth[real])
			}
		}
	}
	if !net.Equal(grand) {
		t.Errorf("total net %v after re-pointing, %v before", net, grand)
	}
	t.Logf("%d of %d persons with orders found exactly; their totals match the truth", exact, len(sums)-len(synth.Companies(cfg)))

	// Idempotent.
	again, err := customer.Dedup(t.Context(), res.People, customer.DedupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(res.People, again.People); diff != "" || len(again.Merged) != 0 {
		t.Errorf("Dedup of its own output changed it (-first +second):\n%s", diff)
	}
	for id, s := range again.Survivor {
		if id != s {
			t.Fatalf("second Dedup maps %s to %s", id, s)
		}
	}
}

// TestDedupDeterministic checks that input order and worker count do not
// change the result.
func TestDedupDeterministic(t *testing.T) {
	d := ddDupes(synth.Config{People: 2000, Seed: 5, Defects: 0.05}, 0.2)
	ref, err := customer.Dedup(t.Context(), d.People, customer.DedupOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	byID := func(ps []customer.Person) []customer.Person {
		ps = slices.Clone(ps)
		slices.SortFunc(ps, func(a, b customer.Person) int { return cmp.Compare(a.ID, b.ID) })
		return ps
	}
	for i, workers := range []int{1, 2, 7} {
		in := slices.Clone(d.People)
		r := rand.New(rand.NewPCG(uint64(i), 3))
		r.Shuffle(len(in), func(a, b int) { in[a], in[b] = in[b], in[a] })
		if i == 0 {
			slices.Reverse(in)
		}
		res, err := customer.Dedup(t.Context(), in, customer.DedupOptions{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(ref.Survivor, res.Survivor); diff != "" {
			t.Fatalf("workers %d, shuffled: Survivor differs (-ref +got):\n%s", workers, diff)
		}
		if diff := gocmp.Diff(byID(ref.People), byID(res.People)); diff != "" {
			t.Fatalf("workers %d, shuffled: People differ (-ref +got):\n%s", workers, diff)
		}
		if diff := gocmp.Diff(ref.Merged, res.Merged); diff != "" {
			t.Fatalf("workers %d, shuffled: Merged differs (-ref +got):\n%s", workers, diff)
		}
		if diff := gocmp.Diff(ref.Stats, res.Stats); diff != "" {
			t.Fatalf("workers %d, shuffled: Stats differ (-ref +got):\n%s", workers, diff)
		}
	}
}

// ddPairScores returns the precision and recall of the pairs Dedup put
// together against the injected truth.
func ddPairScores(d *synth.Dupes, survivor map[customer.ID]customer.ID) (precision, recall float64, tp, fp, truePairs int) {
	real := func(id customer.ID) customer.ID { return cmp.Or(d.Original[id], id) }
	clusters := map[customer.ID][]customer.ID{}
	for _, id := range slices.Sorted(maps.Keys(survivor)) {
		clusters[survivor[id]] = append(clusters[survivor[id]], id)
	}
	for _, ms := range clusters {
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				if real(ms[i]) == real(ms[j]) {
					tp++
				} else {
					fp++
				}
			}
		}
	}
	sizes := map[customer.ID]int{}
	for _, o := range d.Original {
		sizes[o]++
	}
	for _, n := range sizes {
		truePairs += (n + 1) * n / 2
	}
	return float64(tp) / float64(max(tp+fp, 1)), float64(tp) / float64(max(truePairs, 1)), tp, fp, truePairs
}

// TestDedupPrecisionRecall measures the merged pairs of 50,000 persons
// (10% of them injected duplicates) against the truth, with the default
// options.
func TestDedupPrecisionRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("50,000 persons; skipped with -short")
	}
	d := synth.PeopleWithDupes(synth.Config{People: 45_000, Seed: 2026}, 0.1)
	res, err := customer.Dedup(t.Context(), d.People, customer.DedupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p, r, tp, fp, all := ddPairScores(d, res.Survivor)
	t.Logf("%d records: precision %.4f (%d of %d pairs), recall %.4f (of %d true pairs)", len(d.People), p, tp, tp+fp, r, all)
	missed := map[synth.DupeKind]int{}
	for dup, orig := range d.Original {
		if res.Survivor[dup] != res.Survivor[orig] {
			missed[d.Kind[dup]]++
		}
	}
	t.Logf("missed duplicates by kind: %v", missed)
	if p < 0.99 || r < 0.95 {
		t.Errorf("precision %.4f, recall %.4f; want at least 0.99 and 0.95", p, r)
	}
}

package segment

import (
	"cmp"
	"slices"
	"strings"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/money"
	"github.com/clientele-go/clientele/tagging"
	"github.com/shopspring/decimal"
)

// accumulator collects a worker's statistics, per segment (by temporary
// index) and overall.
type accumulator struct {
	bands         []int
	segs          []*segAcc
	unknownCities int
	missingBirth  int
}

func newAccumulator(opts Options) *accumulator {
	return &accumulator{bands: opts.AgeBands}
}

// segAcc collects one segment's statistics.
type segAcc struct {
	size, persons, companies, buyers int
	ages                             []int // per band, then unknown
	genders                          [3]int
	tiers                            [7]int // unknown, tier1..tier5
	sizes                            [5]int // unknown, Large..Micro
	cities                           map[string]int
	industries                       map[string]int
	aovSum                           money.Sum
	aovUnits                         []int64
	aovWide                          []decimal.Decimal // AOVs that do not fit units
	orders                           []int32
	ordersSum                        int64
	tags                             map[tagging.Tag]int
	catIndex                         map[string]int
	catSpend                         []money.Sum
	channels                         map[customer.Channel]int
	purchases                        int
}

// memberFacts are what a member contributes, computed once however many
// segments it is in.
type memberFacts struct {
	person   bool
	ageBand  int // -1 for unknown
	gender   int
	tier     tier
	city     string
	industry string
	size     Size
}

func (a *accumulator) seg(k int32) *segAcc {
	for int(k) >= len(a.segs) {
		a.segs = append(a.segs, nil)
	}
	s := a.segs[k]
	if s == nil {
		s = &segAcc{
			ages:       make([]int, len(a.bands)+2),
			cities:     map[string]int{},
			industries: map[string]int{},
			tags:       map[tagging.Tag]int{},
			catIndex:   map[string]int{},
			channels:   map[customer.Channel]int{},
		}
		a.segs[k] = s
	}
	return s
}

// add counts member m in the segments idx (temporary indexes).
func (a *accumulator) add(m *Member, idx []int32) {
	var f memberFacts
	f.ageBand = -1
	if r := lookupCity(memberCity(m)); r != nil {
		f.tier, f.city = r.tier, r.name
	} else {
		f.city = unknown
		a.unknownCities++
	}
	if p := m.Person; p != nil {
		f.person = true
		if age, ok := p.Age(m.Date()); ok {
			f.ageBand = ageBandIndex(age, a.bands)
		} else {
			a.missingBirth++
		}
		switch p.Gender {
		case customer.Male:
			f.gender = 1
		case customer.Female:
			f.gender = 2
		}
	} else {
		c := m.Company
		f.industry = unknown
		if strings.TrimSpace(c.Industry) != "" {
			f.industry = NBSIndustry(c.Industry)
		}
		f.size = memberSize(m)
	}
	for _, k := range idx {
		a.seg(k).add(m, &f)
	}
}

func (s *segAcc) add(m *Member, f *memberFacts) {
	s.size++
	if f.person {
		s.persons++
		if f.ageBand >= 0 {
			s.ages[f.ageBand]++
		} else {
			s.ages[len(s.ages)-1]++
		}
		s.genders[f.gender]++
	} else {
		s.companies++
		s.industries[f.industry]++
		s.sizes[f.size]++
	}
	s.tiers[f.tier]++
	s.cities[f.city]++
	orders := 0
	if sum := m.Summary; sum != nil {
		orders = sum.Orders
		if orders > 0 {
			s.buyers++
			s.aovSum.Add(sum.AvgOrderValue)
			if u, ok := money.Units(sum.AvgOrderValue); ok {
				s.aovUnits = append(s.aovUnits, u)
			} else {
				s.aovWide = append(s.aovWide, sum.AvgOrderValue)
			}
		}
		for i := range sum.Categories {
			c := &sum.Categories[i]
			k, ok := s.catIndex[c.Category]
			if !ok {
				k = len(s.catSpend)
				s.catIndex[c.Category] = k
				s.catSpend = append(s.catSpend, money.Sum{})
			}
			s.catSpend[k].Add(c.Spend)
		}
		for i := range sum.Channels {
			c := &sum.Channels[i]
			s.channels[c.Channel] += c.Orders
			s.purchases += c.Orders
		}
	}
	s.orders = append(s.orders, int32(min(orders, 1<<31-1)))
	s.ordersSum += int64(orders)
	for t := range m.Tags.All() {
		s.tags[t]++
	}
}

// merge adds b's counts to a.
func (a *accumulator) merge(b *accumulator) {
	a.unknownCities += b.unknownCities
	a.missingBirth += b.missingBirth
	for k, sb := range b.segs {
		if sb == nil {
			continue
		}
		sa := a.seg(int32(k))
		sa.merge(sb)
	}
}

func (s *segAcc) merge(o *segAcc) {
	s.size += o.size
	s.persons += o.persons
	s.companies += o.companies
	s.buyers += o.buyers
	for i := range s.ages {
		s.ages[i] += o.ages[i]
	}
	for i := range s.genders {
		s.genders[i] += o.genders[i]
	}
	for i := range s.tiers {
		s.tiers[i] += o.tiers[i]
	}
	for i := range s.sizes {
		s.sizes[i] += o.sizes[i]
	}
	for k, v := range o.cities {
		s.cities[k] += v
	}
	for k, v := range o.industries {
		s.industries[k] += v
	}
	s.aovSum.Merge(o.aovSum)
	s.aovUnits = append(s.aovUnits, o.aovUnits...)
	s.aovWide = append(s.aovWide, o.aovWide...)
	s.orders = append(s.orders, o.orders...)
	s.ordersSum += o.ordersSum
	for k, v := range o.tags {
		s.tags[k] += v
	}
	for c, k := range o.catIndex {
		j, ok := s.catIndex[c]
		if !ok {
			j = len(s.catSpend)
			s.catIndex[c] = j
			s.catSpend = append(s.catSpend, money.Sum{})
		}
		s.catSpend[j].Merge(o.catSpend[k])
	}
	for k, v := range o.channels {
		s.channels[k] += v
	}
	s.purchases += o.purchases
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// portrait builds the segment's Portrait (without its Segment).
func (s *segAcc) portrait(opts Options, valid int) Portrait {
	p := Portrait{
		Size: s.size, Share: share(s.size, valid),
		Persons: s.persons, Companies: s.companies, Buyers: s.buyers,
	}
	labels := append(ageBandLabels(opts.AgeBands), unknown)
	for i, n := range s.ages {
		if n > 0 {
			p.Ages = append(p.Ages, Count{labels[i], n, share(n, s.persons)})
		}
	}
	for i, g := range []string{"male", "female", unknown} {
		n := s.genders[(i+1)%3]
		if n > 0 {
			p.Genders = append(p.Genders, Count{g, n, share(n, s.persons)})
		}
	}
	for t := tier1; t <= tier5+1; t++ {
		k, label := t, t.String()
		if t > tier5 {
			k, label = tierUnknown, unknown
		}
		if n := s.tiers[k]; n > 0 {
			p.Tiers = append(p.Tiers, Count{label, n, share(n, s.size)})
		}
	}
	for z := Large; z <= Micro+1; z++ {
		size := z
		if z > Micro {
			size = SizeUnknown
		}
		if n := s.sizes[size]; n > 0 {
			p.Sizes = append(p.Sizes, Count{size.String(), n, share(n, s.companies)})
		}
	}
	p.Cities = top(s.cities, opts.Top, s.size)
	p.Industries = top(s.industries, opts.Top, s.companies)

	// AOV over buyers.
	p.AOV.N = s.buyers
	if s.buyers > 0 {
		two := decimal.NewFromInt(2)
		p.AOV.Mean = s.aovSum.Decimal().DivRound(decimal.NewFromInt(int64(s.buyers)), 2)
		mid := func(i int) decimal.Decimal { return decimal.New(s.aovUnits[i], money.Exp) }
		var lo, hi decimal.Decimal
		if len(s.aovWide) == 0 {
			slices.Sort(s.aovUnits)
			lo, hi = mid((s.buyers-1)/2), mid(s.buyers/2)
		} else {
			all := slices.Clone(s.aovWide)
			for _, u := range s.aovUnits {
				all = append(all, decimal.New(u, money.Exp))
			}
			slices.SortFunc(all, decimal.Decimal.Cmp)
			lo, hi = all[(s.buyers-1)/2], all[s.buyers/2]
		}
		p.AOV.Median = lo.Add(hi).DivRound(two, 2)
	}

	// Frequency over every member.
	p.Frequency.N = s.size
	if s.size > 0 {
		slices.Sort(s.orders)
		p.Frequency.Mean = float64(s.ordersSum) / float64(s.size)
		p.Frequency.Median = (float64(s.orders[(s.size-1)/2]) + float64(s.orders[s.size/2])) / 2
	}

	// Tags.
	tagCounts := make(map[string]int, len(s.tags))
	for t, n := range s.tags {
		tagCounts[t.String()] += n
	}
	p.Tags = top(tagCounts, opts.Top, s.size)

	// Categories by spend.
	type cat struct {
		name  string
		spend decimal.Decimal
	}
	var cats []cat
	var positive money.Sum
	for name, k := range s.catIndex {
		if s.catSpend[k].Sign() > 0 {
			positive.Merge(s.catSpend[k])
			cats = append(cats, cat{name, s.catSpend[k].Decimal()})
		}
	}
	slices.SortFunc(cats, func(a, b cat) int {
		if c := b.spend.Cmp(a.spend); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	totalSpend := positive.Decimal()
	for _, c := range cats[:min(len(cats), opts.Top)] {
		sh, _ := c.spend.Div(totalSpend).Float64()
		p.Categories = append(p.Categories, Amount{c.name, c.spend, sh})
	}

	// Channels.
	chans := make(map[string]int, len(s.channels))
	for c, n := range s.channels {
		if n > 0 {
			chans[string(c)] += n
		}
	}
	p.Channels = top(chans, len(chans), s.purchases)
	return p
}

// top returns the n most frequent values of counts, most first, ties by
// value, with shares of of.
func top(counts map[string]int, n, of int) []Count {
	out := make([]Count, 0, len(counts))
	for v, c := range counts {
		out = append(out, Count{v, c, share(c, of)})
	}
	slices.SortFunc(out, func(a, b Count) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
	if len(out) > n {
		out = out[:n]
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

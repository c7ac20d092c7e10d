package synth

import (
	"iter"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/clientele-go/clientele/customer"
)

// DupeKind says how an injected duplicate differs from its original.
type DupeKind uint8

// Kinds of duplicates, with their share of the duplicates.
const (
	// DupeReformatted (30%): the same person keyed in again on another
	// channel: the phone in another format (+86, dashes, spaces,
	// full-width digits), the e-mail in upper case or padded, the city
	// with or without 市, some fields left out.
	DupeReformatted DupeKind = iota + 1
	// DupeTypo (20%): as DupeReformatted, with a one-character typo in
	// the given name.
	DupeTypo
	// DupeSparse (20%): a service-desk record with little more than one
	// identifier (the phone, the e-mail or the ID number) and the name.
	DupeSparse
	// DupeNewDevice (20%): the same phone number registering from a new
	// device in the app or mini program.
	DupeNewDevice
	// DupeMasked (10%): a marketplace order record with the phone masked
	// (138****5678), the name and the city; one in ten has a typo in the
	// name and one in ten no city, which leaves too little evidence.
	DupeMasked
)

// String returns the kind's name, e.g. "reformatted".
func (k DupeKind) String() string {
	switch k {
	case DupeReformatted:
		return "reformatted"
	case DupeTypo:
		return "typo"
	case DupeSparse:
		return "sparse"
	case DupeNewDevice:
		return "new_device"
	case DupeMasked:
		return "masked"
	}
	return "DupeKind(" + strconv.Itoa(int(k)) + ")"
}

// dupeShares are the cumulative shares of the kinds, in kind order.
var dupeShares = [...]float64{0.30, 0.50, 0.70, 0.90, 1.00}

// Stream of the per-duplicate generators, above the record streams of
// synth.go.
const streamDupe uint64 = 0xd1

// Dupes is a set of persons with injected duplicates and the truth about
// them.
type Dupes struct {
	// People holds the originals (IDs from PersonID) and the duplicates
	// (IDs from DupeID), shuffled.
	People []customer.Person
	// Original maps each duplicate's ID to its original's ID.
	Original map[customer.ID]customer.ID
	// Kind maps each duplicate's ID to how it was made.
	Kind map[customer.ID]DupeKind

	dupes map[customer.ID][]customer.ID // original -> its duplicates, in order
}

// DupeID returns the ID of the k-th injected duplicate.
func DupeID(k int) customer.ID { return customer.ID("D" + pad(k, 7)) }

// PeopleWithDupes returns the persons of the data set cfg describes plus
// injected duplicates that make up share of all records (0.1 means one
// record in ten is a duplicate; share is clamped to [0, 0.9]). Each
// duplicate copies a uniformly chosen original, so some persons have
// several. The originals never share a phone, e-mail, ID number or device
// with each other, so Original is the whole truth. The result is a pure
// function of cfg and share.
func PeopleWithDupes(cfg Config, share float64) *Dupes {
	cfg = cfg.withDefaults()
	share = min(clamp01(share), 0.9)
	m := int(math.Round(float64(cfg.People) * share / (1 - share)))
	d := &Dupes{
		People:   make([]customer.Person, 0, cfg.People+m),
		Original: make(map[customer.ID]customer.ID, m),
		Kind:     make(map[customer.ID]DupeKind, m),
		dupes:    make(map[customer.ID][]customer.ID, m),
	}
	d.People = append(d.People, people(cfg, nil)...)
	for k := range m {
		r := rng(cfg.Seed, k, streamDupe)
		orig := &d.People[r.IntN(cfg.People)]
		p, kind := dupe(r, orig, k, cfg.AsOf)
		d.People = append(d.People, p)
		d.Original[p.ID] = orig.ID
		d.Kind[p.ID] = kind
		d.dupes[orig.ID] = append(d.dupes[orig.ID], p.ID)
	}
	shuffle := rand.New(rand.NewPCG(cfg.Seed, 0x6475706573)) // "dupes"
	shuffle.Shuffle(len(d.People), func(i, j int) { d.People[i], d.People[j] = d.People[j], d.People[i] })
	return d
}

// Orders streams the orders of the data set cfg describes (see [Orders]),
// with the orders of each person who has duplicates spread over the
// original's and the duplicates' IDs, as when each channel books its own
// customer record. cfg must be the Config given to PeopleWithDupes.
func (d *Dupes) Orders(cfg Config) iter.Seq[customer.Order] {
	return func(yield func(customer.Order) bool) {
		for o := range Orders(cfg) {
			if ids := d.dupes[o.CustomerID]; len(ids) > 0 {
				h := fnv(o.ID) % uint64(len(ids)+1)
				if h > 0 {
					o.CustomerID = ids[h-1]
				}
			}
			if !yield(o) {
				return
			}
		}
	}
}

// fnv is the 64-bit FNV-1a hash, used to spread orders deterministically.
func fnv(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// dupe makes the k-th duplicate of orig.
func dupe(r *rand.Rand, orig *customer.Person, k int, asOf time.Time) (customer.Person, DupeKind) {
	x := r.Float64()
	kind := DupeMasked
	for i, s := range dupeShares {
		if x < s {
			kind = DupeKind(i + 1)
			break
		}
	}
	digits, err := customer.NormalizePhone(orig.Phone)
	if err != nil && (kind == DupeMasked || kind == DupeNewDevice) {
		kind = DupeReformatted
	}
	p := customer.Person{ID: DupeID(k)}
	p.CreatedAt = later(r, orig.CreatedAt, asOf)
	p.UpdatedAt = later(r, p.CreatedAt, asOf)
	switch kind {
	case DupeReformatted, DupeTypo:
		p.Name = orig.Name
		if kind == DupeTypo {
			p.Name = typo(r, orig.Name, orig.Gender)
		}
		p.Gender = orig.Gender
		if r.IntN(2) == 0 {
			p.BirthDate = orig.BirthDate
		}
		if r.IntN(2) == 0 {
			p.IDNumber = orig.IDNumber
			if strings.HasSuffix(p.IDNumber, "X") && r.IntN(2) == 0 {
				p.IDNumber = strings.TrimSuffix(p.IDNumber, "X") + "x"
			}
		}
		p.City, p.Province = toggleCity(orig.City), orig.Province
		p.Phone = orig.Phone
		if err == nil {
			p.Phone = reformatPhone(r, digits, orig.Phone)
		}
		if orig.Email != "" && r.IntN(10) < 7 {
			p.Email = retypeEmail(r, orig.Email)
		}
		if r.IntN(2) == 0 {
			p.Occupation = orig.Occupation
		}
		if r.IntN(2) == 0 {
			p.IncomeBand = orig.IncomeBand
		}
		for _, v := range orig.Interests {
			if r.IntN(2) == 0 {
				p.Interests = append(p.Interests, v)
			}
		}
		p.AcquisitionChannel = pick(r, []string{"store", "online", "partner", "service_desk"})
		p.Source = pick(r, sources)
	case DupeSparse:
		if r.IntN(5) > 0 {
			p.Name = orig.Name
		}
		var ids []int
		if orig.Phone != "" {
			ids = append(ids, 0)
		}
		if orig.Email != "" {
			ids = append(ids, 1)
		}
		if orig.IDNumber != "" {
			ids = append(ids, 2)
		}
		switch pick(r, ids) {
		case 0:
			p.Phone = orig.Phone
			if err == nil {
				p.Phone = reformatPhone(r, digits, orig.Phone)
			}
		case 1:
			p.Email = retypeEmail(r, orig.Email)
		case 2:
			p.IDNumber = orig.IDNumber
		}
		p.AcquisitionChannel = "service_desk"
		p.Source = "hotline"
	case DupeNewDevice:
		p.Name = orig.Name
		p.Gender = orig.Gender
		p.Phone = orig.Phone
		if r.IntN(10) < 3 {
			p.Phone = reformatPhone(r, digits, orig.Phone)
		}
		if r.IntN(2) == 0 {
			p.City = orig.City
		}
		p.DeviceIDs = []string{"dev-d" + strconv.FormatUint(fnv(string(p.ID))^r.Uint64()>>8, 16)}
		p.AcquisitionChannel = pick(r, []string{"app", "mini_program"})
		p.Source = "wechat"
		if r.IntN(2) == 0 {
			p.Interests = []string{pick(r, interests)}
		}
	case DupeMasked:
		p.Name = orig.Name
		if r.IntN(10) == 0 {
			p.Name = typo(r, orig.Name, orig.Gender)
		}
		if r.IntN(10) > 0 {
			p.City = orig.City
			if r.IntN(2) == 0 {
				p.City = toggleCity(orig.City)
			}
		}
		p.Phone = maskPhone(r, digits)
		p.AcquisitionChannel = "online"
		p.Source = "marketplace"
	}
	return p, kind
}

// later returns a time between t and asOf, to the second.
func later(r *rand.Rand, t, asOf time.Time) time.Time {
	if !asOf.After(t) {
		return t
	}
	return t.Add(time.Duration(r.Int64N(int64(asOf.Sub(t))))).Truncate(time.Second)
}

// reformatPhone writes the 11 digits n in one of six formats other than
// plain digits, and other than was (the original's format).
func reformatPhone(r *rand.Rand, n, was string) string {
	k := r.IntN(6)
	for range 6 {
		if s := phoneFormat(k, n); s != was {
			return s
		}
		k = (k + 1) % 6
	}
	return n
}

func phoneFormat(k int, n string) string {
	switch k {
	case 0:
		return "+86 " + n[:3] + " " + n[3:7] + " " + n[7:]
	case 1:
		return n[:3] + "-" + n[3:7] + "-" + n[7:]
	case 2:
		return "0086" + n
	case 3:
		return "(+86) " + n
	case 4:
		return n[:3] + " " + n[3:7] + " " + n[7:]
	}
	var b strings.Builder
	for _, c := range n {
		b.WriteRune(c - '0' + '０') // full-width digits
	}
	return b.String()
}

// maskPhone writes a number as marketplaces export it.
func maskPhone(r *rand.Rand, n string) string {
	switch r.IntN(3) {
	case 0:
		return "+86 " + n[:3] + " **** " + n[7:]
	case 1:
		return n[:3] + "xxxx" + n[7:]
	}
	return n[:3] + "****" + n[7:]
}

func retypeEmail(r *rand.Rand, e string) string {
	switch r.IntN(3) {
	case 0:
		return strings.ToUpper(e)
	case 1:
		return " " + e + " "
	}
	return strings.ToUpper(e[:1]) + e[1:]
}

// toggleCity adds or removes a final 市.
func toggleCity(c string) string {
	if t, ok := strings.CutSuffix(c, "市"); ok {
		return t
	}
	if c == "" {
		return c
	}
	return c + "市"
}

// typo replaces one character of the given name with another of the same
// gender's given-name characters.
func typo(r *rand.Rand, name string, g customer.Gender) string {
	runes := []rune(name)
	first := 1
	for _, s := range compoundSurnames {
		if strings.HasPrefix(name, s) {
			first = 2
		}
	}
	if len(runes) <= first {
		return name
	}
	given := maleGiven
	if g == customer.Female {
		given = femaleGiven
	}
	i := first + r.IntN(len(runes)-first)
	for {
		c := []rune(pick(r, given))[0]
		if c != runes[i] {
			runes[i] = c
			return string(runes)
		}
	}
}

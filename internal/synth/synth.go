package synth

import (
	"iter"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/shopspring/decimal"
)

// CST is the fixed UTC+8 zone all generated times are in.
var CST = time.FixedZone("CST", 8*3600)

// DefaultAsOf is the as-of time used when Config.AsOf is zero: the last
// second of 2026-06-30, China Standard Time.
var DefaultAsOf = time.Date(2026, 6, 30, 23, 59, 59, 0, CST)

// Config describes a sample data set. The zero value describes 1,000
// persons and 50 companies with three years of orders and no defects.
type Config struct {
	// People is the number of persons. 0 means 1,000.
	People int
	// Companies is the number of companies. 0 means People/20, at least 1.
	// A negative value means none.
	Companies int
	// Seed seeds every random choice.
	Seed uint64
	// AsOf is the end of the order history. Zero means DefaultAsOf.
	AsOf time.Time
	// Years is the length of the history. 0 means 3.
	Years int
	// OrdersPerCustomer is the mean number of person orders per person,
	// refunds excluded. 0 means 10.
	OrdersPerCustomer float64
	// Defects is the share of person and company records given one data
	// defect (an invalid phone, a bad ID check character, Feb 30, a future
	// birth date, a malformed e-mail, a lower-case credit code, …), in
	// [0, 1]. 0 means none. Dataset.Defects lists them.
	Defects float64
	// DuplicateOrders is the share of orders emitted a second time with the
	// same ID, as happens when a feed is replayed. 0 means none.
	DuplicateOrders float64
}

func (c Config) withDefaults() Config {
	if c.People <= 0 {
		c.People = 1000
	}
	if c.Companies == 0 {
		c.Companies = max(1, c.People/20)
	}
	if c.AsOf.IsZero() {
		c.AsOf = DefaultAsOf
	}
	if c.Years <= 0 {
		c.Years = 3
	}
	if c.OrdersPerCustomer <= 0 {
		c.OrdersPerCustomer = 10
	}
	c.Defects = clamp01(c.Defects)
	c.DuplicateOrders = clamp01(c.DuplicateOrders)
	return c
}

// companyCount returns the number of companies of a defaulted Config
// (negative Companies stays negative through withDefaults, meaning none).
func (c Config) companyCount() int { return max(c.Companies, 0) }

func clamp01(v float64) float64 {
	if !(v > 0) {
		return 0
	}
	return min(v, 1)
}

// Dataset is a generated sample.
type Dataset struct {
	AsOf      time.Time
	People    []customer.Person
	Companies []customer.Company
	// Orders holds every order of persons and companies in time order
	// (ties in generation order).
	Orders []customer.Order
	// Defects maps the ID of each record given a defect to what it is.
	Defects map[customer.ID]string
}

// Generate builds a whole data set. It holds every order in memory; use
// [Orders] to stream a large one.
func Generate(cfg Config) *Dataset {
	cfg = cfg.withDefaults()
	ds := &Dataset{AsOf: cfg.AsOf, Defects: make(map[customer.ID]string)}
	ds.People = people(cfg, ds.Defects)
	ds.Companies = companies(cfg, ds.Defects)
	ds.Orders = sortByDay(slices.Collect(Orders(cfg)), cfg)
	return ds
}

// People returns the persons of the data set cfg describes.
func People(cfg Config) []customer.Person {
	return people(cfg.withDefaults(), nil)
}

// Companies returns the companies of the data set cfg describes.
func Companies(cfg Config) []customer.Company {
	return companies(cfg.withDefaults(), nil)
}

// Streams of the per-record generators: each record i draws from
// rand.NewPCG(Seed, i<<8 | stream), so records are independent of each
// other and of generation order.
const (
	streamPerson uint64 = iota + 1
	streamPersonOrders
	streamCompany
	streamCompanyOrders
	streamDefect
	streamDuplicate
	streamAge
)

// ageOf returns the age in years of person i at the as-of date, 18 to 75
// and skewed young. It has its own stream so that order generation can
// know a buyer's age without generating the person.
func ageOf(seed uint64, i int) int {
	return 18 + int(57*math.Pow(rng(seed, i, streamAge).Float64(), 1.6))
}

func rng(seed uint64, i int, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(i)<<8|stream))
}

// PersonID returns the ID of the i-th generated person.
func PersonID(i int) customer.ID { return customer.ID("P" + pad(i, 7)) }

// CompanyID returns the ID of the i-th generated company.
func CompanyID(i int) customer.ID { return customer.ID("C" + pad(i, 6)) }

func pad(i, width int) string {
	s := strconv.Itoa(i)
	if len(s) < width {
		s = strings.Repeat("0", width-len(s)) + s
	}
	return s
}

// cityWeights is the cumulative weight of cities, for weighted choice.
var cityCumulative = func() []int {
	c := make([]int, len(cities))
	sum := 0
	for i, ct := range cities {
		sum += ct.weight
		c[i] = sum
	}
	return c
}()

func pickCity(r *rand.Rand) city {
	x := r.IntN(cityCumulative[len(cityCumulative)-1])
	i, _ := slices.BinarySearch(cityCumulative, x+1)
	return cities[i]
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func people(cfg Config, defects map[customer.ID]string) []customer.Person {
	out := make([]customer.Person, cfg.People)
	used := make(map[string]struct{}, cfg.People)
	start := cfg.AsOf.AddDate(-cfg.Years, 0, 0)
	for i := range out {
		out[i] = person(cfg, i, start, used)
		if cfg.Defects > 0 {
			if d := rng(cfg.Seed, i, streamDefect); d.Float64() < cfg.Defects {
				what := personDefect(d, &out[i], cfg.AsOf)
				if defects != nil {
					defects[out[i].ID] = what
				}
			}
		}
	}
	return out
}

func person(cfg Config, i int, start time.Time, used map[string]struct{}) customer.Person {
	r := rng(cfg.Seed, i, streamPerson)
	p := customer.Person{ID: PersonID(i)}
	if r.IntN(2) == 0 {
		p.Gender = customer.Male
	} else {
		p.Gender = customer.Female
	}
	p.Name = chineseName(r, p.Gender)
	birth := cfg.AsOf.AddDate(-ageOf(cfg.Seed, i), 0, -r.IntN(365))
	p.BirthDate = time.Date(birth.Year(), birth.Month(), birth.Day(), 0, 0, 0, 0, time.UTC)
	c := pickCity(r)
	p.City, p.Province = c.name, c.province
	if r.IntN(4) == 0 {
		p.City += "市" // both spellings occur in real data
	}
	p.IDNumber = idNumber(r, c.code, p.BirthDate, p.Gender, used)
	p.Phone = formatPhone(r, phoneNumber(cfg.Seed, i))
	if r.IntN(10) < 8 {
		p.Email = "user" + strconv.Itoa(i) + "@" + pick(r, []string{"example.com", "example.cn", "example.net"})
	}
	p.Occupation = pick(r, occupations)
	p.IncomeBand = incomeBands[min(len(incomeBands)-1, int(math.Abs(r.NormFloat64())*1.6))]
	for range r.IntN(4) {
		if v := pick(r, interests); !slices.Contains(p.Interests, v) {
			p.Interests = append(p.Interests, v)
		}
	}
	p.AcquisitionChannel = pick(r, acquisitionChannels)
	p.Source = pick(r, sources)
	for k := range r.IntN(3) {
		p.DeviceIDs = append(p.DeviceIDs, deviceID(cfg.Seed, i, k))
	}
	span := cfg.AsOf.Sub(start)
	p.CreatedAt = start.Add(time.Duration(r.Int64N(int64(span)))).Truncate(time.Second)
	p.UpdatedAt = p.CreatedAt.Add(time.Duration(r.Int64N(int64(cfg.AsOf.Sub(p.CreatedAt)) + 1))).Truncate(time.Second)
	return p
}

func chineseName(r *rand.Rand, g customer.Gender) string {
	var b strings.Builder
	if r.IntN(200) == 0 {
		b.WriteString(pick(r, compoundSurnames))
	} else {
		b.WriteString(pick(r, surnames))
	}
	given := maleGiven
	if g == customer.Female {
		given = femaleGiven
	}
	for range 1 + r.IntN(2) {
		b.WriteString(pick(r, given))
	}
	return b.String()
}

// phoneNumber returns a mobile number unique to person i: a real mobile
// prefix and eight digits that are a bijective scramble of i (for
// i < 10^8), so no two generated persons share a number by accident.
func phoneNumber(seed uint64, i int) string {
	prefix := mobilePrefixes[(uint64(i)*7+seed)%uint64(len(mobilePrefixes))]
	// An affine map mod 10^8 with an odd multiplier coprime to 10 is a bijection.
	const m = 100_000_000
	v := (uint64(i)*48_271 + seed%m) % m
	return prefix + pad(int(v), 8)
}

// formatPhone writes a number the way people type it.
func formatPhone(r *rand.Rand, n string) string {
	switch r.IntN(10) {
	case 0:
		return "+86 " + n[:3] + " " + n[3:7] + " " + n[7:]
	case 1:
		return n[:3] + "-" + n[3:7] + "-" + n[7:]
	case 2:
		return "86" + n
	}
	return n
}

func deviceID(seed uint64, i, k int) string {
	h := (uint64(i)<<4 | uint64(k)) ^ seed
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return "dev-" + strconv.FormatUint(h, 16)
}

// idWeights and idCheck implement GB 11643 here independently of the
// customer package, so that its tests check one implementation against
// another.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheck = "10X98765432"

func idNumber(r *rand.Rand, prefecture string, birth time.Time, g customer.Gender, used map[string]struct{}) string {
	county := 1 + r.IntN(9)
	seq := r.IntN(500)
	for {
		body := division(prefecture, county) + birth.Format("20060102") + pad(seq*2+genderParity(g), 3)
		id := body + string(idCheckChar(body))
		if _, dup := used[id]; !dup {
			used[id] = struct{}{}
			return id
		}
		seq = (seq + 1) % 500
		if seq == 0 {
			county = county%9 + 1
		}
	}
}

// division returns the six-digit division code prefecture+"0"+county when
// it is a real GB/T 2260 code (customer.ParseIDNumber rejects codes that
// never existed), else the next real one among prefecture+"01".."09", else
// prefecture+"21", the first county of a prefecture-level area. Codes
// that were real already stay as they are, so the generated data changes
// only where it used to be invalid.
func division(prefecture string, county int) string {
	for k := range 9 {
		c := prefecture + "0" + strconv.Itoa((county-1+k)%9+1)
		if realDivision(c) {
			return c
		}
	}
	return prefecture + "21"
}

// realDivision asks customer.ParseIDNumber whether code is a known
// division code, with a made-up number under it.
func realDivision(code string) bool {
	body := code + "19900101001"
	_, err := customer.ParseIDNumber(body+string(idCheckChar(body)), time.Time{})
	return err == nil
}

func genderParity(g customer.Gender) int {
	if g == customer.Male {
		return 1
	}
	return 0
}

func idCheckChar(body17 string) byte {
	sum := 0
	for i := range 17 {
		sum += int(body17[i]-'0') * idWeights[i]
	}
	return idCheck[sum%11]
}

// personDefect damages p in one of several realistic ways and says how.
func personDefect(r *rand.Rand, p *customer.Person, asOf time.Time) string {
	switch r.IntN(7) {
	case 0:
		digits, _ := customer.NormalizePhone(p.Phone)
		p.Phone = digits[:10] // a digit lost in typing
		return "phone: too short"
	case 1:
		b := []byte(p.IDNumber)
		b[17] = idCheck[(strings.IndexByte(idCheck, b[17])+1)%11]
		p.IDNumber = string(b)
		return "id_number: check character"
	case 2:
		// February 30 with a correct check character.
		body := p.IDNumber[:6] + strconv.Itoa(p.BirthDate.Year()) + "0230" + p.IDNumber[14:17]
		p.IDNumber = body + string(idCheckChar(body))
		p.BirthDate = time.Time{}
		return "id_number: impossible birth date"
	case 3:
		p.BirthDate = asOf.AddDate(1, 0, 0).UTC().Truncate(24 * time.Hour)
		p.IDNumber = ""
		return "birth_date: in the future"
	case 4:
		p.Email = strings.Replace(p.Email+"user@example.com", "@", "@@", 1)
		return "email: malformed"
	case 5:
		p.Phone = "010-6555" + p.Phone[len(p.Phone)-4:] // a landline in the mobile field
		return "phone: landline"
	default:
		p.UpdatedAt = p.CreatedAt.Add(-48 * time.Hour)
		return "updated_at: before created_at"
	}
}

// orgAlphabet is the GB 32100 character set, from which generated
// organisation codes draw.
const orgAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// creditCode builds a valid unified social credit code: authority 9
// (market regulation), type 1 (enterprise), the prefecture's division,
// an organisation code with its GB 11714 check and the GB 32100 check.
func creditCode(r *rand.Rand, prefecture string) string {
	var b strings.Builder
	b.WriteString("91" + prefecture + "00")
	sum := 0
	for k := range 8 {
		c := orgAlphabet[r.IntN(len(orgAlphabet))]
		if k == 0 && r.IntN(3) == 0 {
			c = 'M' // codes issued after 2015 often start with MA
		}
		b.WriteByte(c)
		v := int(c - '0')
		if c >= 'A' {
			v = int(c-'A') + 10
		}
		sum += v * orgWeights[k]
	}
	switch c := 11 - sum%11; c {
	case 10:
		b.WriteByte('X')
	case 11:
		b.WriteByte('0')
	default:
		b.WriteByte(byte('0' + c))
	}
	s := b.String()
	total := 0
	for k := range 17 {
		total += strings.IndexByte(orgAlphabet, s[k]) * creditWeights[k]
	}
	return s + string(orgAlphabet[(31-total%31)%31])
}

func companies(cfg Config, defects map[customer.ID]string) []customer.Company {
	out := make([]customer.Company, cfg.companyCount())
	start := cfg.AsOf.AddDate(-cfg.Years, 0, 0)
	for i := range out {
		r := rng(cfg.Seed, i, streamCompany)
		c := pickCity(r)
		ind := industries[r.IntN(len(industries))]
		co := customer.Company{
			ID:         CompanyID(i),
			Name:       c.name + pick(r, companyWords) + pick(r, []string{"科技", "贸易", "实业", "信息", "服务", "制造"}) + "有限公司",
			CreditCode: creditCode(r, c.code),
			Industry:   ind.name,
			City:       c.name,
			Province:   c.province,
		}
		// Log-normal headcount around the industry's typical size.
		co.Employees = max(1, int(float64(ind.employees)*math.Exp(1.3*r.NormFloat64())))
		perHead := 2e5 * math.Exp(0.6*r.NormFloat64())
		co.Revenue = decimal.NewFromInt(int64(float64(co.Employees)*perHead/1000) * 1000)
		co.Founded = time.Date(1985+r.IntN(cfg.AsOf.Year()-1986), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		for k := range 1 + r.IntN(3) {
			g := customer.Male
			if r.IntN(2) == 0 {
				g = customer.Female
			}
			co.Contacts = append(co.Contacts, customer.Contact{
				Name:  chineseName(r, g),
				Title: pick(r, titles),
				Phone: phoneNumber(cfg.Seed+1, i*4+k+cfg.People),
				Email: "contact" + strconv.Itoa(k) + ".c" + strconv.Itoa(i) + "@example.cn",
			})
		}
		switch {
		case co.Employees >= 1000:
			co.DecisionCycleDays = 90 + r.IntN(270)
		case co.Employees >= 100:
			co.DecisionCycleDays = 30 + r.IntN(90)
		default:
			co.DecisionCycleDays = 7 + r.IntN(40)
		}
		for range 1 + r.IntN(3) {
			if v := pick(r, products); !slices.Contains(co.Products, v) {
				co.Products = append(co.Products, v)
			}
		}
		span := cfg.AsOf.Sub(start)
		co.CreatedAt = start.Add(time.Duration(r.Int64N(int64(span)))).Truncate(time.Second)
		co.UpdatedAt = co.CreatedAt
		if cfg.Defects > 0 {
			if d := rng(cfg.Seed, i+cfg.People, streamDefect); d.Float64() < cfg.Defects {
				what := companyDefect(d, &co)
				if defects != nil {
					defects[co.ID] = what
				}
			}
		}
		out[i] = co
	}
	return out
}

func companyDefect(r *rand.Rand, c *customer.Company) string {
	switch r.IntN(3) {
	case 0:
		c.CreditCode = strings.ToLower(c.CreditCode)
		return "credit_code: lower case"
	case 1:
		b := []byte(c.CreditCode)
		b[17] = orgAlphabet[(strings.IndexByte(orgAlphabet, b[17])+1)%31]
		c.CreditCode = string(b)
		return "credit_code: check character"
	default:
		c.Employees = -c.Employees
		return "employees: negative"
	}
}

// buyer kinds, with their share of persons.
type buyer struct {
	share  float64
	orders func(r *rand.Rand) int // number of purchases over the history
	churn  float64                // probability of having stopped buying
}

var buyers = []buyer{
	{0.04, func(*rand.Rand) int { return 0 }, 0},                   // prospects
	{0.42, func(*rand.Rand) int { return 1 }, 0},                   // one-time buyers
	{0.30, func(r *rand.Rand) int { return 2 + r.IntN(5) }, 0.5},   // occasional
	{0.16, func(r *rand.Rand) int { return 8 + r.IntN(25) }, 0.3},  // regular
	{0.08, func(r *rand.Rand) int { return 40 + r.IntN(60) }, 0.1}, // loyal core
}

// meanBaseOrders is the mean of buyers' order counts before scaling.
var meanBaseOrders = func() float64 {
	return 0.04*0 + 0.42*1 + 0.30*4 + 0.16*20 + 0.08*69.5
}()

// prices holds, per category, a fixed catalogue of unit prices, so that
// orders share decimal values instead of allocating one each.
type priced struct {
	sku    string
	full   [3]decimal.Decimal // quantity 1, 2, 3
	offer  [3]decimal.Decimal // the same with a 15% discount
	refund [3]decimal.Decimal // negated full prices
}

func catalogue(cats []category, seed uint64) [][]priced {
	out := make([][]priced, len(cats))
	r := rand.New(rand.NewPCG(seed, 0xCA7))
	for ci, c := range cats {
		out[ci] = make([]priced, 40)
		for k := range out[ci] {
			unit := c.basePrice * math.Exp(0.5*r.NormFloat64())
			cents := int64(unit*100/10) * 10 // prices end in 0 fen
			if cents < 100 {
				cents = 100
			}
			p := priced{sku: c.name[:3] + "-" + pad(ci*100+k, 4)}
			for q := range 3 {
				full := decimal.New(cents*int64(q+1), -2)
				p.full[q] = full
				p.offer[q] = decimal.New(cents*int64(q+1)*85/100, -2)
				p.refund[q] = full.Neg()
			}
			out[ci][k] = p
		}
	}
	return out
}

// Orders streams the orders of the data set cfg describes, grouped by
// customer (persons first, then companies) and in time order within each
// customer. It holds one customer's orders in memory at a time, so it can
// produce hundreds of millions of orders. Every call yields the same
// sequence.
func Orders(cfg Config) iter.Seq[customer.Order] {
	cfg = cfg.withDefaults()
	return func(yield func(customer.Order) bool) {
		cat := catalogue(categories, cfg.Seed)
		b2b := catalogue(b2bCategories, cfg.Seed+1)
		start := cfg.AsOf.AddDate(-cfg.Years, 0, 0)
		scale := cfg.OrdersPerCustomer / meanBaseOrders
		var buf []customer.Order
		for i := range cfg.People {
			buf = personOrders(cfg, i, start, scale, cat, buf[:0])
			if !emit(cfg, i, buf, yield) {
				return
			}
		}
		for i := range cfg.companyCount() {
			buf = companyOrders(cfg, i, start, b2b, buf[:0])
			if !emit(cfg, i+cfg.People, buf, yield) {
				return
			}
		}
	}
}

func emit(cfg Config, i int, orders []customer.Order, yield func(customer.Order) bool) bool {
	var dup *rand.Rand
	if cfg.DuplicateOrders > 0 {
		dup = rng(cfg.Seed, i, streamDuplicate)
	}
	for _, o := range orders {
		if !yield(o) {
			return false
		}
		if dup != nil && dup.Float64() < cfg.DuplicateOrders {
			if !yield(o) {
				return false
			}
		}
	}
	return true
}

func personOrders(cfg Config, i int, start time.Time, scale float64, cat [][]priced, buf []customer.Order) []customer.Order {
	r := rng(cfg.Seed, i, streamPersonOrders)
	// Buyer kind.
	x := r.Float64()
	kind := buyers[len(buyers)-1]
	for _, b := range buyers {
		if x < b.share {
			kind = b
			break
		}
		x -= b.share
	}
	n := kind.orders(r)
	if n > 1 {
		n = max(1, int(math.Round(float64(n)*scale)))
	}
	if n == 0 {
		return buf
	}
	// Active span: from acquisition to the end, or to churn.
	total := cfg.AsOf.Sub(start)
	first := start.Add(time.Duration(r.Int64N(int64(total))))
	last := cfg.AsOf
	if r.Float64() < kind.churn {
		last = first.Add(time.Duration(r.Float64() * float64(cfg.AsOf.Sub(first))))
	}
	// Preferences. Senior nutrition is bought by older customers, and by
	// younger ones now and then as a gift.
	young := ageOf(cfg.Seed, i) < 45
	pickCat := func() int {
		for {
			x := r.IntN(categoryCumulative[len(categoryCumulative)-1])
			c, _ := slices.BinarySearch(categoryCumulative, x+1)
			if !young || categories[c].name != "senior_nutrition" || r.IntN(20) == 0 {
				return c
			}
		}
	}
	fav := pickCat()
	second := pickCat()
	online := r.Float64()
	discount := math.Pow(r.Float64(), 2)
	id := "O" + string(PersonID(i))[1:] + "-"
	times := make([]time.Time, n)
	times[0] = first
	for k := 1; k < n; k++ {
		times[k] = first.Add(time.Duration(r.Float64() * float64(last.Sub(first))))
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	for k, at := range times {
		ci := fav
		switch v := r.IntN(10); {
		case v >= 8:
			ci = pickCat()
		case v >= 5:
			ci = second
		}
		item := &cat[ci][r.IntN(len(cat[ci]))]
		q := 0
		if r.IntN(8) == 0 {
			q = 1 + r.IntN(2)
		}
		o := customer.Order{
			ID:         id + strconv.Itoa(k),
			CustomerID: PersonID(i),
			At:         at.In(CST).Truncate(time.Second),
			Category:   categories[ci].name,
			SKU:        item.sku,
			Channel:    personChannel(r, online),
			Discounted: r.Float64() < discount,
		}
		if o.Discounted {
			o.Amount = item.offer[q]
		} else {
			o.Amount = item.full[q]
		}
		buf = append(buf, o)
		// About 3% of purchases are refunded within two weeks.
		if r.IntN(33) == 0 {
			ret := o
			ret.ID = o.ID + "R"
			ret.At = o.At.Add(time.Duration(1+r.IntN(14*24)) * time.Hour)
			if ret.At.After(cfg.AsOf) {
				continue
			}
			ret.Amount = item.refund[q]
			ret.Discounted = false
			buf = append(buf, ret)
		}
	}
	return buf
}

func personChannel(r *rand.Rand, online float64) customer.Channel {
	if r.Float64() < online {
		switch r.IntN(4) {
		case 0:
			return customer.ChannelApp
		case 1:
			return customer.ChannelMiniProgram
		}
		return customer.ChannelOnline
	}
	if r.IntN(10) == 0 {
		return customer.ChannelPhone
	}
	return customer.ChannelOffline
}

func companyOrders(cfg Config, i int, start time.Time, cat [][]priced, buf []customer.Order) []customer.Order {
	r := rng(cfg.Seed, i, streamCompanyOrders)
	n := r.IntN(12)
	id := "B" + string(CompanyID(i))[1:] + "-"
	total := cfg.AsOf.Sub(start)
	times := make([]time.Time, n)
	for k := range times {
		times[k] = start.Add(time.Duration(r.Int64N(int64(total))))
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	for k, at := range times {
		ci := r.IntN(len(cat))
		item := &cat[ci][r.IntN(len(cat[ci]))]
		q := r.IntN(3)
		channel := customer.ChannelPartner
		if r.IntN(2) == 0 {
			channel = customer.ChannelOffline
		}
		buf = append(buf, customer.Order{
			ID:         id + strconv.Itoa(k),
			CustomerID: CompanyID(i),
			At:         at.In(CST).Truncate(time.Second),
			Amount:     item.full[q],
			Category:   b2bCategories[ci].name,
			SKU:        item.sku,
			Channel:    channel,
		})
	}
	return buf
}

// sortByDay orders orders by time with a stable counting sort on the day
// and a sort within each day, in O(n) extra memory.
func sortByDay(orders []customer.Order, cfg Config) []customer.Order {
	if len(orders) == 0 {
		return orders
	}
	start := cfg.AsOf.AddDate(-cfg.Years, 0, -1)
	days := int(cfg.AsOf.Sub(start).Hours()/24) + 2
	day := func(o *customer.Order) int {
		d := int(o.At.Sub(start).Hours() / 24)
		return min(max(d, 0), days-1)
	}
	counts := make([]int, days+1)
	for k := range orders {
		counts[day(&orders[k])+1]++
	}
	for d := 1; d <= days; d++ {
		counts[d] += counts[d-1]
	}
	out := make([]customer.Order, len(orders))
	next := slices.Clone(counts[:days])
	for k := range orders {
		d := day(&orders[k])
		out[next[d]] = orders[k]
		next[d]++
	}
	for d := range days {
		bucket := out[counts[d]:counts[d+1]]
		slices.SortStableFunc(bucket, func(a, b customer.Order) int { return a.At.Compare(b.At) })
	}
	return out
}

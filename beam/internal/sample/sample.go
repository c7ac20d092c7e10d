package sample

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"time"
)

// Orders configures an order file.
type Orders struct {
	Customers int    // 0 means 100
	Orders    int    // 0 means 10 per customer
	Seed      uint64 // seeds math/rand/v2 PCG
	// Defects, when set, mixes in malformed lines (bad amounts, bad
	// dates, missing fields, unbalanced quotes when Quotes is set) and
	// blank lines, about one line in 50.
	Defects bool
	Quotes  bool
}

// AsOf is the as-of date the order files are made for: orders run from
// three years before it to a few days after.
var AsOf = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes the order CSV (header customer_id,order_id,date,amount) to w.
func (c Orders) Write(w io.Writer) error {
	if c.Customers == 0 {
		c.Customers = 100
	}
	if c.Orders == 0 {
		c.Orders = 10 * c.Customers
	}
	r := rand.New(rand.NewPCG(c.Seed, 0x6f7264657273))
	bw := bufio.NewWriter(w)
	bw.WriteString("customer_id,order_id,date,amount\n")
	type past struct {
		cust, id int
	}
	var recent []past
	for i := range c.Orders {
		if c.Defects && r.IntN(50) == 0 {
			bw.WriteString(c.defect(r, i))
			bw.WriteByte('\n')
			continue
		}
		// Skewed activity: low customer numbers buy more.
		cust := int(float64(c.Customers) * math.Pow(r.Float64(), 2))
		id := i
		if len(recent) > 0 && r.IntN(40) == 0 {
			// A repeated order ID, possibly far back and with another amount.
			p := recent[r.IntN(len(recent))]
			cust, id = p.cust, p.id
		}
		if len(recent) < 4096 {
			recent = append(recent, past{cust, id})
		} else {
			recent[r.IntN(len(recent))] = past{cust, id}
		}
		days := r.IntN(3*365 + 5) // a few after the as-of date
		at := AsOf.AddDate(0, 0, -3*365+days)
		date := at.Format(time.DateOnly)
		if r.IntN(5) == 0 {
			// RFC 3339 with an offset, anywhere in the day.
			off := time.FixedZone("", (r.IntN(27)-12)*3600)
			date = at.Add(time.Duration(r.IntN(86400)) * time.Second).In(off).Format(time.RFC3339)
		}
		cents := 100 + r.IntN(50000)
		if r.IntN(30) == 0 {
			cents = -cents / 3 // a refund
		}
		fmt.Fprintf(bw, "C%06d,O%08d,%s,%s\n", cust, id, date, money(cents))
	}
	return bw.Flush()
}

func money(cents int) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}

func (c Orders) defect(r *rand.Rand, i int) string {
	n := 5
	if c.Quotes {
		n = 6
	}
	switch r.IntN(n) {
	case 0:
		return fmt.Sprintf("C%06d,O%08d,2024-03-04,12,50", i%c.Customers, i) // too many fields
	case 1:
		return fmt.Sprintf("C%06d,O%08d,2024-13-04,12.50", i%c.Customers, i) // bad date
	case 2:
		return fmt.Sprintf("C%06d,O%08d,2024-03-04,abc", i%c.Customers, i) // bad amount
	case 3:
		return fmt.Sprintf(",O%08d,2024-03-04,1.00", i) // no customer
	case 4:
		return "" // blank: skipped, not malformed
	}
	return fmt.Sprintf("C%06d,\"O%08d,2024-03-04,1.00", i%c.Customers, i) // unbalanced quote
}

// Blobs configures a numeric CSV of Gaussian blobs.
type Blobs struct {
	Rows, Dim, Centers int
	Std                float64 // spread of each blob; the centres lie in [-10, 10]
	Seed               uint64
}

// Write writes the rows (header x1,...,xDim) to w and returns, as a CSV
// with the same header, K starting centroids: rows picked at fixed
// strides from the data.
func (b Blobs) Write(w io.Writer, k int) (init string, err error) {
	r := rand.New(rand.NewPCG(b.Seed, 0x626c6f6273))
	centers := make([][]float64, b.Centers)
	for j := range centers {
		centers[j] = make([]float64, b.Dim)
		for t := range centers[j] {
			centers[j][t] = 20*r.Float64() - 10
		}
	}
	bw := bufio.NewWriter(w)
	header := ""
	for t := range b.Dim {
		if t > 0 {
			header += ","
		}
		header += "x" + strconv.Itoa(t+1)
	}
	bw.WriteString(header + "\n")
	init = header + "\n"
	stride := max(b.Rows/max(k, 1), 1)
	buf := make([]byte, 0, 32*b.Dim)
	for i := range b.Rows {
		c := centers[r.IntN(b.Centers)]
		buf = buf[:0]
		for t := range b.Dim {
			if t > 0 {
				buf = append(buf, ',')
			}
			buf = strconv.AppendFloat(buf, c[t]+b.Std*r.NormFloat64(), 'g', -1, 64)
		}
		buf = append(buf, '\n')
		bw.Write(buf)
		if i%stride == 0 && i/stride < k {
			init += string(buf)
		}
	}
	return init, bw.Flush()
}

package customer

import (
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// ReadPeople reads persons from CSV with a header row and yields them one
// by one. Columns may come in any order and are matched by name: the
// canonical names id, name, gender, birth_date, id_number, city,
// province, phone, email, occupation, income_band, interests,
// acquisition_channel, source, device_ids, created_at, updated_at; common
// Chinese and English aliases (姓名, 手机号, 身份证号, mobile, …); and
// opts.Columns. Only id is required; in a file without it, a customer ID
// column (customer_id, 客户编号, 客户ID) is the ID. Unknown columns go into
// Person.Attributes (empty cells are left out), as does a URL-query
// encoded "attributes" column written by [WritePeople]. String fields are
// kept exactly as written; validate them with [Validator]. Dates and times
// are read year first, in RFC 3339 or as 2026-01-02, 2026/1/2, 20260102
// or 2026年1月2日, each but the compact form with an optional time
// (13:45 or 13:45:07), in opts.Location unless they carry an offset; a
// day-first or month-first date (1/2/2026) is an error, as it is
// ambiguous.
//
// A row that cannot be read (bad date, bad quoting, wrong field count, a
// cell that is not UTF-8) is yielded as a zero Person with a
// [*FieldError] giving its line, and reading goes on with the next row,
// so the caller decides whether to stop. A header without a required
// column or not in UTF-8, or an I/O error, is yielded once and ends the
// sequence. So a *FieldError with a Line above 1 is one bad row, and any
// other error is the end. Text that is not UTF-8 gives an error wrapping
// [ErrInvalidUTF8], which says when the bytes look like GBK or GB18030
// (a CSV file saved by Excel on Chinese Windows): read such a file with
// opts.Encoding "GB18030". The sequence reads r as it is iterated and can be
// iterated once.
func ReadPeople(r io.Reader, opts CSVOptions) iter.Seq2[Person, error] {
	return readCSV(r, opts, &personSchema)
}

// WritePeople writes a header row and one row per person, in the column
// order ReadPeople documents, then opts.AttributeColumns, then the
// "attributes" column. Dates of birth are written as YYYY-MM-DD when they
// are midnight in opts.Location, timestamps as RFC 3339. It fails, without
// writing the row, on a list value that would not read back (an empty
// element or one containing the list separator).
func WritePeople(w io.Writer, people iter.Seq[Person], opts CSVOptions) error {
	return writeCSV(w, people, opts, &personSchema)
}

// ReadCompanies reads companies from CSV as [ReadPeople] reads persons.
// Canonical columns: id, name, credit_code, industry, employees, revenue,
// founded, city, province, contact_name, contact_title, contact_phone,
// contact_email, decision_cycle_days, products, created_at, updated_at.
// The contact_* columns are parallel lists (the i-th element of each
// belongs to the i-th contact). Only id is required.
func ReadCompanies(r io.Reader, opts CSVOptions) iter.Seq2[Company, error] {
	return readCSV(r, opts, &companySchema)
}

// WriteCompanies writes companies as [WritePeople] writes persons.
func WriteCompanies(w io.Writer, companies iter.Seq[Company], opts CSVOptions) error {
	return writeCSV(w, companies, opts, &companySchema)
}

// ReadOrders reads orders from CSV as [ReadPeople] reads persons.
// Canonical columns: id, customer_id, at, amount, category, sku, channel,
// discounted. customer_id, at and amount are required, and a row with an
// empty customer ID, time or amount is a [*FieldError]. Amounts are plain
// decimals ("129.90", "-20"); currency signs, thousands separators, NaN
// and infinities are errors. A column amount_cents may stand in for
// amount: a whole number of fen (cents), so 12990 reads as 129.90; it is
// read, never written. A channel is read with [ParseChannel], so 线上 is
// ChannelOnline. Duplicate order IDs are not detected here; [Summarize]
// counts them.
func ReadOrders(r io.Reader, opts CSVOptions) iter.Seq2[Order, error] {
	return readCSV(r, opts, &orderSchema)
}

// WriteOrders writes orders as [WritePeople] writes persons.
func WriteOrders(w io.Writer, orders iter.Seq[Order], opts CSVOptions) error {
	return writeCSV(w, orders, opts, &orderSchema)
}

// str builds a column for a plain string field.
func str[T any](name string, field func(*T) *string) column[T] {
	return column[T]{
		name: name,
		get:  func(v *T, _ *csvFormat) (string, error) { return *field(v), nil },
		set:  func(v *T, s string, _ *csvFormat) error { *field(v) = s; return nil },
	}
}

func list[T any](name string, field func(*T) *[]string) column[T] {
	return column[T]{
		name: name,
		get:  func(v *T, f *csvFormat) (string, error) { return joinList(*field(v), f) },
		set:  func(v *T, s string, f *csvFormat) error { *field(v) = splitList(s, f); return nil },
	}
}

func timestamp[T any](name string, field func(*T) *time.Time, date bool) column[T] {
	return column[T]{
		name: name,
		get: func(v *T, f *csvFormat) (string, error) {
			if date {
				return formatDate(*field(v), f), nil
			}
			return formatTime(*field(v), f), nil
		},
		set:     func(v *T, s string, f *csvFormat) (err error) { *field(v), err = parseTime(s, f); return err },
		setTime: func(v *T, t time.Time) error { *field(v) = t; return nil },
		parsed:  true,
	}
}

func integer[T any](name string, field func(*T) *int) column[T] {
	return column[T]{
		name:   name,
		get:    func(v *T, _ *csvFormat) (string, error) { return formatInt(*field(v)), nil },
		set:    func(v *T, s string, _ *csvFormat) (err error) { *field(v), err = parseInt(s); return err },
		parsed: true,
	}
}

var personSchema = schema[Person]{
	columns: []column[Person]{
		{
			name: "id",
			get:  func(p *Person, _ *csvFormat) (string, error) { return string(p.ID), nil },
			set:  func(p *Person, s string, _ *csvFormat) error { p.ID = ID(s); return nil },
		},
		str("name", func(p *Person) *string { return &p.Name }),
		{
			name: "gender",
			get:  func(p *Person, _ *csvFormat) (string, error) { return p.Gender.String(), nil },
			set:  func(p *Person, s string, _ *csvFormat) (err error) { p.Gender, err = parseGender(s); return err },
		},
		timestamp("birth_date", func(p *Person) *time.Time { return &p.BirthDate }, true),
		str("id_number", func(p *Person) *string { return &p.IDNumber }),
		str("city", func(p *Person) *string { return &p.City }),
		str("province", func(p *Person) *string { return &p.Province }),
		str("phone", func(p *Person) *string { return &p.Phone }),
		str("email", func(p *Person) *string { return &p.Email }),
		str("occupation", func(p *Person) *string { return &p.Occupation }),
		str("income_band", func(p *Person) *string { return &p.IncomeBand }),
		list("interests", func(p *Person) *[]string { return &p.Interests }),
		str("acquisition_channel", func(p *Person) *string { return &p.AcquisitionChannel }),
		str("source", func(p *Person) *string { return &p.Source }),
		list("device_ids", func(p *Person) *[]string { return &p.DeviceIDs }),
		timestamp("created_at", func(p *Person) *time.Time { return &p.CreatedAt }, false),
		timestamp("updated_at", func(p *Person) *time.Time { return &p.UpdatedAt }, false),
	},
	required: []string{"id"},
	attrs:    func(p *Person) *map[string]string { return &p.Attributes },
}

// contactColumn builds one of the parallel contact_* list columns.
func contactColumn(name string, field func(*Contact) *string) column[Company] {
	return column[Company]{
		name: name,
		get: func(c *Company, f *csvFormat) (string, error) {
			parts := make([]string, len(c.Contacts))
			for i := range c.Contacts {
				ct := &c.Contacts[i]
				if *ct == (Contact{}) {
					return "", fmt.Errorf("%w: contact %d is empty", ErrInvalidValue, i)
				}
				s := *field(ct)
				if strings.Contains(s, f.sep) {
					return "", fmt.Errorf("%w: contact %d contains the separator %q", ErrInvalidValue, i, f.sep)
				}
				parts[i] = s
			}
			return strings.Join(parts, f.sep), nil
		},
		set: func(c *Company, s string, f *csvFormat) error {
			if s == "" {
				return nil
			}
			for i, part := range strings.Split(s, f.sep) {
				for len(c.Contacts) <= i {
					c.Contacts = append(c.Contacts, Contact{})
				}
				*field(&c.Contacts[i]) = part
			}
			return nil
		},
	}
}

var companySchema = schema[Company]{
	columns: []column[Company]{
		{
			name: "id",
			get:  func(c *Company, _ *csvFormat) (string, error) { return string(c.ID), nil },
			set:  func(c *Company, s string, _ *csvFormat) error { c.ID = ID(s); return nil },
		},
		str("name", func(c *Company) *string { return &c.Name }),
		str("credit_code", func(c *Company) *string { return &c.CreditCode }),
		str("industry", func(c *Company) *string { return &c.Industry }),
		integer("employees", func(c *Company) *int { return &c.Employees }),
		{
			name: "revenue",
			get:  func(c *Company, _ *csvFormat) (string, error) { return formatDecimal(c.Revenue), nil },
			set: func(c *Company, s string, _ *csvFormat) (err error) {
				c.Revenue, err = parseDecimal(s, ErrInvalidAmount)
				return err
			},
			parsed: true,
		},
		timestamp("founded", func(c *Company) *time.Time { return &c.Founded }, true),
		str("city", func(c *Company) *string { return &c.City }),
		str("province", func(c *Company) *string { return &c.Province }),
		contactColumn("contact_name", func(ct *Contact) *string { return &ct.Name }),
		contactColumn("contact_title", func(ct *Contact) *string { return &ct.Title }),
		contactColumn("contact_phone", func(ct *Contact) *string { return &ct.Phone }),
		contactColumn("contact_email", func(ct *Contact) *string { return &ct.Email }),
		integer("decision_cycle_days", func(c *Company) *int { return &c.DecisionCycleDays }),
		list("products", func(c *Company) *[]string { return &c.Products }),
		timestamp("created_at", func(c *Company) *time.Time { return &c.CreatedAt }, false),
		timestamp("updated_at", func(c *Company) *time.Time { return &c.UpdatedAt }, false),
	},
	required: []string{"id"},
	attrs:    func(c *Company) *map[string]string { return &c.Attributes },
}

var orderSchema = schema[Order]{
	columns: []column[Order]{
		str("id", func(o *Order) *string { return &o.ID }),
		{
			name: "customer_id",
			get:  func(o *Order, _ *csvFormat) (string, error) { return string(o.CustomerID), nil },
			set: func(o *Order, s string, _ *csvFormat) error {
				if s == "" {
					return invalid(ErrInvalidValue, ErrEmpty, "")
				}
				o.CustomerID = ID(s)
				return nil
			},
		},
		{
			name: "at",
			get:  func(o *Order, f *csvFormat) (string, error) { return formatTime(o.At, f), nil },
			set: func(o *Order, s string, f *csvFormat) (err error) {
				if o.At, err = parseTime(s, f); err == nil && o.At.IsZero() {
					err = invalid(ErrInvalidDate, ErrEmpty, "")
				}
				return err
			},
			setTime: func(o *Order, t time.Time) error {
				if t.IsZero() {
					return invalid(ErrInvalidDate, ErrEmpty, "")
				}
				o.At = t
				return nil
			},
			parsed: true,
		},
		{
			name: "amount",
			get:  func(o *Order, _ *csvFormat) (string, error) { return o.Amount.String(), nil },
			set: func(o *Order, s string, _ *csvFormat) (err error) {
				if strings.TrimSpace(s) == "" {
					return invalid(ErrInvalidAmount, ErrEmpty, "")
				}
				o.Amount, err = parseDecimal(s, ErrInvalidAmount)
				return err
			},
			parsed: true,
		},
		str("category", func(o *Order) *string { return &o.Category }),
		str("sku", func(o *Order) *string { return &o.SKU }),
		{
			name: "channel",
			get:  func(o *Order, _ *csvFormat) (string, error) { return string(o.Channel), nil },
			set:  func(o *Order, s string, _ *csvFormat) error { o.Channel = ParseChannel(s); return nil },
		},
		{
			name:   "discounted",
			get:    func(o *Order, _ *csvFormat) (string, error) { return strconv.FormatBool(o.Discounted), nil },
			set:    func(o *Order, s string, _ *csvFormat) (err error) { o.Discounted, err = parseBool(s); return err },
			parsed: true,
		},
	},
	readOnly: []column[Order]{
		{
			// amount_cents is the amount as a whole number of fen (cents),
			// as many systems store money.
			name:  "amount_cents",
			field: "amount",
			set: func(o *Order, s string, _ *csvFormat) error {
				s = strings.TrimSpace(s)
				if s == "" {
					return invalid(ErrInvalidAmount, ErrEmpty, "")
				}
				n, err := strconv.ParseInt(s, 10, 64)
				if err != nil {
					return fmt.Errorf("%w: not a whole number of cents", ErrInvalidAmount)
				}
				o.Amount = decimal.New(n, -2)
				return nil
			},
			parsed: true,
		},
	},
	required: []string{"customer_id", "at", "amount"},
	attrs:    func(o *Order) *map[string]string { return &o.Attributes },
}

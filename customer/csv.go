package customer

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// CSVOptions configures the CSV readers and writers, and the column
// mapping of the SQL readers ([ScanRows], which use Columns, Location and
// ListSeparator). The zero value reads and writes comma-separated UTF-8
// with the canonical column names.
//
// Options that cannot be used (a Comma that cannot separate fields, such
// as a quote or a line break; AttributeColumns that are empty, repeated,
// "attributes" or a canonical column) give an error wrapping [ErrConfig]:
// the readers yield it once and stop, the writers return it before
// writing anything.
type CSVOptions struct {
	// Comma is the field delimiter. 0 means ','.
	Comma rune
	// Columns maps extra header names to field names (the canonical
	// column names written by the writers, e.g. "phone"). It is consulted
	// before the built-in aliases. Header names are matched
	// case-insensitively, ignoring surrounding spaces, and with spaces and
	// dashes treated as underscores.
	Columns map[string]string
	// Location is used for times written without a zone offset. nil
	// means UTC for CSV, and Asia/Shanghai for SQL (see [ScanRows]).
	Location *time.Location
	// ListSeparator separates the values of list fields (interests,
	// device_ids, products, contact columns). "" means "|".
	ListSeparator string
	// AttributeColumns, for the writers, lists attribute keys written as
	// columns of their own. Attributes not listed are written, URL-query
	// encoded, in a final "attributes" column, so nothing is lost.
	AttributeColumns []string
	// Encoding is the character encoding of the CSV text, matched
	// ignoring case, spaces, dashes and underscores (any other name is an
	// error wrapping [ErrConfig]):
	//
	//   - "" or "UTF-8": the readers skip a byte-order mark; the writers
	//     write none.
	//   - "UTF-8-BOM": as UTF-8, but the writers begin with a byte-order
	//     mark, without which Excel shows a UTF-8 file's Chinese as
	//     garbage.
	//   - "GB18030", also "GBK", "GB2312" and "CP936" (its subsets): the
	//     encoding Excel on Chinese Windows saves CSV files in. The
	//     readers decode it; a text cell with a byte sequence that is not
	//     GB18030 is a row error wrapping [ErrInvalidUTF8] (so is one with
	//     U+FFFD, which the decoder puts for such bytes). The writers
	//     encode in it (a character outside GBK takes four bytes, as
	//     GB18030 defines), and fail on text that is not UTF-8.
	//
	// The SQL readers ignore it: the database connection converts.
	Encoding string
}

// Encodings of CSVOptions.Encoding, resolved.
const (
	encUTF8 = iota
	encUTF8BOM
	encGB18030
)

// encoding returns the encoding o names, or an error wrapping ErrConfig.
func (o CSVOptions) encoding() (int, error) {
	switch encodingNoise.Replace(strings.ToLower(o.Encoding)) {
	case "", "utf8":
		return encUTF8, nil
	case "utf8bom":
		return encUTF8BOM, nil
	case "gb18030", "gbk", "gb2312", "cp936":
		return encGB18030, nil
	}
	return 0, fmt.Errorf("%w: CSVOptions.Encoding %q: want UTF-8, UTF-8-BOM or GB18030", ErrConfig, clip(o.Encoding))
}

// encodingNoise removes what encoding names differ by.
var encodingNoise = strings.NewReplacer("-", "", "_", "", " ", "")

// column describes one canonical CSV column of a record type T.
type column[T any] struct {
	name string
	get  func(*T, *csvFormat) (string, error) // nil for a column that is only read
	set  func(*T, string, *csvFormat) error
	// setTime, for time fields, sets the field from a time.Time that a
	// database driver returned, so that it need not be formatted and
	// parsed again.
	setTime func(*T, time.Time) error
	// field is the field the column sets when it is not name (e.g.
	// amount_cents sets amount): two columns that set one field are an
	// error, and a column satisfies the requirement of its field.
	field string
	// parsed says the column keeps no text: set parses a time, number
	// or flag and fails on anything else, so the reader need not check
	// the cell is UTF-8 (a tenth of reading an order).
	parsed bool
}

// fieldName returns the field c sets.
func (c *column[T]) fieldName() string {
	if c.field != "" {
		return c.field
	}
	return c.name
}

// schema is the set of canonical columns of a record type.
type schema[T any] struct {
	columns []column[T]
	// readOnly are further columns the readers accept and the writers
	// never write.
	readOnly []column[T]
	required []string
	attrs    func(*T) *map[string]string
}

// csvFormat holds the resolved options.
type csvFormat struct {
	loc *time.Location
	sep string
	// timeHint is the index in timeLayouts of the layout the last time
	// parsed with, tried first: a column keeps its format, and every
	// failed layout costs an error value. A csvFormat serves one reader.
	timeHint int
	// enc is the CSV text's encoding (encUTF8, …), for the CSV readers
	// and writers; the SQL readers ignore it.
	enc int
}

// check reports options that cannot be used, wrapping ErrConfig.
func (o CSVOptions) check() error {
	if _, err := o.encoding(); err != nil {
		return err
	}
	if o.Comma != 0 && !validDelim(o.Comma) {
		return fmt.Errorf("%w: CSVOptions.Comma %q cannot separate fields", ErrConfig, o.Comma)
	}
	seen := make(map[string]bool, len(o.AttributeColumns))
	for i, k := range o.AttributeColumns {
		if k == "" || seen[k] || k == "attributes" {
			return fmt.Errorf("%w: CSVOptions.AttributeColumns[%d] is empty, repeated or \"attributes\"", ErrConfig, i)
		}
		seen[k] = true
	}
	return nil
}

// validDelim reports whether r can separate CSV fields, as encoding/csv
// decides it.
func validDelim(r rune) bool {
	return r != 0 && r != '"' && r != '\r' && r != '\n' && utf8.ValidRune(r) && r != utf8.RuneError
}

// format resolves o, which check has accepted.
func (o CSVOptions) format() *csvFormat {
	f := &csvFormat{loc: o.Location, sep: o.ListSeparator}
	f.enc, _ = o.encoding()
	if f.loc == nil {
		f.loc = time.UTC
	}
	if f.sep == "" {
		f.sep = "|"
	}
	return f
}

// aliases maps normalised header names to canonical column names.
var aliases = map[string]string{
	"customer": "customer_id", "customerid": "customer_id", "客户id": "customer_id", "客户编号": "customer_id",
	"姓名": "name", "名称": "name", "公司名称": "name", "企业名称": "name",
	"性别": "gender", "sex": "gender",
	"出生日期": "birth_date", "生日": "birth_date", "birthday": "birth_date", "dob": "birth_date", "birthdate": "birth_date",
	"身份证号": "id_number", "身份证号码": "id_number", "身份证": "id_number",
	"城市": "city", "省份": "province", "省": "province",
	"手机": "phone", "手机号": "phone", "手机号码": "phone", "mobile": "phone", "电话": "phone",
	"邮箱": "email", "电子邮箱": "email", "e_mail": "email", "mail": "email",
	"职业": "occupation", "收入": "income_band", "收入区间": "income_band", "income": "income_band",
	"兴趣": "interests", "兴趣爱好": "interests",
	"获客渠道": "acquisition_channel", "来源": "source", "设备id": "device_ids", "device_id": "device_ids",
	"创建时间": "created_at", "更新时间": "updated_at",
	"统一社会信用代码": "credit_code", "信用代码": "credit_code", "uscc": "credit_code",
	"行业": "industry", "员工数": "employees", "从业人员": "employees", "营业收入": "revenue", "年营业收入": "revenue",
	"成立日期": "founded", "成立时间": "founded", "决策周期": "decision_cycle_days", "采购产品": "products",
	"订单号": "id", "订单编号": "id", "订单id": "id", "order_id": "id", "下单时间": "at", "时间": "at", "date": "at", "time": "at",
	"金额": "amount", "订单金额": "amount", "品类": "category", "类目": "category", "渠道": "channel",
	"是否优惠": "discounted", "discount": "discounted", "coupon": "discounted",
}

func normHeader(s string) string {
	s = strings.ToLower(strings.TrimFunc(strings.TrimPrefix(s, "\ufeff"), unicode.IsSpace))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(s)
}

// readCSV is the generic reader behind ReadPeople, ReadCompanies and
// ReadOrders.
func readCSV[T any](r io.Reader, opts CSVOptions, sc *schema[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if err := opts.check(); err != nil {
			yield(zero, err)
			return
		}
		f := opts.format()
		if f.enc == encGB18030 {
			r = transform.NewReader(r, newGBDecoder())
		}
		cr := csv.NewReader(r)
		if opts.Comma != 0 {
			cr.Comma = opts.Comma
		}
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		header, err := cr.Read()
		if err != nil {
			if err == io.EOF {
				return // empty input: no records
			}
			yield(zero, &FieldError{Line: 1, Err: err})
			return
		}
		for i, h := range header {
			if !utf8.ValidString(h) {
				yield(zero, &FieldError{Line: 1, Column: i + 1, Err: textError(h)})
				return
			}
		}
		setters, attrCols, hdrErr := bindHeader(header, opts, sc)
		if hdrErr != nil {
			yield(zero, hdrErr)
			return
		}
		width := len(header)
		// One record for all rows, cleared for each: the setters take its
		// address, which would move a record per row to the heap.
		var v T
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					if !yield(zero, &FieldError{Line: pe.StartLine, Column: pe.Column, Err: pe.Err}) {
						return
					}
					if pe.Err == csv.ErrQuote || pe.Err == csv.ErrBareQuote {
						continue
					}
				} else {
					yield(zero, fmt.Errorf("customer: reading csv: %w", err))
				}
				return
			}
			line, _ := cr.FieldPos(0)
			if len(rec) != width {
				if !yield(zero, &FieldError{Line: line, Err: fmt.Errorf("%w: got %d, header has %d", ErrFieldCount, len(rec), width)}) {
					return
				}
				continue
			}
			v = zero
			var rowErr error
			for i, s := range rec {
				if setters[i] == nil || !setters[i].parsed {
					if err := f.checkText(s); err != nil {
						rowErr = &FieldError{Line: line, Column: i + 1, Field: cellField(setters[i], attrCols[i]), Err: err}
						break
					}
				}
				if set := setters[i]; set != nil {
					if err := set.set(&v, s, f); err != nil {
						rowErr = &FieldError{Line: line, Column: i + 1, Field: set.name, Err: err}
						break
					}
					continue
				}
				if s == "" {
					continue
				}
				m := sc.attrs(&v)
				if *m == nil {
					*m = make(map[string]string)
				}
				(*m)[attrCols[i]] = s
			}
			if rowErr != nil {
				if !yield(zero, rowErr) {
					return
				}
				continue
			}
			if !yield(v, nil) {
				return
			}
		}
	}
}

// bindHeader maps each header column to a setter, or to an attribute key
// (setters[i] == nil).
func bindHeader[T any](header []string, opts CSVOptions, sc *schema[T]) ([]*column[T], []string, error) {
	byName := make(map[string]*column[T], len(sc.columns))
	for i := range sc.columns {
		byName[sc.columns[i].name] = &sc.columns[i]
	}
	for i := range sc.readOnly {
		byName[sc.readOnly[i].name] = &sc.readOnly[i]
	}
	extra := make(map[string]string, len(opts.Columns))
	for k, v := range opts.Columns {
		extra[normHeader(k)] = v
	}
	setters := make([]*column[T], len(header))
	attrCols := make([]string, len(header))
	bound := make(map[string]int)
	names := make([]string, len(header))
	hasID := false
	for i, h := range header {
		key := normHeader(h)
		name, ok := extra[key]
		if !ok {
			if _, canonical := byName[key]; canonical {
				name = key
			} else if a, ok := aliases[key]; ok {
				name = a
			} else {
				name = key
			}
		}
		names[i] = name
		hasID = hasID || name == "id"
	}
	// In a file of persons or companies, a customer ID column (客户编号,
	// customer_id) is the records' ID when no column is.
	_, ownCustomerID := byName["customer_id"]
	for i, h := range header {
		name := names[i]
		if name == "customer_id" && !ownCustomerID && !hasID {
			name, hasID = "id", true
		}
		if name == "attributes" {
			setters[i] = &column[T]{name: "attributes", set: func(v *T, s string, _ *csvFormat) error {
				return decodeAttributes(sc.attrs(v), s)
			}}
			continue
		}
		c, ok := byName[name]
		if !ok {
			attr := strings.TrimFunc(strings.TrimPrefix(h, "\ufeff"), unicode.IsSpace)
			if j, dup := bound["\x00"+attr]; dup {
				return nil, nil, &FieldError{Line: 1, Column: i + 1, Err: fmt.Errorf("%w: also column %d", ErrDuplicateColumn, j+1)}
			}
			bound["\x00"+attr] = i
			attrCols[i] = attr
			continue
		}
		if j, dup := bound[c.fieldName()]; dup {
			return nil, nil, &FieldError{Line: 1, Column: i + 1, Field: name, Err: fmt.Errorf("%w: also column %d", ErrDuplicateColumn, j+1)}
		}
		bound[c.fieldName()] = i
		setters[i] = c
	}
	for _, req := range sc.required {
		if _, ok := bound[req]; !ok {
			return nil, nil, &FieldError{Line: 1, Field: req, Err: ErrMissingColumn}
		}
	}
	return setters, attrCols, nil
}

func decodeAttributes(m *map[string]string, s string) error {
	if s == "" {
		return nil
	}
	q, err := url.ParseQuery(s)
	if err != nil {
		return fmt.Errorf("%w: attributes must be URL-query encoded", ErrInvalidValue)
	}
	if *m == nil {
		*m = make(map[string]string, len(q))
	}
	for k, vs := range q {
		v := vs[len(vs)-1]
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			return textError(k + v)
		}
		(*m)[k] = v
	}
	return nil
}

// checkText returns the error for a text cell read in f's encoding that
// holds what cannot be read, or nil.
func (f *csvFormat) checkText(s string) error {
	if f.enc == encGB18030 {
		// Decoded text is UTF-8, with U+FFFD for what the decoder could
		// not read.
		if strings.ContainsRune(s, utf8.RuneError) {
			return invalid(ErrInvalidValue, ErrInvalidUTF8, "a byte sequence that is not GB18030")
		}
		return nil
	}
	if !utf8.ValidString(s) {
		return textError(s)
	}
	return nil
}

// cellField names the field of a cell for an error: its column's, or
// its attribute's when set is nil.
func cellField[T any](set *column[T], attr string) string {
	if set != nil {
		return set.name
	}
	return attr
}

// textError returns the error for a cell that is not valid UTF-8,
// wrapping [ErrInvalidValue] and [ErrInvalidUTF8]. When its bytes read as
// GB18030 (of which GBK is a part), the encoding Excel saves CSV files in
// on Chinese Windows, the error says so and how to decode them; it never
// quotes the bytes.
func textError(s string) error {
	detail := ""
	if looksGB18030(s) {
		detail = "the bytes look like GBK or GB18030: read with CSVOptions.Encoding \"GB18030\""
	}
	return invalid(ErrInvalidValue, ErrInvalidUTF8, detail)
}

// looksGB18030 reports whether s, which is not valid UTF-8, is a
// sequence of GB18030 characters (GB 18030-2022, section 5): a byte below
// 0x80; a lead byte 0x81-0xFE with a trail byte 0x40-0x7E or 0x80-0xFE;
// or a lead byte, a digit 0x30-0x39, a byte 0x81-0xFE and a digit.
func looksGB18030(s string) bool {
	multi := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < 0x80:
			i++
			continue
		case c == 0x80 || c == 0xFF || i+1 >= len(s):
			return false
		}
		switch t := s[i+1]; {
		case t >= 0x40 && t <= 0xFE && t != 0x7F:
			i += 2
		case t >= 0x30 && t <= 0x39 && i+3 < len(s) &&
			s[i+2] >= 0x81 && s[i+2] <= 0xFE && s[i+3] >= 0x30 && s[i+3] <= 0x39:
			i += 4
		default:
			return false
		}
		multi = true
	}
	return multi
}

// writeCSV is the generic writer behind WritePeople, WriteCompanies and
// WriteOrders.
func writeCSV[T any](w io.Writer, records iter.Seq[T], opts CSVOptions, sc *schema[T]) error {
	if err := opts.check(); err != nil {
		return err
	}
	for i, k := range opts.AttributeColumns {
		for _, c := range sc.columns {
			if c.name == k {
				return fmt.Errorf("%w: CSVOptions.AttributeColumns[%d] %q is a canonical column", ErrConfig, i, clip(k))
			}
		}
	}
	f := opts.format()
	var encoder io.WriteCloser // flushed at the end
	switch f.enc {
	case encUTF8BOM:
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
	case encGB18030:
		encoder = transform.NewWriter(w, simplifiedchinese.GB18030.NewEncoder())
		w = encoder
	}
	cw := csv.NewWriter(w)
	if opts.Comma != 0 {
		cw.Comma = opts.Comma
	}
	header := make([]string, 0, len(sc.columns)+len(opts.AttributeColumns)+1)
	for _, c := range sc.columns {
		header = append(header, c.name)
	}
	header = append(header, opts.AttributeColumns...)
	header = append(header, "attributes")
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, len(header))
	listed := make(map[string]bool, len(opts.AttributeColumns))
	for _, k := range opts.AttributeColumns {
		listed[k] = true
	}
	n := 1
	var v T // one for all records: the getters' pointer would move a per-record one to the heap
	for v = range records {
		for i := range sc.columns {
			s, err := sc.columns[i].get(&v, f)
			if err != nil {
				return fmt.Errorf("customer: csv record %d, %s: %w", n, sc.columns[i].name, err)
			}
			row[i] = s
		}
		n++
		attrs := *sc.attrs(&v)
		for j, k := range opts.AttributeColumns {
			row[len(sc.columns)+j] = attrs[k]
		}
		row[len(row)-1] = ""
		if len(attrs) > 0 { // sorting no keys allocated, for every record
			var rest url.Values
			for _, k := range slices.Sorted(maps.Keys(attrs)) {
				if !listed[k] {
					if rest == nil {
						rest = url.Values{}
					}
					rest.Set(k, attrs[k])
				}
			}
			row[len(row)-1] = rest.Encode()
		}
		if encoder != nil {
			// The encoder would put U+FFFD for bytes that are not UTF-8.
			for i, s := range row {
				if !utf8.ValidString(s) {
					return fmt.Errorf("customer: csv record %d, %s: %w", n-1, header[i],
						invalid(ErrInvalidValue, ErrInvalidUTF8, "cannot be written as GB18030"))
				}
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	if encoder != nil {
		return encoder.Close()
	}
	return nil
}

package segment

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/internal/textwidth"
)

// WriteMarkdown renders the result as Markdown whose table columns line
// up in a monospaced font, Chinese included: a line with the counts,
// a table of the portraits (one row per segment, distributions shortened
// to their first three entries, size classes in place of ages for
// segments of companies only), a table of the strategies of the
// segments that have one, and the warnings. Shares are percentages with
// one decimal, money has two decimals.
func (r *Result) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d members: %d segmented, %d invalid, %d in no segment; cities outside the ranking: %d; persons without a birth date: %d\n\n",
		r.Members, r.Valid, len(r.Invalid), len(r.Unassigned), r.UnknownCities, r.MissingBirthDates)
	header := []string{"segment", "size", "share", "ages (sizes of companies)", "tiers", "AOV mean", "AOV median", "purchases mean", "purchases median", "top tags", "top categories", "channels"}
	var rows [][]string
	for _, p := range r.Portraits {
		cells := []string{
			p.Segment.DisplayName(),
			strconv.Itoa(p.Size),
			pct(p.Share),
			shortCounts(p.Ages),
			shortCounts(p.Tiers),
			moneyCell(p.AOV.N, p.AOV.Mean.StringFixed(2)),
			moneyCell(p.AOV.N, p.AOV.Median.StringFixed(2)),
			strconv.FormatFloat(p.Frequency.Mean, 'f', 1, 64),
			strconv.FormatFloat(p.Frequency.Median, 'f', 1, 64),
			shortCounts(p.Tags),
			shortAmounts(p.Categories),
			shortCounts(p.Channels),
		}
		if p.Companies > 0 && p.Persons == 0 {
			cells[3] = shortCounts(p.Sizes)
		}
		rows = append(rows, cells)
	}
	writeTable(&b, header, "lrrllrrrrlll", rows)
	var strategies []Portrait
	for _, p := range r.Portraits {
		if p.Segment.Strategy != (Strategy{}) {
			strategies = append(strategies, p)
		}
	}
	if len(strategies) > 0 {
		b.WriteString("\n")
		rows = rows[:0]
		for _, p := range strategies {
			s := p.Segment.Strategy
			rows = append(rows, []string{p.Segment.DisplayName(), s.Product, s.Marketing, s.Service})
		}
		writeTable(&b, []string{"segment", "product", "marketing", "service"}, "llll", rows)
	}
	if len(r.Warnings) > 0 {
		b.WriteString("\nWarnings:\n\n")
		for _, x := range r.Warnings {
			fmt.Fprintf(&b, "- %s: %s\n", x.Kind, escapeMarkdown(x.Message))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeTable writes a Markdown table whose pipes line up in a monospaced
// font: every cell is escaped, then padded to its column's display width
// (a Han character takes two cells). align holds one letter per column,
// 'l' or 'r'; right-aligned columns get a "---:" rule and are padded on
// the left.
func writeTable(b *strings.Builder, header []string, align string, rows [][]string) {
	all := append([][]string{header}, rows...)
	width := make([]int, len(header))
	for i, row := range all {
		for j, c := range row {
			c = escapeMarkdown(c)
			all[i][j] = c
			width[j] = max(width[j], textwidth.Width(c), 3)
		}
	}
	line := func(cells []string) {
		b.WriteString("|")
		for j, c := range cells {
			b.WriteString(" ")
			if align[j] == 'r' {
				b.WriteString(textwidth.PadLeft(c, width[j]))
			} else {
				b.WriteString(textwidth.PadRight(c, width[j]))
			}
			b.WriteString(" |")
		}
		b.WriteString("\n")
	}
	line(all[0])
	b.WriteString("|")
	for j, w := range width {
		if align[j] == 'r' {
			b.WriteString(strings.Repeat("-", w+1) + ":|")
		} else {
			b.WriteString(strings.Repeat("-", w+2) + "|")
		}
	}
	b.WriteString("\n")
	for _, row := range all[1:] {
		line(row)
	}
}

func escapeMarkdown(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

func pct(x float64) string { return strconv.FormatFloat(100*x, 'f', 1, 64) + "%" }

func moneyCell(n int, v string) string {
	if n == 0 {
		return "–"
	}
	return v
}

// shortCounts writes the first three entries as "value 12.5%".
func shortCounts(cs []Count) string {
	parts := make([]string, 0, 3)
	for _, c := range cs[:min(3, len(cs))] {
		parts = append(parts, c.Value+" "+pct(c.Share))
	}
	return strings.Join(parts, ", ")
}

func shortAmounts(as []Amount) string {
	parts := make([]string, 0, 3)
	for _, a := range as[:min(3, len(as))] {
		parts = append(parts, a.Value+" "+pct(a.Share))
	}
	return strings.Join(parts, ", ")
}

// csvHeader lists the columns WriteCSV writes.
var csvHeader = []string{
	"id", "name", "description", "size", "share", "persons", "companies", "buyers",
	"ages", "genders", "tiers", "cities", "industries", "sizes",
	"aov_n", "aov_mean", "aov_median", "frequency_mean", "frequency_median",
	"tags", "categories", "channels",
	"product_strategy", "marketing_strategy", "service_strategy",
}

// WriteCSV writes one row per segment portrait, under a header row naming
// the columns: id, name, description, size, share, persons, companies,
// buyers, ages, genders, tiers, cities, industries, sizes, aov_n,
// aov_mean, aov_median, frequency_mean, frequency_median, tags,
// categories, channels, product_strategy, marketing_strategy,
// service_strategy. Distributions are written as value:count:share
// entries (value:amount:share for categories) separated by "|"; shares
// have four decimals, money two.
func (r *Result) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, p := range r.Portraits {
		s := p.Segment
		row := []string{
			s.ID, s.Name, s.Description,
			strconv.Itoa(p.Size), frac(p.Share), strconv.Itoa(p.Persons), strconv.Itoa(p.Companies), strconv.Itoa(p.Buyers),
			csvCounts(p.Ages), csvCounts(p.Genders), csvCounts(p.Tiers), csvCounts(p.Cities), csvCounts(p.Industries), csvCounts(p.Sizes),
			strconv.Itoa(p.AOV.N), p.AOV.Mean.StringFixed(2), p.AOV.Median.StringFixed(2),
			strconv.FormatFloat(p.Frequency.Mean, 'f', 4, 64), strconv.FormatFloat(p.Frequency.Median, 'f', 1, 64),
			csvCounts(p.Tags), csvAmounts(p.Categories), csvCounts(p.Channels),
			s.Strategy.Product, s.Strategy.Marketing, s.Strategy.Service,
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func frac(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }

func csvCounts(cs []Count) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Value + ":" + strconv.Itoa(c.Count) + ":" + frac(c.Share)
	}
	return strings.Join(parts, "|")
}

func csvAmounts(as []Amount) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = a.Value + ":" + a.Amount.StringFixed(2) + ":" + frac(a.Share)
	}
	return strings.Join(parts, "|")
}

// report is the JSON form of a Result.
type report struct {
	Members           int        `json:"members"`
	Valid             int        `json:"valid"`
	Invalid           int        `json:"invalid"`
	Unassigned        int        `json:"unassigned"`
	UnknownCities     int        `json:"unknown_cities"`
	MissingBirthDates int        `json:"missing_birth_dates"`
	Portraits         []Portrait `json:"profiles"`
	Warnings          []Warning  `json:"warnings"`
}

// WriteJSON writes the result as one indented JSON object: the counts
// (members, valid, invalid, unassigned, unknown_cities,
// missing_birth_dates), the portraits (under the key "profiles") with
// their segments and strategies,
// and the warnings. Money is written as decimal strings ("128.50"), as
// shopspring/decimal marshals it; unassigned customers are counted, not
// listed.
func (r *Result) WriteJSON(w io.Writer) error {
	rep := report{
		Members: r.Members, Valid: r.Valid, Invalid: len(r.Invalid), Unassigned: len(r.Unassigned),
		UnknownCities: r.UnknownCities, MissingBirthDates: r.MissingBirthDates,
		Portraits: r.Portraits, Warnings: r.Warnings,
	}
	if rep.Portraits == nil {
		rep.Portraits = []Portrait{}
	}
	if rep.Warnings == nil {
		rep.Warnings = []Warning{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}

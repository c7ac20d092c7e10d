// Command privacy-export writes a partner CSV export of customer records
// under a privacy policy: only customers who consented to third-party
// sharing are exported, public fields are kept, general ones masked and
// sensitive ones replaced by partner-specific pseudonyms.
//
// All data is fake (example.com addresses, made-up numbers) and the key is
// a fixed demo key; a real host loads its key from a secret store.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/clientele-go/clientele/privacy"
)

// record is the example's customer row. Tags declare how each field may
// be shared.
type record struct {
	ID       string `json:"customer_id" sensitivity:"public"`
	Name     string `json:"name" mask:"name" sensitivity:"general"`
	Phone    string `json:"phone" mask:"phone"`
	Email    string `json:"email" mask:"email" sensitivity:"general"`
	IDNumber string `json:"id_number" mask:"id"`
	Address  string `json:"address" mask:"address" sensitivity:"general"`
	Province string `json:"province" sensitivity:"public"`
	Orders   int    `json:"orders" sensitivity:"public"`
	Segment  string `json:"segment" sensitivity:"public"`
}

func sampleRecords() []record {
	return []record{
		{"C001", "王小明", "13800000001", "xiaoming@example.com", "11010519491231002X", "北京市海淀区中关村大街27号", "北京", 12, "high-value"},
		{"C002", "欧阳娜娜", "+86 139-0000-0002", "nana@example.com", "440308199001011234", "广东省深圳市南山区科技园南区8栋", "广东", 3, "new"},
		{"C003", "阿依古丽·买买提", "0991-5550003", "ayigul@example.com", "650102198805050023", "新疆维吾尔自治区乌鲁木齐市天山区解放路1号", "新疆", 7, "loyal"},
		{"C004", "John Smith", "+1 202 555 0104", "john@example.com", "E12345678", "上海市浦东新区世纪大道100号", "上海", 1, "new"},
		{"C005", "李四", "13700000005", "lisi@example.com", "110105491231002", "浙江省杭州市西湖区文三路9号", "浙江", 25, "high-value"},
	}
}

// consentEvents are the fake consent history: C001, C002 and C004 agreed
// to third-party sharing; C004 withdrew before the export date; C003
// never agreed; C005 agreed but later closed the account (withdrew basic
// service).
func consentEvents() []privacy.ConsentEvent {
	t := func(m, d int) time.Time { return time.Date(2026, time.Month(m), d, 10, 0, 0, 0, time.UTC) }
	var evs []privacy.ConsentEvent
	for _, id := range []string{"C001", "C002", "C003", "C004", "C005"} {
		evs = append(evs, privacy.ConsentEvent{Subject: id, Purpose: privacy.PurposeBasicService, Granted: true, At: t(1, 5), NoticeVersion: "2026-01"})
	}
	for _, id := range []string{"C001", "C002", "C004", "C005"} {
		evs = append(evs, privacy.ConsentEvent{Subject: id, Purpose: privacy.PurposeThirdPartySharing, Granted: true, At: t(2, 1), NoticeVersion: "2026-01"})
	}
	evs = append(evs,
		privacy.ConsentEvent{Subject: "C004", Purpose: privacy.PurposeThirdPartySharing, Granted: false, At: t(3, 15)},
		privacy.ConsentEvent{Subject: "C005", Purpose: privacy.PurposeBasicService, Granted: false, At: t(4, 2)},
	)
	return evs
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "privacy-export:", err)
		os.Exit(1)
	}
}

// run writes the export and a short summary to w.
func run(w io.Writer) error {
	asOf := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC) // the export date: explicit, never the clock

	// 1. Only customers who consented to third-party sharing, as of the
	// export date, are exported.
	var ledger privacy.Ledger
	for _, e := range consentEvents() {
		if err := ledger.Record(e); err != nil {
			return err
		}
	}
	recs := sampleRecords()
	audience, dropped, err := privacy.FilterConsented(context.Background(), slices.Values(recs),
		func(r record) string { return r.ID }, &ledger, privacy.PurposeThirdPartySharing, asOf)
	if err != nil {
		return err
	}

	// 2. The policy: public fields kept, general ones masked, sensitive
	// ones replaced by pseudonyms only this partner gets.
	demoKey := sha256.Sum256([]byte("clientele privacy-export demo key: never use in production"))
	pz, err := privacy.NewPseudonymizer(demoKey[:])
	if err != nil {
		return err
	}
	policy := privacy.Policy{
		Purpose:    "partner-export",
		Public:     privacy.ActionKeep,
		General:    privacy.ActionMask,
		Sensitive:  privacy.ActionPseudonymize,
		Pseudonyms: pz,
		Partner:    "acme-logistics",
	}

	// 3. The export, and what was left out.
	if err := writeCSV(w, policy, audience); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "\nexported %d of %d customers as of %s; %d without third-party-sharing consent left out\n",
		len(audience), len(recs), asOf.Format(time.DateOnly), dropped)
	return err
}

// writeCSV writes the records as CSV under the policy, with a header row.
func writeCSV(w io.Writer, policy privacy.Policy, recs []record) error {
	var redactor privacy.Redactor
	cols, err := redactor.Columns(policy, record{})
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(cols); err != nil {
		return err
	}
	row := make([]string, 0, len(cols))
	for _, r := range recs {
		fields, err := redactor.Fields(policy, r)
		if err != nil {
			return fmt.Errorf("customer %s: %w", r.ID, err)
		}
		row = row[:0]
		for _, f := range fields {
			row = append(row, f.Value)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

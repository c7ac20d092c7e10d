package privacy_test

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/clientele-go/clientele/privacy"
)

func ExampleLedger() {
	var ledger privacy.Ledger
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	_ = ledger.Record(privacy.ConsentEvent{Subject: "C001", Purpose: privacy.PurposeBasicService, Granted: true, At: t0, NoticeVersion: "2026-03"})
	_ = ledger.Record(privacy.ConsentEvent{Subject: "C001", Purpose: privacy.PurposeMarketingSMS, Granted: true, At: t0, NoticeVersion: "2026-03"})
	_ = ledger.Record(privacy.ConsentEvent{Subject: "C001", Purpose: privacy.PurposeMarketingSMS, Granted: false, At: t0.AddDate(0, 1, 0)})

	fmt.Println(ledger.Allowed("C001", privacy.PurposeMarketingSMS, t0.AddDate(0, 0, 7)))
	fmt.Println(ledger.Allowed("C001", privacy.PurposeMarketingSMS, t0.AddDate(0, 2, 0)))
	// Output:
	// true
	// false
}

func ExampleFilterConsented() {
	var ledger privacy.Ledger
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, id := range []string{"C001", "C003"} {
		_ = ledger.Record(privacy.ConsentEvent{Subject: id, Purpose: privacy.PurposeBasicService, Granted: true, At: at, NoticeVersion: "v1"})
		_ = ledger.Record(privacy.ConsentEvent{Subject: id, Purpose: privacy.PurposeMarketingEmail, Granted: true, At: at, NoticeVersion: "v1"})
	}
	audience := []string{"C001", "C002", "C003"}
	kept, dropped, _ := privacy.FilterConsented(context.Background(), slices.Values(audience),
		func(id string) string { return id }, &ledger, privacy.PurposeMarketingEmail, at.AddDate(0, 0, 1))
	fmt.Println(kept, dropped)
	// Output: [C001 C003] 1
}

func ExampleRetention() {
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	last := privacy.Activity{LastPurchase: time.Date(2023, 1, 15, 0, 0, 0, 0, time.UTC)}
	fmt.Println(privacy.Retention{}.Dormant(last, asOf))         // default: 3 years
	fmt.Println(privacy.Retention{Years: 5}.Dormant(last, asOf)) // a longer period
	// Output:
	// true
	// false
}

func ExampleFindDormant() {
	type customer struct {
		ID           string
		LastPurchase time.Time
	}
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	customers := []customer{
		{"C001", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)},
		{"C002", time.Date(2022, 11, 3, 0, 0, 0, 0, time.UTC)},
	}
	dormant, _ := privacy.FindDormant(context.Background(), slices.Values(customers),
		func(c customer) privacy.Activity { return privacy.Activity{LastPurchase: c.LastPurchase} },
		asOf, privacy.Retention{})
	for _, c := range dormant {
		fmt.Println(c.ID)
	}
	// Output: C002
}

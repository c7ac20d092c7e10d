package customer_test

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/shopspring/decimal"
)

func ExampleDedup() {
	cst := time.FixedZone("CST", 8*3600)
	people := []customer.Person{
		// A store (POS) record.
		{ID: "pos-17", Name: "张伟", Phone: "138-0013-5678", City: "杭州", Gender: customer.Male,
			AcquisitionChannel: "store", CreatedAt: time.Date(2024, 3, 1, 10, 0, 0, 0, cst), UpdatedAt: time.Date(2024, 3, 1, 10, 0, 0, 0, cst)},
		// The same phone from the mini program, with a device.
		{ID: "mp-0042", Name: "张伟", Phone: "+86 138 0013 5678", Email: "zw@example.com", DeviceIDs: []string{"wx-9f3a"},
			AcquisitionChannel: "mini_program", CreatedAt: time.Date(2025, 1, 5, 9, 0, 0, 0, cst), UpdatedAt: time.Date(2025, 6, 1, 9, 0, 0, 0, cst)},
		// A marketplace order: masked phone, name and city.
		{ID: "mkt-88", Name: "张伟", Phone: "138****5678", City: "杭州市", AcquisitionChannel: "online"},
		// Someone else.
		{ID: "pos-18", Name: "李娜", Phone: "13900001111", City: "杭州"},
	}
	// pos-17 is the most complete record and survives; each field keeps
	// the newest usable value (the mini program's valid phone), except
	// where and when the customer was first acquired (the store's).
	res, err := customer.Dedup(context.Background(), people, customer.DedupOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(people), "records,", len(res.People), "customers")
	for _, p := range res.People {
		fmt.Println(p)
	}
	for _, pv := range res.Merged {
		fmt.Println(pv.ID, "absorbed", pv.Absorbed)
		for _, v := range pv.Replaced {
			fmt.Println("  replaced:", v)
		}
	}
	fmt.Println("mkt-88 ->", res.Survivor["mkt-88"])
	// Output:
	// 4 records, 2 customers
	// Person{ID:pos-17 Name:张* Gender:male City:杭州 Phone:+86 138 **** 5678 Email:z***@example.com DeviceIDs:1}
	// Person{ID:pos-18 Name:李* City:杭州 Phone:139****1111}
	// pos-17 absorbed [mkt-88 mp-0042]
	//   replaced: city 杭州市 (from mkt-88)
	//   replaced: phone 138-****-5678 (from pos-17)
	//   replaced: phone 138****5678 (from mkt-88)
	//   replaced: acquisition_channel mini_program (from mp-0042)
	//   replaced: acquisition_channel online (from mkt-88)
	//   replaced: created_at 2025-01-05T09:00:00+08:00 (from mp-0042)
	//   replaced: updated_at 2024-03-01T10:00:00+08:00 (from pos-17)
	// mkt-88 -> pos-17
}

func ExampleDedupCompanies() {
	companies := []customer.Company{
		{ID: "crm-1", Name: "福州某某科技有限公司", CreditCode: "91350100M000100Y43", Industry: "软件和信息技术服务业"},
		{ID: "erp-7", Name: "福州某某科技有限公司", CreditCode: "91350100m000100y43", Employees: 120},
		{ID: "erp-8", Name: "福州某某科技 有限公司", City: "福州"},
	}
	res, err := customer.DedupCompanies(context.Background(), companies, customer.CompanyDedupOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := res.Companies[0]
	fmt.Println(len(res.Companies), c.ID, c.CreditCode, c.Industry, c.Employees, c.City)
	fmt.Println(res.Merged[0].Absorbed)
	// Output:
	// 1 crm-1 91350100M000100Y43 软件和信息技术服务业 120 福州
	// [erp-7 erp-8]
}

func ExampleRepointOrders() {
	survivor := map[customer.ID]customer.ID{"pos-17": "mp-0042", "mp-0042": "mp-0042"}
	orders := []customer.Order{
		{ID: "o1", CustomerID: "pos-17", Amount: decimal.RequireFromString("59.90")},
		{ID: "o2", CustomerID: "mp-0042", Amount: decimal.RequireFromString("120.00")},
	}
	total := map[customer.ID]decimal.Decimal{}
	for o := range customer.RepointOrders(slices.Values(orders), survivor) {
		total[o.CustomerID] = total[o.CustomerID].Add(o.Amount)
	}
	fmt.Println(total["mp-0042"].StringFixed(2))
	// Output: 179.90
}

func ExampleCompleteness_People() {
	people := []customer.Person{
		{ID: "1", Name: "张伟", Phone: "13800135678", Gender: customer.Male, City: "杭州", Email: "zw@example.com",
			BirthDate: time.Date(1990, 5, 1, 0, 0, 0, 0, time.UTC), Occupation: "engineer", IncomeBand: "10k-20k"},
		{ID: "2", Name: "李娜", Phone: "13900001111", City: "杭州"},
	}
	rep, err := customer.Completeness{}.People(slices.Values(people))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("score %.2f (target %.2f), %d of %d complete\n", rep.Score, customer.CompletenessTarget, rep.Complete, rep.Records)
	for _, f := range rep.Fields[:3] {
		fmt.Printf("%s %.0f%%\n", f.Field, 100*f.Rate)
	}
	// Output:
	// score 0.75 (target 0.80), 1 of 2 complete
	// name 100%
	// phone 100%
	// gender 50%
}

// A host key: records that carry the same loyalty-card number are
// compared, next to the built-in phone key.
func ExampleKeyer() {
	card := customer.Keyer[customer.Person]{
		Name: "loyalty_card",
		Keys: func(dst []customer.Key, p *customer.Person) []customer.Key {
			if no := p.Attributes["card"]; no != "" {
				dst = append(dst, customer.Key{Text: no})
			}
			return dst
		},
	}
	people := []customer.Person{
		{ID: "a", Name: "张伟", Email: "zw@example.com", Attributes: map[string]string{"card": "C-17"}},
		{ID: "b", Name: "张伟", Email: "ZW@example.com ", Attributes: map[string]string{"card": "C-17"}},
		{ID: "c", Name: "李娜", Phone: "13900001111"},
	}
	res, err := customer.Dedup(context.Background(), people, customer.DedupOptions{
		Keys: []customer.Keyer[customer.Person]{customer.PhoneKey(), card},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(res.People), "customers; b ->", res.Survivor["b"])
	// Output: 2 customers; b -> a
}

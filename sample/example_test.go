package sample_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/sample"
)

func ExampleGenerate() {
	data := sample.Generate(sample.Config{People: 500, Seed: 1})
	fmt.Println(len(data.People), "persons,", len(data.Companies), "companies,", len(data.Orders), "orders, as of", data.AsOf.Format("2006-01-02"))
	fmt.Println(data.People[0]) // records print masked

	sums, skipped, err := customer.Summarize(context.Background(), slices.Values(data.Orders), data.AsOf, customer.SummaryOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(sums), "customers with orders,", skipped.Total(), "orders skipped")
	// Output:
	// 500 persons, 25 companies, 5439 orders, as of 2026-06-30
	// Person{ID:P0000000 Name:董* Gender:male BirthYear:1999 IDNumber:3304**********297X City:嘉兴 Phone:131****0001 DeviceIDs:1}
	// 495 customers with orders, 0 orders skipped
}

func ExampleOrders() {
	// Stream the orders of 10,000 persons without holding them.
	cfg := sample.Config{People: 10_000, Companies: -1, Seed: 1}
	orders, refunds := 0, 0
	for o := range sample.Orders(cfg) {
		orders++
		if o.Amount.Sign() < 0 {
			refunds++
		}
	}
	fmt.Println(orders, "orders,", refunds, "refunds")
	// Output:
	// 101252 orders, 2953 refunds
}

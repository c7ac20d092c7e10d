package customer_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/shopspring/decimal"
)

func ExampleNormalizePhone() {
	for _, s := range []string{"+86 138-1234-5678", "0086 13912345678", "010-12345678"} {
		n, err := customer.NormalizePhone(s)
		fmt.Println(n, err)
	}
	// Output:
	// 13812345678 <nil>
	// 13912345678 <nil>
	//  customer: invalid mobile number: invalid value (not a mobile prefix)
}

func ExampleClassifyPhone() {
	for _, s := range []string{"131 2345 6789", "170 1234 5678", "146 1234 5678", "194 1234 5678"} {
		t, err := customer.ClassifyPhone(s)
		fmt.Printf("%s: %q %v\n", s, t, err)
	}
	// Output:
	// 131 2345 6789: "mobile" <nil>
	// 170 1234 5678: "virtual" <nil>
	// 146 1234 5678: "iot" <nil>
	// 194 1234 5678: "" customer: invalid mobile number: invalid value (unallocated mobile range)
}

func ExampleParseIDNumber() {
	// The example number printed in GB 11643-1999.
	asOf := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	id, err := customer.ParseIDNumber("11010519491231002X", asOf)
	if err != nil {
		panic(err)
	}
	fmt.Println(id.Province, id.Division, id.BirthDate.Format("2006-01-02"), id.Gender)

	_, err = customer.ParseIDNumber("110105194912310021", asOf)
	fmt.Println(errors.Is(err, customer.ErrCheckCharacter))

	// 110120 is in no edition of the division code list.
	_, err = customer.ParseIDNumber("110120199001010014", asOf)
	fmt.Println(errors.Is(err, customer.ErrRegion))
	// Output:
	// 北京 110105 1949-12-31 female
	// true
	// true
}

func ExampleConvertLegacyIDNumber() {
	id, err := customer.ConvertLegacyIDNumber("110105491231002")
	fmt.Println(id, err)
	// Output:
	// 11010519491231002X <nil>
}

func ExampleNormalizeEmail() {
	// Typed on a Chinese keyboard: full-width @ and 。, a non-ASCII local
	// part (RFC 6531) and an internationalised domain, which becomes its
	// IDNA A-labels.
	e := customer.NormalizeEmail(" 张三＠例子。中国 ")
	fmt.Println(e, customer.ValidateEmail(e))
	fmt.Println(customer.NormalizeEmail("张三@xn--fsqu00a.xn--fiqs8s") == e)
	// Output:
	// 张三@xn--fsqu00a.xn--fiqs8s <nil>
	// true
}

func ExampleParseCreditCode() {
	cc, err := customer.ParseCreditCode("914403001922038216", false)
	if err != nil {
		panic(err)
	}
	fmt.Println(cc.AuthorityName, cc.TypeName, cc.Province, cc.Organization)

	// A code from an early pilot region: wrong check character, valid
	// organisation code.
	_, err = customer.ParseCreditCode("91350211M0000XUF46", false)
	fmt.Println(errors.Is(err, customer.ErrCheckCharacter))
	cc, err = customer.ParseCreditCode("91350211M0000XUF46", true)
	fmt.Println(err, cc.CheckMismatch)
	// Output:
	// 工商 企业 广东 192203821
	// true
	// <nil> true
}

func ExampleValidator() {
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	p := customer.Person{
		ID:       "P1",
		Name:     "张三",
		Phone:    "1381234567", // one digit short
		Email:    "zhangsan@example",
		IDNumber: "11010519491231002X",
		Gender:   customer.Male, // the ID number says female
	}
	err := customer.Validator{AsOf: asOf}.ValidatePerson(&p)
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		fmt.Println(e)
	}
	// Output:
	// customer: record "P1": phone "*******567": invalid mobile number: wrong length (want 11 digits)
	// customer: record "P1": email "z***@example": invalid e-mail address: invalid value (domain needs a dot)
	// customer: record "P1": gender: invalid value: fields disagree (differs from the ID number)
}

func ExampleSummarize() {
	cst := time.FixedZone("CST", 8*3600)
	day := func(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, cst) }
	orders := []customer.Order{
		{ID: "1", CustomerID: "A", At: day(1), Amount: decimal.RequireFromString("120.00"), Category: "tea", Channel: customer.ChannelOnline},
		{ID: "2", CustomerID: "A", At: day(9), Amount: decimal.RequireFromString("80.00"), Category: "tea", Channel: customer.ChannelOffline, Discounted: true},
		{ID: "2", CustomerID: "A", At: day(9), Amount: decimal.RequireFromString("80.00"), Category: "tea", Channel: customer.ChannelOffline, Discounted: true},
		{ID: "3", CustomerID: "A", At: day(12), Amount: decimal.RequireFromString("-80.00"), Category: "tea", Channel: customer.ChannelOffline},
		{ID: "4", CustomerID: "B", At: day(20), Amount: decimal.RequireFromString("35.5"), Category: "books", Channel: customer.ChannelApp},
	}
	sums, skipped, err := customer.Summarize(context.Background(), slices.Values(orders), day(31), customer.SummaryOptions{})
	if err != nil {
		panic(err)
	}
	for _, s := range sums {
		fmt.Printf("%s: %d purchases, net %s, AOV %s, discount share %.2f, online share %.2f\n",
			s.CustomerID, s.Orders, s.Net.StringFixed(2), s.AvgOrderValue.StringFixed(2), s.DiscountShare(), s.OnlineShare())
	}
	fmt.Printf("skipped %d duplicate\n", skipped.Duplicate)
	// Output:
	// A: 2 purchases, net 120.00, AOV 60.00, discount share 0.50, online share 0.50
	// B: 1 purchases, net 35.50, AOV 35.50, discount share 0.00, online share 1.00
	// skipped 1 duplicate
}

func ExampleReadOrders() {
	in := `订单号,客户ID,下单时间,金额,渠道
o1,A,2026-03-01 10:00:00,99.00,online
o2,A,2026-02-30 10:00:00,15.00,online
o3,B,2026-03-02 11:30:00,20.5,offline
`
	for o, err := range customer.ReadOrders(strings.NewReader(in), customer.CSVOptions{}) {
		if err != nil {
			fmt.Println("skip:", err)
			continue
		}
		fmt.Println(o.ID, o.CustomerID, o.At.Format(time.DateTime), o.Amount, o.Channel)
	}
	// Output:
	// o1 A 2026-03-01 10:00:00 99 online
	// skip: customer: csv line 3, column 3 (at): invalid date: no such date or time (day out of range)
	// o3 B 2026-03-02 11:30:00 20.5 offline
}

func ExamplePerson_String() {
	p := customer.Person{ID: "P1", Name: "欧阳娜娜", Phone: "13812345678", Email: "nana@example.com", IDNumber: "11010519491231002X"}
	fmt.Println(p)
	// Output:
	// Person{ID:P1 Name:欧阳** IDNumber:1101**********002X Phone:138****5678 Email:n***@example.com}
}

// By default an order dated after the as-of date is skipped and counted;
// with RejectFuture it is an error naming the order, never the customer.
func ExampleSkipped() {
	asOf := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	orders := []customer.Order{
		{ID: "o1", CustomerID: "A", At: asOf.AddDate(0, 0, -3), Amount: decimal.RequireFromString("20")},
		{ID: "o1", CustomerID: "A", At: asOf.AddDate(0, 0, -3), Amount: decimal.RequireFromString("20")},
		{ID: "o2", At: asOf.AddDate(0, 0, -2), Amount: decimal.RequireFromString("5")},
		{ID: "o3", CustomerID: "A", At: asOf.AddDate(0, 0, 1), Amount: decimal.RequireFromString("9")},
	}
	_, skipped, err := customer.Summarize(context.Background(), slices.Values(orders), asOf, customer.SummaryOptions{})
	fmt.Printf("%+v total %d, %v\n", skipped, skipped.Total(), err)

	_, _, err = customer.Summarize(context.Background(), slices.Values(orders), asOf, customer.SummaryOptions{RejectFuture: true})
	fmt.Println(errors.Is(err, customer.ErrFuture), err)
	// Output:
	// {Invalid:1 Future:1 Duplicate:1 Unknown:0} total 3, <nil>
	// true customer: order 3 (ID "o3") rejected: invalid date: date after the as-of date
}

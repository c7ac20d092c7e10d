package privacy_test

import (
	"encoding/json"
	"fmt"

	"github.com/clientele-go/clientele/privacy"
)

type Contact struct {
	Name  string `mask:"name" sensitivity:"general"`
	Phone string `mask:"phone"`
	City  string `sensitivity:"public"`
}

func ExampleMasked() {
	var redactor privacy.Redactor // zero value ready; reuse it to cache plans
	c := Contact{Name: "欧阳娜娜", Phone: "13812345678", City: "深圳"}
	masked, err := privacy.Masked(&redactor, c)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", masked)
	// Output: {Name:欧阳** Phone:138****5678 City:深圳}
}

func ExampleRedactor_Fields() {
	var redactor privacy.Redactor
	partner := privacy.Policy{
		Purpose: "partner-export",
		Public:  privacy.ActionKeep,
		General: privacy.ActionMask,
		// Sensitive: zero value, ActionDrop.
	}
	cols, _ := redactor.Columns(partner, Contact{})
	fields, _ := redactor.Fields(partner, Contact{Name: "王小明", Phone: "13812345678", City: "北京"})
	fmt.Println(cols)
	fmt.Println(fields)
	// Output:
	// [Name City]
	// [{Name 王**} {City 北京}]
}

func ExampleApply() {
	key := make([]byte, 32) // in production: from a secret store, never a literal
	pz, _ := privacy.NewPseudonymizer(key)
	pol := privacy.Policy{Public: privacy.ActionKeep, General: privacy.ActionMask,
		Sensitive: privacy.ActionPseudonymize, Pseudonyms: pz, Partner: "acme"}
	out, _ := privacy.Apply(nil, pol, Contact{Name: "王小明", Phone: "13812345678", City: "北京"})
	fmt.Println(out.Name, len(out.Phone), out.City)
	// Output: 王** 32 北京
}

func ExampleErase() {
	type Customer struct {
		ID     string `sensitivity:"public"`
		Name   string `sensitivity:"general"`
		Phone  string
		Orders int `sensitivity:"public"`
	}
	c := Customer{ID: "C001", Name: "王小明", Phone: "13812345678", Orders: 12}
	report, _ := privacy.Erase(nil, &c)
	fmt.Printf("%+v\n", c)
	fmt.Println("erased:", report.Erased)
	fmt.Println("kept:", report.Kept)
	// Output:
	// {ID:C001 Name: Phone: Orders:12}
	// erased: [Name Phone]
	// kept: [ID Orders]
}

func ExampleApply_json() {
	// Dropped fields become zero values; `json:",omitzero"` leaves them
	// out of the JSON export altogether.
	type Row struct {
		ID    string `json:"id" sensitivity:"public"`
		Name  string `json:"name,omitzero" mask:"name" sensitivity:"general"`
		Phone string `json:"phone,omitzero" mask:"phone"`
	}
	pol := privacy.Policy{Public: privacy.ActionKeep, General: privacy.ActionMask} // sensitive: dropped
	out, err := privacy.Apply(nil, pol, Row{ID: "C001", Name: "王小明", Phone: "13812345678"})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := json.Marshal(out)
	fmt.Println(string(b))
	// Output: {"id":"C001","name":"王**"}
}

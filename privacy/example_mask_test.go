package privacy_test

import (
	"fmt"

	"github.com/clientele-go/clientele/privacy"
)

func ExampleMaskName() {
	for _, name := range []string{"张三", "王小明", "欧阳娜娜", "阿依古丽·买买提", "John Smith"} {
		fmt.Println(privacy.MaskName(name))
	}
	// Output:
	// 张*
	// 王**
	// 欧阳**
	// 阿***·***
	// J*** S****
}

func ExampleMaskPhone() {
	for _, phone := range []string{"13812345678", "+86 138-1234-5678", "010-12345678", "+1 202 555 0143"} {
		fmt.Println(privacy.MaskPhone(phone))
	}
	// Output:
	// 138****5678
	// +86 138-****-5678
	// 010-******78
	// +* *** *** *143
}

func ExampleMaskEmail() {
	fmt.Println(privacy.MaskEmail("zhangsan@example.com"))
	// Output: z***@example.com
}

func ExampleMaskIDNumber() {
	fmt.Println(privacy.MaskIDNumber("11010519491231002X"))
	// Output: 1101**********002X
}

func ExampleMaskBankCard() {
	fmt.Println(privacy.MaskBankCard("6222 0212 3456 7890"))
	// Output: 6222 02** **** 7890
}

func ExampleMaskAddress() {
	fmt.Println(privacy.MaskAddress("北京市海淀区中关村大街27号"))
	// Output: 北京市**区****
}

func ExampleMaskMiddle() {
	fmt.Println(privacy.MaskMiddle("clientele", 2, 2))
	// Output: cl*****le
}

func ExampleAppendMaskPhone() {
	buf := make([]byte, 0, 64) // reused across calls: no allocation
	for _, phone := range []string{"13812345678", "13987654321"} {
		buf = privacy.AppendMaskPhone(buf[:0], phone)
		fmt.Println(string(buf))
	}
	// Output:
	// 138****5678
	// 139****4321
}

func ExampleRedactor_maskers() {
	// A mask kind of one's own: a licence plate keeps its first two runes
	// and its last one.
	redactor := privacy.Redactor{Maskers: map[string]func([]byte, string) []byte{
		"plate": func(dst []byte, s string) []byte { return privacy.AppendMaskMiddle(dst, s, 2, 1) },
	}}
	type Vehicle struct {
		Plate string `mask:"plate"`
		Owner string `mask:"phone"`
	}
	v, err := privacy.Masked(&redactor, Vehicle{Plate: "京A12345", Owner: "13812345678"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.Plate, v.Owner)
	// Output: 京A****5 138****5678
}

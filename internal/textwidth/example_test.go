package textwidth_test

import (
	"fmt"
	"os"

	"github.com/clientele-go/clientele/internal/textwidth"
)

// ExampleWidth counts display cells: a Han character takes two, an ASCII
// letter one.
func ExampleWidth() {
	for _, s := range []string{"abc", "中文", "Hello, 世界", "欧阳Na"} {
		fmt.Println(textwidth.Width(s), len([]rune(s)))
	}
	// Output:
	// 3 3
	// 4 2
	// 11 9
	// 6 4
}

// ExampleWriter lays out a table whose columns hold Chinese and ASCII
// text: each column starts at the same display cell on every line.
func ExampleWriter() {
	w := textwidth.NewWriter(os.Stdout, 2, false)
	fmt.Fprint(w, "name\tcity\torders\n")
	fmt.Fprint(w, "张伟\t北京\t12\n")
	fmt.Fprint(w, "Li Lei\tShanghai\t3\n")
	fmt.Fprint(w, "欧阳娜娜\t广州\t7\n")
	if err := w.Flush(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// name      city      orders
	// 张伟      北京      12
	// Li Lei    Shanghai  3
	// 欧阳娜娜  广州      7
}

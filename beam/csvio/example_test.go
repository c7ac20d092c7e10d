package csvio_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/clientele-go/clientele/beam/csvio"
)

func init() {
	register.Function3x0[csvio.Batch, func(csvio.Keyed), func(csvio.Bad)](parseStock)
	register.Emitter1[csvio.Keyed]()
	register.Emitter1[csvio.Bad]()
}

// parseStock parses the lines of a fruit,qty file. A good line becomes an
// output row keyed by its line number, so that the output keeps the
// input's order; any other line becomes a dead letter.
func parseStock(b csvio.Batch, rows func(csvio.Keyed), bad func(csvio.Bad)) {
	for i, line := range b.Lines {
		fruit, qty, _ := strings.Cut(line, ",")
		n, err := strconv.Atoi(qty)
		if err != nil || n < 0 {
			bad(csvio.Bad{Line: b.Numbers[i], Reason: "qty is not a count", Text: line})
			continue
		}
		rows(csvio.Keyed{Key: b.Numbers[i], Text: csvio.Format([]string{fruit, strconv.Itoa(n)})})
	}
}

// ExampleRead reads a small CSV with one bad line (line 3; line 4 is
// blank and skipped), sends that line to the dead letters, and writes the
// good rows once the check has passed.
func ExampleRead() {
	dir, err := os.MkdirTemp("", "csvio-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	input := filepath.Join(dir, "stock.csv")
	data := "fruit,qty\napple,3\npear,three\n\nplum,7\n"
	if err := os.WriteFile(input, []byte(data), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	output, deadLetters := filepath.Join(dir, "out.csv"), filepath.Join(dir, "bad.csv")

	p, s := beam.NewPipelineWithRoot()
	_, batches := csvio.Read(s, input, csvio.Options{})
	rows, bad := beam.ParDo2(s, parseStock, batches)
	// One bad line in three is tolerated here; with MaxShare 0 the run
	// would fail, after writing bad.csv, and write no out.csv.
	report := csvio.Check(s, csvio.CheckOptions{MaxShare: 0.5, DeadLetters: deadLetters}, batches, bad)
	csvio.Write(s, output, "fruit,qty", rows, report)
	if err := ptest.Run(p); err != nil {
		fmt.Println(err)
		return
	}

	for _, path := range []string{output, deadLetters} {
		b, err := os.ReadFile(path)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s:\n%s", filepath.Base(path), b)
	}
	// Output:
	// out.csv:
	// fruit,qty
	// apple,3
	// plum,7
	// bad.csv:
	// line,reason,text
	// 3,qty is not a count,"pear,three"
}

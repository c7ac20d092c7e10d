package csvio_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/clientele-go/clientele/beam/csvio"
)

func TestMain(m *testing.M) { ptest.Main(m) }

func init() {
	register.Function2x0[csvio.Batch, func(string)](numbered)
}

// numbered emits every line of a batch as "number:text".
func numbered(b csvio.Batch, emit func(string)) {
	for i, l := range b.Lines {
		emit(fmt.Sprintf("%d:%s", b.Numbers[i], l))
	}
}

// TestRead reads files with CRLF line ends, blank lines, a missing final
// line end and lines longer than a chunk, in chunks from 1 byte up, and
// checks every line and its number against a plain split.
func TestRead(t *testing.T) {
	files := map[string]string{
		"plain":   "h1,h2\na,1\nb,2\nc,3\n",
		"crlf":    "h1,h2\r\na,1\r\n\r\nb,2\r\n",
		"no-eol":  "h\nx\n\ny",
		"long":    "header\n" + strings.Repeat("x", 300) + "\n\n\nshort\n" + strings.Repeat("y", 150) + "\n",
		"header":  "only a header\n",
		"unicode": "名字,金额\n张三,1\n李四,2\n",
	}
	dir := t.TempDir()
	p, s := beam.NewPipelineWithRoot()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(data, "\n")
		var want []any
		for i, l := range lines[1:] {
			if l = strings.TrimSuffix(l, "\r"); l != "" {
				want = append(want, fmt.Sprintf("%d:%s", i+2, l))
			}
		}
		for _, chunk := range []int64{1, 7, 1 << 20} {
			s := s.Scope(fmt.Sprintf("%s/%d", name, chunk))
			header, batches := csvio.Read(s, path, csvio.Options{ChunkBytes: chunk, BatchLines: 2})
			passert.Equals(s, header, strings.TrimSuffix(lines[0], "\r"))
			passert.Equals(s, beam.ParDo(s, numbered, batches), want...)
		}
	}
	ptest.RunAndValidate(t, p)
}

package csvio

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

// Bad is a line that could not be used: a dead letter.
type Bad struct {
	Line   int64  // 1-based line number in the file
	Reason string // why, without the line's values: safe to log
	Text   string // the line as read
}

// Report counts the data lines of a file and the bad ones among them.
type Report struct {
	Lines int64 // non-blank lines after the header
	Bad   int64 // of those, the ones sent to the dead letters
	// First holds the lowest-numbered bad lines, up to 5, without their
	// Text, for error messages.
	First []Bad
}

// firstBad is the number of bad lines a Report keeps.
const firstBad = 5

// CheckOptions configures [Check].
type CheckOptions struct {
	// MaxShare is the largest share of bad lines, from 0 to 1, that is
	// tolerated: 0 tolerates none, 0.01 one in a hundred. Anything
	// outside [0, 1] makes Check panic at construction.
	MaxShare float64
	// DeadLetters, when not empty, is the path of a CSV file (header
	// line,reason,text; one row per bad line, by line number) that
	// receives the bad lines before the check runs, so that it exists
	// when the check fails the pipeline.
	DeadLetters string
}

func init() {
	beam.RegisterType(reflect.TypeOf((*Bad)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Report)(nil)).Elem())
	register.Function1x1[Batch, Report](batchReport)
	register.Function1x1[Bad, Report](badReport)
	register.Combiner1[Report](&reportFn{})
	register.Function1x1[Bad, Keyed](badLine)
	register.DoFn5x1[[]byte, []Report, []Report, []int64, func(Report), error](&checkFn{})
	register.Emitter1[Report]()
}

// Check counts the lines of batches (a PCollection<Batch>) and the dead
// letters bad (a PCollection<Bad>), writes the dead letters if asked, and
// returns a PCollection<Report> of one element. It fails the pipeline,
// with an error that names the first bad lines and their reasons, when
// more than opts.MaxShare of the lines are bad. Pass the result to
// [Write] as its gate so that no output is written from an input that
// failed the check.
func Check(s beam.Scope, opts CheckOptions, batches, bad beam.PCollection) beam.PCollection {
	s = s.Scope("csvio.Check")
	if !(opts.MaxShare >= 0 && opts.MaxShare <= 1) {
		panic(fmt.Sprintf("csvio: CheckOptions.MaxShare = %v, want a share from 0 to 1", opts.MaxShare))
	}
	lines := beam.Combine(s, &reportFn{}, beam.ParDo(s, batchReport, batches))
	bads := beam.Combine(s, &reportFn{}, beam.ParDo(s, badReport, bad))
	written := beam.Create(s, int64(0))
	if opts.DeadLetters != "" {
		written = Write(s, opts.DeadLetters, "line,reason,text", beam.ParDo(s, badLine, bad), beam.PCollection{})
	}
	return beam.ParDo(s, &checkFn{MaxShare: opts.MaxShare}, beam.Impulse(s),
		beam.SideInput{Input: lines}, beam.SideInput{Input: bads}, beam.SideInput{Input: written})
}

func batchReport(b Batch) Report { return Report{Lines: int64(len(b.Lines))} }

func badReport(b Bad) Report {
	return Report{Bad: 1, First: []Bad{{Line: b.Line, Reason: b.Reason}}}
}

func badLine(b Bad) Keyed {
	return Keyed{Key: b.Line, Text: Format([]string{strconv.FormatInt(b.Line, 10), b.Reason, b.Text})}
}

// reportFn adds up Reports.
type reportFn struct{}

func (reportFn) MergeAccumulators(a, b Report) Report {
	a.Lines += b.Lines
	a.Bad += b.Bad
	if len(b.First) > 0 {
		a.First = slices.Concat(a.First, b.First)
		slices.SortFunc(a.First, func(x, y Bad) int { return int(x.Line - y.Line) })
		a.First = a.First[:min(len(a.First), firstBad)]
	}
	return a
}

// checkFn fails when too many lines are bad. It runs once, after the
// dead letters are written (its third side input).
type checkFn struct {
	MaxShare float64
}

func (f *checkFn) ProcessElement(_ []byte, lines, bads []Report, _ []int64, emit func(Report)) error {
	var r Report
	for _, x := range slices.Concat(lines, bads) {
		r = reportFn{}.MergeAccumulators(r, x)
	}
	if r.Bad > 0 && float64(r.Bad) > f.MaxShare*float64(r.Lines) {
		return r.err(f.MaxShare)
	}
	emit(r)
	return nil
}

// err describes a failed check.
func (r Report) err(maxShare float64) error {
	var b strings.Builder
	fmt.Fprintf(&b, "csvio: %d of %d data lines are malformed (%.4g%%), more than the %.4g%% allowed", r.Bad, r.Lines,
		100*float64(r.Bad)/math.Max(float64(r.Lines), 1), 100*maxShare)
	for i, x := range r.First {
		sep := "; "
		if i == 0 {
			sep = ": "
		}
		fmt.Fprintf(&b, "%sline %d: %s", sep, x.Line, x.Reason)
	}
	if r.Bad > int64(len(r.First)) {
		b.WriteString("; ...")
	}
	return errors.New(b.String())
}

package customer_test

import (
	"bufio"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clientele-go/clientele/customer"
	"github.com/clientele-go/clientele/internal/synth"
)

// ddBenchData builds 1,000,000 persons, 100,000 of them injected
// duplicates, once per test binary.
var ddBenchData = sync.OnceValue(func() *synth.Dupes {
	return synth.PeopleWithDupes(synth.Config{People: 900_000, Seed: 1}, 0.1)
})

// ddPeak samples the live heap every millisecond until stopped and
// returns the largest value seen, in bytes.
func ddPeak() (stop func() uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}

// ddResetPeakRSS resets the process's peak resident set size (Linux 4.0
// and later; elsewhere it does nothing).
func ddResetPeakRSS() {
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// ddPeakRSS returns the process's peak resident set size (Linux), or 0.
func ddPeakRSS() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkDedup1M deduplicates 1,000,000 persons with 10% injected
// duplicates using the defaults. It reports the heap the input alone
// holds, the peak heap during a run (input, result and not yet collected
// garbage included), the process's peak RSS during a run, and the CPU
// time per run (all threads, garbage collection included).
func BenchmarkDedup1M(b *testing.B) {
	d := ddBenchData()
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	input := ms.HeapAlloc
	ddResetPeakRSS()
	stop := ddPeak()
	b.ReportAllocs()
	absorbed := 0
	var cpu time.Duration
	for b.Loop() {
		cpu0 := ddCPU()
		res, err := customer.Dedup(b.Context(), d.People, customer.DedupOptions{})
		if err != nil {
			b.Fatal(err)
		}
		cpu += ddCPU() - cpu0
		absorbed = res.Stats.Absorbed
		// Each run starts from the input alone, as in a program that
		// deduplicates once, so the peaks are those of one run.
		b.StopTimer()
		res = customer.DedupResult{}
		runtime.GC()
		debug.FreeOSMemory()
		b.StartTimer()
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	peak := stop()
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(input)/(1<<20), "input-heap-MB")
	b.ReportMetric(float64(ddPeakRSS())/(1<<20), "peak-rss-MB")
	b.ReportMetric(float64(absorbed), "absorbed")
}

// BenchmarkDedup50k is the precision-recall data set: 50,000 persons.
func BenchmarkDedup50k(b *testing.B) {
	d := synth.PeopleWithDupes(synth.Config{People: 45_000, Seed: 2026}, 0.1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := customer.Dedup(b.Context(), d.People, customer.DedupOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPersonMatcher(b *testing.B) {
	x := customer.Person{ID: "A", Name: "张伟", Phone: "138-1234-5678", Email: "zw@example.com", City: "杭州", DeviceIDs: []string{"d1"}}
	y := customer.Person{ID: "B", Name: "张伟", Phone: "138****5678", City: "杭州市"}
	b.ReportAllocs()
	for b.Loop() {
		customer.PersonMatcher{}.Match(&x, &y)
	}
}

func BenchmarkPersonKeys(b *testing.B) {
	p := customer.Person{Name: "张伟", Phone: "+86 138 1234 5678", Email: "ZW@example.com", IDNumber: "11010519491231002x", City: "杭州市", DeviceIDs: []string{"dev-1"}}
	keyers := []customer.Keyer[customer.Person]{customer.PhoneKey(), customer.EmailKey(), customer.IDNumberKey(), customer.DeviceKey(), customer.PhoneSuffixKey(0)}
	var keys []customer.Key
	b.ReportAllocs()
	for b.Loop() {
		keys = keys[:0]
		for _, k := range keyers {
			keys = k.Keys(keys, &p)
		}
	}
}

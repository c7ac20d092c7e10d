package privacy_test

import "testing"

func BenchmarkMask(b *testing.B) {
	inputs := []string{"王小明", "+86 138-1234-5678", "zhangsan@example.com", "11010519491231002X",
		"6222 0212 3456 7890", "北京市海淀区中关村大街27号", "abcdef"}
	for i, m := range maskers {
		in := inputs[i]
		b.Run(m.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m.mask(in)
			}
		})
		b.Run("Append"+m.name[4:], func(b *testing.B) {
			buf := make([]byte, 0, 256)
			b.ReportAllocs()
			for b.Loop() {
				buf = m.appendFn(buf[:0], in)
			}
		})
	}
}

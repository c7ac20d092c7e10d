package report

import (
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestNumbers(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"count small", count(999), "999"},
		{"count thousands", count(1299), "1,299"},
		{"count millions", count(12345678), "12,345,678"},
		{"count negative", count(-1234), "-1,234"},
		{"yuan", yuan(decimal.RequireFromString("1299")), "¥1,299.00"},
		{"yuan fen", yuan(decimal.RequireFromString("1234567.891")), "¥1,234,567.89"},
		{"yuan negative", yuan(decimal.RequireFromString("-12.5")), "-¥12.50"},
		{"yuan zero", yuan(decimal.Decimal{}), "¥0.00"},
		{"percent", percent(0.1612), "16.1%"},
		{"fixed", fixed(1234.5, 1), "1,234.5"},
		{"trim", trim(2.500), "2.5"},
		{"trim negative zero", trim(-0.0001), "0"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestLocale(t *testing.T) {
	for locale, want := range map[string]*lang{
		"": english, "en": english, "en-US": english, "fr": english, "zh-TW": english,
		"zh-CN": chinese, "zh_cn": chinese, "zh": chinese, "ZH-Hans-CN": chinese, "zh-SG": chinese,
	} {
		if got := langFor(locale); got != want {
			t.Errorf("langFor(%q) = %s, want %s", locale, got.tag, want.tag)
		}
	}
	d := time.Date(2024, 3, 31, 23, 0, 0, 0, time.UTC)
	tests := []struct {
		name, got, want string
	}{
		{"zh date", chinese.date(d), "2024年3月31日"},
		{"zh month", chinese.month(d), "2024年3月"},
		{"en date", english.date(d), "31 March 2024"},
		{"en month", english.month(d), "March 2024"},
		{"zh tick", chinese.tick(15000, false), "1.5万"},
		{"zh tick money", chinese.tick(2e8, true), "¥2亿"},
		{"zh tick small", chinese.tick(9500, true), "¥9,500"},
		{"en tick", english.tick(15000, false), "15k"},
		{"en tick millions", english.tick(2.5e6, true), "¥2.5M"},
		{"en tick small", english.tick(9500, false), "9,500"},
		{"tick fraction", english.tick(0.25, false), "0.25"},
		{"tick negative money", english.tick(-200, true), "-¥200"},
		{"zh compact", chinese.compactMoney(12345.67), "¥1.2万"},
		{"en compact", english.compactMoney(12345.67), "¥12.3k"},
		{"compact small", english.compactMoney(1234.56), "¥1,235"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

// TestLangComplete checks that both languages fill every word.
func TestLangComplete(t *testing.T) {
	for _, l := range []*lang{english, chinese} {
		v := reflect.ValueOf(l).Elem()
		for i := range v.NumField() {
			if f := v.Field(i); f.Kind() == reflect.String && f.String() == "" {
				t.Errorf("%s: %s is empty", l.tag, v.Type().Field(i).Name)
			}
		}
	}
}

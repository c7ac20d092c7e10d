package report

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestBrowser renders the fixture report, in Chinese, in headless
// Chromium and checks the screenshot: the expected size, mostly not
// blank, with the bar colours of the charts and dark text on it. It is
// skipped when no Chromium is installed (.ci/run installs it with
// apt-get install chromium fonts-noto-cjk).
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not starting a browser")
	}
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("no Chromium found: the report was not rendered in a browser (apt-get install chromium fonts-noto-cjk)")
	}
	if out, err := exec.Command("fc-list", ":lang=zh").Output(); err == nil && len(out) == 0 {
		t.Log("no font with Chinese glyphs installed (fonts-noto-cjk): Chinese labels render as boxes")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	f, err := os.Create(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := fixturePage(t, "zh-CN").WriteHTML(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	const width, height = 1280, 2400
	shot := filepath.Join(dir, "shot.png")
	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--user-data-dir="+filepath.Join(dir, "profile"),
		fmt.Sprintf("--window-size=%d,%d", width, height), "--screenshot="+shot, "file://"+page)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, out)
	}
	r, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer r.Close()
	img, err := png.Decode(r)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != width || b.Dy() != height {
		t.Fatalf("screenshot is %dx%d, want %dx%d", b.Dx(), b.Dy(), width, height)
	}
	st := pixelStats(img)
	t.Logf("screenshot: %.1f%% of the pixels are not white or the page's grey; %d blue, %d orange, %d dark",
		100*st.inked, st.blue, st.orange, st.dark)
	if st.inked < 0.05 {
		t.Errorf("screenshot is almost blank: %.1f%% of the pixels drawn", 100*st.inked)
	}
	// The segment bars (customers blue, revenue orange) and the text.
	if st.blue < 500 || st.orange < 500 {
		t.Errorf("the bar colours are missing: %d blue and %d orange pixels", st.blue, st.orange)
	}
	if st.dark < 2000 {
		t.Errorf("hardly any text: %d dark pixels", st.dark)
	}
}

type stats struct {
	inked              float64
	blue, orange, dark int
}

// pixelStats counts the pixels of a screenshot that are drawn (neither
// white nor the page's ground), of the two bar colours, and dark (text).
func pixelStats(img image.Image) stats {
	near := func(r, g, b uint32, c [3]uint32) bool {
		d := func(x, y uint32) uint32 {
			if x > y {
				return x - y
			}
			return y - x
		}
		return d(r, c[0]) <= 6 && d(g, c[1]) <= 6 && d(b, c[2]) <= 6
	}
	var s stats
	bounds := img.Bounds()
	inked := 0
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			r, g, b = r>>8, g>>8, b>>8
			switch {
			case near(r, g, b, [3]uint32{0xff, 0xff, 0xff}), near(r, g, b, [3]uint32{0xf4, 0xf6, 0xf8}):
			default:
				inked++
			}
			switch {
			case near(r, g, b, [3]uint32{0x4e, 0x79, 0xa7}):
				s.blue++
			case near(r, g, b, [3]uint32{0xf2, 0x8e, 0x2b}):
				s.orange++
			case r < 0x60 && g < 0x60 && b < 0x70:
				s.dark++
			}
		}
	}
	s.inked = float64(inked) / float64(bounds.Dx()*bounds.Dy())
	return s
}

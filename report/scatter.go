package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// maxDots is the most customers a scatter plot draws; beyond it, every
// k-th row is drawn (the tables still count them all). Each dot costs
// about 14 bytes of SVG.
const maxDots = 2500

// feature returns the index of the named feature, or -1.
func (c *Clusters) feature(name string) int {
	for i := range len(c.Rows[0]) {
		if c.featureName(i) == name {
			return i
		}
	}
	return -1
}

func (c *Clusters) featureName(i int) string {
	if c.Features != nil {
		return c.Features[i]
	}
	return "feature " + strconv.Itoa(i+1)
}

func (c *Clusters) clusterName(l *lang, k int) string {
	if c.Names != nil {
		return c.Names[k]
	}
	return fmt.Sprintf(l.scatCluster, k+1)
}

// scatterFigure draws a sample of the clustered rows in two dimensions,
// coloured by cluster, with the centroids.
func scatterFigure(l *lang, cl *Clusters) (figure, error) {
	if cl == nil {
		return figure{}, nil
	}
	const id = "fig-clusters"
	n, k := len(cl.Rows), len(cl.Model.Centroids)
	stride := (n + maxDots - 1) / maxDots
	var sample [][]float64
	var sampleLabel []int
	for i := 0; i < n; i += stride {
		sample = append(sample, cl.Rows[i])
		sampleLabel = append(sampleLabel, cl.Model.Labels[i])
	}
	centres := cl.Model.Centroids
	// The centres in the features' units, for the table.
	unitsCentres := centres
	if cl.Inverse != nil {
		var err error
		if unitsCentres, err = cl.inverse(centres); err != nil {
			return figure{}, err
		}
	}

	var xs, ys, cx, cy []float64
	var xTitle, yTitle string
	if cl.X != "" {
		i, j := cl.feature(cl.X), cl.feature(cl.Y)
		pts := sample
		if cl.Inverse != nil {
			var err error
			if pts, err = cl.inverse(sample); err != nil {
				return figure{}, err
			}
		}
		for _, p := range pts {
			xs, ys = append(xs, p[i]), append(ys, p[j])
		}
		for _, p := range unitsCentres {
			cx, cy = append(cx, p[i]), append(cy, p[j])
		}
		xTitle, yTitle = cl.X, cl.Y
	} else {
		mean, axes, explained := principalAxes(cl.Rows)
		project := func(p []float64, a []float64) float64 {
			s := 0.0
			for d := range p {
				s += (p[d] - mean[d]) * a[d]
			}
			return s
		}
		for _, p := range sample {
			xs, ys = append(xs, project(p, axes[0])), append(ys, project(p, axes[1]))
		}
		for _, p := range centres {
			cx, cy = append(cx, project(p, axes[0])), append(cy, project(p, axes[1]))
		}
		xTitle = fmt.Sprintf(l.scatPC, 1, percent(explained[0]))
		yTitle = fmt.Sprintf(l.scatPC, 2, percent(explained[1]))
	}

	// The plotted range: the central 99% of the drawn rows, widened to
	// hold the centres.
	ax, ay := scaleFor(xs, cx, 6), scaleFor(ys, cy, 5)
	if ax.log {
		xTitle += l.logScale
	}
	if ay.log {
		yTitle += l.logScale
	}

	sizes := make([]int, k)
	for _, lab := range cl.Model.Labels {
		sizes[lab]++
	}
	items := make([]legendItem, 0, k+1)
	for j := range k {
		items = append(items, legendItem{label: cl.clusterName(l, j) + " (" + count(sizes[j]) + ")", color: color(j)})
	}
	items = append(items, legendItem{label: l.scatCentroid, color: "#1f2933", marker: "diamond"})
	const (
		left  = 64.0
		right = 16.0
		plotH = 330.0
	)
	top := 14 + legendHeight(left, items) + 10
	h := top + plotH + 52
	c := newCanvas(id, h, l.scatTitle, l.scatCaption)
	c.legend(left, 18, items)
	x, y := ax.onto(left, chartWidth-right), ay.onto(top+plotH, top)
	for _, t := range ax.ticks {
		c.line(x.at(t), top, x.at(t), top+plotH, "grid")
		c.text(x.at(t), top+plotH+15, l.tick(t, false), "middle", "tick")
	}
	for _, t := range ay.ticks {
		c.line(left, y.at(t), chartWidth-right, y.at(t), "grid")
		c.text(left-5, y.at(t)+4, l.tick(t, false), "end", "tick")
	}
	c.text((left+chartWidth-right)/2, top+plotH+38, xTitle, "middle", "axis")
	c.vtext(16, top+plotH/2, yTitle, "axis")

	// One path per cluster, a round dot per row: much smaller than a
	// circle element each.
	paths := make([]strings.Builder, k)
	outside := 0
	for i := range xs {
		if !ax.holds(xs[i]) || !ay.holds(ys[i]) {
			outside++
			continue
		}
		b := &paths[sampleLabel[i]]
		b.WriteString("M")
		b.WriteString(num(x.at(xs[i])))
		b.WriteString(" ")
		b.WriteString(num(y.at(ys[i])))
		b.WriteString("h0")
	}
	for j := range paths {
		if paths[j].Len() > 0 {
			c.printf(`<path d="%s" stroke="%s" stroke-width="4.5" stroke-linecap="round" stroke-opacity=".55" fill="none"/>`+"\n",
				paths[j].String(), color(j))
		}
	}
	for j := range k {
		if !ax.holds(cx[j]) || !ay.holds(cy[j]) {
			continue // only possible on a log scale, for a centre at or below 0
		}
		px, py := x.at(cx[j]), y.at(cy[j])
		c.printf(`<path d="M%s %sl8 8-8 8-8-8z" fill="%s" stroke="#fff" stroke-width="1.5"><title>%s</title></path>`+"\n",
			num(px), num(py-8), color(j), esc(cl.clusterName(l, j)))
		c.printf(`<text x="%s" y="%s" class="cell" stroke="#fff" stroke-width="3" paint-order="stroke">%s</text>`+"\n",
			num(px+11), num(py+4), esc(cl.clusterName(l, j)))
	}
	c.line(left, top+plotH, chartWidth-right, top+plotH, "base")

	head := []string{l.scatHead, l.customers, l.share}
	num := []bool{false, true, true}
	for d := range len(cl.Rows[0]) {
		head = append(head, cl.featureName(d))
		num = append(num, true)
	}
	tab := table{Head: head, Num: num}
	for j := range k {
		row := []string{cl.clusterName(l, j), count(sizes[j]), percent(float64(sizes[j]) / float64(n))}
		for _, v := range unitsCentres[j] {
			row = append(row, fixed(v, 2))
		}
		tab.Rows = append(tab.Rows, row)
	}
	var notes []string
	if stride > 1 {
		notes = append(notes, fmt.Sprintf(l.scatShown, count(len(xs)), count(n), count(stride)))
	}
	if outside > 0 {
		notes = append(notes, fmt.Sprintf(l.scatOutside, count(outside)))
	}
	return figure{ID: id, Title: l.scatTitle, Caption: l.scatCaption, SVG: c.html(), Tables: []table{tab},
		Note: strings.Join(notes, " ")}, nil
}

// inverse maps rows back to feature units with Inverse, checking its
// result's shape.
func (c *Clusters) inverse(rows [][]float64) ([][]float64, error) {
	out, err := c.Inverse(rows)
	if err != nil {
		return nil, fmt.Errorf("%w: Clusters.Inverse: %w", ErrConfig, err)
	}
	if len(out) != len(rows) {
		return nil, fmt.Errorf("%w: Clusters.Inverse returned %d rows for %d", ErrConfig, len(out), len(rows))
	}
	for i := range out {
		if len(out[i]) != len(rows[i]) {
			return nil, fmt.Errorf("%w: Clusters.Inverse returned a row of %d values for %d", ErrConfig, len(out[i]), len(rows[i]))
		}
	}
	return out, nil
}

// scale is one axis of the scatter plot: its domain, linear or
// logarithmic, and its ticks.
type scale struct {
	lo, hi float64
	log    bool
	ticks  []float64
}

// scaleFor chooses the axis for the values xs, which must also show the
// values of keep: the central 99% of xs widened to keep, with about n
// round ticks. When the values are skewed across orders of magnitude, as
// money often is (at most 2% of them at or below 0, the positive ones
// spanning a factor of 100 or more between their 0.5th and 99.5th
// percentiles, and the median in the lowest tenth of that span), the
// axis is logarithmic instead, with a tick at each power of ten (and at 2
// and 5 times them when it spans at most three); values at or below 0 are
// then left out.
func scaleFor(xs, keep []float64, n int) scale {
	lo, hi := centralRange(xs, keep)
	s := slices.Clone(xs)
	slices.Sort(s)
	first, _ := slices.BinarySearch(s, math.SmallestNonzeroFloat64)
	pos := s[first:]
	if len(pos) > 0 && len(pos) >= len(s)*98/100 && logWorthy(pos, keep) {
		qlo, qhi := quantile(pos, 0.005), quantile(pos, 0.995)
		for _, v := range keep {
			if v > 0 {
				qlo, qhi = min(qlo, v), max(qhi, v)
			}
		}
		a, b := math.Floor(math.Log10(qlo)), math.Ceil(math.Log10(qhi))
		sc := scale{lo: math.Pow(10, a), hi: math.Pow(10, b), log: true}
		for e := a; e <= b; e++ {
			p := math.Pow(10, e)
			sc.ticks = append(sc.ticks, p)
			if b-a <= 3 && e < b {
				sc.ticks = append(sc.ticks, 2*p, 5*p)
			}
		}
		return sc
	}
	t := ticks(lo, hi, n)
	return scale{lo: t[0], hi: t[len(t)-1], ticks: t}
}

// logWorthy reports whether the sorted positive values pos span two
// orders of magnitude or more (between their 0.5th and 99.5th
// percentiles) with the median in the lowest tenth of the span: a linear
// axis would squash most of them against its start.
func logWorthy(pos, keep []float64) bool {
	qlo, qhi, med := quantile(pos, 0.005), quantile(pos, 0.995), quantile(pos, 0.5)
	for _, v := range keep {
		qhi = max(qhi, v)
	}
	return qhi >= 100*qlo && med-qlo < 0.1*(qhi-qlo)
}

// holds reports whether v lies in the axis's domain.
func (s scale) holds(v float64) bool { return v >= s.lo && v <= s.hi }

// onto returns the mapping of the axis onto the range [r0, r1].
func (s scale) onto(r0, r1 float64) mapping { return mapping{s, r0, r1} }

// mapping maps values of an axis to positions.
type mapping struct {
	s      scale
	r0, r1 float64
}

func (m mapping) at(v float64) float64 {
	if m.s.log {
		return linear{math.Log10(m.s.lo), math.Log10(m.s.hi), m.r0, m.r1}.at(math.Log10(v))
	}
	return linear{m.s.lo, m.s.hi, m.r0, m.r1}.at(v)
}

// centralRange returns the range of the central 99% of xs widened to hold
// every value of keep, with a margin of 3% that does not cross zero (so
// that days and money do not get a negative axis).
func centralRange(xs, keep []float64) (lo, hi float64) {
	s := slices.Clone(xs)
	slices.Sort(s)
	lo, hi = quantile(s, 0.005), quantile(s, 0.995)
	for _, v := range keep {
		lo, hi = min(lo, v), max(hi, v)
	}
	pad := (hi - lo) * 0.03
	l, h := lo-pad, hi+pad
	if lo >= 0 && l < 0 {
		l = 0
	}
	if hi <= 0 && h > 0 {
		h = 0
	}
	return l, h
}

// principalAxes returns the mean of rows, the two eigenvectors of their
// covariance matrix with the largest eigenvalues (each with its largest
// component positive, so that the picture is reproducible), and the
// share of the total variance each explains.
func principalAxes(rows [][]float64) (mean []float64, axes [2][]float64, explained [2]float64) {
	d := len(rows[0])
	mean = make([]float64, d)
	for _, r := range rows {
		for j, v := range r {
			mean[j] += v
		}
	}
	for j := range mean {
		mean[j] /= float64(len(rows))
	}
	cov := make([][]float64, d)
	for i := range cov {
		cov[i] = make([]float64, d)
	}
	dev := make([]float64, d)
	for _, r := range rows {
		for j, v := range r {
			dev[j] = v - mean[j]
		}
		for i := range d {
			for j := i; j < d; j++ {
				cov[i][j] += dev[i] * dev[j]
			}
		}
	}
	for i := range d {
		for j := i; j < d; j++ {
			cov[i][j] /= float64(len(rows))
			cov[j][i] = cov[i][j]
		}
	}
	vals, vecs := jacobiEigen(cov)
	order := make([]int, d)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case vals[a] > vals[b]:
			return -1
		case vals[a] < vals[b]:
			return 1
		}
		return 0
	})
	total := 0.0
	for _, v := range vals {
		total += max(v, 0)
	}
	for k := range 2 {
		col := order[k]
		a := make([]float64, d)
		big := 0
		for i := range d {
			a[i] = vecs[i][col]
			if math.Abs(a[i]) > math.Abs(a[big]) {
				big = i
			}
		}
		if a[big] < 0 {
			for i := range a {
				a[i] = -a[i]
			}
		}
		axes[k] = a
		if total > 0 {
			explained[k] = max(vals[col], 0) / total
		}
	}
	return mean, axes, explained
}

// jacobiEigen returns the eigenvalues of the symmetric matrix a and its
// eigenvectors as the columns of the second result, by cyclic Jacobi
// rotations. a is copied, not modified. For the small matrices of a
// feature covariance (a few dozen columns at most) it is exact to
// rounding and converges in a handful of sweeps.
func jacobiEigen(a [][]float64) ([]float64, [][]float64) {
	n := len(a)
	m := make([][]float64, n)
	v := make([][]float64, n)
	for i := range n {
		m[i] = slices.Clone(a[i])
		v[i] = make([]float64, n)
		v[i][i] = 1
	}
	for sweep := 0; sweep < 100; sweep++ {
		off := 0.0
		for i := range n {
			for j := i + 1; j < n; j++ {
				off += m[i][j] * m[i][j]
			}
		}
		if off < 1e-30 {
			break
		}
		for p := range n {
			for q := p + 1; q < n; q++ {
				if math.Abs(m[p][q]) < 1e-300 {
					continue
				}
				theta := (m[q][q] - m[p][p]) / (2 * m[p][q])
				t := math.Copysign(1, theta) / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				cs := 1 / math.Sqrt(t*t+1)
				sn := t * cs
				for k := range n {
					mkp, mkq := m[k][p], m[k][q]
					m[k][p] = cs*mkp - sn*mkq
					m[k][q] = sn*mkp + cs*mkq
				}
				for k := range n {
					mpk, mqk := m[p][k], m[q][k]
					m[p][k] = cs*mpk - sn*mqk
					m[q][k] = sn*mpk + cs*mqk
				}
				for k := range n {
					vkp, vkq := v[k][p], v[k][q]
					v[k][p] = cs*vkp - sn*vkq
					v[k][q] = sn*vkp + cs*vkq
				}
			}
		}
	}
	vals := make([]float64, n)
	for i := range n {
		vals[i] = m[i][i]
	}
	return vals, v
}

// Package report draws the library's results as one self-contained HTML
// page that a host can mail to a colleague: inline SVG charts, a style
// sheet, no scripts and nothing fetched from the network.
//
// It sits at the top of the library, under the host's programs: it reads
// the results of packages rfm, rfm/clv, cluster and segment (and uses
// privacy to mask customer identifiers), and nothing in the library
// imports it.
//
// # Usage
//
// Fill a Page with the results at hand and write it; charts whose data
// are missing are left out:
//
//	page := report.Page{
//		Locale: "zh-CN", AsOf: asOf,
//		RFM: rfmReport, Values: values, // segments, R×F heat map, histograms
//		Clusters: &report.Clusters{Model: model, Rows: z, Features: names},
//		CLV: lifetimes, BGNBD: bg, CBS: cbs, Unit: 7 * 24 * time.Hour,
//		Migration: &review.Migration, Segments: result.Segments,
//	}
//	err := page.WriteHTML(f)
//
// # Charts
//
// From an rfm.Report: each segment's share of the customers next to its
// share of the revenue (bars), and the R×F grid of average spend (heat
// map). From rfm.Values: histograms of recency (days), frequency and
// spend (¥), and customers and revenue by number of purchases. From a
// cluster.Model and its rows: a scatter plot of two chosen features or of
// the first two principal axes, with the centres. From clv.CLV: the
// distribution of lifetime values and the most valuable customers at risk.
// From a clv.BGNBD and its clv.CBS: the matrices of expected purchases and
// of P(alive) by frequency and recency, and, with a holdout period,
// calibration against holdout purchases. From a segment.Migration: the
// matrix of customers moving between segments.
//
// Every chart has a title, a caption saying what it shows, axis titles
// with units, a legend, and the same numbers as a table (under "Show the
// numbers as a table"), so that a screen reader or a spreadsheet can use
// them. Large inputs are summarised, not drawn point by point: the page
// for 100,000 customers is about as large as for 1,000 (the scatter plot
// draws at most 2,500 of them).
//
// # Language and privacy
//
// Page.Locale "zh-CN" gives Chinese words and conventions (2024年3月,
// axis ticks in 万 and 亿); anything else gives English. Money is yuan in
// both, as ¥1,299.00. Customer identifiers appear only in the list of
// customers at risk, masked by privacy.MaskMiddle or passed through
// Page.CustomerLabel (a pseudonym, say); the page holds no names, phone
// numbers or addresses.
//
// # Text tables
//
// TabWriter lays out plain-text tables whose columns line up when cells
// hold Chinese, where text/tabwriter counts a Han character as one column
// instead of two. The library's own text output (rfm.Report.WriteText,
// tagging's statistics, segment's Markdown) lines up the same way.
package report

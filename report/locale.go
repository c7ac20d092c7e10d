package report

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// lang holds a report's words and its number and date conventions. The
// two values, english and chinese, are read-only reference tables.
type lang struct {
	tag string // the HTML lang attribute

	// Page furniture.
	title, asOf, contents, tableView, footer, masked                     string
	keyCustomers, keyRevenue, keyRepeat, keyCLV, keyAtRisk, keyStability string

	// Sections.
	secSegments, secBehaviour, secClusters, secValue, secModel, secMigration string

	// Units and series.
	customers, revenue, days, orders, share, cumShare string

	// Charts: titles, captions, axes, legends and table headings.
	segTitle, segCaption, segAxis, segCustomers, segRevenue                  string
	segName, segMeanR, segMeanF, segMeanM                                    string
	heatTitle, heatCaption, heatX, heatY, heatLegend, heatCell, heatAvg      string
	heatN, heatCorner                                                        string
	histTitle, histCaption, histR, histF, histM, histRange, histOver         string
	ordTitle, ordCaption, ordX, ordY                                         string
	scatTitle, scatCaption, scatPC, scatCluster, scatCentroid, scatShown     string
	scatOutside, scatHead, logScale                                          string
	clvTitle, clvCaption, clvX, clvMedian, clvMean                           string
	riskTitle, riskCaption, riskX, riskCustomer, riskAlive, riskCLV, riskVAR string
	riskExpected, riskNone                                                   string
	mxTitle, mxCaption, aliveTitle, aliveCaption, mxX, mxY, mxLegendE        string
	mxLegendA                                                                string
	calTitle, calCaption, calX, calY, calActual, calModel                    string
	migTitle, migCaption, migFrom, migTo, migLegend, migTotal                string
	migStability, migPeriod, migNone, migAbsent                              string
}

var english = &lang{
	tag:          "en",
	title:        "Customer report",
	asOf:         "Data as of %s",
	contents:     "Contents",
	tableView:    "Show the numbers as a table",
	footer:       "Drawn by clientele. Customer identifiers are masked; the report holds no names, phone numbers or addresses.",
	masked:       "masked",
	keyCustomers: "customers",
	keyRevenue:   "net revenue",
	keyRepeat:    "bought more than once",
	keyCLV:       "average predicted lifetime value",
	keyAtRisk:    "customers at risk (P(alive) < %s)",
	keyStability: "stayed in their segment",

	secSegments:  "Segments",
	secBehaviour: "Purchase behaviour",
	secClusters:  "Clusters",
	secValue:     "Lifetime value and churn",
	secModel:     "BG/NBD model",
	secMigration: "Segment migration",

	customers: "customers",
	revenue:   "revenue",
	days:      "days",
	orders:    "purchases",
	share:     "share",
	cumShare:  "cumulative share",

	segTitle:     "Segment sizes and revenue share",
	segCaption:   "Each segment's share of the customers (blue) next to its share of the net revenue (orange). A segment whose orange bar is longer than its blue one brings more than its head count.",
	segAxis:      "share of all customers or of net revenue (%)",
	segCustomers: "share of customers",
	segRevenue:   "share of revenue",
	segName:      "segment",
	segMeanR:     "mean recency (days)",
	segMeanF:     "mean purchases",
	segMeanM:     "mean spend (¥)",

	heatTitle:   "Recency × frequency",
	heatCaption: "Customers by recency score (rows, 5 = bought most recently) and frequency score (columns, 5 = bought most often). The colour is the average spend of the cell; the number below it counts the customers.",
	heatX:       "frequency score (higher = more purchases)",
	heatY:       "recency score (higher = more recent)",
	heatLegend:  "average spend per customer (¥)",
	heatCell:    "no customers",
	heatAvg:     "average spend (¥)",
	heatN:       "n=%s",
	heatCorner:  "recency \\ frequency",

	histTitle:   "Recency, frequency and spend",
	histCaption: "How the customers spread over the days since their last purchase, their number of purchases and their net spend. Spend is grouped in widening bands (¥10–20, ¥20–50, ¥50–100, …) so that both the many small and the few large spenders show; a hatched bar collects the few highest values where they run on far beyond the rest.",
	histR:       "days since the last purchase",
	histF:       "number of purchases",
	histM:       "net spend (¥)",
	histRange:   "range",
	histOver:    "open-ended: the highest values",

	ordTitle:   "Customers by number of purchases",
	ordCaption: "The share of customers who bought once, twice and so on, next to the share of the revenue they bring.",
	ordX:       "number of purchases",
	ordY:       "share (%)",

	scatTitle:    "Clusters",
	scatCaption:  "Each dot is a customer, coloured by cluster; diamonds mark the cluster centres.",
	scatPC:       "principal axis %d (%s of the variance)",
	scatCluster:  "cluster %d",
	scatCentroid: "centre",
	scatHead:     "cluster",
	logScale:     " (log scale)",
	scatShown:    "%s of %s customers drawn (every %s); the table counts all of them.",
	scatOutside:  "%s drawn customers lie outside the plotted range (the central 99%%, and only positive values on a log scale) and are left out of the picture.",

	clvTitle:   "Customer lifetime value",
	clvCaption: "How many customers fall in each band of predicted lifetime value (BG/NBD purchases × Gamma-Gamma spend, discounted); the bands widen (¥10–20, ¥20–50, …) so that the long tail shows. The dashed line is the median.",
	clvX:       "predicted lifetime value (¥)",
	clvMedian:  "median",
	clvMean:    "mean",

	riskTitle:    "Most valuable customers at risk",
	riskCaption:  "Customers whose probability of still being active is below %s, ranked by the value lost if they have churned (value at risk). Identifiers are masked.",
	riskX:        "value at risk (¥)",
	riskCustomer: "customer",
	riskAlive:    "P(alive)",
	riskCLV:      "lifetime value (¥)",
	riskVAR:      "value at risk (¥)",
	riskExpected: "expected purchases",
	riskNone:     "No customer is below the threshold.",

	mxTitle:      "Expected purchases by frequency and recency",
	mxCaption:    "Purchases the BG/NBD model expects in the next %s days from a customer first seen %s days ago, by their number of repeat purchases (rows) and the time of their last purchase (columns). Recent, frequent buyers are in the top right.",
	aliveTitle:   "Probability of being active",
	aliveCaption: "P(alive) of a customer first seen %s days ago, by their number of repeat purchases (rows) and the time of their last purchase (columns). Frequent buyers who have not bought for a long time (top left) have most likely left.",
	mxX:          "time of the last purchase after the first (days)",
	mxY:          "repeat purchases",
	mxLegendE:    "expected purchases in %s days",
	mxLegendA:    "P(alive)",

	calTitle:   "Calibration vs holdout",
	calCaption: "Customers grouped by their repeat purchases in the calibration period: the purchases they actually made in the %s-day holdout period, on average, against the model's prediction. Lines that agree mean the model predicts well.",
	calX:       "repeat purchases in the calibration period",
	calY:       "average purchases in the holdout period",
	calActual:  "actual",
	calModel:   "BG/NBD prediction",

	migTitle:     "Segment migration",
	migCaption:   "Where the customers of each segment (rows) were in the next period (columns). The colour is the share of the row; the diagonal, outlined, is the customers who stayed.",
	migFrom:      "segment in the first period",
	migTo:        "segment in the second period",
	migLegend:    "share of the row",
	migTotal:     "total",
	migStability: "%s of the customers in a segment in both periods stayed in the same one.",
	migPeriod:    "segment in the period ending %s",
	migNone:      "(in no segment)",
	migAbsent:    "(not a customer)",
}

var chinese = &lang{
	tag:          "zh-CN",
	title:        "客户分析报告",
	asOf:         "数据截至%s",
	contents:     "目录",
	tableView:    "以表格显示数据",
	footer:       "由 clientele 生成。客户编号已脱敏；报告不含姓名、电话或地址。",
	masked:       "已脱敏",
	keyCustomers: "客户数",
	keyRevenue:   "净收入",
	keyRepeat:    "复购客户占比",
	keyCLV:       "平均预测终身价值",
	keyAtRisk:    "流失风险客户（P(存活) < %s）",
	keyStability: "留在原分群的客户",

	secSegments:  "客户分群",
	secBehaviour: "购买行为",
	secClusters:  "聚类",
	secValue:     "客户终身价值与流失",
	secModel:     "BG/NBD 模型",
	secMigration: "分群迁移",

	customers: "客户数",
	revenue:   "收入",
	days:      "天",
	orders:    "购买次数",
	share:     "占比",
	cumShare:  "累计占比",

	segTitle:     "各分群规模与收入占比",
	segCaption:   "每个分群的客户占比（蓝）与净收入占比（橙）并列。橙条长于蓝条的分群，贡献的收入高于其人数占比。",
	segAxis:      "占全部客户或净收入的比例（%）",
	segCustomers: "客户占比",
	segRevenue:   "收入占比",
	segName:      "分群",
	segMeanR:     "平均最近购买间隔（天）",
	segMeanF:     "平均购买次数",
	segMeanM:     "平均消费（¥）",

	heatTitle:   "最近购买 × 购买频次",
	heatCaption: "按最近购买评分（行，5 = 最近购买）和购买频次评分（列，5 = 购买最多）统计客户。颜色表示该格客户的平均消费，下方数字为客户数。",
	heatX:       "频次评分（越高购买越多）",
	heatY:       "最近购买评分（越高越近）",
	heatLegend:  "人均消费（¥）",
	heatCell:    "无客户",
	heatAvg:     "人均消费（¥）",
	heatN:       "%s人",
	heatCorner:  "最近购买 \\ 频次",

	histTitle:   "最近购买、频次与消费分布",
	histCaption: "客户按距上次购买天数、购买次数和净消费的分布。消费按逐级加宽的区间分组（¥10–20、¥20–50、¥50–100……），小额与大额客户都能看清；数值远超其余客户时，右侧斜线柱汇总少数最高值。",
	histR:       "距上次购买（天）",
	histF:       "购买次数",
	histM:       "净消费（¥）",
	histRange:   "区间",
	histOver:    "不设上限：最高值",

	ordTitle:   "按购买次数的客户分布",
	ordCaption: "购买一次、两次……的客户占比，及其带来的收入占比。",
	ordX:       "购买次数",
	ordY:       "占比（%）",

	scatTitle:    "聚类",
	scatCaption:  "每个点是一位客户，颜色表示所属簇；菱形为簇中心。",
	scatPC:       "第 %d 主成分（解释 %s 的方差）",
	scatCluster:  "簇 %d",
	scatCentroid: "簇中心",
	scatHead:     "簇",
	logScale:     "（对数刻度）",
	scatShown:    "图中绘制 %s / %s 位客户（每 %s 位取一位）；表格统计全部客户。",
	scatOutside:  "%s 位已抽样客户落在绘图范围（中间 99%%；对数刻度只含正值）之外，未画出。",

	clvTitle:   "客户终身价值分布",
	clvCaption: "各预测终身价值区间（BG/NBD 购买次数 × Gamma-Gamma 客单价，折现）的客户数；区间逐级加宽（¥10–20、¥20–50……），长尾也能看清。虚线为中位数。",
	clvX:       "预测终身价值（¥）",
	clvMedian:  "中位数",
	clvMean:    "平均值",

	riskTitle:    "高价值流失风险客户",
	riskCaption:  "存活概率低于 %s 的客户，按其若已流失将损失的价值（风险价值）排序。客户编号已脱敏。",
	riskX:        "风险价值（¥）",
	riskCustomer: "客户",
	riskAlive:    "P(存活)",
	riskCLV:      "终身价值（¥）",
	riskVAR:      "风险价值（¥）",
	riskExpected: "预期购买次数",
	riskNone:     "没有客户低于该阈值。",

	mxTitle:      "按频次与最近购买的预期购买次数",
	mxCaption:    "BG/NBD 模型预计首购于 %[2]s 天前的客户在未来 %[1]s 天内的购买次数，按复购次数（行）和末次购买时间（列）划分。右上角为近期高频客户。",
	aliveTitle:   "存活概率",
	aliveCaption: "首购于 %s 天前的客户的存活概率 P(存活)，按复购次数（行）和末次购买时间（列）划分。左上角为购买频繁但久未购买的客户，很可能已流失。",
	mxX:          "末次购买距首购时间（天）",
	mxY:          "复购次数",
	mxLegendE:    "未来 %s 天预期购买次数",
	mxLegendA:    "P(存活)",

	calTitle:   "校准期与验证期对比",
	calCaption: "按校准期复购次数分组：各组客户在 %s 天验证期内的实际平均购买次数，与模型预测值对比。两条线越接近，模型预测越准。",
	calX:       "校准期复购次数",
	calY:       "验证期平均购买次数",
	calActual:  "实际",
	calModel:   "BG/NBD 预测",

	migTitle:     "分群迁移矩阵",
	migCaption:   "上一期各分群（行）的客户在下一期所处的分群（列）。颜色表示占该行的比例；带框的对角线为留在原分群的客户。",
	migFrom:      "第一期分群",
	migTo:        "第二期分群",
	migLegend:    "占该行比例",
	migTotal:     "合计",
	migStability: "两期都在分群中的客户，有 %s 留在原分群。",
	migPeriod:    "截至%s的分群",
	migNone:      "（无分群）",
	migAbsent:    "（非该期客户）",
}

// langFor returns the language of a locale: Chinese for zh, zh-CN,
// zh-Hans and zh-SG (any case, '-' or '_'), English otherwise.
func langFor(locale string) *lang {
	l := strings.ToLower(strings.ReplaceAll(locale, "_", "-"))
	switch {
	case l == "zh", l == "zh-cn", l == "zh-sg", strings.HasPrefix(l, "zh-hans"):
		return chinese
	}
	return english
}

func (l *lang) zh() bool { return l == chinese }

// date formats a day: 2024年3月31日 or 31 March 2024.
func (l *lang) date(t time.Time) string {
	if l.zh() {
		return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
	}
	return t.Format("2 January 2006")
}

// month formats a month: 2024年3月 or March 2024.
func (l *lang) month(t time.Time) string {
	if l.zh() {
		return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月"
	}
	return t.Format("January 2006")
}

// count formats a whole number with thousands separators: 12,345.
func count(n int) string { return group(strconv.Itoa(n)) }

// group inserts thousands separators into the integer part of a decimal
// number written with an optional sign.
func group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	frac := ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s, frac = s[:i], s[i:]
	}
	if len(s) <= 3 {
		return sign + s + frac
	}
	var b strings.Builder
	b.WriteString(sign)
	head := len(s) % 3
	if head > 0 {
		b.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if b.Len() > len(sign) {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String() + frac
}

// yuan formats an amount of yuan: ¥1,299.00, -¥12.50.
func yuan(d decimal.Decimal) string {
	s := group(d.StringFixed(2))
	if strings.HasPrefix(s, "-") {
		return "-¥" + s[1:]
	}
	return "¥" + s
}

// yuanF formats a float amount of yuan to the fen.
func yuanF(x float64) string { return yuan(decimal.NewFromFloat(x)) }

// percent formats a share in [0, 1] as a percentage with one decimal.
func percent(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return strconv.FormatFloat(100*x, 'f', 1, 64) + "%"
}

// fixed formats x with the given decimals and thousands separators.
func fixed(x float64, decimals int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	return group(strconv.FormatFloat(x, 'f', decimals, 64))
}

// tick formats an axis tick compactly: 950, 1.5k, 2M in English; 950,
// 1.5万, 2亿 in Chinese, where large numbers are counted in 万 (10⁴) and
// 亿 (10⁸). A money tick gets the ¥ sign.
func (l *lang) tick(v float64, isMoney bool) string {
	a := math.Abs(v)
	var s string
	switch {
	case l.zh() && a >= 1e8:
		s = trim(v/1e8) + "亿"
	case l.zh() && a >= 1e4:
		s = trim(v/1e4) + "万"
	case !l.zh() && a >= 1e6:
		s = trim(v/1e6) + "M"
	case !l.zh() && a >= 1e4:
		s = trim(v/1e3) + "k"
	default:
		s = group(trim(v))
	}
	if isMoney {
		if strings.HasPrefix(s, "-") {
			return "-¥" + s[1:]
		}
		return "¥" + s
	}
	return s
}

// compactMoney formats an amount for a label inside a chart: whole yuan
// below ten thousand (¥1,235), then like a tick with one decimal (¥12.3k,
// ¥1.2万).
func (l *lang) compactMoney(x float64) string {
	if math.Abs(x) < 1e4 {
		return l.tick(math.Round(x), true)
	}
	unit := 1e3
	suffix := "k"
	switch {
	case l.zh() && math.Abs(x) >= 1e8:
		unit, suffix = 1e8, "亿"
	case l.zh():
		unit, suffix = 1e4, "万"
	case math.Abs(x) >= 1e6:
		unit, suffix = 1e6, "M"
	}
	s := strconv.FormatFloat(x/unit, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0") + suffix
	if strings.HasPrefix(s, "-") {
		return "-¥" + s[1:]
	}
	return "¥" + s
}

// trim formats x with at most three significant decimals and no trailing
// zeros.
func trim(x float64) string {
	s := strconv.FormatFloat(x, 'f', 3, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

package segment

// Personas returns the seeds' four example personas as a ready rule
// table, first match wins, with a catch-all, for hosts to copy and adapt.
// The segment IDs are "young-quality-seekers", "family-pragmatists",
// "industry-leaders", "smb-growth-companies" and, for the catch-all,
// "other".
// The conditions turn the seeds' words into measures of customer.Summary
// and the records, so the table works without any tagging configuration
// (except the tag of the last persona):
//
//	young quality seekers  18–30, tier-1/2 cities, high online activity, mid-high AOV
//	    age between 18 and 30; tier in 一线, 新一线, 二线;
//	    online_share >= 0.6; aov >= 200
//	family pragmatists     35–50, tier-2/3 cities, value for money, mostly offline, mid AOV
//	    age between 35 and 50; tier in 二线, 三线;
//	    discount_share >= 0.3; offline_share >= 0.5; aov between 100 and 500
//	industry leaders       manufacturing/technology, 5000+ employees, long decision cycles
//	    industry in 工业, 软件和信息技术服务业, 信息传输业;
//	    employees >= 5000; decision_cycle >= 90
//	SMB growth companies   services/retail, 50–500 employees, short cycles, price sensitive
//	    industry in 零售业, 批发业, 住宿业, 餐饮业, 租赁和商务服务业, 物业管理;
//	    employees between 50 and 500; decision_cycle <= 30;
//	    tag = need=price-sensitive
//
// Industries are NBS rows (see NBSIndustry), so 制造业 counts as 工业.
// "Mid AOV" follows tagging's default spending bands (100 to 500 yuan);
// "mid-high" starts at 200. Price sensitivity of a company is the
// need=price-sensitive tag, which tagging's Needs tagger gives on
// discounted purchases and sales staff can assign by hand
// (tagging.Profile.Manual).
//
// A persona is a portrait, so three of them combine three dimensions;
// the table's MaxDimensions is 3, and Run's size guard still reports a
// persona that comes out too small. The strategies are sample data in the
// seeds' spirit: replace them with your own. Each call returns a new
// Table the caller may modify.
func Personas() Table {
	return Table{
		MaxDimensions: 3,
		Rules: []Rule{
			{
				Segment: Segment{
					ID: "young-quality-seekers", Name: "年轻品质族",
					Description: "18–30, tier-1/2 cities, mostly online, mid-high order values",
					Strategy: Strategy{
						Product:   "quality and design-led lines, new launches and limited editions",
						Marketing: "social content and creator reviews; early access for members",
						Service:   "fast delivery, easy online returns, responsive in-app service",
					},
				},
				When: []string{"age between 18 and 30", "tier in 一线, 新一线, 二线", "online_share >= 0.6", "aov >= 200"},
			},
			{
				Segment: Segment{
					ID: "family-pragmatists", Name: "家庭务实族",
					Description: "35–50, tier-2/3 cities, value for money, mostly in stores, mid order values",
					Strategy: Strategy{
						Product:   "family packs and bundles with clear value",
						Marketing: "in-store promotions, coupons and member points; community group buying",
						Service:   "in-store service and after-sales guarantees",
					},
				},
				When: []string{"age between 35 and 50", "tier in 二线, 三线", "discount_share >= 0.3", "offline_share >= 0.5", "aov between 100 and 500"},
			},
			{
				Segment: Segment{
					ID: "industry-leaders", Name: "行业领军企业",
					Description: "manufacturing and technology companies with 5000+ employees and long decision cycles",
					Strategy: Strategy{
						Product:   "customised solutions, integration and service-level agreements",
						Marketing: "key-account management, industry events and white papers",
						Service:   "a dedicated account team through pilots, tenders and renewals",
					},
				},
				When: []string{"industry in 工业, 软件和信息技术服务业, 信息传输业", "employees >= 5000", "decision_cycle >= 90"},
			},
			{
				Segment: Segment{
					ID: "smb-growth-companies", Name: "成长型中小企业",
					Description: "services and retail companies with 50–500 employees, short decision cycles, price-sensitive",
					Strategy: Strategy{
						Product:   "standard packages with subscription pricing",
						Marketing: "online campaigns, free trials and volume discounts",
						Service:   "self-service onboarding and quotes within a day",
					},
				},
				When: []string{"industry in 零售业, 批发业, 住宿业, 餐饮业, 租赁和商务服务业, 物业管理", "employees between 50 and 500", "decision_cycle <= 30", "tag = need=price-sensitive"},
			},
		},
		CatchAll: Segment{ID: "other", Name: "其他客户", Description: "customers no persona describes"},
	}
}

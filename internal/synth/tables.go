package synth

// city is a city the generator places people and companies in. code is
// the four-digit GB/T 2260 prefecture prefix (first two digits = province).
// weight is a rough relative customer share.
type city struct {
	name, province, code string
	weight               int
}

// cities spans all six tiers of the 2025 city ranking (shared/datasets/cn)
// and every region. Prefecture codes from GB/T 2260.
var cities = []city{
	// 一线
	{"上海", "上海", "3101", 60}, {"北京", "北京", "1101", 60}, {"深圳", "广东", "4403", 50}, {"广州", "广东", "4401", 50},
	// 新一线
	{"成都", "四川", "5101", 30}, {"杭州", "浙江", "3301", 30}, {"重庆", "重庆", "5001", 30}, {"武汉", "湖北", "4201", 28},
	{"苏州", "江苏", "3205", 26}, {"西安", "陕西", "6101", 24}, {"南京", "江苏", "3201", 24}, {"长沙", "湖南", "4301", 22},
	{"郑州", "河南", "4101", 22}, {"天津", "天津", "1201", 22}, {"合肥", "安徽", "3401", 20}, {"青岛", "山东", "3702", 20},
	{"东莞", "广东", "4419", 18}, {"宁波", "浙江", "3302", 18}, {"佛山", "广东", "4406", 18},
	// 二线
	{"无锡", "江苏", "3202", 12}, {"厦门", "福建", "3502", 12}, {"济南", "山东", "3701", 12}, {"沈阳", "辽宁", "2101", 12},
	{"昆明", "云南", "5301", 11}, {"福州", "福建", "3501", 11}, {"大连", "辽宁", "2102", 10}, {"哈尔滨", "黑龙江", "2301", 10},
	{"温州", "浙江", "3303", 10}, {"石家庄", "河北", "1301", 10}, {"南宁", "广西", "4501", 10}, {"长春", "吉林", "2201", 9},
	{"贵阳", "贵州", "5201", 9}, {"南昌", "江西", "3601", 9}, {"常州", "江苏", "3204", 9}, {"太原", "山西", "1401", 8},
	{"徐州", "江苏", "3203", 8}, {"嘉兴", "浙江", "3304", 8}, {"绍兴", "浙江", "3306", 8}, {"金华", "浙江", "3307", 8},
	{"烟台", "山东", "3706", 8}, {"珠海", "广东", "4404", 7}, {"兰州", "甘肃", "6201", 7}, {"惠州", "广东", "4413", 7},
	{"中山", "广东", "4420", 7}, {"潍坊", "山东", "3707", 7}, {"台州", "浙江", "3310", 7}, {"泉州", "福建", "3505", 7},
	// 三线
	{"洛阳", "河南", "4103", 5}, {"呼和浩特", "内蒙古", "1501", 5}, {"乌鲁木齐", "新疆", "6501", 5}, {"海口", "海南", "4601", 5},
	{"芜湖", "安徽", "3402", 4}, {"赣州", "江西", "3607", 4}, {"宜昌", "湖北", "4205", 4}, {"襄阳", "湖北", "4206", 4},
	{"桂林", "广西", "4503", 4}, {"江门", "广东", "4407", 4}, {"湛江", "广东", "4408", 4}, {"银川", "宁夏", "6401", 4},
	{"西宁", "青海", "6301", 3}, {"遵义", "贵州", "5203", 4}, {"绵阳", "四川", "5107", 4}, {"唐山", "河北", "1302", 4},
	// 四线
	{"株洲", "湖南", "4302", 3}, {"三亚", "海南", "4602", 3}, {"柳州", "广西", "4502", 3}, {"汕头", "广东", "4405", 3},
	{"拉萨", "西藏", "5401", 2}, {"大同", "山西", "1402", 2}, {"吉林", "吉林", "2202", 2}, {"齐齐哈尔", "黑龙江", "2302", 2},
	// 五线
	{"天水", "甘肃", "6205", 1}, {"伊春", "黑龙江", "2307", 1}, {"三沙", "海南", "4603", 1}, {"阿里", "西藏", "5425", 1},
	{"固原", "宁夏", "6404", 1}, {"黄南", "青海", "6323", 1},
}

var surnames = []string{
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
	"郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
}

// compoundSurnames are rarer two-character surnames.
var compoundSurnames = []string{"欧阳", "司马", "诸葛", "上官", "慕容", "东方"}

var (
	maleGiven   = []string{"伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "浩", "鹏", "辉", "刚", "健", "宇", "博", "晨", "俊", "文", "志", "建", "国", "华", "子", "轩", "然", "昊", "峰", "龙"}
	femaleGiven = []string{"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "婷", "雪", "慧", "颖", "琳", "欣", "怡", "佳", "晶", "倩", "玲", "萍", "梅", "兰", "月", "雅", "思", "涵", "诗", "梦", "语", "悦"}
)

var occupations = []string{"engineer", "teacher", "doctor", "sales", "civil servant", "student", "freelancer", "manager", "designer", "retired", "worker", "accountant"}

var incomeBands = []string{"<5k", "5k-10k", "10k-20k", "20k-50k", ">50k"}

var interests = []string{"eco materials", "after-sales service", "fitness", "travel", "cooking", "gaming", "reading", "fashion", "parenting", "tech gadgets", "outdoor", "beauty", "tea", "pets"}

var acquisitionChannels = []string{"mini_program", "app", "online", "store", "partner", "referral"}

var sources = []string{"双11", "618", "抖音直播", "小红书", "线下活动", "朋友推荐", "搜索广告", "公众号"}

var mobilePrefixes = []string{"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157", "158", "159", "166", "176", "177", "180", "181", "182", "185", "186", "187", "188", "189", "191", "198", "199"}

// category is a product category with a price level in yuan and a
// relative popularity.
type category struct {
	name      string
	basePrice float64 // typical unit price
	weight    int
}

var categories = []category{
	{"grocery", 45, 20}, {"apparel", 180, 16}, {"beauty", 260, 12}, {"electronics", 1200, 5},
	{"appliances", 1800, 3}, {"books", 55, 10}, {"home", 150, 10}, {"sports", 320, 6},
	{"baby", 200, 6}, {"health", 240, 6}, {"luxury", 5200, 1}, {"senior_nutrition", 280, 5},
}

// b2bCategories are what companies buy.
var b2bCategories = []category{
	{"software", 30000, 1}, {"hardware", 60000, 1}, {"services", 15000, 1}, {"consulting", 80000, 1},
}

// categoryCumulative is the cumulative weight of categories.
var categoryCumulative = func() []int {
	c := make([]int, len(categories))
	sum := 0
	for i, ct := range categories {
		sum += ct.weight
		c[i] = sum
	}
	return c
}()

// industries are the NBS 2017 size-classification industries, with a
// typical employee count.
var industries = []struct {
	name      string
	employees int
}{
	{"工业", 300}, {"软件和信息技术服务业", 120}, {"零售业", 60}, {"批发业", 40}, {"建筑业", 200},
	{"交通运输业", 150}, {"住宿业", 60}, {"餐饮业", 50}, {"租赁和商务服务业", 80}, {"信息传输业", 400},
	{"房地产开发经营", 200}, {"物业管理", 300}, {"农林牧渔业", 100}, {"仓储业", 80}, {"其他未列明行业", 50},
}

var companyWords = []string{"华信", "恒达", "新锐", "博远", "中科", "云帆", "瑞丰", "金石", "天成", "启明", "海纳", "东升", "远景", "星河", "正泰", "鼎盛"}

var titles = []string{"采购经理", "总经理", "IT主管", "财务总监", "行政主管", "运营总监"}

var products = []string{"CRM license", "data platform", "cloud hosting", "security audit", "training", "hardware maintenance", "consulting retainer"}

package customer

import "strings"

// Channel is the sales channel of an order. Hosts may use their own
// values. [Summary] counts purchases in ChannelOnline, ChannelApp and
// ChannelMiniProgram as online and in ChannelOffline as in a store;
// [ParseChannel] turns the names order systems use for them (线上, 门店,
// 小程序, …) into these values.
type Channel string

// Known channels.
const (
	ChannelOnline      Channel = "online"       // web shop or marketplace
	ChannelApp         Channel = "app"          // the brand's mobile app
	ChannelMiniProgram Channel = "mini_program" // WeChat or Alipay mini program
	ChannelOffline     Channel = "offline"      // physical store, POS
	ChannelPhone       Channel = "phone"        // call centre or telesales
	ChannelPartner     Channel = "partner"      // distributor or partner
)

// online reports whether c is one of the online channels: online, app or
// mini_program.
func (c Channel) online() bool {
	return c == ChannelOnline || c == ChannelApp || c == ChannelMiniProgram
}

// offline reports whether c is the offline channel (a store).
func (c Channel) offline() bool { return c == ChannelOffline }

// channelNames maps the names order systems give the known channels,
// lower-case with spaces and dashes as underscores, to the channels.
// Marketplace names (天猫, 京东) are left alone: they are channels of
// their own to a host that sells on several.
var channelNames = map[string]Channel{
	"online": ChannelOnline, "线上": ChannelOnline, "网店": ChannelOnline, "网上商城": ChannelOnline,
	"官网": ChannelOnline, "电商": ChannelOnline, "web": ChannelOnline,
	"app": ChannelApp, "手机app": ChannelApp, "mobile_app": ChannelApp,
	"mini_program": ChannelMiniProgram, "miniprogram": ChannelMiniProgram, "小程序": ChannelMiniProgram,
	"微信小程序": ChannelMiniProgram, "支付宝小程序": ChannelMiniProgram,
	"offline": ChannelOffline, "线下": ChannelOffline, "门店": ChannelOffline, "实体店": ChannelOffline,
	"线下门店": ChannelOffline, "pos": ChannelOffline,
	"phone": ChannelPhone, "电话": ChannelPhone, "电销": ChannelPhone, "呼叫中心": ChannelPhone,
	"call_center": ChannelPhone, "call_centre": ChannelPhone, "telesales": ChannelPhone,
	"partner": ChannelPartner, "经销商": ChannelPartner, "代理商": ChannelPartner, "分销": ChannelPartner,
	"合作伙伴": ChannelPartner,
}

// ParseChannel returns the known channel that s names, in English or
// Chinese, ignoring case and surrounding space ("Online", "线上", "门店",
// "微信小程序", "mini program", "电销", "经销商", …), and otherwise s
// itself, as written. The CSV and SQL readers read an order's channel
// with it, so that [Summary] counts a 线上 order as online.
func ParseChannel(s string) Channel {
	if c, ok := channelNames[s]; ok {
		return c
	}
	// No allocation unless s has capitals, spaces or dashes.
	if c, ok := channelNames[underscores.Replace(strings.ToLower(strings.TrimSpace(s)))]; ok {
		return c
	}
	return Channel(s)
}

var underscores = strings.NewReplacer(" ", "_", "-", "_")

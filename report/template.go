package report

import "html/template"

// pageTemplate lays out the page: a header with the headline numbers and
// the contents, then one section per part, each figure a card with its
// caption, chart and table. It uses no scripts: the tables open with
// <details>.
var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
{{.Defs}}<header>
<h1>{{.Title}}</h1>
{{- if .Subtitle}}
<p class="sub">{{.Subtitle}}</p>
{{- end}}
{{- if .AsOf}}
<p class="sub">{{.AsOf}}</p>
{{- end}}
{{- if .Keys}}
<dl class="keys">
{{- range .Keys}}
<div><dt>{{.Label}}</dt><dd>{{.Value}}</dd></div>
{{- end}}
</dl>
{{- end}}
{{- if .Sections}}
<nav aria-label="{{.Contents}}"><ol>
{{- range .Sections}}
<li><a href="#{{.ID}}">{{.Title}}</a></li>
{{- end}}
</ol></nav>
{{- end}}
</header>
<main>
{{- range .Sections}}
<section id="{{.ID}}">
<h2>{{.Title}}</h2>
<div class="cards">
{{- range .Figures}}
<figure id="{{.ID}}"{{if .Wide}} class="wide"{{end}}>
<figcaption><h3>{{.Title}}</h3><p>{{.Caption}}</p></figcaption>
{{- if .SVG}}
{{.SVG}}
{{- end}}
{{- if .Note}}
<p class="note">{{.Note}}</p>
{{- end}}
{{- if .Tables}}
<details>
<summary>{{$.TableView}}</summary>
{{- range .Tables}}
<table>
{{- if .Caption}}
<caption>{{.Caption}}</caption>
{{- end}}
<thead><tr>{{$num := .Num}}{{range $i, $h := .Head}}<th scope="col"{{if index $num $i}} class="n"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>
{{- range .Rows}}
<tr>{{range $i, $c := .}}{{if eq $i 0}}<th scope="row">{{$c}}</th>{{else}}<td{{if index $num $i}} class="n"{{end}}>{{$c}}</td>{{end}}{{end}}</tr>
{{- end}}
</tbody>
</table>
{{- end}}
</details>
{{- end}}
</figure>
{{- end}}
</div>
</section>
{{- end}}
</main>
<footer>{{.Footer}}</footer>
</body>
</html>
`))

// styleSheet is the page's only style: system fonts with the usual
// Chinese fonts as fallbacks, cards on a light grey ground, and the text
// styles of the charts.
const styleSheet = `
:root{--ink:#1f2933;--muted:#5f6b7a;--rule:#e3e7ec;--ground:#f4f6f8;--accent:#4e79a7}
*{box-sizing:border-box}
body{margin:0;background:var(--ground);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei",sans-serif}
header{background:#fff;border-bottom:1px solid var(--rule);padding:28px max(24px,calc((100% - 1280px)/2))}
h1{margin:0;font-size:26px;font-weight:650}
.sub{margin:4px 0 0;color:var(--muted)}
.keys{display:flex;flex-wrap:wrap;gap:12px;margin:20px 0 0}
.keys div{background:var(--ground);border-radius:8px;padding:10px 16px;min-width:150px}
.keys dt{font-size:13px;color:var(--muted)}
.keys dd{margin:2px 0 0;font-size:22px;font-weight:600;font-variant-numeric:tabular-nums}
nav ol{display:flex;flex-wrap:wrap;gap:4px 20px;margin:18px 0 0;padding:0;list-style:none;counter-reset:s}
nav li{counter-increment:s}
nav li::before{content:counter(s) ". ";color:var(--muted)}
nav a{color:var(--accent);text-decoration:none}
nav a:hover{text-decoration:underline}
main{max-width:1328px;margin:0 auto;padding:8px 24px 24px}
h2{font-size:20px;margin:28px 0 12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,560px),1fr));gap:20px}
.wide{grid-column:1/-1}
.wide svg{max-width:1100px}
figure{margin:0;background:#fff;border:1px solid var(--rule);border-radius:10px;padding:18px 20px 14px;min-width:0}
figcaption h3{margin:0;font-size:16px}
figcaption p{margin:4px 0 10px;color:var(--muted);font-size:13.5px}
figure svg{display:block;width:100%;height:auto}
svg text{font-size:12px;fill:var(--ink)}
svg .tick{fill:var(--muted);font-size:11px}
svg .axis{fill:var(--muted);font-size:12px}
svg .legend{font-size:12px}
svg .value{font-size:11px}
svg .cell{font-size:12px;font-weight:600}
svg .small{font-size:10px}
svg line.grid{stroke:#e8ecf0;stroke-width:1}
svg line.base{stroke:#9aa5b1;stroke-width:1}
svg line.median{stroke:#1f2933;stroke-width:1.5;stroke-dasharray:5 4}
.note{font-size:12.5px;color:var(--muted);margin:6px 0 0}
details{margin-top:10px;overflow-x:auto}
summary{cursor:pointer;color:var(--accent);font-size:13px}
table{border-collapse:collapse;margin:8px 0 4px;font-size:12.5px;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:6px 0 2px}
th,td{padding:3px 8px;border-bottom:1px solid var(--rule);text-align:left;font-weight:normal}
thead th{color:var(--muted);border-bottom-color:#c5ccd4}
tbody th{font-weight:500;white-space:nowrap}
.n{text-align:right;white-space:nowrap}
thead .n{white-space:normal}
footer{max-width:1328px;margin:0 auto;padding:8px 24px 32px;color:var(--muted);font-size:12.5px}
@media print{body{background:#fff}figure{break-inside:avoid}}
`

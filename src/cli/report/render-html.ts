import type { InsightsReport } from '../../core/insights/report.js';

/** Text into HTML: everything in the report (the questions are people's words) is escaped. */
const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const day = (iso: string): string => iso.slice(0, 10);

/** A horizontal bar chart in plain HTML and CSS (no scripts): readable on a phone, printable. */
function barChart(id: string, label: string, rows: { name: string; value: number; note?: string }[]): string {
  if (rows.length === 0) return `<p class="empty">Nothing recorded in this period.</p>`;
  const max = Math.max(...rows.map((r) => r.value), 1);
  const bars = rows
    .map(
      (r) => `<li class="bar">
      <span class="name">${esc(r.name)}${r.note ? ` <span class="note">${esc(r.note)}</span>` : ''}</span>
      <span class="track"><span class="fill" style="width:${((r.value / max) * 100).toFixed(1)}%"></span></span>
      <span class="value">${r.value}</span>
    </li>`,
    )
    .join('\n');
  return `<figure class="chart" id="${id}" aria-label="${esc(label)}"><ol>${bars}</ol></figure>`;
}

const CSS = `
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fff; --muted: #6e6e73; --bar: #3b82f6; --track: #e5e7eb; --ok: #15803d; }
@media (prefers-color-scheme: dark) { :root { --fg: #f5f5f7; --bg: #111; --muted: #a1a1aa; --track: #333; --ok: #4ade80; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 860px; padding: 16px; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.4rem; margin: 0 0 4px; } h2 { font-size: 1.1rem; margin: 28px 0 8px; }
.sub, .note, .empty { color: var(--muted); font-size: .9rem; }
.totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: 8px; padding: 0; list-style: none; }
.totals li { border: 1px solid var(--track); border-radius: 8px; padding: 8px; } .totals b { display: block; font-size: 1.3rem; }
.chart { margin: 0; } .chart ol { list-style: none; margin: 0; padding: 0; }
.bar { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr) auto; gap: 8px; align-items: center; margin: 6px 0; }
.name { overflow-wrap: anywhere; } .track { background: var(--track); border-radius: 4px; height: 14px; overflow: hidden; }
.fill { display: block; height: 100%; background: var(--bar); } .value { font-variant-numeric: tabular-nums; min-width: 2.5em; text-align: right; }
.answered { color: var(--ok); }
table { border-collapse: collapse; width: 100%; font-size: .95rem; } th, td { text-align: left; padding: 6px 4px; border-bottom: 1px solid var(--track); }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
@media (max-width: 480px) { .bar { grid-template-columns: 1fr auto; } .track { grid-column: 1 / -1; grid-row: 2; } }
`;

/** One self-contained page: inline CSS, no scripts, fonts or images from anywhere (the CSP says so too). */
export function renderReportHtml(r: InsightsReport): string {
  const t = r.totals;
  const misses = barChart(
    'misses-chart',
    'Top questions without a good answer',
    r.misses.map((m) => ({
      name: m.text,
      value: m.count,
      note: [m.outcome === 'low-confidence' ? 'low confidence' : '', m.answeredBy ? `now answered: ${m.answeredBy.title}` : '']
        .filter(Boolean)
        .join(' · '),
    })),
  );
  const terms = barChart(
    'terms-chart',
    'Most asked terms and tools',
    r.topTerms.map((a) => ({ name: a.title, value: a.count, note: a.kind })),
  );
  const answeredList = r.misses.filter((m) => m.answeredBy);
  const helpful = r.helpfulness.length
    ? `<table id="helpfulness"><thead><tr><th>Term</th><th>👍</th><th>👎</th><th>Per platform</th></tr></thead><tbody>${r.helpfulness
        .map(
          (h) =>
            `<tr><td>${esc(h.title)}</td><td class="n">${h.helpful}</td><td class="n">${h.unhelpful}</td><td>${esc(
              Object.entries(h.platforms)
                .map(([p, v]) => `${p} ${v.helpful}/${v.unhelpful}`)
                .join(', '),
            )}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : `<p class="empty">No votes in this period.</p>`;
  const platforms = Object.entries(r.platforms);
  const perPlatform = platforms.length
    ? `<table id="platforms"><thead><tr><th>Platform</th><th>Questions</th><th>Not found</th><th>👍</th><th>👎</th></tr></thead><tbody>${platforms
        .map(
          ([p, v]) =>
            `<tr><td>${esc(p)}</td><td class="n">${v.questions}</td><td class="n">${v.misses}</td><td class="n">${v.helpful}</td><td class="n">${v.unhelpful}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : `<p class="empty">Nothing recorded in this period.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>termbot report since ${day(r.since)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>What people asked termbot</h1>
<p class="sub">Since ${day(r.since)} · generated ${esc(r.generatedAt.slice(0, 16).replace('T', ' '))} UTC · questions are stored as normalised text only</p>
<ul class="totals">
<li><b>${t.questions}</b>questions</li><li><b>${t.answers}</b>answered</li><li><b>${t.misses}</b>not found</li>
<li><b>${t.lowConfidence}</b>low confidence</li><li><b>${t.helpful}</b>👍 helpful</li><li><b>${t.unhelpful}</b>👎 not helpful</li>
</ul>
<h2>Top questions without a good answer</h2>
${misses}
${answeredList.length ? `<p class="answered">${answeredList.length} of these ${answeredList.length === 1 ? 'is' : 'are'} now answered by a term added or improved since.</p>` : ''}
<h2>Most asked terms and tools</h2>
${terms}
<h2>Helpfulness per term</h2>
${helpful}
<h2>Per platform</h2>
${perPlatform}
</body>
</html>
`;
}

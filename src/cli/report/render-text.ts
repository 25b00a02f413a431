import type { InsightsReport } from '../../core/insights/report.js';

const day = (iso: string): string => iso.slice(0, 10);
const perPlatform = (p: Partial<Record<string, number>>): string =>
  Object.entries(p)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

/** The report for a terminal: plain text, one section per question the report answers. */
export function renderReportText(r: InsightsReport): string {
  const out: string[] = [`termbot report since ${day(r.since)} (generated ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC)`, ''];
  const t = r.totals;
  out.push(
    `Questions ${t.questions} · answered ${t.answers} · not found ${t.misses} · low confidence ${t.lowConfidence} · 👍 ${t.helpful} · 👎 ${t.unhelpful}`,
    '',
  );
  out.push('Top questions without a good answer');
  if (r.misses.length === 0) out.push('  (none recorded)');
  for (const m of r.misses) {
    const answered = m.answeredBy ? ` (now answered: ${m.answeredBy.title})` : '';
    const low = m.outcome === 'low-confidence' ? ' [low confidence]' : '';
    out.push(
      `  ${String(m.count).padStart(5)}  ${m.text}${low}${answered}  · ${perPlatform(m.platforms)} · ${day(m.firstSeen)}..${day(m.lastSeen)}`,
    );
  }
  out.push('', 'Most asked terms and tools');
  if (r.topTerms.length === 0) out.push('  (none recorded)');
  for (const a of r.topTerms) out.push(`  ${String(a.count).padStart(5)}  ${a.title} (${a.kind})  · ${perPlatform(a.platforms)}`);
  out.push('', 'Helpfulness per term');
  if (r.helpfulness.length === 0) out.push('  (no votes)');
  for (const h of r.helpfulness) {
    const per = Object.entries(h.platforms)
      .map(([k, v]) => `${k} ${v.helpful}/${v.unhelpful}`)
      .join(', ');
    out.push(`  👍 ${String(h.helpful).padStart(3)}  👎 ${String(h.unhelpful).padStart(3)}  ${h.title}  · ${per}`);
  }
  out.push('', 'Per platform');
  const plats = Object.entries(r.platforms);
  if (plats.length === 0) out.push('  (nothing recorded)');
  for (const [p, v] of plats) out.push(`  ${p}: ${v.questions} questions, ${v.misses} not found, 👍 ${v.helpful}, 👎 ${v.unhelpful}`);
  return out.join('\n') + '\n';
}

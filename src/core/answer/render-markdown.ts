import type { Answer, ComparisonAnswer, TermAnswer, TermRef } from './types.js';

/** Escapes characters that would turn user text into Markdown formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_~|>#[\]()<])/g, '\\$1');
}

/**
 * User text echoed back must never ping: a zero-width space after each "@" keeps "@everyone", "@here",
 * "@channel" and "<@123>" readable but inert when the Markdown is pasted into Discord or Slack.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/@/g, '@\u200b');
}

const list = (refs: TermRef[]): string => refs.map((r) => r.title).join(', ');

function term(a: TermAnswer): string {
  const t = a.term;
  const out = [`# ${t.title}`, '', t.summary, ''];
  // A tool leads with the concepts it is an example of.
  if (t.isA.length) out.push(`**An example of:** ${list(t.isA)}`, '');
  if (t.analogy) out.push(`> ${t.analogy}`, '');
  for (const s of t.sections) out.push(`## ${s.heading}`, '', s.body, '');
  if (t.hasMore) out.push('_More detail: ask with depth "full"._', '');
  if (t.toolAlternatives.length) out.push(`**Alternatives:** ${list(t.toolAlternatives)}`);
  if (t.tools.length) out.push(`**Best-known tools:** ${list(t.tools)}`);
  if (t.related.length) out.push(`**Related:** ${list(t.related)}`);
  if (t.contrasts.length) out.push(`**Often confused with:** ${list(t.contrasts)}`);
  if (t.links.length) out.push(`**Read more:** ${t.links.map((l) => `[${l.title}](${l.url})`).join(' · ')}`);
  if (a.alternatives.length) out.push(`**You might also mean:** ${list(a.alternatives)}`);
  return out.join('\n').trim() + '\n';
}

function comparison(a: ComparisonAnswer): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out = [`# ${a.title}`, '', a.summary, ''];
  if (a.analogy) out.push(`> ${a.analogy}`, '');
  out.push(`| | ${a.columns.map((c) => cell(c.title)).join(' | ')} |`);
  out.push(`|---|${a.columns.map(() => '---').join('|')}|`);
  for (const r of a.rows) out.push(`| **${cell(r.aspect)}** | ${r.values.map(cell).join(' | ')} |`);
  out.push('');
  for (const s of a.sections) out.push(`## ${s.heading}`, '', s.body, '');
  return out.join('\n').trim() + '\n';
}

/** Plain Markdown rendering of any answer (docs, files, platforms that speak Markdown). */
export function renderMarkdown(answer: Answer): string {
  switch (answer.kind) {
    case 'term':
      return term(answer);
    case 'comparison':
      return comparison(answer);
    case 'none': {
      const q = answer.query ? `**“${neutraliseMentions(escapeMarkdown(answer.query.slice(0, 100)))}”**: ` : '';
      const sugg = answer.suggestions.map((s) => `- **${s.title}**: ${s.summary}`);
      const closest = answer.closest ? [`Closest: **${answer.closest.title}**: ${answer.closest.summary}`] : [];
      return [q + answer.message, ...closest, ...sugg].join('\n') + '\n';
    }
  }
}

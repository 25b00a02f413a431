import { truncate } from '../text/truncate.js';
import type { Answer, ComparisonAnswer, TermAnswer, TermRef } from './types.js';

export interface TerminalStyle {
  color: boolean;
  /** Wrap width in columns. */
  width: number;
}

const codes = { bold: [1, 22], dim: [2, 22], italic: [3, 23], cyan: [36, 39], yellow: [33, 39], green: [32, 39], magenta: [35, 39] } as const;
type Code = keyof typeof codes;

function painter(color: boolean): (code: Code, s: string) => string {
  return (code, s) => (color ? `\u001b[${codes[code][0]}m${s}\u001b[${codes[code][1]}m` : s);
}

/** Wraps prose to the width; leaves code blocks, tables and list indentation alone. */
export function wrap(text: string, width: number, indent = ''): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence || /^\s*(```|~~~|\|)/.test(line) || line.length + indent.length <= width) {
      out.push(indent + line);
      continue;
    }
    const lead = /^(\s*(?:[-*+]|\d+\.)?\s*)/.exec(line)?.[1] ?? '';
    let cur = '';
    for (const word of line.slice(lead.length).split(/\s+/)) {
      if (cur && indent.length + lead.length + cur.length + 1 + word.length > width) {
        out.push(indent + (out.length && !cur.startsWith(lead) ? ' '.repeat(lead.length) : lead) + cur);
        cur = word;
      } else cur = cur ? `${cur} ${word}` : word;
    }
    if (cur) out.push(indent + ' '.repeat(lead.length) + cur);
  }
  return out.join('\n');
}

/** Light inline Markdown for the terminal: **bold** and `code`. */
function inline(text: string, paint: ReturnType<typeof painter>): string {
  return text.replace(/\*\*([^*]+)\*\*/g, (_, s: string) => paint('bold', s)).replace(/`([^`\n]+)`/g, (_, s: string) => paint('cyan', s));
}

const titles = (refs: TermRef[]): string => refs.map((r) => r.title).join(', ');

function term(a: TermAnswer, style: TerminalStyle): string {
  const paint = painter(style.color);
  const t = a.term;
  const out = [paint('bold', paint('cyan', t.title)) + paint('dim', `  (${t.category})`), '', wrap(t.summary, style.width), ''];
  out.push(paint('yellow', wrap(`Think of it like this: ${t.analogy}`, style.width)), '');
  for (const s of t.sections) out.push(paint('bold', s.heading), inline(wrap(s.body, style.width, '  '), paint), '');
  if (t.hasMore) out.push(paint('dim', `More: termbot explain ${t.slug} --depth full`), '');
  if (t.related.length) out.push(`${paint('green', 'Related:')} ${titles(t.related)}`);
  if (t.contrasts.length) out.push(`${paint('green', 'Often confused with:')} ${titles(t.contrasts)}`);
  for (const l of t.links) out.push(`${paint('green', 'Read:')} ${l.title} <${l.url}>`);
  if (a.alternatives.length) out.push(`${paint('magenta', 'You might also mean:')} ${titles(a.alternatives)}`);
  return out.join('\n').trimEnd() + '\n';
}

function comparison(a: ComparisonAnswer, style: TerminalStyle): string {
  const paint = painter(style.color);
  const out = [paint('bold', paint('cyan', a.title)), '', wrap(a.summary, style.width), ''];
  if (a.analogy) out.push(paint('yellow', wrap(a.analogy, style.width)), '');
  for (const r of a.rows) {
    out.push(paint('bold', r.aspect));
    a.columns.forEach((c, i) => out.push(wrap(`${paint('green', c.title + ':')} ${r.values[i] ?? ''}`, style.width, '  ')));
  }
  out.push('');
  for (const s of a.sections) out.push(paint('bold', s.heading), inline(wrap(s.body, style.width, '  '), paint), '');
  if (a.hasMore) out.push(paint('dim', 'More: add --depth full'), '');
  return out.join('\n').trimEnd() + '\n';
}

/** Renders an answer for a terminal; colours only when asked (a TTY). */
export function renderTerminal(answer: Answer, style: TerminalStyle = { color: false, width: 80 }): string {
  switch (answer.kind) {
    case 'term':
      return term(answer, style);
    case 'comparison':
      return comparison(answer, style);
    case 'none': {
      const paint = painter(style.color);
      const lines = [answer.message];
      if (answer.query && answer.reason === 'no-match') lines.unshift(paint('dim', `“${truncate(answer.query, 80)}”`));
      for (const s of answer.suggestions) lines.push(`  ${paint('cyan', s.title)} ${paint('dim', `(${s.slug})`)}: ${s.summary}`);
      return lines.join('\n') + '\n';
    }
  }
}

import { truncate } from '../text/truncate.js';
import { layoutMarkdown, wrapLine } from './terminal-text.js';
import type { Answer, ComparisonAnswer, TermAnswer, TermRef } from './types.js';

export interface TerminalStyle {
  color: boolean;
  /** Wrap width in columns. */
  width: number;
  /** How to ask for the full answer where the card is shown (the prompt says ":full"); slug null for a comparison. */
  moreHint?: (slug: string | null) => string;
  /** How to browse where the card is shown, added to "I don't have that term" (default: the shell command). */
  browseHint?: string;
}

const codes = {
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  cyan: [36, 39],
  yellow: [33, 39],
  green: [32, 39],
  magenta: [35, 39],
} as const;
type Code = keyof typeof codes;

type Painter = (code: Code, s: string) => string;

function painter(color: boolean): Painter {
  return (code, s) => (color ? `\u001b[${codes[code][0]}m${s}\u001b[${codes[code][1]}m` : s);
}

const titles = (refs: TermRef[]): string => refs.map((r) => r.title).join(', ');

/** A label and a list of names, wrapped with the names aligned under the first one. */
function labelled(label: string, text: string, style: TerminalStyle, paint: Painter, code: Code, rest = '    '): string {
  const lines = wrapLine(text, style.width, label + ' ', rest).split('\n');
  const lead = /^\s*/.exec(label)![0];
  lines[0] = lead + paint(code, label.slice(lead.length)) + lines[0]!.slice(label.length);
  return lines.join('\n');
}

function body(text: string, style: TerminalStyle, paint: Painter, indent = '  '): string {
  return layoutMarkdown(text, style.width, indent, paint, style.color);
}

function term(a: TermAnswer, style: TerminalStyle): string {
  const paint = painter(style.color);
  const t = a.term;
  // The category goes on its own line when the title leaves no room for it.
  const tag = t.kind === 'tool' ? `(${t.category}, tool)` : `(${t.category})`;
  const heading = paint('bold', paint('cyan', t.title)) + (t.title.length + tag.length + 2 > style.width ? '\n' : '  ') + paint('dim', tag);
  const out = [heading, '', body(t.summary, style, paint, ''), ''];
  // A tool leads with what it is an example of: the concepts behind the name.
  if (t.isA.length) out.push(labelled('An example of:', titles(t.isA), style, paint, 'green'), '');
  if (t.analogy) out.push(paint('yellow', wrapLine(`Think of it like this: ${t.analogy}`, style.width)), '');
  for (const s of t.sections) out.push(paint('bold', s.heading), body(s.body, style, paint), '');
  if (t.hasMore) out.push(paint('dim', style.moreHint?.(t.slug) ?? `More: termbot explain ${t.slug} --depth full`), '');
  if (t.toolAlternatives.length) out.push(labelled('Alternatives:', titles(t.toolAlternatives), style, paint, 'green'));
  if (t.tools.length) out.push(labelled('Best-known tools:', titles(t.tools), style, paint, 'green'));
  if (t.related.length) out.push(labelled('Related:', titles(t.related), style, paint, 'green'));
  if (t.contrasts.length) out.push(labelled('Often confused with:', titles(t.contrasts), style, paint, 'green'));
  for (const l of t.links) out.push(labelled('Read:', `${l.title} <${l.url}>`, style, paint, 'green'));
  if (a.alternatives.length) out.push(labelled('You might also mean:', titles(a.alternatives), style, paint, 'magenta'));
  return out.join('\n').trimEnd() + '\n';
}

function comparison(a: ComparisonAnswer, style: TerminalStyle): string {
  const paint = painter(style.color);
  const out = [paint('bold', paint('cyan', a.title)), '', body(a.summary, style, paint, ''), ''];
  if (a.analogy) out.push(paint('yellow', wrapLine(a.analogy, style.width)), '');
  for (const r of a.rows) {
    out.push(paint('bold', r.aspect));
    // Each value wraps with a hanging indent, so a long cell still reads as one row.
    a.columns.forEach((c, i) => out.push(labelled(`  ${c.title}:`, r.values[i] ?? '', style, paint, 'green', '      ')));
  }
  out.push('');
  for (const s of a.sections) out.push(paint('bold', s.heading), body(s.body, style, paint), '');
  if (a.hasMore) out.push(paint('dim', style.moreHint?.(null) ?? 'More: add --depth full'), '');
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
      for (const s of answer.suggestions) {
        const plain = wrapLine(`${s.title} (${s.slug}): ${s.summary}`, style.width, '  ', '    ');
        const head = `${s.title} (${s.slug}):`;
        lines.push(plain.replace(`  ${head}`, `  ${paint('cyan', s.title)} ${paint('dim', `(${s.slug})`)}:`));
      }
      if (answer.closest) {
        const c = answer.closest;
        const plain = wrapLine(`Closest: ${c.title} (${c.slug}): ${c.summary}`, style.width, '', '    ');
        lines.push(plain.replace(`Closest: ${c.title} (${c.slug}):`, `Closest: ${paint('cyan', c.title)} ${paint('dim', `(${c.slug})`)}:`));
      }
      if (answer.reason === 'no-match') lines.push(paint('dim', style.browseHint ?? 'Browse: termbot list (--category NAME, --tools)'));
      return lines.join('\n') + '\n';
    }
  }
}

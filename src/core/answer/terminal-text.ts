/**
 * Lays out a card's Markdown body for a fixed-width terminal: paragraphs are reflowed (soft line
 * breaks joined), list items keep their marker and nesting and wrap with a hanging indent, tables
 * are kept verbatim, and a fenced code block loses its ``` lines and is indented instead (never
 * wrapped: a shell command or an HTTP request must stay copyable). Inline `code` and **bold** are
 * painted when colour is on; without colour inline code keeps its backticks so it still reads as code.
 */

export type Paint = (code: 'bold' | 'cyan', s: string) => string;

type Block =
  | { kind: 'verbatim'; lines: string[] }
  /** A fenced code block without its fence lines; `lead` is the fence's own indent (inside a list item). */
  | { kind: 'code'; lead: string; lines: string[] }
  | { kind: 'text'; first: string; rest: string; text: string; heading?: boolean };

/** How far a code block is indented beyond the text around it, in place of the fence lines. */
const CODE_INDENT = '    ';

const FENCE = /^\s*(```+|~~~+)/;
const TABLE = /^\s*\|/;
/** A list item: leading spaces, a bullet or "1." / "1)", at least one space. */
const LIST_ITEM = /^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$/;
const QUOTE = /^(\s*>\s?)(.*)$/;
const HEADING = /^\s*#{1,6}\s+/;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a string takes on screen (colour codes take none). */
export function visibleLength(s: string): number {
  return [...s.replace(ANSI, '')].length;
}

function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.replace(/\t/g, '    ').split('\n');
  let fence: string | null = null;
  let current: Extract<Block, { kind: 'text' }> | null = null;
  const close = (): void => {
    current = null;
  };
  for (const line of lines) {
    const fenceMatch = FENCE.exec(line);
    if (fence !== null || fenceMatch) {
      close();
      const last = blocks.at(-1);
      if (fence === null) {
        fence = fenceMatch![1]![0]!;
        blocks.push({ kind: 'code', lead: /^\s*/.exec(line)![0], lines: [] });
      } else if (fenceMatch && fenceMatch[1]![0] === fence) fence = null;
      else {
        // Code lines lose the fence's own indent (as Markdown does), up to that many spaces.
        const code = last as Extract<Block, { kind: 'code' }>;
        code.lines.push(line.replace(new RegExp(`^ {0,${code.lead.length}}`), '').trimEnd());
      }
      continue;
    }
    if (!line.trim()) {
      close();
      blocks.push({ kind: 'verbatim', lines: [''] });
      continue;
    }
    if (TABLE.test(line)) {
      close();
      const last = blocks.at(-1);
      if (last?.kind === 'verbatim' && last.lines.length > 0 && TABLE.test(last.lines.at(-1)!)) last.lines.push(line);
      else blocks.push({ kind: 'verbatim', lines: [line] });
      continue;
    }
    if (HEADING.test(line)) {
      close();
      blocks.push({ kind: 'text', first: '', rest: '', text: line.trim(), heading: true });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const [, lead = '', marker = '', body = ''] = item;
      current = { kind: 'text', first: `${lead}${marker} `, rest: ' '.repeat(lead.length + marker.length + 1), text: body };
      blocks.push(current);
      continue;
    }
    const quote = QUOTE.exec(line);
    if (quote) {
      const prev = current;
      if (prev && prev.first.includes('>')) prev.text += ' ' + quote[2]!.trim();
      else {
        current = { kind: 'text', first: quote[1]!.replace(/\s?$/, ' '), rest: quote[1]!.replace(/\s?$/, ' '), text: quote[2]!.trim() };
        blocks.push(current);
      }
      continue;
    }
    // A soft line break: the line continues the paragraph or list item above it.
    const open = current;
    if (open) open.text += ' ' + line.trim();
    else {
      const lead = /^\s*/.exec(line)![0];
      current = { kind: 'text', first: lead, rest: lead, text: line.trim() };
      blocks.push(current);
    }
  }
  return blocks;
}

/** Splits inline Markdown into words, painting code spans and bold per word so a wrap never tears a colour. */
function styledWords(text: string, paint: Paint, color: boolean): string[] {
  const words: string[] = [];
  let glue = false; // the next piece continues the previous word (no space between)
  const push = (piece: string, style: ((w: string) => string) | null): void => {
    const parts = piece.split(/(\s+)/);
    for (const part of parts) {
      if (part === '') continue;
      if (/^\s+$/.test(part)) {
        glue = false;
        continue;
      }
      const w = style ? style(part) : part;
      if (glue && words.length) words[words.length - 1] += w;
      else words.push(w);
      glue = true;
    }
  };
  const re = /`([^`\n]+)`|\*\*([^*\n]+)\*\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) push(text.slice(last, m.index), null);
    if (m[1] !== undefined) {
      const code = m[1];
      if (color) push(code, (w) => paint('cyan', w));
      else push('`' + code + '`', null);
    } else push(m[2]!, color ? (w) => paint('bold', w) : null);
    last = m.index + m[0].length;
  }
  if (last < text.length) push(text.slice(last), null);
  return words;
}

/** Greedy word wrap: the first line starts with `first`, the others with `rest`. Words longer than a line stay whole. */
export function fill(words: string[], width: number, first: string, rest: string): string[] {
  const out: string[] = [];
  let line = first;
  let len = visibleLength(first);
  let empty = true;
  for (const w of words) {
    const wl = visibleLength(w);
    if (!empty && len + 1 + wl > width) {
      out.push(line);
      line = rest + w;
      len = visibleLength(rest) + wl;
      continue;
    }
    line += (empty ? '' : ' ') + w;
    len += (empty ? 0 : 1) + wl;
    empty = false;
  }
  out.push(line);
  return out;
}

/** Wraps plain prose (no Markdown structure) with a hanging indent. */
export function wrapLine(text: string, width: number, first = '', rest = first): string {
  return fill(text.split(/\s+/).filter(Boolean), width, first, rest).join('\n');
}

/** Lays out a Markdown body at `width`, every line prefixed with `indent`. */
export function layoutMarkdown(text: string, width: number, indent: string, paint: Paint, color: boolean): string {
  const out: string[] = [];
  // Without its fence lines, a code block is set off from the text by a blank line on each side.
  let afterCode = false;
  for (const block of parseBlocks(text.trim())) {
    const blank = block.kind === 'verbatim' && block.lines.length === 1 && block.lines[0] === '';
    if (afterCode && !blank) out.push('');
    afterCode = false;
    if (block.kind === 'verbatim') {
      for (const l of block.lines) out.push(l ? indent + l : '');
      continue;
    }
    if (block.kind === 'code') {
      if (out.length > 0 && out.at(-1) !== '') out.push('');
      for (const l of block.lines) out.push(l ? indent + block.lead + CODE_INDENT + (color ? paint('cyan', l) : l) : '');
      afterCode = true;
      continue;
    }
    if (block.heading) {
      out.push(indent + paint('bold', block.text.replace(/^#+\s+/, '')));
      continue;
    }
    out.push(...fill(styledWords(block.text, paint, color), width, indent + block.first, indent + block.rest));
  }
  return out.join('\n');
}

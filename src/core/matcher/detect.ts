import { blankChatSyntax, sanitize, singularCandidates, splitCamel, tokenize } from '../text/normalize.js';
import { hasContext, isEveryday, queryContext } from './context.js';
import { everydaySense } from './everyday-sense.js';
import type { TermIndex } from './term-index.js';

export interface JargonHit {
  slug: string;
  /** The words as written in the text. */
  text: string;
  /** Offsets in the sanitised text. */
  start: number;
  end: number;
}

interface Word {
  token: string;
  raw: string;
  start: number;
  end: number;
}

/** Words with their offsets; camelCase words are split, like the index does. */
function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}+#]+/gu)) {
    const start = m.index;
    let offset = 0;
    for (const part of splitCamel(m[0]).split(' ')) {
      out.push({ token: part.toLowerCase(), raw: part, start: start + offset, end: start + offset + part.length });
      offset += part.length;
    }
  }
  return out;
}

/**
 * Every known term named inside a longer text ("explain the terms in this message"):
 * longest name first, no overlaps, each term once, in reading order. Pure and total.
 */
export function detectJargon(index: TermIndex, input: unknown, limit = 25): JargonHit[] {
  const clean = sanitize(input);
  const ws = words(blankChatSyntax(clean));
  const hits: JargonHit[] = [];
  const seen = new Set<string>();
  const ctx = queryContext(clean, tokenize(clean));
  const all = ws.map((w) => w.token);
  for (let i = 0; i < ws.length && hits.length < limit;) {
    let matched = 0;
    for (let n = Math.min(index.longestPhrase, ws.length - i); n >= 1; n--) {
      const seq = ws.slice(i, i + n);
      const tokens = seq.map((w) => w.token);
      const last = tokens[n - 1]!;
      const forms = [tokens.join(' '), ...singularCandidates(last).map((s) => [...tokens.slice(0, -1), s].join(' '))];
      let key = forms.map((f) => index.phrases.get(f)).find((k) => k !== undefined);
      if (!key && n === 1) key = index.exact.get(tokens[0]!);
      if (!key) continue;
      const written = clean.slice(seq[0]!.start, seq[n - 1]!.end);
      if (key.caseSensitive && written !== written.toUpperCase()) continue;
      // An everyday word in its everyday sense ("lunch is in the kitchen, grab a pod") is not jargon.
      if (isEveryday(index, key) && !hasContext(index, ctx, key.slug)) continue;
      // ... or one whose next words show the everyday sense ("the helm of the ship", "express delivery").
      if (everydaySense(index, all, key.slug, key, i + n)) continue;
      if (!seen.has(key.slug)) {
        seen.add(key.slug);
        hits.push({ slug: key.slug, text: written, start: seq[0]!.start, end: seq[n - 1]!.end });
      }
      matched = n;
      break;
    }
    i += matched || 1;
  }
  return hits;
}

import { parseArgs } from 'node:util';
import type { Termbot } from '../../core/termbot.js';
import { cliTermbot, readLines } from '../context.js';
import { EXIT, type Command } from '../io.js';

/** The JSON line `termbot lookup --json` prints per query. External evaluation depends on it: keep it stable. */
export interface LookupLine {
  query: string;
  /** "tool": the query named a tool or product (postgres, HAProxy); "term" is a concept. */
  kind: 'term' | 'tool' | 'comparison' | 'none';
  slugs: string[];
  /** Only for kind "tool": the concepts it is an example of (its is_a slugs), in order. */
  concepts?: string[];
  /** For kind "none", the closest match (if any) comes first. */
  suggestions: string[];
  score: number;
}

/** The contract line for one query; the keys keep this order. */
export function lookupLine(bot: Termbot, query: string): LookupLine {
  const m = bot.match(query);
  const entry = m.kind === 'term' ? bot.entry(m.terms[0] ?? '') : null;
  if (entry?.kind === 'tool')
    return { query, kind: 'tool', slugs: m.terms, concepts: entry.isA, suggestions: m.suggestions, score: m.score };
  return { query, kind: m.kind, slugs: m.terms, suggestions: m.suggestions, score: m.score };
}

export const lookupCommand: Command = {
  name: 'lookup',
  summary: 'Match queries without rendering: one JSON line per query (stdin or arguments)',
  usage: `Usage: termbot lookup --json [query ...]

Matches each query and prints one line per query. Arguments form ONE query, as on the
command line of explain (lookup --json what is IaC); to ask several, send them on stdin.
With no query arguments, reads queries from stdin, one per line, answering each as it arrives (a program can keep the
pipe open and ask one query at a time). Output line i answers input line i; a blank line
is an empty query (kind "none"). With --json each line is
  {"query": "...", "kind": "term|comparison|none", "slugs": [...], "suggestions": [...], "score": 0.0}
and for a tool or product, with the concepts it is an example of:
  {"query": "...", "kind": "tool", "slugs": ["postgresql"], "concepts": ["relational-database", "sql"], "suggestions": [], "score": 0.97}
(query is echoed exactly as given). A closest match is kind "none" with the candidate first
in suggestions. Without --json prints a readable line per query.

Options:
  --json           JSON lines (a stable contract for evaluation and scripts)
  --knowledge DIR  knowledge folder (default: KNOWLEDGE_DIR or the bundled one)`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, knowledge: { type: 'string' } },
    });
    const bot = await cliTermbot(io, values.knowledge);
    // One output line per input line, as each arrives; a blank line is an empty query (kind "none").
    const queries = positionals.length > 0 ? [positionals.join(' ')] : readLines(io);
    for await (const query of queries) {
      const line = lookupLine(bot, query);
      io.stdout.write(
        values.json
          ? JSON.stringify(line) + '\n'
          : `${query}\t${line.kind}\t${line.slugs.join(',') || '-'}${line.concepts ? ` (an example of ${line.concepts.join(', ')})` : ''}\t${line.score.toFixed(2)}${line.suggestions.length ? `\t(also: ${line.suggestions.join(', ')})` : ''}\n`,
      );
    }
    return EXIT.ok;
  },
};

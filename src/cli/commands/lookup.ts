import { parseArgs } from 'node:util';
import { cliTermbot, readLines } from '../context.js';
import { EXIT, type Command } from '../io.js';

/** The JSON line `termbot lookup --json` prints per query. External evaluation depends on it: keep it stable. */
export interface LookupLine {
  query: string;
  kind: 'term' | 'comparison' | 'none';
  slugs: string[];
  suggestions: string[];
  score: number;
}

export const lookupCommand: Command = {
  name: 'lookup',
  summary: 'Match queries without rendering: one JSON line per query (stdin or arguments)',
  usage: `Usage: termbot lookup --json [query ...]

Matches each query and prints one line per query. With no query arguments, reads
queries from stdin, one per line, answering each as it arrives (a program can keep the
pipe open and ask one query at a time). Output line i answers input line i; a blank line
is an empty query (kind "none"). With --json each line is
  {"query": "...", "kind": "term|comparison|none", "slugs": [...], "suggestions": [...], "score": 0.0}
(query is echoed exactly as given). Without --json prints a readable line per query.

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
      const m = bot.match(query);
      const line: LookupLine = { query, kind: m.kind, slugs: m.terms, suggestions: m.suggestions, score: m.score };
      io.stdout.write(
        values.json
          ? JSON.stringify(line) + '\n'
          : `${query}\t${m.kind}\t${m.terms.join(',') || '-'}\t${m.score.toFixed(2)}${m.suggestions.length ? `\t(also: ${m.suggestions.join(', ')})` : ''}\n`,
      );
    }
    return EXIT.ok;
  },
};

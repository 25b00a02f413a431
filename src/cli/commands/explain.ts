import { parseArgs } from 'node:util';
import { renderMarkdown } from '../../core/answer/render-markdown.js';
import { renderTerminal } from '../../core/answer/render-terminal.js';
import type { Depth } from '../../core/answer/types.js';
import { cliTermbot, terminalStyle } from '../context.js';
import { EXIT, UsageError, type Command } from '../io.js';

export function parseDepth(value: string | undefined): Depth {
  if (value === undefined || value === 'short') return 'short';
  if (value === 'full') return 'full';
  throw new UsageError(`--depth must be "short" or "full", not "${value}"`);
}

export const explainCommand: Command = {
  name: 'explain',
  summary: 'Explain a term or compare terms: termbot explain load balancer vs reverse proxy',
  usage: `Usage: termbot explain <query...> [--depth short|full] [--format terminal|markdown|json] [--no-color]

Explains a term ("CDN", "what's a service mesh?") or compares terms ("SLA vs SLO").
Exit code 0 when it found an answer, 1 when it did not (with suggestions).

Options:
  --depth short|full   short: summary, analogy, what it is (default); full: every section
  --format FORMAT      terminal (default), markdown, or json (the answer model)
  --no-color           plain text even in a terminal
  --knowledge DIR      knowledge folder (default: KNOWLEDGE_DIR or the bundled one)`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        depth: { type: 'string' },
        format: { type: 'string', default: 'terminal' },
        'no-color': { type: 'boolean', default: false },
        knowledge: { type: 'string' },
      },
    });
    const depth = parseDepth(values.depth);
    if (!['terminal', 'markdown', 'json'].includes(values.format)) throw new UsageError('--format must be terminal, markdown or json');
    const query = positionals.join(' ');
    if (!query.trim()) throw new UsageError('tell me what to explain, e.g. termbot explain load balancer');
    const bot = await cliTermbot(io, values.knowledge);
    const { answer } = bot.ask(query, depth);
    if (values.format === 'json') io.stdout.write(JSON.stringify(answer, null, 2) + '\n');
    else if (values.format === 'markdown') io.stdout.write(renderMarkdown(answer));
    else io.stdout.write(renderTerminal(answer, terminalStyle(io, values['no-color'])));
    return answer.kind === 'none' ? EXIT.problems : EXIT.ok;
  },
};

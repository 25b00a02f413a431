import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { cliTermbot } from '../context.js';
import { EXIT, UsageError, type Command } from '../io.js';

/** The JSON line `termbot detect --json` prints per input line. */
export interface DetectLine {
  text: string;
  /** The terms and tools the "Explain terms" message action would explain, in reading order. */
  slugs: string[];
}

export const detectCommand: Command = {
  name: 'detect',
  summary: 'Find the terms and tools in text: one JSON line per stdin line',
  usage: `Usage: termbot detect --json < messages.txt

Reads text from stdin, one message per line, and prints for each line as soon as it is read
  {"text": "...", "slugs": [...]}
the terms and tools the "Explain terms" message action would explain, in reading order.
Everyday words used in their everyday sense are not flagged.

Options:
  --json           JSON lines (required: the only output format)
  --knowledge DIR  knowledge folder (default: KNOWLEDGE_DIR or the bundled one)`,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      allowPositionals: false,
      options: { json: { type: 'boolean', default: false }, knowledge: { type: 'string' } },
    });
    if (!values.json) throw new UsageError('termbot detect needs --json');
    const bot = await cliTermbot(io, values.knowledge);
    // Line by line, printing each answer before reading on: works on an endless stream.
    for await (const text of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
      const line: DetectLine = { text, slugs: bot.detect(text).map((h) => h.slug) };
      io.stdout.write(JSON.stringify(line) + '\n');
    }
    return EXIT.ok;
  },
};

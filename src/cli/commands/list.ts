import { parseArgs } from 'node:util';
import { CATEGORIES, type Category } from '../../core/knowledge/types.js';
import { cliTermbot } from '../context.js';
import { EXIT, UsageError, type Command } from '../io.js';

export const listCommand: Command = {
  name: 'list',
  summary: 'List terms (or --tools), optionally of one category',
  usage: `Usage: termbot list [--category CATEGORY] [--json]

Categories: ${CATEGORIES.join(', ')}.`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { category: { type: 'string' }, json: { type: 'boolean', default: false }, knowledge: { type: 'string' } } });
    const category = values.category?.toLowerCase();
    if (category && !(CATEGORIES as readonly string[]).includes(category)) {
      throw new UsageError(`unknown category "${values.category}"; choose one of ${CATEGORIES.join(', ')}`);
    }
    const bot = await cliTermbot(io, values.knowledge);
    const terms = bot.list(category as Category | undefined);
    if (values.json) {
      io.stdout.write(JSON.stringify(terms) + '\n');
      return EXIT.ok;
    }
    const width = Math.max(...terms.map((t) => t.slug.length), 4);
    for (const t of terms) io.stdout.write(`${t.slug.padEnd(width)}  ${t.title}\n`);
    io.stderr.write(`${terms.length} terms${category ? ` in ${category}` : ''}, ${bot.stats().comparisons} comparisons in all\n`);
    return EXIT.ok;
  },
};

import { parseArgs } from 'node:util';
import { CATEGORIES } from '../../core/knowledge/types.js';
import { cliTermbot } from '../context.js';
import { EXIT, UsageError, type Command } from '../io.js';

export const listCommand: Command = {
  name: 'list',
  summary: 'List terms (or --tools), optionally of one category',
  usage: `Usage: termbot list [--category CATEGORY] [--tools] [--json]

Lists the concept terms (slug and title), or with --tools the tools and products we know,
grouped by category (a tool's category is the one most of the concepts it is an example of
are in; foundations only when none is elsewhere).

Options:
  --category NAME  only one category: ${CATEGORIES.join(', ')}
  --tools          tools and products instead of concepts
  --json           one JSON array ({slug, title, summary}; with --tools also category)
  --knowledge DIR  knowledge folder (default: KNOWLEDGE_DIR or the bundled one)`,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        category: { type: 'string' },
        tools: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        knowledge: { type: 'string' },
      },
    });
    const category = values.category?.toLowerCase();
    const bot = await cliTermbot(io, values.knowledge);
    // The categories in use: the bundled ones, then a team folder's own (payments/).
    if (category && !bot.categories().includes(category)) {
      throw new UsageError(`unknown category "${values.category}"; choose one of ${bot.categories().join(', ')}`);
    }
    const stats = bot.stats();
    if (values.tools) {
      const groups = (category ? [category] : bot.categories())
        .map((c) => ({ category: c, tools: bot.list(c, 'tool') }))
        .filter((g) => g.tools.length > 0);
      if (values.json) {
        io.stdout.write(JSON.stringify(groups.flatMap((g) => g.tools.map((t) => ({ ...t, category: g.category })))) + '\n');
        return EXIT.ok;
      }
      const width = Math.max(4, ...groups.flatMap((g) => g.tools.map((t) => t.slug.length)));
      groups.forEach((g, i) => {
        io.stdout.write(`${i > 0 ? '\n' : ''}${g.category}\n`);
        for (const t of g.tools) io.stdout.write(`  ${t.slug.padEnd(width)}  ${t.title}\n`);
      });
      const count = groups.reduce((n, g) => n + g.tools.length, 0);
      io.stderr.write(`${count} tools${category ? ` in ${category}` : ''}, ${stats.terms} concepts in all\n`);
      return EXIT.ok;
    }
    const terms = bot.list(category);
    if (values.json) {
      io.stdout.write(JSON.stringify(terms) + '\n');
      return EXIT.ok;
    }
    const width = Math.max(...terms.map((t) => t.slug.length), 4);
    for (const t of terms) io.stdout.write(`${t.slug.padEnd(width)}  ${t.title}\n`);
    io.stderr.write(
      `${terms.length} terms${category ? ` in ${category}` : ''}, ${stats.tools} tools and ${stats.comparisons} comparisons in all (termbot list --tools)\n`,
    );
    return EXIT.ok;
  },
};

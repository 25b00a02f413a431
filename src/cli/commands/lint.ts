import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../../core/knowledge/load.js';
import { readTermsList } from '../../core/termbot.js';
import { knowledgeDir } from '../context.js';
import { EXIT, type Command } from '../io.js';

export const lintCommand: Command = {
  name: 'lint',
  summary: 'Check every knowledge file; prints path:line: message, exits 1 on any problem',
  usage: `Usage: termbot lint [--knowledge DIR] [--terms FILE]

Checks every file of the knowledge folder: frontmatter schema, unique slugs, aliases
that collide with another term, related/contrasts/compares slugs that do not exist,
summary length, required sections and body length. Prints path:line: message for
each problem and exits 1 when there is any.

Options:
  --knowledge DIR  knowledge folder (default: KNOWLEDGE_DIR or the bundled one)
  --terms FILE     a list of slugs that must exist, with a header row: a terms list
                   (slug<TAB>title<TAB>category: each in its category folder) or a tools list
                   (slug<TAB>title<TAB>is_a<TAB>...: each in tools/). Repeat for several lists.`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { knowledge: { type: 'string' }, terms: { type: 'string', multiple: true } } });
    const dir = knowledgeDir(io, values.knowledge);
    const termsFiles = (values.terms ?? []).map((f) => path.resolve(io.cwd, f));
    const required = termsFiles.length ? new Map<string, string>() : undefined;
    for (const f of termsFiles) for (const [slug, folder] of await readTermsList(f)) required!.set(slug, folder);
    const { kb, problems } = await loadKnowledge(dir, required);
    const rel = path.relative(io.cwd, dir) || '.';
    const sorted = [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    for (const p of sorted) io.stdout.write(`${path.join(rel, p.file)}:${p.line}: ${p.message}\n`);
    const summary = `${kb.terms.size} terms, ${kb.comparisons.size} comparisons, ${problems.length} problem${problems.length === 1 ? '' : 's'}${termsFiles.length ? ` (checked against ${termsFiles.map((f) => path.relative(io.cwd, f)).join(', ')})` : ''}`;
    io.stderr.write(summary + '\n');
    return problems.length > 0 ? EXIT.problems : EXIT.ok;
  },
};

import { existsSync } from 'node:fs';
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
  --terms FILE     a terms list (slug<TAB>title<TAB>category, with a header row) whose every
                   slug must exist in the given category (default: ../shared/terms.tsv when present)`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { knowledge: { type: 'string' }, terms: { type: 'string' } } });
    const dir = knowledgeDir(io, values.knowledge);
    const defaultTerms = path.resolve(io.cwd, '..', 'shared', 'terms.tsv');
    const termsFile = values.terms ? path.resolve(io.cwd, values.terms) : existsSync(defaultTerms) ? defaultTerms : undefined;
    const required = termsFile ? await readTermsList(termsFile) : undefined;
    const { kb, problems } = await loadKnowledge(dir, required);
    const rel = path.relative(io.cwd, dir) || '.';
    const sorted = [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    for (const p of sorted) io.stdout.write(`${path.join(rel, p.file)}:${p.line}: ${p.message}\n`);
    const summary = `${kb.terms.size} terms, ${kb.comparisons.size} comparisons, ${problems.length} problem${problems.length === 1 ? '' : 's'}${termsFile ? ` (checked against ${path.relative(io.cwd, termsFile)})` : ''}`;
    io.stderr.write(summary + '\n');
    return problems.length > 0 ? EXIT.problems : EXIT.ok;
  },
};

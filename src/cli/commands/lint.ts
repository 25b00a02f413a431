import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KnowledgeError } from '../../core/errors.js';
import { LayerReadError, loadStack, splitLayerFile, type StackResult } from '../../core/knowledge/layers.js';
import { staleCards } from '../../core/knowledge/stale.js';
import { NO_USABLE_TERMS, readTermsList } from '../../core/termbot.js';
import { knowledgeLayers } from '../context.js';
import { EXIT, UsageError, type CliIO, type Command } from '../io.js';
import { fsProblem, operatorErrors, parseCliArgs, shownPath } from '../operator.js';
import { printable } from '../printable.js';

/** A broken file can have thousands of problems; the first few are what a person fixes first. */
export const MAX_PROBLEMS_PER_FILE = 20;

/** The line of a card's `reviewed:` field (1-based), so an editor or a CI annotation lands on it; 0 when unreadable. */
function reviewedLine(file: string): number {
  try {
    const i = readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .findIndex((l) => /^reviewed\s*:/.test(l));
    return i + 1;
  } catch {
    return 0;
  }
}

export const lintCommand: Command = {
  name: 'lint',
  summary: 'Check every knowledge file; prints path:line: message, exits 1 on any problem',
  usage: `Usage: termbot lint [--knowledge DIR] [--team DIR]... [--terms FILE] [--stale DAYS]

Checks every file of the knowledge stack (the knowledge folder, then each team folder of
TEAM_KNOWLEDGE_DIR): frontmatter schema, unique slugs, aliases
that collide with another term, related/contrasts/compares slugs that do not exist,
summary length, required sections and body length; files that cannot be read, dangling
symbolic links, files over 256 KiB, and a folder with no usable terms. Prints
path:line: message for each problem (at most ${MAX_PROBLEMS_PER_FILE} per file) and exits 1 when there is any.
With team folders, each line names its layer ([bundled], [team], [team2]...), references are
checked across every layer, and a team card that replaces an earlier one is noted (not a problem).

Options:
  --knowledge DIR  knowledge folder (default: KNOWLEDGE_DIR or the bundled one)
  --team DIR       a team folder on top (repeatable; default: TEAM_KNOWLEDGE_DIR's folders)
  --terms FILE     a list of slugs that must exist, with a header row: a terms list
                   (slug<TAB>title<TAB>category: each in its category folder) or a tools list
                   (slug<TAB>title<TAB>is_a<TAB>...: each in tools/). Repeat for several lists.
  --stale DAYS     also list the cards whose \`reviewed\` date is more than DAYS days old
                   (oldest first); each counts as a problem, so the exit code is 1 when any is.`,
  run: (args, io) => operatorErrors('lint', io, () => lint(args, io)),
};

async function lint(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCliArgs({
    args,
    options: {
      knowledge: { type: 'string' },
      team: { type: 'string', multiple: true },
      terms: { type: 'string', multiple: true },
      stale: { type: 'string' },
    },
  });
  const staleDays = values.stale === undefined ? undefined : Number(values.stale);
  if (staleDays !== undefined && !(Number.isInteger(staleDays) && staleDays >= 0))
    throw new UsageError(`--stale takes a whole number of days, not "${values.stale}"`);
  const layers = knowledgeLayers(io, values.knowledge, values.team);
  const dir = layers[0]!.dir;
  const termsFiles = (values.terms ?? []).map((f) => path.resolve(io.cwd, f));
  const required = termsFiles.length ? new Map<string, string>() : undefined;
  for (const f of termsFiles) {
    let list: Map<string, string>;
    try {
      list = await readTermsList(f);
    } catch (err) {
      throw fsProblem(err, io, 'read', f) ?? err;
    }
    for (const [slug, folder] of list) required!.set(slug, folder);
  }
  let load: StackResult;
  try {
    load = await loadStack(layers, required);
  } catch (cause) {
    throw new KnowledgeError(cause instanceof LayerReadError ? cause.message : `cannot read the knowledge folder ${dir}`, { cause });
  }
  const { kb, problems } = load;
  const stacked = layers.length > 1;
  // "networking/dns.md" or "team:payments/ledger.md" -> the path from here, and the layer's name when there are several.
  const locate = (file: string): { where: string; tag: string } => {
    if (file === '.') return { where: shownPath(io, dir), tag: stacked ? '[stack] ' : '' };
    const { layer, rel } = splitLayerFile(file, layers);
    return { where: shownPath(io, path.join(layer.dir, rel)), tag: stacked ? `[${layer.name}] ` : '' };
  };
  for (const o of load.overrides) {
    const { where, tag } = locate(o.file);
    const replaced = locate(o.replaces);
    io.stderr.write(printable(`note: ${where}: ${tag}replaces ${replaced.where}${replaced.tag ? ` ${replaced.tag.trim()}` : ''}`) + '\n');
  }
  // The same reason the bot gives when it refuses to start with this folder.
  if (kb.terms.size === 0)
    problems.push({ file: '.', line: 0, message: `${NO_USABLE_TERMS} in ${dir}: the bot refuses to start with this folder` });
  if (staleDays !== undefined) {
    for (const s of staleCards(kb, new Date(), staleDays)) {
      const { layer, rel } = splitLayerFile(s.file, layers);
      problems.push({
        file: s.file,
        line: reviewedLine(path.join(layer.dir, rel)),
        message: `reviewed ${s.reviewed}, ${s.days} days ago (more than ${staleDays}): check its facts and update \`reviewed\``,
      });
    }
  }
  const sorted = [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const perFile = new Map<string, number>();
  for (const p of sorted) {
    const n = (perFile.get(p.file) ?? 0) + 1;
    perFile.set(p.file, n);
    const { where, tag } = locate(p.file);
    if (n <= MAX_PROBLEMS_PER_FILE) io.stdout.write(printable(`${where}:${p.line}: ${tag}${p.message}`) + '\n');
  }
  for (const [file, n] of perFile) {
    if (n > MAX_PROBLEMS_PER_FILE)
      io.stdout.write(
        printable(
          `${locate(file).where}:0: ${n - MAX_PROBLEMS_PER_FILE} more problems not shown (fix the first ${MAX_PROBLEMS_PER_FILE} and run lint again)`,
        ) + '\n',
      );
  }
  const layersNote = stacked
    ? ` in ${layers.length} layers (${layers.map((l) => l.name).join(', ')}), ${load.overrides.length} replaced`
    : '';
  // Counted as `termbot list` counts them: concepts are terms, tools their own number.
  const tools = [...kb.terms.values()].filter((t) => t.kind === 'tool').length;
  const summary = `${kb.terms.size - tools} terms, ${tools} tools, ${kb.comparisons.size} comparisons${layersNote}, ${problems.length} problem${problems.length === 1 ? '' : 's'}${termsFiles.length ? ` (checked against ${termsFiles.map((f) => shownPath(io, f)).join(', ')})` : ''}`;
  io.stderr.write(summary + '\n');
  return problems.length > 0 ? EXIT.problems : EXIT.ok;
}

import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RESERVED_FOLDERS, TEAM_CATEGORY } from '../../core/knowledge/types.js';
import { cliConfig } from '../config.js';
import { cliTermbot } from '../context.js';
import { EXIT, UsageError, type CliIO, type Command } from '../io.js';
import { fsProblem, makeFolders, operatorErrors, parseCliArgs, shownPath } from '../operator.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A new term's category when none is given: a team folder's own, visible as such. */
const DEFAULT_CATEGORY = 'team';

/**
 * "ledger-service" -> "Ledger Service": a starting title the author can change. A part with no vowel
 * (a, e, i, o, u, y) reads as an abbreviation and is upper-cased: "my-db" -> "My DB", "dns-cache" -> "DNS Cache".
 */
export function titleFromSlug(slug: string): string {
  return slug
    .split('-')
    .map((w) => (/[aeiouy]/.test(w) ? w.charAt(0).toUpperCase() + w.slice(1) : w.toUpperCase()))
    .join(' ');
}

/** The file for `slug` in one of the folder's subfolders (a category, tools, comparisons), if there is one. */
async function fileInFolder(dir: string, slug: string): Promise<string | null> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const file = path.join(dir, e.name, `${slug}.md`);
    if (e.isDirectory() && existsSync(file)) return file;
  }
  return null;
}

/** Where to change an existing card: its file when it is in this folder already, else a copy of it here. */
async function replaceAdvice(io: CliIO, dir: string, slug: string): Promise<string> {
  const file = await fileInFolder(dir, slug);
  return file
    ? `it is in this folder already: edit ${shownPath(io, file)}`
    : 'to replace it deliberately, copy its file into the team folder and edit it there';
}

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * The templates leave `summary` empty on purpose: until someone writes it, the file does not lint,
 * so a watching bot skips it (a half-written card is never served) and lint says what is missing.
 * Every template has every required key, so lint points at the key to fill (never at `title`:
 * "links: is required"), and a loader that skips an unfinished template reports one problem.
 */
function termTemplate(slug: string, category: string): string {
  return `---
title: ${titleFromSlug(slug)}
category: ${category}
aliases: []
summary: ""
analogy: ""
related: []
tags: []
reviewed: ${today()}
---

## What it is

## The problem it solves

## How it works

## Example
`;
}

function toolTemplate(slug: string): string {
  return `---
title: ${titleFromSlug(slug)}
summary: ""
aliases: []
is_a: []
alternatives: []
links: []
reviewed: ${today()}
---

## What it is

## Where it fits
`;
}

function comparisonTemplate(a: { slug: string; title: string }, b: { slug: string; title: string }): string {
  const row = (aspect: string): string => `  - aspect: ${aspect}\n    values:\n      - ""\n      - ""`;
  return `---
title: ${a.title} vs ${b.title}
compares: [${a.slug}, ${b.slug}]
summary: ""
rows:
${['Main job', 'When to use it', 'Trade-offs'].map(row).join('\n')}
reviewed: ${today()}
---

## In short

## When to use which
`;
}

/** How to write it: tool cards have no analogy (docs/knowledge-format.md). */
const STYLE = {
  term: 'plain first, an everyday analogy, then precise',
  tool: 'plain first (what it is and who uses it), then precise',
  comparison: 'plain first, then precise',
} as const;

const FILL = {
  term: 'summary (one or two sentences), analogy, at least 3 related slugs, aliases people type, and the four sections (120 to 520 words in all)',
  tool: 'summary, is_a (the concepts it is an example of), alternatives, links (at least one: the official site or docs), and both sections (60 to 260 words)',
  comparison: 'summary, one value per term in each row (at least 3 rows), and both sections (80 to 520 words)',
} as const;

export const newCommand: Command = {
  name: 'new',
  summary: 'Write a template for a new term, tool or comparison into the team folder',
  usage: `Usage: termbot new <slug> [--category NAME] [--dir DIR]
       termbot new <slug> --tool [--dir DIR]
       termbot new --compare <a> <b> [--dir DIR]

Writes the right template into the team folder (the last folder of TEAM_KNOWLEDGE_DIR, or --dir):
<category>/<slug>.md for a term (category default "${DEFAULT_CATEGORY}"; a team may use its own names),
tools/<slug>.md for a tool, comparisons/<a>-vs-<b>.md for a comparison of two known terms. The
title comes from the slug (a part with no vowel is an abbreviation: my-db -> "My DB") and
reviewed is today; the rest is left for you, and until the summary is written the file does not
lint (a running bot skips it). Refuses a slug that exists anywhere in the knowledge stack or a
file that exists. Prints what to fill in and how to lint.

Options:
  --category NAME  the term's category (a folder name, kebab-case)
  --tool           a tool or product card
  --compare A B    a comparison of two existing terms
  --dir DIR        the folder to write into (default: the last TEAM_KNOWLEDGE_DIR folder)`,
  run: (args, io) => operatorErrors('new', io, () => writeTemplate(args, io)),
};

async function writeTemplate(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCliArgs({
    args,
    allowPositionals: true,
    options: { category: { type: 'string' }, tool: { type: 'boolean' }, compare: { type: 'string' }, dir: { type: 'string' } },
  });
  const teams = cliConfig(io).teamKnowledgeDirs;
  const dir = values.dir ? path.resolve(io.cwd, values.dir) : teams.at(-1);
  if (!dir) throw new UsageError('no team folder: set TEAM_KNOWLEDGE_DIR or pass --dir DIR');
  const bot = await cliTermbot(io);
  const lintHint = values.dir && !teams.includes(dir) ? `termbot lint --team ${shownPath(io, dir)}` : 'termbot lint';

  let rel: string;
  let source: string;
  let kind: keyof typeof FILL;
  if (values.compare !== undefined) {
    const [b, ...extra] = positionals;
    const a = values.compare;
    if (!b || extra.length > 0) throw new UsageError('--compare takes exactly two term slugs: termbot new --compare <a> <b>');
    if (values.tool || values.category) throw new UsageError('--compare cannot be combined with --tool or --category');
    const refs = [a, b].map((s) => {
      const ref = bot.ref(s);
      if (!ref) throw new UsageError(`"${s}" is not a term in the knowledge stack; a comparison compares existing terms`);
      return ref;
    });
    if (a === b) throw new UsageError('a comparison needs two different terms');
    const set = [a, b].sort().join('|');
    const existing = bot.listComparisons().find((c) => /-vs-/.test(c.slug) && c.slug.split('-vs-').sort().join('|') === set);
    if (existing) throw new UsageError(`the comparison "${existing.slug}" exists already; ${await replaceAdvice(io, dir, existing.slug)}`);
    rel = path.join('comparisons', `${a}-vs-${b}.md`);
    source = comparisonTemplate(refs[0]!, refs[1]!);
    kind = 'comparison';
  } else {
    const [slug, ...extra] = positionals;
    if (!slug) throw new UsageError('which slug? termbot new <slug>');
    if (extra.length > 0) throw new UsageError(`one slug at a time (got ${positionals.length})`);
    if (!SLUG.test(slug) || slug.length > 80)
      throw new UsageError(`"${slug}" is not a slug: lowercase kebab-case (a-z, 0-9, single hyphens)`);
    if (bot.ref(slug)) {
      throw new UsageError(`"${slug}" exists already (${bot.title(slug)}); ${await replaceAdvice(io, dir, slug)}`);
    }
    if (values.tool) {
      if (values.category) throw new UsageError("a tool's category is its first concept's: drop --category");
      rel = path.join('tools', `${slug}.md`);
      source = toolTemplate(slug);
      kind = 'tool';
    } else {
      const category = (values.category ?? DEFAULT_CATEGORY).trim().toLowerCase();
      if (!TEAM_CATEGORY.test(category) || RESERVED_FOLDERS.includes(category)) {
        throw new UsageError(
          `"${values.category}" cannot be a category: a kebab-case folder name other than ${RESERVED_FOLDERS.join(' and ')}`,
        );
      }
      rel = path.join(category, `${slug}.md`);
      source = termTemplate(slug, category);
      kind = 'term';
    }
  }
  const file = path.join(dir, rel);
  try {
    await makeFolders(path.dirname(file));
  } catch (err) {
    throw fsProblem(err, io, 'write', file) ?? err;
  }
  try {
    // wx: never overwrite, even a file that appeared since we looked.
    await writeFile(file, source, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${shownPath(io, file)} exists already; nothing written`);
    throw fsProblem(err, io, 'write', file) ?? err;
  }
  io.stdout.write(
    `Wrote ${shownPath(io, file)}\n` +
      `Fill in: ${FILL[kind]}.\nWrite it in your own words: ${STYLE[kind]} (docs/knowledge-format.md).\n` +
      `Then check it: ${lintHint}\n` +
      `Until it lints, a running bot skips it, and other termbot commands warn once that it was skipped (naming the first thing to fill in).\n`,
  );
  return EXIT.ok;
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { assembleKnowledge, AMBIGUOUS_FILE, parseAmbiguous, type LoadResult } from './load.js';
import { bundledLexicon, LEXICON_FILE, parseLexicon } from './lexicon.js';
import { parseKnowledgeFile, type ParsedFile } from './parse-file.js';
import { MAX_FILE_BYTES, fileStamp, listKnowledgeFolder, readKnowledgeFile } from './read-folder.js';
import { LayerReadError, layerFileId } from './stack.js';
import type { KnowledgeLayer, Problem } from './types.js';

export { knowledgeStack, LayerReadError, layerFileId, splitLayerFile } from './stack.js';

/**
 * The knowledge stack: a base folder (the bundled knowledge, or KNOWLEDGE_DIR) and team folders
 * on top (TEAM_KNOWLEDGE_DIR), read in order. A team file with a new slug adds a card; one with
 * a slug (or, for a comparison, a set of compared terms) an earlier layer has replaces that card,
 * and the replacement is reported in `overrides` so it is logged. Cross-file checks (related,
 * contrasts, is_a, compares, aliases) run over the whole stack.
 *
 * A base file keeps its plain relative path ("networking/dns.md"); a team file's is prefixed with
 * its layer ("team:payments/ledger.md"), so every message names the layer a problem is in.
 */

/** One file as read and parsed, before the stack is assembled. */
export interface StackFile {
  id: string;
  layer: KnowledgeLayer;
  parsed: ParsedFile;
  size: number;
  mtimeMs: number;
}

/** A card a later layer replaced: `file` replaces `replaces` (both file ids). */
export interface Override extends Problem {
  replaces: string;
}

/** A file's parse, reused while its size and times are unchanged (the live reloader re-reads only edited files). */
export type ParseCache = Map<string, CachedParse>;

/**
 * A file's parse, and while that parse is broken (unusable, or with problems) its last good one: the
 * version a running bot serves until the file is fixed, kept across restarts in the parse cache file.
 */
export interface CachedParse {
  stamp: string;
  parsed: ParsedFile;
  lastGood?: ParsedFile;
}

/** A parse that serves as it is: usable and without problems. */
export const isGoodParse = (p: ParsedFile): boolean => p.kind !== 'invalid' && p.problems.length === 0;

/**
 * A parsed file the assembler may change: the card object is copied, not its arrays and sections. The
 * assembler only ever replaces a card's fields (related, aliases, category...) and never changes an
 * array in place, so the cached parse stays as parsed (a deep copy of every card cost a bot start
 * tens of milliseconds).
 */
export function copyParsed(p: ParsedFile): ParsedFile {
  return p.kind === 'invalid' ? p : ({ ...p, entry: { ...p.entry }, problems: [...p.problems] } as ParsedFile);
}

export interface StackOptions {
  maxFileBytes?: number;
  /** Parses kept between loads; filled and pruned by loadStack. */
  cache?: ParseCache;
  /**
   * false: skip the lint-only checks across files (their findings go to `problems`, which only
   * `termbot lint` shows); what serving needs (dropped links, name conflicts) is still done. Default true.
   */
  lint?: boolean;
  /**
   * Called for every file after parsing; returns the version to serve. The live reloader uses it to
   * keep a file's last good version when a new edit no longer lints.
   */
  review?: (file: StackFile) => ParsedFile;
}

export interface StackResult extends LoadResult {
  layers: KnowledgeLayer[];
  /** Cards replaced by a later layer: one entry per replacement, naming both files. */
  overrides: Override[];
  /** Every file read, as served (after `review`). */
  files: StackFile[];
}

const withFile = (p: Problem, layer: KnowledgeLayer): Problem => ({ ...p, file: layerFileId(layer, p.file) });

function prefixed(parsed: ParsedFile, layer: KnowledgeLayer): ParsedFile {
  if (!layer.team) return parsed;
  const problems = parsed.problems.map((p) => withFile(p, layer));
  if (parsed.kind === 'invalid') return { kind: 'invalid', problems };
  return { ...parsed, entry: { ...parsed.entry, file: layerFileId(layer, parsed.entry.file) }, problems } as ParsedFile;
}

/**
 * Parses this process made, by file content: a process that loads overlapping stacks (the REPL, lint
 * then explain, a test suite trying many team folders on the bundled one, a copy of a folder) parses
 * each unchanged file once. A parse depends only on the file's path inside its folder, its text and
 * whether the layer is a team one, so those are the key. Emptied past `PROCESS_PARSES_MAX` files, so
 * a process that walks many folders stays bounded.
 */
const parsesByContent = new Map<string, ParsedFile>();
const PROCESS_PARSES_MAX = 10_000;

/**
 * This process's parse of the same path and text, or a new one (kept when `remember`: loads with a
 * cache of their own, such as the running bot's, keep theirs and do not grow this one). The result
 * is never changed by callers.
 */
function parseOnce(rel: string, source: string, team: boolean, remember: boolean): ParsedFile {
  const key = `${team ? 'team' : 'base'}\0${rel}\0${source}`;
  const known = parsesByContent.get(key);
  if (known) return known;
  const parsed = parseKnowledgeFile(rel, source, { teamCategories: team });
  if (remember) {
    if (parsesByContent.size >= PROCESS_PARSES_MAX) parsesByContent.clear();
    parsesByContent.set(key, parsed);
  }
  return parsed;
}

async function readLayer(layer: KnowledgeLayer, maxBytes: number, cache?: ParseCache): Promise<{ files: StackFile[]; problems: Problem[] }> {
  let listing;
  try {
    listing = await listKnowledgeFolder(layer.dir, maxBytes);
  } catch (cause) {
    throw new LayerReadError(layer, { cause });
  }
  const files: StackFile[] = [];
  // One file at a time keeps memory flat; the files are small and the OS caches them.
  for (const f of listing.files) {
    const id = layerFileId(layer, f.rel);
    const stamp = fileStamp(f);
    const hit = cache?.get(id);
    if (hit && hit.stamp === stamp) {
      files.push({ id, layer, parsed: copyParsed(hit.parsed), size: f.size, mtimeMs: f.mtimeMs });
      continue;
    }
    const read = await readKnowledgeFile(f);
    const parsed: ParsedFile = 'problem' in read ? { kind: 'invalid', problems: [read.problem] } : parseOnce(f.rel, read.source, layer.team, !cache);
    const named = prefixed(parsed, layer);
    // An unreadable file is read again next time; a parse is kept pristine (shared), the copy goes to the assembler.
    if (cache && !('problem' in read)) {
      // As the live reloader falls back: an unusable file on any usable version, a file with problems on a good one.
      const fallsBackTo = named.kind === 'invalid' ? (p: ParsedFile) => p.kind !== 'invalid' : isGoodParse;
      const lastGood = isGoodParse(named) ? undefined : hit && (fallsBackTo(hit.parsed) ? hit.parsed : hit.lastGood);
      cache.set(id, lastGood ? { stamp, parsed: named, lastGood } : { stamp, parsed: named });
    }
    files.push({ id, layer, parsed: copyParsed(named), size: f.size, mtimeMs: f.mtimeMs });
  }
  return { files, problems: listing.problems.map((p) => withFile(p, layer)) };
}

/** What a later layer replaces: a term by slug, a comparison by the set of terms it compares. */
function cardKey(p: ParsedFile): string | null {
  if (p.kind === 'term') return `term:${p.entry.slug}`;
  if (p.kind === 'comparison') return `comparison:${[...p.entry.compares].sort().join('|')}`;
  return null;
}

/** Reads and assembles the whole stack. Throws LayerReadError naming a folder that cannot be read. */
export async function loadStack(layers: readonly KnowledgeLayer[], required?: ReadonlyMap<string, string>, options: StackOptions = {}): Promise<StackResult> {
  const maxBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const unread: Problem[] = [];
  const all: StackFile[] = [];
  for (const layer of layers) {
    const { files, problems } = await readLayer(layer, maxBytes, options.cache);
    unread.push(...problems);
    for (const f of files) all.push(options.review ? { ...f, parsed: options.review(f) } : f);
  }

  // Later layers replace earlier ones card by card; duplicates inside one layer stay for the assembler to report.
  const byKey = new Map<string, StackFile[]>();
  const overrides: Override[] = [];
  const served: StackFile[] = [];
  for (const f of all) {
    const key = cardKey(f.parsed);
    if (!key) {
      served.push(f);
      continue;
    }
    const earlier = byKey.get(key) ?? [];
    const replaced = earlier.filter((e) => e.layer !== f.layer);
    if (replaced.length > 0) {
      for (const r of replaced) {
        overrides.push({ file: f.id, line: 0, replaces: r.id, message: `replaces the ${r.layer.name} card ${r.id}` });
        served.splice(served.indexOf(r), 1);
      }
    }
    byKey.set(key, [...earlier.filter((e) => e.layer === f.layer), f]);
    served.push(f);
  }

  if (options.cache) {
    const present = new Set(all.map((f) => f.id));
    for (const id of options.cache.keys()) if (!present.has(id)) options.cache.delete(id);
  }
  const result = assembleKnowledge(
    served.map((f) => f.parsed),
    required,
    { lint: options.lint ?? true },
  );
  result.problems.unshift(...unread);
  result.skipped.unshift(...unread);

  // ambiguous.yml: each layer's names, a later layer's entry replacing an earlier one's. lexicon.yml: the base's.
  const ambiguous = new Map<string, string[]>();
  let anyAmbiguous = false;
  for (const layer of layers) {
    const source = await readFile(path.join(layer.dir, AMBIGUOUS_FILE), 'utf8').catch(() => null);
    if (source === null) continue;
    anyAmbiguous = true;
    const { names, problems } = parseAmbiguous(source, result.kb);
    result.problems.push(...problems.map((p) => withFile(p, layer)));
    for (const [name, slugs] of names) ambiguous.set(name, slugs);
  }
  if (anyAmbiguous) result.kb = { ...result.kb, ambiguous };
  const lexiconSource = await readFile(path.join(layers[0]!.dir, LEXICON_FILE), 'utf8').catch(() => null);
  let lexicon = null;
  if (lexiconSource !== null) {
    const parsed = parseLexicon(lexiconSource);
    result.problems.push(...parsed.problems);
    lexicon = parsed.lexicon;
  }
  // A base without a (valid) lexicon.yml gets the bundled one, so the matcher always has its word lists.
  result.kb = { ...result.kb, lexicon: lexicon ?? bundledLexicon() };
  return { ...result, layers: [...layers], overrides, files: all };
}

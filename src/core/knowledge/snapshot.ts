import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadResult } from './load.js';
import { listKnowledgeFolder } from './read-folder.js';
import { LayerReadError } from './stack.js';
import { primeTermKeys, termKeys, type TermKey } from './term-keys.js';
import type { KnowledgeBase, KnowledgeLayer, Problem } from './types.js';

/**
 * A compiled knowledge snapshot: the assembled knowledge base as JSON, so a one-shot CLI call
 * skips parsing hundreds of YAML files. It is only used when its fingerprint matches: every
 * knowledge file's path, size, mtime and ctime, the folder's data files (ambiguous.yml,
 * lexicon.yml), and the loader code itself. Any
 * edit, added or removed file, or a different folder gives a different fingerprint, so an
 * edited or custom folder is never served stale. Writing is best-effort: a read-only install or
 * container just parses every time.
 */

/** Bump when the snapshot's JSON shape changes. */
const FORMAT = 6;

interface SnapshotFile {
  format: number;
  fingerprint: string;
  /** The knowledge base, Maps and Sets tagged (see `replacer`), so fields added later are kept too. */
  kb: unknown;
  problems: Problem[];
  skipped: Problem[];
  conflicts: Problem[];
  dropped: Problem[];
  overrides: Problem[];
  /** Every term's names, tokenized (`termKeys`), in the order of `kb.terms`: the matcher's index starts from them. */
  keys: TermKey[][];
}
/**
 * JSON has no Map or Set: tag them on the way out, rebuild them on the way in. A card's sections (half
 * the snapshot) are stored as one JSON string each and parsed when first read (`lazySections`): a
 * one-shot answer shows one card, and thousands of small objects it never reads cost parse and GC time.
 */
function replacer(key: string, value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value] };
  if (value instanceof Set) return { $set: [...value] };
  if (key === 'sections' && Array.isArray(value)) return JSON.stringify(value);
  return value;
}

/** Turns a `sections` string written by `replacer` back into the array, on first read. */
function lazySections(entry: { sections: unknown }): void {
  const raw = entry.sections;
  if (typeof raw !== 'string') return;
  let value: unknown;
  let parsed = false;
  Object.defineProperty(entry, 'sections', {
    enumerable: true,
    configurable: true,
    get() {
      if (!parsed) [value, parsed] = [JSON.parse(raw) as unknown, true];
      return value;
    },
    set(v: unknown) {
      [value, parsed] = [v, true];
    },
  });
}


/**
 * Rebuilds tagged Maps and Sets. Only plain objects near the top are visited (the knowledge base
 * and, e.g., the lexicon's word sets): a JSON.parse reviver would visit every string of every card.
 */
function revive(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value) || depth > 3) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$map') return new Map((value as { $map: [unknown, unknown][] }).$map);
  if (keys.length === 1 && keys[0] === '$set') return new Set((value as { $set: unknown[] }).$set);
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = revive((value as Record<string, unknown>)[k], depth + 1);
  return out;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Size and times of the code that turns files into a knowledge base (this folder and the text helpers it uses). */
export async function loaderStamp(): Promise<string[]> {
  const out: string[] = [];
  for (const folder of [HERE, path.join(HERE, '..', 'text')]) {
    const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => /\.(js|ts)$/.test(n)).sort();
    for (const n of names) {
      const st = await stat(path.join(folder, n)).catch(() => null);
      if (st) out.push(`${n}:${st.size}:${st.mtimeMs}`);
    }
  }
  return out;
}

/** One layer's part of the fingerprint: its files, its data files, and where it sits in the stack. */
async function layerPrint(layer: KnowledgeLayer, maxFileBytes?: number): Promise<unknown> {
  const dir = layer.dir;
  const listing = await listKnowledgeFolder(dir, maxFileBytes).catch((cause: unknown) => {
    throw new LayerReadError(layer, { cause });
  });
  // Folder-level data files (ambiguous.yml, lexicon.yml, and any added later).
  const dataFiles = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.(ya?ml|json)$/.test(n)).sort();
  const data = await Promise.all(dataFiles.map(async (n) => {
    const st = await stat(path.join(dir, n)).catch(() => null);
    return [n, st?.size, st?.mtimeMs, st?.ctimeMs];
  }));
  return {
    name: layer.name,
    team: layer.team,
    dir: path.resolve(dir),
    files: listing.files.map((f) => [f.rel, f.size, f.mtimeMs, f.ctimeMs]),
    problems: listing.problems,
    data,
  };
}

/** Every layer in order: a team folder added, removed, reordered or edited gives another fingerprint. */
async function fingerprint(layers: readonly KnowledgeLayer[], maxFileBytes?: number): Promise<string> {
  // A base without lexicon.yml is served the bundled one (knowledge/lexicon.yml beside src/ and dist/).
  const bundledLexicon = await stat(path.join(HERE, '..', '..', '..', 'knowledge', 'lexicon.yml')).catch(() => null);
  const parts = {
    format: FORMAT,
    bundledLexicon: [bundledLexicon?.size, bundledLexicon?.mtimeMs, bundledLexicon?.ctimeMs],
    code: await loaderStamp(),
    layers: await Promise.all(layers.map((l) => layerPrint(l, maxFileBytes))),
  };
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** One snapshot file per stack (the folders in order). */
function snapshotPath(cacheDir: string, layers: readonly KnowledgeLayer[]): string {
  const key = JSON.stringify(layers.map((l) => [l.name, l.team, path.resolve(l.dir)]));
  return path.join(cacheDir, `knowledge-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`);
}

/** Reads a snapshot we wrote ourselves (same user) whose fingerprint matches, or null. */
async function readSnapshot(file: string, print: string): Promise<CachedLoad | null> {
  try {
    const st = await stat(file);
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return null;
    // One synchronous read: a promise-based read of a large file costs more CPU in chunks and decoding.
    const snap = JSON.parse(readFileSync(file, 'utf8')) as SnapshotFile;
    if (snap.format !== FORMAT || snap.fingerprint !== print) return null;
    const kb = revive(snap.kb) as KnowledgeBase;
    for (const c of kb.comparisons.values()) lazySections(c);
    let i = 0;
    for (const term of kb.terms.values()) {
      lazySections(term);
      const keys = snap.keys[i++];
      if (keys) primeTermKeys(term, keys);
    }
    return {
      kb,
      problems: snap.problems,
      skipped: snap.skipped,
      conflicts: snap.conflicts,
      dropped: snap.dropped,
      overrides: snap.overrides,
    };
  } catch {
    return null;
  }
}

async function writeSnapshot(file: string, print: string, result: CachedLoad): Promise<void> {
  const snap: SnapshotFile = {
    format: FORMAT,
    fingerprint: print,
    kb: result.kb,
    problems: result.problems,
    skipped: result.skipped,
    conflicts: result.conflicts,
    dropped: result.dropped,
    overrides: result.overrides,
    keys: [...result.kb.terms.values()].map((t) => termKeys(t)),
  };
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Write then rename, so a concurrent reader sees the old snapshot or the new one, never half.
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(snap, replacer), { mode: 0o600 });
    await rename(tmp, file);
  } catch {
    // Read-only or full disk: the next call parses again, which is slower but correct.
  }
}

export interface SnapshotOptions {
  /** Where snapshots live; null parses every time. */
  cacheDir: string | null;
  maxFileBytes?: number;
}

/** What a load gives, plus the cards a team layer replaced (logged). */
export interface CachedLoad extends LoadResult {
  overrides: Problem[];
}

/**
 * Snapshots this process already read, by file: a process that loads the same unchanged stack again
 * (piped CLI input, the test suite's in-process CLI runs) shares one knowledge base, which nothing
 * mutates once loaded. The fingerprint is still checked every time.
 */
const readInProcess = new Map<string, { print: string; result: CachedLoad }>();

/**
 * Loads the knowledge folder (or the stack of layers: base, then team folders) through the
 * snapshot when it is current; parses (and refreshes it) otherwise.
 */
export async function loadKnowledgeCached(
  source: string | readonly KnowledgeLayer[],
  options: SnapshotOptions,
): Promise<CachedLoad & { fromSnapshot: boolean }> {
  const layers: readonly KnowledgeLayer[] = typeof source === 'string' ? [{ name: 'knowledge', dir: source, team: false }] : source;
  const print = options.cacheDir ? await fingerprint(layers, options.maxFileBytes) : '';
  const file = options.cacheDir ? snapshotPath(options.cacheDir, layers) : null;
  if (file) {
    const seen = readInProcess.get(file);
    if (seen?.print === print) return { ...seen.result, fromSnapshot: true };
    const hit = await readSnapshot(file, print);
    if (hit) {
      readInProcess.set(file, { print, result: hit });
      return { ...hit, fromSnapshot: true };
    }
  }
  // Parsing needs the YAML and schema libraries: imported only when there is something to parse.
  const { loadStack } = await import('./layers.js');
  const { kb, problems, skipped, conflicts, dropped, overrides } = await loadStack(
    layers,
    undefined,
    options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes },
  );
  const result: CachedLoad = { kb, problems, skipped, conflicts, dropped, overrides };
  if (file) await writeSnapshot(file, print, result);
  return { ...result, fromSnapshot: false };
}

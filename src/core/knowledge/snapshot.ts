import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BUNDLED_KNOWLEDGE_DIR, CODE_ROOT } from '../package-paths.js';
import type { LoadResult } from './load.js';
import { fileStamp, listKnowledgeFolder, type KnowledgeFileInfo } from './read-folder.js';
import { cacheName } from '../text/cache-name.js';
import { LayerReadError, layerFileId } from './stack.js';
import { nameTableOf, primeNameTable, primeTermKeys, termKeys, type NameTable, type TermKey } from './term-keys.js';
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

/** Bump when the snapshot's file layout or JSON shape changes. */
const FORMAT = 9;

/**
 * The file has three parts, one per line, all ASCII (non-ASCII characters are written as \u escapes,
 * so the file decodes as latin1, several times faster than UTF-8, into compact one-byte strings):
 *  1. `Stamp`: format and fingerprint, checked before anything else is parsed;
 *  2. `SnapshotHead`: the knowledge base without the entries' texts, and the exact-name table;
 *  3. the entries' texts (`BODY_FIELDS`), one JSON object per entry, back to back, then every term's
 *     tokenized names (`termKeys`); the head says where each starts and ends. A one-shot answer shows
 *     one card and looks up one name: the others' texts and names, most of the file, are never decoded
 *     or parsed (thousands of small objects cost parse and GC time).
 */
interface Stamp {
  format: number;
  /** What `fingerprint` described when the snapshot was written (every file's size and times, in full). */
  fingerprint: string;
}

interface SnapshotHead {
  /** The knowledge base, Maps and Sets tagged (see `replacer`), so fields added later are kept too; the entries' texts are 0. */
  kb: unknown;
  /** Everything else the load reported (problems, skipped files, conflicts...), whatever fields it has. */
  report: Omit<CachedLoad, 'kb'>;
  /** The exact names (`nameTableOf`): the matcher's index looks names up in it without decoding any term's keys. */
  names: NameTable;
  /** Where each entry's texts are in part 3: [start, end] offsets, terms then comparisons, in map order. */
  bodies: number[];
  /** Where each term's tokenized names (`termKeys`) are in part 3, after the texts: [start, end], in the order of `kb.terms`. */
  keys: number[];
}

/** An entry's texts: the parts of a card that only its own answer reads (the matcher reads names and links between cards). */
const BODY_FIELDS: ReadonlySet<string> = new Set(['summary', 'analogy', 'links', 'sections', 'rows']);

/** JSON.stringify, with every non-ASCII character escaped (JSON.parse reads them back unchanged). */
function asciiJson(value: unknown, replace?: (key: string, value: unknown) => unknown): string {
  return JSON.stringify(value, replace).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON has no Map or Set: tag them on the way out, rebuild them on the way in (`revive`). */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value] };
  if (value instanceof Set) return { $set: [...value] };
  return value;
}

/** An entry with its texts replaced by 0 (kept in place, so the fields keep their order), and the texts. */
function splitEntry(entry: object): { head: Record<string, unknown>; body: Record<string, unknown> } {
  const head: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry) as [string, unknown][]) {
    if (BODY_FIELDS.has(k)) {
      head[k] = 0;
      body[k] = v;
    } else head[k] = v;
  }
  return { head, body };
}

/** Where the texts of an entry read from a snapshot are, until first read. */
const unread = new WeakMap<object, { file: Buffer; start: number; end: number }>();

/** Replaces the entry's text accessors with the texts themselves (or with `value` for a field being written). */
function settle(entry: object, written?: { field: string; value: unknown }): Record<string, unknown> {
  const where = unread.get(entry);
  unread.delete(entry);
  const body = where ? (JSON.parse(where.file.toString('latin1', where.start, where.end)) as Record<string, unknown>) : {};
  if (written) body[written.field] = written.value;
  for (const field of BODY_FIELDS)
    if (field in body) Object.defineProperty(entry, field, { value: body[field], enumerable: true, configurable: true, writable: true });
  return body;
}

/**
 * One accessor per text field, shared by every entry (per-entry closures would give each entry its own
 * hidden class: thousands of them for V8 to build and collect): the first read of any text of an entry
 * parses its part of the file and turns its text fields into plain data.
 */
const TEXT_ACCESSORS: Record<string, PropertyDescriptor> = Object.fromEntries(
  [...BODY_FIELDS].map((field) => [
    field,
    {
      enumerable: true,
      configurable: true,
      get(this: object): unknown {
        return settle(this)[field];
      },
      set(this: object, value: unknown): void {
        settle(this, { field, value });
      },
    },
  ]),
);

/** The accessors of each set of text fields an entry has (terms and comparisons have different ones), by their names. */
const accessorSets = new Map<string, PropertyDescriptorMap>();

/**
 * Makes an entry's texts (the fields the snapshot wrote as 0) read its part of the file when first asked.
 * One `defineProperties` call with a shared descriptor map per entry: one call per field costs a cold
 * start milliseconds over hundreds of entries.
 */
function lazyBody(entry: Record<string, unknown>, file: Buffer, start: number, end: number): void {
  unread.set(entry, { file, start, end });
  let names = '';
  for (const field of BODY_FIELDS) if (field in entry) names += `${field},`;
  let accessors = accessorSets.get(names);
  if (!accessors) {
    accessors = {};
    for (const field of BODY_FIELDS) if (field in entry) accessors[field] = TEXT_ACCESSORS[field]!;
    accessorSets.set(names, accessors);
  }
  Object.defineProperties(entry, accessors);
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



/** Size and times of the code that turns files into a knowledge base (this folder and the text helpers it uses). */
export function loaderStamp(): string[] {
  const out: string[] = [];
  // By the code folder, not this module's own: the bundled CLI is built from these files, so it and the bot stamp the same ones.
  for (const folder of [path.join(CODE_ROOT, 'core', 'knowledge'), path.join(CODE_ROOT, 'core', 'text')]) {
    const names = namesIn(folder)
      .filter((n) => /\.(js|ts)$/.test(n))
      .sort();
    for (const n of names) {
      const st = statOrNull(path.join(folder, n));
      if (st) out.push(`${n}:${st.size}:${st.mtimeMs}`);
    }
  }
  return out;
}

/**
 * The fingerprint's look-ups are synchronous: each takes microseconds, while an awaited one waits for
 * a worker thread and the event loop, dozens of times in a row on a one-shot CLI call.
 */
function statOrNull(file: string): Stats | null {
  try {
    return statSync(file, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** One knowledge file as the fingerprint saw it: its id in the stack and its stamp. */
export interface StampedFile {
  id: string;
  stamp: string;
}

/** One layer's part of the fingerprint: its files, its data files, and where it sits in the stack. */
async function layerPrint(layer: KnowledgeLayer, listed: Listed[], maxFileBytes?: number): Promise<unknown> {
  const dir = layer.dir;
  const listing = await listKnowledgeFolder(dir, maxFileBytes).catch((cause: unknown) => {
    throw new LayerReadError(layer, { cause });
  });
  listed.push({ layer, files: listing.files });
  // Folder-level data files (ambiguous.yml, lexicon.yml, and any added later).
  const dataFiles = namesIn(dir)
    .filter((n) => /\.(ya?ml|json)$/.test(n))
    .sort();
  const data = dataFiles.map((n) => {
    const st = statOrNull(path.join(dir, n));
    return [n, st?.size, st?.mtimeMs, st?.ctimeMs, st?.ino];
  });
  return {
    name: layer.name,
    team: layer.team,
    dir: path.resolve(dir),
    real: listing.real,
    files: listing.files.map((f) => [f.rel, f.size, f.mtimeMs, f.ctimeMs, f.ino]),
    problems: listing.problems,
    data,
  };
}

/** Every layer in order: a team folder added, removed, reordered or edited gives another fingerprint. */
async function fingerprint(layers: readonly KnowledgeLayer[], listed: Listed[], maxFileBytes?: number): Promise<string> {
  // A base without lexicon.yml is served the bundled one (knowledge/lexicon.yml beside src/ and dist/).
  const bundledLexicon = statOrNull(path.join(BUNDLED_KNOWLEDGE_DIR, 'lexicon.yml'));
  const prints: unknown[] = [];
  for (const l of layers) prints.push(await layerPrint(l, listed, maxFileBytes));
  const parts = {
    format: FORMAT,
    bundledLexicon: [bundledLexicon?.size, bundledLexicon?.mtimeMs, bundledLexicon?.ctimeMs, bundledLexicon?.ino],
    code: loaderStamp(),
    layers: prints,
  };
  // The whole description, not a digest of it: the snapshot stores it and compares it in full.
  return JSON.stringify(parts);
}

/** A cache file of one stack of folders (in order, by name and place): `<prefix>-<short name>.<ext>`. */
export function stackCacheFile(cacheDir: string, layers: readonly KnowledgeLayer[], prefix: string, ext: string): string {
  const key = JSON.stringify(layers.map((l) => [l.name, l.team, path.resolve(l.dir)]));
  return path.join(cacheDir, `${prefix}-${cacheName(key)}.${ext}`);
}

/** The bot's parse cache file of a stack (parse-cache-file.ts), named here so finding it needs no YAML parser. */
export function parseCachePath(cacheDir: string, layers: readonly KnowledgeLayer[]): string {
  return stackCacheFile(cacheDir, layers, 'parses', 'bin');
}

/** Reads a snapshot we wrote ourselves (same user) whose fingerprint matches, or null. */
async function readSnapshot(file: string, print: string, st: Stats): Promise<CachedLoad | null> {
  try {
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return null;
    // One synchronous read of the bytes: the texts stay undecoded until an answer needs one.
    const buf = readFileSync(file);
    const line1 = buf.indexOf(10);
    const line2 = buf.indexOf(10, line1 + 1);
    if (line1 < 0 || line2 < 0) return null;
    const stamp = JSON.parse(buf.toString('latin1', 0, line1)) as Stamp;
    if (stamp.format !== FORMAT || stamp.fingerprint !== print) return null;
    const snap = JSON.parse(buf.toString('latin1', line1 + 1, line2)) as SnapshotHead;
    const kb = revive(snap.kb) as KnowledgeBase;
    const base = line2 + 1;
    let b = 0;
    const attach = (entry: object): void => {
      lazyBody(entry as Record<string, unknown>, buf, base + snap.bodies[b]!, base + snap.bodies[b + 1]!);
      b += 2;
    };
    let k = 0;
    for (const term of kb.terms.values()) {
      attach(term);
      const start = base + snap.keys[k]!;
      const end = base + snap.keys[k + 1]!;
      k += 2;
      primeTermKeys(term, () => JSON.parse(buf.toString('latin1', start, end)) as TermKey[]);
    }
    for (const c of kb.comparisons.values()) attach(c);
    if (b !== snap.bodies.length || k !== snap.keys.length || base + (snap.keys[k - 1] ?? snap.bodies[b - 1] ?? 0) !== buf.length) return null;
    primeNameTable(kb, snap.names);
    return { ...snap.report, kb };
  } catch {
    return null;
  }
}

async function writeSnapshot(file: string, print: string, result: CachedLoad): Promise<void> {
  const bodies: string[] = [];
  const offsets: number[] = [];
  let offset = 0;
  const split = <T extends object>(entries: ReadonlyMap<string, T>): Map<string, Record<string, unknown>> =>
    new Map(
      [...entries].map(([slug, entry]) => {
        const { head, body } = splitEntry(entry);
        const text = asciiJson(body);
        offsets.push(offset, offset + text.length);
        offset += text.length;
        bodies.push(text);
        return [slug, head];
      }),
    );
  const kb = { ...result.kb, terms: split(result.kb.terms), comparisons: split(result.kb.comparisons) };
  const keyOffsets: number[] = [];
  for (const term of result.kb.terms.values()) {
    const text = asciiJson(termKeys(term));
    keyOffsets.push(offset, offset + text.length);
    offset += text.length;
    bodies.push(text);
  }
  const head: SnapshotHead = {
    kb,
    report: Object.fromEntries(Object.entries(result).filter(([k]) => k !== 'kb')) as Omit<CachedLoad, 'kb'>,
    names: nameTableOf(result.kb),
    bodies: offsets,
    keys: keyOffsets,
  };
  const stamp: Stamp = { format: FORMAT, fingerprint: print };
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Write then rename, so a concurrent reader sees the old snapshot or the new one, never half.
    // Unique per writer: two processes (two containers are both PID 1) or two writers in one process.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, `${asciiJson(stamp)}\n${asciiJson(head, replacer)}\n${bodies.join('')}`, { mode: 0o600 });
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
const readInProcess = new Map<string, { print: string; fileStamp: string; result: CachedLoad }>();

/** A stack's snapshot file and its current fingerprint: compute it before reading any file, so a later edit is never hidden. */
export interface SnapshotKey {
  file: string;
  print: string;
  /** The knowledge files the fingerprint describes, in stack order (made when asked: a one-shot CLI call never does). */
  files(): StampedFile[];
}

/** Each layer's files as the fingerprint listed them. */
interface Listed {
  layer: KnowledgeLayer;
  files: KnowledgeFileInfo[];
}

export async function snapshotKey(layers: readonly KnowledgeLayer[], cacheDir: string, maxFileBytes?: number): Promise<SnapshotKey> {
  const listed: Listed[] = [];
  const print = await fingerprint(layers, listed, maxFileBytes);
  const files = () => listed.flatMap(({ layer, files }) => files.map((f) => ({ id: layerFileId(layer, f.rel), stamp: fileStamp(f) })));
  return { file: stackCacheFile(cacheDir, layers, 'knowledge', 'json'), print, files };
}

/** The stack's snapshot when its fingerprint matches `key` (written by this user), or null. */
export async function readKnowledgeSnapshot(key: SnapshotKey): Promise<CachedLoad | null> {
  // The snapshot file's own stamp too: one replaced or damaged since (another process) is read again.
  const st = statOrNull(key.file);
  if (!st) return null;
  const seen = readInProcess.get(key.file);
  const fileStamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
  if (seen?.print === key.print && seen.fileStamp === fileStamp) return seen.result;
  const hit = await readSnapshot(key.file, key.print, st);
  if (hit) readInProcess.set(key.file, { print: key.print, fileStamp, result: hit });
  return hit;
}

/** Stores a load made from the files `key` describes (best-effort: a read-only cache folder is fine). */
export function writeKnowledgeSnapshot(key: SnapshotKey, result: CachedLoad): Promise<void> {
  return writeSnapshot(key.file, key.print, result);
}

/**
 * Loads the knowledge folder (or the stack of layers: base, then team folders) through the
 * snapshot when it is current; parses (and refreshes it) otherwise.
 */
export async function loadKnowledgeCached(
  source: string | readonly KnowledgeLayer[],
  options: SnapshotOptions,
): Promise<CachedLoad & { fromSnapshot: boolean }> {
  const layers: readonly KnowledgeLayer[] = typeof source === 'string' ? [{ name: 'knowledge', dir: source, team: false }] : source;
  const key = options.cacheDir ? await snapshotKey(layers, options.cacheDir, options.maxFileBytes) : null;
  const hit = key && (await readKnowledgeSnapshot(key));
  if (hit) return { ...hit, fromSnapshot: true };
  // Parsing needs the YAML and schema libraries: imported only when there is something to parse.
  const { loadStack } = await import('./layers.js');
  // The parses kept between runs (the bot's too): after an edit, only the edited files are parsed again.
  const parses = options.cacheDir ? await import('./parse-cache-file.js') : null;
  const parseFile = options.cacheDir ? parseCachePath(options.cacheDir, layers) : null;
  const cache = parses && parseFile ? await parses.readParseCache(parseFile, layers) : undefined;
  const { kb, problems, skipped, conflicts, dropped, overrides } = await loadStack(layers, undefined, {
    ...(options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes }),
    ...(cache ? { cache } : {}),
  });
  const result: CachedLoad = { kb, problems, skipped, conflicts, dropped, overrides };
  if (parses && parseFile && cache) await parses.writeParseCache(parseFile, cache);
  if (key) await writeKnowledgeSnapshot(key, result);
  return { ...result, fromSnapshot: false };
}

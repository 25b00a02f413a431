import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ParseCache } from './layers.js';
import { parseKnowledgeFile, type LineLookup, type ParsedFile } from './parse-file.js';
import { loaderStamp } from './snapshot.js';
import { splitLayerFile } from './stack.js';
import type { KnowledgeLayer } from './types.js';

/**
 * The bot's parse cache on disk: a bot that starts on knowledge files it has seen before reuses their
 * parses from its last run instead of parsing hundreds of YAML files again (the one-shot CLI's snapshot
 * does the same for a whole knowledge base). Nothing stale is served: each file's parse is used only
 * while its size, mtime and ctime match (the stamp the in-memory cache checks anyway), and the whole
 * file only with the same loader code and the same folders. Reading and writing are best-effort: a
 * missing, foreign, corrupt or unwritable cache just means parsing, as without it.
 */

/** Bump when the stored shape changes. */
const FORMAT = 2;

interface Stored {
  format: number;
  code: string[];
  entries: [id: string, stamp: string, parsed: Omit<ParsedFile, 'lineOf'>, lastGood?: Omit<ParsedFile, 'lineOf'>][];
}

export { parseCachePath } from './snapshot.js';

/**
 * Line numbers are looked up in the YAML document, which is not stored: a problem found later in a
 * stored parse (a dangling reference after an edit elsewhere) parses that one unchanged file again.
 */
function lazyLineOf(id: string, layers: readonly KnowledgeLayer[]): LineLookup {
  let lookup: LineLookup | null = null;
  return (at) => {
    if (!lookup) {
      try {
        const { layer, rel } = splitLayerFile(id, layers);
        const again = parseKnowledgeFile(rel, readFileSync(path.join(layer.dir, rel), 'utf8'), { teamCategories: layer.team });
        lookup = again.kind === 'invalid' ? () => 1 : again.lineOf;
      } catch {
        lookup = () => 1;
      }
    }
    return lookup(at);
  };
}

/** The stored parses for this stack, or an empty cache. */
export async function readParseCache(file: string, layers: readonly KnowledgeLayer[]): Promise<ParseCache> {
  const cache: ParseCache = new Map();
  try {
    const st = await stat(file);
    // Only a cache this user wrote: another user's file could feed us cards that are not in the folder.
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return cache;
    const stored = deserialize(await readFile(file)) as Stored;
    if (stored.format !== FORMAT || JSON.stringify(stored.code) !== JSON.stringify(loaderStamp())) return cache;
    for (const [id, stamp, parsed, lastGood] of stored.entries) {
      const full = (parsed.kind === 'invalid' ? parsed : { ...parsed, lineOf: lazyLineOf(id, layers) }) as ParsedFile;
      // A last good version has no problems to point at: its lines are never asked for.
      const good = lastGood && ({ ...lastGood, lineOf: () => 1 } as ParsedFile);
      cache.set(id, good ? { stamp, parsed: full, lastGood: good } : { stamp, parsed: full });
    }
  } catch {
    cache.clear();
  }
  return cache;
}

/** Stores the parses (write, then rename: a concurrent reader sees the old file or the new one). */
export async function writeParseCache(file: string, cache: ParseCache): Promise<void> {
  const stored: Stored = {
    format: FORMAT,
    code: loaderStamp(),
    entries: [...cache].map(([id, { stamp, parsed, lastGood }]) => {
      const plain = (p: ParsedFile): Omit<ParsedFile, 'lineOf'> => {
        if (p.kind === 'invalid') return p;
        const { lineOf: _, ...rest } = p;
        return rest;
      };
      return lastGood ? [id, stamp, plain(parsed), plain(lastGood)] : [id, stamp, plain(parsed)];
    }),
  };
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Unique per writer: two processes (two containers are both PID 1) or two writers in one process.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, serialize(stored), { mode: 0o600 });
    await rename(tmp, file);
  } catch {
    // Read-only or full disk: the next start parses, which is slower but correct.
  }
}

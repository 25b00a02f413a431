import { realpathSync, watch, type FSWatcher } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { KnowledgeError } from '../core/errors.js';
import type { CachedParse, ParseCache, StackFile, StackResult } from '../core/knowledge/layers.js';
import type { ParsedFile } from '../core/knowledge/parse-file.js';
import {
  parseCachePath,
  readKnowledgeSnapshot,
  snapshotKey,
  writeKnowledgeSnapshot,
  type SnapshotKey,
  type StampedFile,
} from '../core/knowledge/snapshot.js';
import type { KnowledgeLayer, Problem } from '../core/knowledge/types.js';
import { createTermbot, logLoad, NO_USABLE_TERMS, type CoreLogger, type Termbot } from '../core/termbot.js';

/** Timing of reloads after file events: data, each with why. */
export const RELOAD_TIMING = {
  /** Quiet time after the last file event before reloading: an editor's save is several events within a few ms. */
  debounceMs: 250,
  /** A storm that never goes quiet (a git checkout, a sync tool) still reloads at least this often. */
  maxWaitMs: 2_000,
  /**
   * How often the folders' real paths are looked at: a release deployed by moving a symbolic link
   * (KNOWLEDGE_DIR -> releases/42) makes no file event in the folder being watched.
   */
  linkCheckMs: 2_000,
} as const;

export interface LiveKnowledgeOptions {
  layers: KnowledgeLayer[];
  logger: CoreLogger & { error(obj: object, msg?: string): void };
  /** Watch the folders (default true); SIGHUP and reload() work either way. */
  watch?: boolean;
  debounceMs?: number;
  maxWaitMs?: number;
  linkCheckMs?: number;
  /**
   * Where the knowledge snapshot and the parses are kept between runs (snapshot.ts, parse-cache-file.ts);
   * null or absent: parse every start.
   */
  cacheDir?: string | null;
}

export interface ReloadOutcome {
  ok: boolean;
  terms: number;
  /** Files that no longer lint and are served in their last good version. */
  kept: string[];
  /** Files left out (new files that do not lint, unreadable ones...). */
  skipped: number;
  durationMs: number;
}

// The YAML parser and the schemas: imported when something is parsed, not by a start from the snapshot.
const parsing = () => import('../core/knowledge/layers.js');
const parseCacheFile = () => import('../core/knowledge/parse-cache-file.js');

/** The version of a cached file a bot serves: its last good one while it is broken, else itself if usable. */
function servedVersion(entry: CachedParse): ParsedFile | undefined {
  return entry.lastGood ?? (entry.parsed.kind === 'invalid' ? undefined : entry.parsed);
}

/** A version built at start or on reload, with what the log says about it. */
interface Built {
  bot: Termbot;
  terms: number;
  kept: string[];
  skipped: number;
  /** Files parsed from YAML for this version. */
  parsed: number;
  /** Served from the knowledge snapshot. */
  snapshot: boolean;
}

/** A served file's pristine parse (before assembly touches it), to fall back on when an edit breaks it. */
interface Served {
  parsed: ParsedFile;
}

/**
 * The knowledge stack of a running bot, reloaded in the background when its files change (and on
 * demand: SIGHUP). A reload reads and assembles a complete new knowledge base and builds a new
 * Termbot beside the one serving; only then is the reference swapped, so an answer is always
 * computed on one complete version. A file that no longer lints keeps its last good version (logged
 * with its problems); a reload that fails as a whole (a folder gone, no usable terms) keeps the
 * current version. File events are coalesced: a storm of hundreds of events is one or two reloads.
 */
export class LiveKnowledge {
  private current: Termbot;
  private served = new Map<string, Served>();
  /** Unchanged files are not parsed again: a reload costs the edited files plus assembling. */
  private parses: ParseCache = new Map();
  private readonly cacheFile: string | null;
  /** By folder and where it really is, so a folder whose link moved is watched again. */
  private watchers = new Map<string, FSWatcher>();
  private linkTimer: NodeJS.Timeout | null = null;
  private timer: NodeJS.Timeout | null = null;
  private firstEventAt = 0;
  private running: Promise<ReloadOutcome> | null = null;
  /** The background read of the parses after a start from the snapshot; reloads wait for it. */
  private warming: Promise<void> = Promise.resolve();
  /** Cache writes, one after another (each writes a temporary file, then renames it), after the version is served. */
  private persisting: Promise<void> = Promise.resolve();
  private again: { reason: string; waiters: ((o: ReloadOutcome) => void)[] } | null = null;
  private stopped = false;
  /** For tests and logs: file events seen, reloads run. */
  readonly stats = { events: 0, reloads: 0 };

  private constructor(
    private readonly opts: LiveKnowledgeOptions,
    bot: Termbot,
  ) {
    this.current = bot;
    this.cacheFile = opts.cacheDir ? parseCachePath(opts.cacheDir, opts.layers) : null;
  }

  /**
   * Loads the stack once (throws KnowledgeError as startup must stop), then watches it. With a cache
   * folder, a start on unchanged files is served from the knowledge snapshot (as a one-shot CLI call
   * is), and the parses that later reloads start from are read in the background; otherwise the
   * stack is assembled from the parse cache, parsing only the files edited since.
   */
  static async start(opts: LiveKnowledgeOptions): Promise<LiveKnowledge> {
    const live = new LiveKnowledge(opts, null as unknown as Termbot);
    // An unreadable folder is reported by the full load (build), with the usual message.
    const key = opts.cacheDir ? await snapshotKey(opts.layers, opts.cacheDir).catch(() => null) : null;
    const first = (key && (await live.fromSnapshot(key))) ?? (await live.fromFiles(key));
    if ('error' in first) throw first.error;
    live.current = first.bot;
    opts.logger.info(
      // parsed: files read from YAML; the others came from the parse cache of an earlier run (or all from the snapshot).
      {
        terms: first.terms,
        layers: opts.layers.map((l) => `${l.name}=${l.dir}`),
        skipped: first.skipped,
        parsed: first.parsed,
        snapshot: first.snapshot,
      },
      'knowledge loaded',
    );
    if (opts.watch !== false) await live.syncWatchers();
    return live;
  }

  /** The first version from a current snapshot, or null (no cache folder, no snapshot, or files changed since). */
  private async fromSnapshot(key: SnapshotKey): Promise<Built | null> {
    const hit = await readKnowledgeSnapshot(key);
    // A snapshot with a skipped file may predate that file's last good version (the CLI writes what is on
    // disk): the files path serves it, as the bot did before it stopped.
    if (!hit || hit.kb.terms.size === 0 || hit.skipped.length > 0) return null;
    logLoad(hit, this.opts.logger);
    this.warming = this.warm(key.files());
    return { bot: createTermbot(hit.kb), terms: hit.kb.terms.size, kept: [], skipped: hit.skipped.length, parsed: 0, snapshot: true };
  }

  /** `key`: the fingerprint taken at start, before any file was read (the snapshot written after this build). */
  private async fromFiles(key: SnapshotKey | null): Promise<Built | { error: Error }> {
    if (this.cacheFile) this.parses = await (await parseCacheFile()).readParseCache(this.cacheFile, this.opts.layers);
    // The versions served before the restart: a file broken since still serves its last good one.
    for (const [id, entry] of this.parses) {
      const served = servedVersion(entry);
      if (served) this.served.set(id, { parsed: served });
    }
    return this.build(key);
  }

  /**
   * After a start from the snapshot: the parses of the served files (`files`, as the snapshot's
   * fingerprint saw them), so that a reload parses only what changed and a card an edit breaks keeps
   * its last good version. Read from the parse cache; parsed (in the background, the bot already
   * answering) only when the cache lacks them. Best-effort: a file edited since the start, and missing
   * from the cache, just has no last good version to fall back on.
   */
  private async warm(files: readonly StampedFile[]): Promise<void> {
    try {
      if (this.cacheFile) this.parses = await (await parseCacheFile()).readParseCache(this.cacheFile, this.opts.layers);
      if (files.some((f) => this.parses.get(f.id)?.stamp !== f.stamp)) {
        await (await parsing()).loadStack(this.opts.layers, undefined, { cache: this.parses, lint: false });
        if (!this.stopped) this.persistParses();
      }
      let lastGood = false;
      for (const f of files) {
        const cached = this.parses.get(f.id);
        if (cached?.stamp !== f.stamp) continue;
        // A card broken while the bot ran (the snapshot, written by the CLI, has it as it is on disk).
        if (cached.lastGood) lastGood = true;
        const served = servedVersion(cached);
        if (served) this.served.set(f.id, { parsed: served });
      }
      // Serve those last good versions, as the bot did before it stopped (the reload waits for this read).
      if (lastGood && !this.stopped) void this.reload('last good versions');
    } catch (err) {
      // Only later reloads are slower: they parse what this would have read.
      this.opts.logger.warn({ err: (err as Error).message }, 'could not read the knowledge parses in the background');
    }
  }

  /** Settles when the background work of the last start or reload is done: the parses read, reloads run, the caches written (tests, benchmarks). */
  async settled(): Promise<void> {
    await this.warming;
    // The reload the background read may have started (last good versions to serve), and any after it.
    while (this.running) await this.running;
    await this.persisting;
  }

  /** The version serving now: read it once per request and use that object throughout. */
  get bot(): Termbot {
    return this.current;
  }

  /** Reloads now (SIGHUP, tests). While one runs, further calls share one more run after it. */
  reload(reason: string): Promise<ReloadOutcome> {
    if (!this.running) {
      this.running = this.runReload(reason);
      return this.running;
    }
    return new Promise((resolve) => {
      this.again ??= { reason, waiters: [] };
      this.again.waiters.push(resolve);
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.linkTimer) clearInterval(this.linkTimer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private async runReload(reason: string): Promise<ReloadOutcome> {
    let outcome: ReloadOutcome;
    try {
      outcome = await this.swap(reason);
    } finally {
      const next = this.again;
      this.again = null;
      this.running = next ? this.runReload(next.reason) : null;
      if (next)
        void this.running!.then(
          (o) => next.waiters.forEach((w) => w(o)),
          // swap() returns failures as outcomes; anything else still settles every caller waiting.
          (err: unknown) => {
            this.opts.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'knowledge reload failed');
            const failed: ReloadOutcome = { ok: false, terms: this.current.stats().terms, kept: [], skipped: 0, durationMs: 0 };
            next.waiters.forEach((w) => w(failed));
          },
        );
    }
    return outcome;
  }

  private async swap(reason: string): Promise<ReloadOutcome> {
    await this.warming;
    const t0 = Date.now();
    this.stats.reloads++;
    // Whatever goes wrong (even loading the parser's code, first needed hours after a start from the
    // snapshot), a reload is an outcome, never an exception that would end the process.
    const built = await this.build().catch((err: unknown) => ({ error: err instanceof Error ? err : new Error(String(err)) }));
    const durationMs = Date.now() - t0;
    if ('error' in built) {
      this.opts.logger.error(
        { reason, problem: built.error.message, durationMs },
        'knowledge reload failed; still serving the previous version',
      );
      // A folder whose link moved to a release that is not complete yet: watch it where it is now, so
      // the files that complete it reload again.
      if (this.opts.watch !== false && !this.stopped) await this.syncWatchers().catch(() => {});
      return { ok: false, terms: this.current.stats().terms, kept: [], skipped: 0, durationMs };
    }
    this.current = built.bot;
    this.opts.logger.info(
      { reason, terms: built.terms, kept: built.kept, skipped: built.skipped, parsed: built.parsed, durationMs },
      'knowledge reloaded',
    );
    if (this.opts.watch !== false && !this.stopped) await this.syncWatchers();
    return { ok: true, terms: built.terms, kept: built.kept, skipped: built.skipped, durationMs };
  }

  /** Reads the whole stack into a new bot; the serving one is untouched until the caller swaps. */
  private async build(startKey?: SnapshotKey | null): Promise<Built | { error: Error }> {
    const next = new Map<string, Served>();
    const kept: { id: string; problems: Problem[] }[] = [];
    const { copyParsed, loadStack } = await parsing();
    // The parses for this version: a copy, so a reload that fails as a whole (a folder emptied half-way
    // through a checkout) leaves the current ones, and the reload after it parses only what changed.
    const parses: ParseCache = new Map(this.parses);
    const review = (f: StackFile): ParsedFile => {
      const prev = this.served.get(f.id);
      const fresh = f.parsed;
      const broken = fresh.kind === 'invalid' || fresh.problems.length > 0;
      // An edit that breaks a file that was fine (or makes it unusable) is not served: its last good version is.
      const keep = prev && broken && (fresh.kind === 'invalid' || prev.parsed.problems.length === 0);
      if (keep) kept.push({ id: f.id, problems: fresh.problems });
      if (keep) {
        next.set(f.id, prev);
        return copyParsed(prev.parsed);
      }
      // `fresh` is already the assembler's own copy; the pristine parse stays in the cache (one copy per file, not three).
      if (fresh.kind !== 'invalid') next.set(f.id, { parsed: parses.get(f.id)?.parsed ?? copyParsed(fresh) });
      return fresh;
    };
    let load;
    const before = new Set(this.parses.values());
    // Taken before any file is read: an edit made during the load gives the next start another fingerprint.
    const key =
      startKey !== undefined
        ? startKey
        : this.opts.cacheDir
          ? await snapshotKey(this.opts.layers, this.opts.cacheDir).catch(() => null)
          : null;
    try {
      // The bot logs what serving changes (skipped files, conflicts, dropped links), never lint findings.
      load = await loadStack(this.opts.layers, undefined, { review, cache: parses, lint: false });
    } catch (err) {
      return { error: new KnowledgeError((err as Error).message, { cause: err }) };
    }
    if (load.kb.terms.size === 0)
      return { error: new KnowledgeError(`${NO_USABLE_TERMS} in ${this.opts.layers.map((l) => l.dir).join(', ')}`) };
    for (const k of kept) {
      this.opts.logger.warn(
        { file: k.id, problems: k.problems.slice(0, 5).map((p) => `${p.line}: ${p.message}`) },
        'knowledge file no longer lints; serving its last good version',
      );
    }
    const keptIds = new Set(kept.map((k) => k.id));
    logLoad({ ...load, skipped: load.skipped.filter((p) => !keptIds.has(p.file)) }, this.opts.logger);
    const bot = createTermbot(load.kb);
    this.served = next;
    this.parses = parses;
    const parsed = [...parses.values()].filter((v) => !before.has(v)).length;
    // Something was parsed (or dropped): keep the parses for the next start.
    if (parsed > 0 || this.parses.size !== before.size) this.persistParses();
    // The next start serves this version from the snapshot, unless it serves a kept version a fresh start would skip.
    if (key && kept.length === 0) this.persist(() => this.writeSnapshot(key, load));
    return { bot, terms: load.kb.terms.size, kept: kept.map((k) => k.id), skipped: load.skipped.length, parsed, snapshot: false };
  }

  /** Queues a cache write: it runs after the new version is served, never two at once. Best-effort, as the writers are. */
  private persist(job: () => Promise<void>): void {
    this.persisting = this.persisting.then(job).catch(() => {});
  }

  private persistParses(): void {
    const file = this.cacheFile;
    if (file) this.persist(async () => (await parseCacheFile()).writeParseCache(file, this.parses));
  }

  private writeSnapshot(key: SnapshotKey, load: StackResult): Promise<void> {
    const { kb, problems, skipped, conflicts, dropped, overrides } = load;
    return writeKnowledgeSnapshot(key, { kb, problems, skipped, conflicts, dropped, overrides });
  }

  /** Watches every layer folder and its category folders (new folders are picked up after each reload). */
  private async syncWatchers(): Promise<void> {
    const wanted = new Map<string, string>();
    const want = async (dir: string): Promise<void> => {
      const real = await realpath(dir).catch(() => dir);
      wanted.set(`${dir}\0${real}`, dir);
    };
    for (const layer of this.opts.layers) {
      await want(layer.dir);
      const entries = await readdir(layer.dir, { withFileTypes: true }).catch(() => []);
      for (const e of entries)
        if (!e.name.startsWith('.') && (e.isDirectory() || e.isSymbolicLink())) await want(path.join(layer.dir, e.name));
    }
    for (const [id, w] of this.watchers) {
      if (!wanted.has(id)) {
        w.close();
        this.watchers.delete(id);
      }
    }
    this.watchLinks();
    for (const [id, dir] of wanted) {
      if (this.watchers.has(id) || this.stopped) continue;
      try {
        const w = watch(dir, { persistent: false }, () => this.onEvent());
        w.on('error', (err) => {
          // The folder went away: its watcher ends; the reload it triggers says what is served now.
          this.opts.logger.warn({ dir, err: err.message }, 'stopped watching a knowledge folder');
          w.close();
          this.watchers.delete(id);
          this.onEvent();
        });
        this.watchers.set(id, w);
      } catch {
        // A symbolic link to a file, or a folder removed since it was listed: nothing to watch.
      }
    }
  }

  /** Reloads when a layer folder's real path changes (its symbolic link was moved); looked at every `linkCheckMs`. */
  private watchLinks(): void {
    if (this.linkTimer || this.stopped) return;
    const realOf = (dir: string): string => {
      try {
        return realpathSync(dir);
      } catch {
        return '';
      }
    };
    let seen = this.opts.layers.map((l) => realOf(l.dir)).join('\n');
    this.linkTimer = setInterval(() => {
      const now = this.opts.layers.map((l) => realOf(l.dir)).join('\n');
      if (now === seen) return;
      seen = now;
      this.onEvent();
    }, this.opts.linkCheckMs ?? RELOAD_TIMING.linkCheckMs);
    this.linkTimer.unref();
  }

  private onEvent(): void {
    if (this.stopped) return;
    this.stats.events++;
    const now = Date.now();
    if (!this.timer) this.firstEventAt = now;
    else clearTimeout(this.timer);
    const debounce = this.opts.debounceMs ?? RELOAD_TIMING.debounceMs;
    const maxWait = this.opts.maxWaitMs ?? RELOAD_TIMING.maxWaitMs;
    const wait = Math.max(0, Math.min(debounce, this.firstEventAt + maxWait - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reload('files changed');
    }, wait);
    this.timer.unref();
  }
}

import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { LiveKnowledge } from '../../src/app/live-knowledge.js';
import { loadStack, type ParseCache } from '../../src/core/knowledge/layers.js';
import { parseCachePath, readParseCache, writeParseCache } from '../../src/core/knowledge/parse-cache-file.js';
import { loadKnowledgeCached, snapshotKey } from '../../src/core/knowledge/snapshot.js';
import { knowledgeStack } from '../../src/core/knowledge/stack.js';

/**
 * The bot's parse cache between starts: a start on unchanged files parses none of them, an edited file
 * is parsed again and served as edited, and a broken or foreign cache file is ignored.
 */
let root: string;
let base: string;
let cacheDir: string;

const quiet = () => {
  const loaded: Record<string, unknown>[] = [];
  const logger = {
    info: (obj: object, msg?: string) => void (msg === 'knowledge loaded' && loaded.push(obj as Record<string, unknown>)),
    warn: () => {},
    error: () => {},
  };
  return { loaded, logger };
};

async function start(): Promise<{ live: LiveKnowledge; parsed: unknown; snapshot: unknown }> {
  const { loaded, logger } = quiet();
  const live = await LiveKnowledge.start({ layers: knowledgeStack(base, []), logger, watch: false, cacheDir });
  // The background work (parses read after a snapshot start, caches written), so the next start sees what it wrote.
  await live.settled();
  return { live, parsed: loaded[0]?.parsed, snapshot: loaded[0]?.snapshot };
}

const snapshotFile = () => snapshotKey(knowledgeStack(base, []), cacheDir).then((k) => k.file);

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'termbot-parse-cache-'));
  base = path.join(root, 'knowledge');
  cacheDir = path.join(root, 'cache');
  // Three real cards (their links to cards not copied are dropped with a problem each: still served).
  await mkdir(path.join(base, 'networking'), { recursive: true });
  for (const slug of ['dns', 'cdn', 'load-balancer'])
    await copyFile(path.join(BUNDLED_KNOWLEDGE_DIR, 'networking', `${slug}.md`), path.join(base, 'networking', `${slug}.md`));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('parse cache between starts', () => {
  it('a second start parses nothing; an edited file is parsed again and served as edited', async () => {
    const first = await start();
    first.live.stop();
    expect(first).toMatchObject({ parsed: 3, snapshot: false });
    // Unchanged files: served from the snapshot the first start wrote.
    const second = await start();
    second.live.stop();
    expect(second).toMatchObject({ parsed: 0, snapshot: true });
    expect(second.live.bot.explain('content delivery network')).toMatchObject({ kind: 'term', term: { slug: 'cdn' } });

    const cdn = path.join(base, 'networking', 'cdn.md');
    await writeFile(
      cdn,
      (await readFile(cdn, 'utf8')).replace(/^summary: .*$/m, 'summary: A CDN card edited after the cache was written.'),
    );
    // An edited file: the snapshot no longer matches; the parse cache spares the two unchanged files.
    const third = await start();
    third.live.stop();
    expect(third).toMatchObject({ parsed: 1, snapshot: false });
    expect(third.live.bot.explain('cdn')).toMatchObject({ term: { summary: 'A CDN card edited after the cache was written.' } });
  });

  it('a corrupt cache file is ignored (everything parsed) and written again', async () => {
    const file = parseCachePath(cacheDir, knowledgeStack(base, []));
    await writeFile(file, 'not a cache at all');
    await rm(await snapshotFile());
    const { live, parsed } = await start();
    live.stop();
    expect(parsed).toBe(3);
    expect((await readFile(file)).toString()).not.toBe('not a cache at all');
    const again = await start();
    again.live.stop();
    expect(again.parsed).toBe(0);
  });

  it('a start from the snapshot rewrites a corrupt parse cache in the background, so a later edit parses one file', async () => {
    const file = parseCachePath(cacheDir, knowledgeStack(base, []));
    await start().then(({ live }) => live.stop());
    await writeFile(file, 'not a cache at all');
    const warm = await start();
    warm.live.stop();
    expect(warm).toMatchObject({ parsed: 0, snapshot: true });
    expect((await readFile(file)).toString()).not.toBe('not a cache at all');
    const dns = path.join(base, 'networking', 'dns.md');
    await writeFile(dns, (await readFile(dns, 'utf8')).replace(/^summary: .*$/m, 'summary: DNS turns names into addresses, edited.'));
    const edited = await start();
    edited.live.stop();
    expect(edited).toMatchObject({ parsed: 1, snapshot: false });
  });

  it('after a start from the snapshot, an edit that breaks a card keeps its last good version, and only the edit is parsed', async () => {
    await start().then(({ live }) => live.stop());
    const lb = path.join(base, 'networking', 'load-balancer.md');
    const good = await readFile(lb, 'utf8');
    const { loaded, logger } = quiet();
    const reloaded: Record<string, unknown>[] = [];
    const live = await LiveKnowledge.start({
      layers: knowledgeStack(base, []),
      logger: {
        ...logger,
        info: (obj: object, msg?: string) =>
          void (msg === 'knowledge reloaded' ? reloaded.push(obj as Record<string, unknown>) : logger.info(obj, msg)),
      },
      watch: false,
      cacheDir,
    });
    try {
      expect(loaded[0]).toMatchObject({ snapshot: true });
      await writeFile(lb, good.replace(/^title: .*$/m, 'title: [unclosed'));
      // No waiting for the background read: the reload waits for it itself.
      const outcome = await live.reload('test');
      expect(outcome).toMatchObject({ ok: true, kept: ['networking/load-balancer.md'] });
      expect(reloaded[0]).toMatchObject({ parsed: 1 });
      expect(live.bot.explain('load balancer')).toMatchObject({ kind: 'term', term: { slug: 'load-balancer' } });
    } finally {
      live.stop();
      await live.settled();
      await writeFile(lb, good);
    }
  });

  it('a card broken while the bot ran keeps serving its last good version after restarts (also after a CLI load in between)', async () => {
    await start().then(({ live }) => live.stop());
    const cdn = path.join(base, 'networking', 'cdn.md');
    const good = await readFile(cdn, 'utf8');
    const { logger } = quiet();
    const running = await LiveKnowledge.start({ layers: knowledgeStack(base, []), logger, watch: false, cacheDir });
    try {
      await writeFile(cdn, good.replace(/^title: .*$/m, 'title: [unclosed'));
      expect(await running.reload('edit')).toMatchObject({ kept: ['networking/cdn.md'] });
      running.stop();
      await running.settled();
      // The CLI loads the same folder (it skips the broken card and writes its snapshot and the parses).
      const cli = await loadKnowledgeCached(knowledgeStack(base, []), { cacheDir });
      expect(cli.kb.terms.has('cdn')).toBe(false);
      for (let i = 0; i < 2; i++) {
        const again = await start();
        again.live.stop();
        expect(again.snapshot).toBe(false);
        expect(again.live.bot.explain('content delivery network')).toMatchObject({ kind: 'term', term: { slug: 'cdn' } });
      }
    } finally {
      running.stop();
      await writeFile(cdn, good);
    }
  });

  it('a reload that fails as a whole (the folder emptied for a moment) keeps the parses: the next reload parses nothing', async () => {
    const reloaded: Record<string, unknown>[] = [];
    const quietLog = quiet().logger;
    const live = await LiveKnowledge.start({
      layers: knowledgeStack(base, []),
      logger: {
        ...quietLog,
        info: (obj: object, msg?: string) => void (msg === 'knowledge reloaded' && reloaded.push(obj as Record<string, unknown>)),
      },
      watch: false,
      cacheDir,
    });
    const away = path.join(root, 'networking-away');
    try {
      await rename(path.join(base, 'networking'), away);
      expect(await live.reload('emptied')).toMatchObject({ ok: false });
      await rename(away, path.join(base, 'networking'));
      expect(await live.reload('back')).toMatchObject({ ok: true, terms: 3 });
      expect(reloaded.at(-1)).toMatchObject({ parsed: 0 });
    } finally {
      live.stop();
      await live.settled();
      await rename(away, path.join(base, 'networking')).catch(() => {});
    }
  });

  it('a card that still loads but broke while the bot ran (a section twice) keeps its last good version after a CLI load and a restart from the snapshot', async () => {
    await start().then(({ live }) => live.stop());
    const lb = path.join(base, 'networking', 'load-balancer.md');
    const good = await readFile(lb, 'utf8');
    const running = await LiveKnowledge.start({ layers: knowledgeStack(base, []), logger: quiet().logger, watch: false, cacheDir });
    try {
      await writeFile(lb, `${good.trimEnd()}\n\n## Pitfalls\n\nA second pitfalls section.\n`);
      expect(await running.reload('edit')).toMatchObject({ kept: ['networking/load-balancer.md'] });
      running.stop();
      await running.settled();
      // The CLI writes a snapshot of what is on disk: the card with its problem.
      await loadKnowledgeCached(knowledgeStack(base, []), { cacheDir });
      const again = await start();
      again.live.stop();
      const card = again.live.bot.answerFor('load-balancer', 'full');
      expect(card.kind === 'term' && card.term.sections.filter((x) => x.heading === 'Pitfalls')).toHaveLength(1);
    } finally {
      running.stop();
      await writeFile(lb, good);
    }
  });

  it('a corrupt snapshot is ignored: the start assembles from the parse cache and writes the snapshot again', async () => {
    await start().then(({ live }) => live.stop());
    const snap = await snapshotFile();
    await writeFile(snap, '{"format":1}\nbroken');
    const broken = await start();
    broken.live.stop();
    expect(broken).toMatchObject({ parsed: 0, snapshot: false });
    expect(broken.live.bot.explain('dns')).toMatchObject({ kind: 'term', term: { slug: 'dns' } });
    const again = await start();
    again.live.stop();
    expect(again).toMatchObject({ parsed: 0, snapshot: true });
  });

  it('TERMBOT_CACHE_DIR unwritable: the bot still starts, parsing every time', async () => {
    const locked = path.join(root, 'locked');
    await writeFile(locked, 'a file, not a folder');
    const { logger, loaded } = quiet();
    const live = await LiveKnowledge.start({ layers: knowledgeStack(base, []), logger, watch: false, cacheDir: path.join(locked, 'sub') });
    live.stop();
    expect(loaded[0]?.parsed).toBe(3);
  });

  it('line numbers of a stored parse are the file’s own (a problem found after a restart points at the right line)', async () => {
    const layers = knowledgeStack(base, []);
    const fresh: ParseCache = new Map();
    await loadStack(layers, undefined, { cache: fresh });
    const file = path.join(root, 'lines.bin');
    await writeParseCache(file, fresh);
    const stored = await readParseCache(file, layers);
    expect([...stored.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [id, { parsed }] of fresh) {
      const back = stored.get(id)!.parsed;
      if (parsed.kind === 'invalid' || back.kind === 'invalid') throw new Error(`${id} did not parse`);
      expect(back.entry).toEqual(parsed.entry);
      for (const at of [['title'], ['summary'], ['related', 0], ['related', 1]] as (string | number)[][])
        expect(back.lineOf(at), `${id} ${at.join('.')}`).toBe(parsed.lineOf(at));
    }
  });
});

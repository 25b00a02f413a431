import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { LiveKnowledge } from '../../src/app/live-knowledge.js';
import { loadStack, type ParseCache } from '../../src/core/knowledge/layers.js';
import { parseCachePath, readParseCache, writeParseCache } from '../../src/core/knowledge/parse-cache-file.js';
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

async function start(): Promise<{ live: LiveKnowledge; parsed: unknown }> {
  const { loaded, logger } = quiet();
  const live = await LiveKnowledge.start({ layers: knowledgeStack(base, []), logger, watch: false, cacheDir });
  return { live, parsed: loaded[0]?.parsed };
}

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
    expect(first.parsed).toBe(3);
    const second = await start();
    second.live.stop();
    expect(second.parsed).toBe(0);
    expect(second.live.bot.explain('content delivery network')).toMatchObject({ kind: 'term', term: { slug: 'cdn' } });

    const cdn = path.join(base, 'networking', 'cdn.md');
    await writeFile(
      cdn,
      (await readFile(cdn, 'utf8')).replace(/^summary: .*$/m, 'summary: A CDN card edited after the cache was written.'),
    );
    const third = await start();
    third.live.stop();
    expect(third.parsed).toBe(1);
    expect(third.live.bot.explain('cdn')).toMatchObject({ term: { summary: 'A CDN card edited after the cache was written.' } });
  });

  it('a corrupt cache file is ignored (everything parsed) and written again', async () => {
    const file = parseCachePath(cacheDir, knowledgeStack(base, []));
    await writeFile(file, 'not a cache at all');
    const { live, parsed } = await start();
    live.stop();
    expect(parsed).toBe(3);
    expect((await readFile(file)).toString()).not.toBe('not a cache at all');
    const again = await start();
    again.live.stop();
    expect(again.parsed).toBe(0);
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

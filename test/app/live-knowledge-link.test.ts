import { copyFile, mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { LiveKnowledge } from '../../src/app/live-knowledge.js';
import { knowledgeStack } from '../../src/core/knowledge/stack.js';

/**
 * A release deployed by moving a symbolic link: KNOWLEDGE_DIR -> releases/a, then -> releases/b. No
 * file event happens in the folder being watched; the running bot must still notice and serve b.
 */
let root: string;

async function release(name: string, cdnSummary: string): Promise<string> {
  const dir = path.join(root, 'releases', name);
  await mkdir(path.join(dir, 'networking'), { recursive: true });
  for (const slug of ['dns', 'cdn', 'load-balancer'])
    await copyFile(path.join(BUNDLED_KNOWLEDGE_DIR, 'networking', `${slug}.md`), path.join(dir, 'networking', `${slug}.md`));
  const cdn = path.join(dir, 'networking', 'cdn.md');
  await writeFile(cdn, (await readFile(cdn, 'utf8')).replace(/^summary: .*$/m, `summary: ${cdnSummary}`));
  return dir;
}

/** Moves the link atomically, as `ln -sfn` plus a rename does in a deploy script. */
async function pointAt(link: string, target: string): Promise<void> {
  const tmp = `${link}.next`;
  await symlink(target, tmp);
  await rename(tmp, link);
}

/** Watching, with short timings so the test is quick (the defaults are in RELOAD_TIMING). */
function startLive(link: string): Promise<LiveKnowledge> {
  const quiet = () => {};
  return LiveKnowledge.start({
    layers: knowledgeStack(link, []),
    logger: { info: quiet, warn: quiet, error: quiet },
    debounceMs: 20,
    linkCheckMs: 50,
  });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'termbot-link-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('live knowledge behind a symbolic link', () => {
  it('a moved link is noticed without any file event or SIGHUP, and the new release is served', async () => {
    const a = await release('a', 'Release A of the CDN card.');
    const b = await release('b', 'Release B of the CDN card.');
    const link = path.join(root, 'current');
    await symlink(a, link);
    const live = await startLive(link);
    try {
      expect(live.bot.explain('cdn')).toMatchObject({ term: { summary: 'Release A of the CDN card.' } });
      await pointAt(link, b);
      const end = Date.now() + 20_000;
      while (Date.now() < end && live.stats.reloads === 0) await new Promise((r) => setTimeout(r, 20));
      await live.settled();
      // The reload that the link check started has swapped the version in.
      while (
        Date.now() < end &&
        live.bot.explain('cdn').kind === 'term' &&
        (live.bot.explain('cdn') as { term: { summary: string } }).term.summary.startsWith('Release A')
      )
        await new Promise((r) => setTimeout(r, 20));
      expect(live.bot.explain('cdn')).toMatchObject({ term: { summary: 'Release B of the CDN card.' } });
    } finally {
      live.stop();
    }
  });

  it('a link moved to a release that is not complete yet: the failed reload watches it there, and completing it reloads', async () => {
    const a = await release('a2', 'Release A of the CDN card.');
    const link = path.join(root, 'current2');
    await symlink(a, link);
    const live = await startLive(link);
    try {
      const empty = path.join(root, 'releases', 'c');
      await mkdir(empty, { recursive: true });
      await pointAt(link, empty);
      const end = Date.now() + 20_000;
      while (Date.now() < end && live.stats.reloads === 0) await new Promise((r) => setTimeout(r, 20));
      await live.settled();
      // Nothing usable there: the previous release is still served.
      expect(live.bot.explain('cdn')).toMatchObject({ term: { summary: 'Release A of the CDN card.' } });
      // The deploy finishes copying: the files written into the new folder reload it.
      const done = await release('c', 'Release C of the CDN card.');
      expect(done).toBe(empty);
      const summary = (): string | undefined => {
        const a = live.bot.explain('cdn');
        return a.kind === 'term' ? a.term.summary : undefined;
      };
      while (Date.now() < end && summary() !== 'Release C of the CDN card.') await new Promise((r) => setTimeout(r, 20));
      expect(summary()).toBe('Release C of the CDN card.');
    } finally {
      live.stop();
    }
  });
});

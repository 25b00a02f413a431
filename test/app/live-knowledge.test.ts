import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { LiveKnowledge } from '../../src/app/live-knowledge.js';
import { knowledgeStack } from '../../src/core/knowledge/stack.js';
import { FakeDiscord } from '../support/fakes/discord/fake-discord.js';
import { tempTeamDir, teamTermSource, writeTeamTerm } from '../support/team-knowledge.js';
import { BotProcess } from './bot-process.js';

interface Line {
  level: 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg?: string;
}

function memoryLogger(): { lines: Line[]; logger: ConstructorParameters<typeof Object>[0] } {
  const lines: Line[] = [];
  const at = (level: Line['level']) => (obj: object, msg?: string) => void lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } };
}

/** Polls (bounded) until `pred` holds; the watcher reacts to real file events. */
async function until(pred: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (pred()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// The suite's parse cache (test/support/global-setup.ts): after the first start, the bundled cards are not parsed again.
const CACHE_DIR = process.env.TERMBOT_CACHE_DIR ?? null;
let team: string;
let live: LiveKnowledge | null = null;
const log = memoryLogger();

beforeAll(async () => {
  team = await tempTeamDir();
  await writeTeamTerm(team, { slug: 'ledger-service', title: 'Ledger Service', aliases: ['ledgersvc'] });
});
afterEach(() => {
  live?.stop();
  live = null;
});
afterAll(async () => {
  await rm(team, { recursive: true, force: true });
});

// Loading the whole bundled knowledge takes seconds on a busy 2-core machine.
describe('live reload', { timeout: 90_000 }, () => {
  it('add, edit and break team files while answering: every answer comes from one complete version', async () => {
    live = await LiveKnowledge.start({
      layers: knowledgeStack(BUNDLED_KNOWLEDGE_DIR, [team], BUNDLED_KNOWLEDGE_DIR),
      cacheDir: CACHE_DIR,
      logger: log.logger as never,
      debounceMs: 50,
    });
    const l = live;
    expect(l.bot.explain('ledgersvc')).toMatchObject({ kind: 'term', term: { title: 'Ledger Service' } });
    expect(l.bot.explain('settlement batch').kind).toBe('none');

    // Answer continuously in the background: a bundled term and the team term must always be whole.
    let answering = true;
    let answers = 0;
    const bad: string[] = [];
    const loop = (async () => {
      while (answering) {
        const bot = l.bot;
        const dns = bot.explain('dns');
        const team1 = bot.explain('ledgersvc');
        if (dns.kind !== 'term' || team1.kind !== 'term') bad.push(`${dns.kind}/${team1.kind}`);
        answers++;
        await new Promise((r) => setImmediate(r));
      }
    })();

    // Add a term: answered without a restart.
    await writeTeamTerm(team, { slug: 'settlement-batch', title: 'Settlement Batch' });
    await until(() => l.bot.explain('settlement batch').kind === 'term', 'the added term');

    // Edit a term: the new title is served.
    const file = path.join(team, 'payments', 'ledger-service.md');
    await writeFile(file, teamTermSource({ slug: 'ledger-service', title: 'Ledger Service (edited)', aliases: ['ledgersvc'] }));
    await until(
      () => l.bot.answerFor('ledger-service').kind === 'term' && /edited/.test(JSON.stringify(l.bot.answerFor('ledger-service'))),
      'the edit',
    );

    // Break it: the last good version stays, and the problem is logged.
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: Ledger Service (edited)', 'title: [unclosed'));
    await until(() => log.lines.some((x) => x.msg === 'knowledge file no longer lints; serving its last good version'), 'the warning');
    const warn = log.lines.find((x) => x.msg === 'knowledge file no longer lints; serving its last good version')!;
    expect(warn.obj.file).toBe('team:payments/ledger-service.md');
    expect(l.bot.explain('ledgersvc')).toMatchObject({ kind: 'term', term: { title: 'Ledger Service (edited)' } });

    // Fixed again: the fixed version is served.
    await writeFile(file, teamTermSource({ slug: 'ledger-service', title: 'Ledger Service (fixed)', aliases: ['ledgersvc'] }));
    await until(() => /fixed/.test(JSON.stringify(l.bot.answerFor('ledger-service'))), 'the fix');

    answering = false;
    await loop;
    expect(answers).toBeGreaterThan(10);
    expect(bad).toEqual([]);
  });

  it('a new team file that does not lint is skipped with its problems logged; the rest is served', async () => {
    live = await LiveKnowledge.start({
      layers: knowledgeStack(BUNDLED_KNOWLEDGE_DIR, [team], BUNDLED_KNOWLEDGE_DIR),
      cacheDir: CACHE_DIR,
      logger: log.logger as never,
      watch: false,
    });
    await writeFile(path.join(team, 'payments', 'half-written.md'), '---\ntitle: Half\n---\n');
    const outcome = await live.reload('test');
    expect(outcome.ok).toBe(true);
    expect(log.lines.some((x) => x.msg === 'knowledge file skipped' && x.obj.file === 'team:payments/half-written.md')).toBe(true);
    expect(live.bot.explain('ledgersvc').kind).toBe('term');
    await rm(path.join(team, 'payments', 'half-written.md'));
  });

  it('a storm of hundreds of file events is coalesced into a few reloads', async () => {
    live = await LiveKnowledge.start({
      layers: knowledgeStack(BUNDLED_KNOWLEDGE_DIR, [team], BUNDLED_KNOWLEDGE_DIR),
      cacheDir: CACHE_DIR,
      logger: log.logger as never,
      debounceMs: 100,
      maxWaitMs: 60_000,
    });
    const l = live;
    const file = path.join(team, 'payments', 'ledger-service.md');
    for (let i = 0; i < 300; i++) await utimes(file, new Date(), new Date(Date.now() - i * 1000));
    await until(() => l.stats.events >= 100 && l.stats.reloads >= 1, 'events and a reload');
    await new Promise((r) => setTimeout(r, 400));
    expect(l.stats.events).toBeGreaterThanOrEqual(100);
    expect(l.stats.reloads).toBeLessThanOrEqual(2);
  });

  it('reload() calls while one runs share a single further run', async () => {
    live = await LiveKnowledge.start({
      layers: knowledgeStack(BUNDLED_KNOWLEDGE_DIR, [team], BUNDLED_KNOWLEDGE_DIR),
      cacheDir: CACHE_DIR,
      logger: log.logger as never,
      watch: false,
    });
    const before = live.stats.reloads;
    await Promise.all(Array.from({ length: 20 }, (_, i) => live!.reload(`call ${i}`)));
    expect(live.stats.reloads - before).toBe(2);
  });
});

describe('SIGHUP reloads a running bot', { timeout: 90_000 }, () => {
  let discord: FakeDiscord;
  let bot: BotProcess | null = null;
  beforeAll(async () => {
    discord = new FakeDiscord();
    await discord.start();
  });
  afterAll(async () => {
    await bot?.dispose();
    await discord.stop();
  });

  it('the process survives SIGHUP and serves the folder as it is now', async () => {
    const dir = await tempTeamDir();
    const data = await tempTeamDir('termbot-hup-data-');
    try {
      await writeTeamTerm(dir, { slug: 'ledger-service', title: 'Ledger Service' });
      bot = new BotProcess(
        { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, TEAM_KNOWLEDGE_DIR: dir, DATA_DIR: data },
        data,
      );
      const loaded = await bot.waitForLog((l) => l.msg === 'knowledge loaded' && Array.isArray(l.layers), 60_000);
      await bot.waitForLog((l) => l.msg === 'termbot is running', 60_000);
      const terms = loaded.terms as number;
      await writeTeamTerm(dir, { slug: 'settlement-batch', title: 'Settlement Batch' });
      bot.kill('SIGHUP');
      const hup = await bot.waitForLog((l) => l.msg === 'knowledge reloaded' && l.reason === 'SIGHUP', 60_000);
      expect(hup.terms).toBe(terms + 1);
      expect(bot.child.exitCode).toBeNull();
      expect(bot.plain).toEqual([]);
    } finally {
      await bot?.dispose();
      await rm(dir, { recursive: true, force: true });
      await rm(data, { recursive: true, force: true });
    }
  });
});

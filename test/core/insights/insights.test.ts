import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/app/config.js';
import { openInsights } from '../../../src/app/insights-runtime.js';
import type { Answer } from '../../../src/core/answer/types.js';
import { normalizeQuestion, voterHash } from '../../../src/core/insights/normalize.js';
import { createInsights } from '../../../src/core/insights/service.js';
import { createTermbot } from '../../../src/core/termbot.js';
import { createLogger } from '../../../src/logger.js';
import { SqliteInsightsStore } from '../../../src/store/sqlite-insights-store.js';
import { SqliteTotdStore } from '../../../src/store/sqlite-totd-store.js';
import { sampleKb } from '../../support/kb.js';
import { tempDir } from '../../store/helpers.js';

const tmp = tempDir('termbot-insights-svc-');
afterAll(() => tmp.cleanup());
const quiet = { warn: () => undefined, info: () => undefined };
const bot = createTermbot(sampleKb());

describe('insights policy', () => {
  it('keeps normalised text only: no filler, no e-mail, link, mention or long number', () => {
    expect(normalizeQuestion("What's  KUBEFLOW pls??")).toBe(normalizeQuestion('kubeflow'));
    const t = normalizeQuestion('ask bob.smith@corp.example about https://wiki.corp/x?token=abc <@U123> ticket 4815162342 zorblax');
    expect(t).not.toMatch(/bob|smith|corp|token|U123|4815162342/i);
    expect(t).toMatch(/zorblax/);
    expect(normalizeQuestion('x'.repeat(500)).length).toBeLessThanOrEqual(200);
  });

  it('a voter is a one-way hash, unrelated across answers', () => {
    const a = voterHash('answer1', 'slack', 'U123');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toContain('U123');
    expect(voterHash('answer2', 'slack', 'U123')).not.toBe(a);
  });

  it('records misses and low-confidence guesses from questions, never from buttons; answers get an id', async () => {
    const store = SqliteInsightsStore.on(new SqliteTotdStore(':memory:').db);
    const insights = createInsights({ store, retentionDays: 90, logger: quiet, newId: () => 'abcdefgh1234' });
    const none = bot.explain('zorblax');
    expect(await insights.answered(none, { text: 'zorblax', platform: 'slack', source: 'question' })).toBeNull();
    expect(await insights.answered(none, { text: 'zorblax', platform: 'slack', source: 'button' })).toBeNull();
    const low = { ...bot.explain('dns'), score: 0.55 } as Answer;
    expect(await insights.answered(low, { text: 'dns thing', platform: 'discord', source: 'question' })).toBe('abcdefgh1234');
    expect(await insights.answered(bot.explain(''), { text: '', platform: 'discord', source: 'question' })).toBeNull();
    const q = await store.questions(new Date(0));
    expect(q.map((r) => [r.text, r.platform, r.outcome, r.count])).toEqual([
      [normalizeQuestion('dns thing'), 'discord', 'low-confidence', 1],
      ['zorblax', 'slack', 'miss', 1],
    ]);
  });

  it('retention: records older than INSIGHTS_RETENTION_DAYS are deleted, newer ones kept', async () => {
    let now = new Date('2026-01-01T12:00:00Z');
    const store = SqliteInsightsStore.on(new SqliteTotdStore(':memory:').db);
    const insights = createInsights({ store, retentionDays: 90, logger: quiet, now: () => now });
    await insights.answered(bot.explain('zorblax'), { text: 'zorblax', platform: 'slack', source: 'question' });
    const id = await insights.answered(bot.explain('dns'), { text: 'dns', platform: 'slack', source: 'question' });
    await insights.vote({ answerId: id!, user: 'U1', platform: 'slack', helpful: true });
    now = new Date('2026-03-31T12:00:00Z'); // 89 days later
    expect(await insights.purge()).toEqual({ questions: 0, answers: 0 });
    now = new Date('2026-04-02T12:00:00Z'); // 91 days later
    expect(await insights.purge()).toEqual({ questions: 1, answers: 1 });
    expect(await store.votes(new Date(0))).toEqual([]);
    expect(await insights.vote({ answerId: id!, user: 'U1', platform: 'slack', helpful: true })).toBe('unknown-answer');
  });

  it('INSIGHTS=off records nothing: no store is opened, no database file is created', async () => {
    const dataDir = path.join(tmp.dir, 'off');
    const config = parseConfig({ INSIGHTS: 'OFF', DATA_DIR: dataDir }, tmp.dir);
    expect(config.INSIGHTS).toBe(false);
    expect(await openInsights(config, createLogger('silent'))).toBeNull();
    expect(existsSync(dataDir)).toBe(false);
    expect(() => parseConfig({ INSIGHTS: 'maybe' }, tmp.dir)).toThrow(/INSIGHTS: must be on or off/);
    expect(() => parseConfig({ INSIGHTS_RETENTION_DAYS: '0' }, tmp.dir)).toThrow(/INSIGHTS_RETENTION_DAYS: must be at least 1 day/);
    expect(parseConfig({}, tmp.dir).INSIGHTS_RETENTION_DAYS).toBe(90);
  });

  it('on: the store in DATA_DIR, purged at start; closes cleanly', async () => {
    const dataDir = path.join(tmp.dir, 'on');
    const rt = await openInsights(parseConfig({ DATA_DIR: dataDir }, tmp.dir), createLogger('silent'));
    expect(rt).not.toBeNull();
    await rt!.close();
    expect(SqliteInsightsStore.openForReport(dataDir)).not.toBeNull();
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { todaysTerm, type SlackEventDeps } from '../../../src/adapters/slack/events.js';
import { parseConfig } from '../../../src/app/config.js';
import type { Termbot } from '../../../src/core/termbot.js';
import { FakeTotd } from '../../support/fake-totd.js';
import { loadBot, memoryLogger } from './helpers.js';

let bot: Termbot;
beforeAll(async () => {
  bot = await loadBot();
});

const termForDate = (b: Termbot, date: string) => b.todaysDefault(date);

function deps(at: string, opts: { totd?: FakeTotd; channels?: string; tz?: string } = {}): Pick<SlackEventDeps, 'ctx' | 'clock' | 'log'> {
  const config = parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-t',
    SLACK_SIGNING_SECRET: 's',
    TOTD_SLACK_CHANNELS: opts.channels ?? '',
    TOTD_TZ: opts.tz ?? 'UTC',
  });
  const clock = () => Date.parse(at);
  const { logger } = memoryLogger();
  return { ctx: { config, logger, bot, ...(opts.totd ? { totd: opts.totd } : {}) }, log: logger, clock };
}

describe("App Home's term of the day", () => {
  it('without the service: a stable pick per local date, different across days', async () => {
    const a = await todaysTerm(deps('2026-11-30T08:00:00Z'));
    const b = await todaysTerm(deps('2026-11-30T22:00:00Z'));
    expect(a).toEqual(b);
    expect(a).toEqual(termForDate(bot, '2026-11-30'));
    const days = await Promise.all(['01', '02', '03', '04', '05', '06', '07'].map((d) => todaysTerm(deps(`2026-12-${d}T12:00:00Z`))));
    expect(new Set(days.map((t) => t?.slug)).size).toBeGreaterThan(1);
  });

  it('uses TOTD_TZ for the date', async () => {
    // 23:30 UTC on the 30th is already the 1st in Berlin.
    expect(await todaysTerm(deps('2026-11-30T23:30:00Z', { tz: 'Europe/Berlin' }))).toEqual(termForDate(bot, '2026-12-01'));
  });

  it('with the service: the term it posted today in the first configured channel', async () => {
    const totd = new FakeTotd();
    const status = await totd.subscribe('slack', 'C0DAILY', { timeZone: 'UTC' }, 'U1');
    status.lastPost = { slug: 'dns', date: '2026-11-30', messageId: '1.2' };
    const today = await todaysTerm(deps('2026-11-30T12:00:00Z', { totd, channels: 'C0DAILY' }));
    expect(today?.slug).toBe('dns');
    // Yesterday's post is not today's term: fall back to the pick by date.
    expect(await todaysTerm(deps('2026-12-01T12:00:00Z', { totd, channels: 'C0DAILY' }))).toEqual(termForDate(bot, '2026-12-01'));
  });
});

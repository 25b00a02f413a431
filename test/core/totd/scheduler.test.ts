import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock, FakePoster, FakeTerms } from './helpers/fakes.js';
import { harness } from './helpers/setup.js';
import { tempDir } from '../../store/helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const dbFile = () => path.join(tmp.dir, `s-${++n}.db`);
const daily = [0, 1, 2, 3, 4, 5, 6];

describe('TotdScheduler: when and what', () => {
  it('posts at the scheduled time, once per channel per local day, with the card and slot key', async () => {
    // Monday 2026-11-30, 08:00 UTC.
    const h = harness({ start: '2026-11-30T08:00:00Z' });
    await h.service.subscribe('discord', '111', { thread: true }, 'alice');
    await h.service.subscribe('slack', 'C1', { time: '10:00', timeZone: 'Europe/Berlin', weekdays: daily }, 'bob');
    await h.scheduler.start();
    expect(h.discord.posts).toHaveLength(0);
    expect(h.scheduler.nextWake()?.toISOString()).toBe('2026-11-30T09:00:00.000Z');

    await h.advanceTo('2026-11-30T08:59:59Z');
    expect(h.discord.posts.length + h.slack.posts.length).toBe(0);
    await h.advanceTo('2026-11-30T09:00:00Z');
    expect(h.discord.posts).toHaveLength(1);
    expect(h.slack.posts).toHaveLength(1);
    const post = h.discord.posts[0]!;
    expect(post).toMatchObject({
      platform: 'discord',
      channelId: '111',
      slotKey: 'discord:111:2026-11-30',
      date: '2026-11-30',
      thread: true,
    });
    expect(post.answer.kind).toBe('term');
    expect(post.answer.term.summary).toBe(`About ${post.answer.term.slug}`);
    expect(h.slack.posts[0]).toMatchObject({ slotKey: 'slack:C1:2026-11-30', thread: false });

    // More passes the same day change nothing.
    for (let i = 0; i < 3; i++) await h.scheduler.runDue();
    await h.advanceTo('2026-11-30T23:00:00Z');
    expect(h.discord.posts).toHaveLength(1);
    expect(h.slack.posts).toHaveLength(1);

    // Saturday and Sunday: only the daily Slack channel.
    await h.advanceTo('2026-12-06T23:00:00Z');
    expect(h.discord.posts.map((p) => p.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(h.slack.posts).toHaveLength(7);
    const status = await h.service.status('discord', '111');
    expect(status).toMatchObject({ lastPost: { date: '2026-12-04', messageId: 'm5' }, remainingInCycle: 0, broken: null });
    expect(status?.nextRunAt?.toISOString()).toBe('2026-12-07T09:00:00.000Z');
    await h.close();
  });

  it('never repeats a term before every term was posted, across restarts (reopened database file)', async () => {
    const file = dbFile();
    const clock = new FakeClock('2026-11-30T08:00:00Z');
    const terms = new FakeTerms(6);
    const poster = new FakePoster('discord');
    const setup = harness({ start: '', file, clock, terms, discord: poster });
    await setup.service.subscribe('discord', '111', { weekdays: daily }, 'alice');
    await setup.close();

    // Every day is a new process: a new connection, a new scheduler, a new owner.
    for (let day = 0; day < 13; day++) {
      clock.set(new Date(Date.parse('2026-11-30T09:00:30Z') + day * 86_400_000));
      const h = harness({ start: '', file, clock, terms, discord: poster, owner: `host:1:${day}` });
      await h.scheduler.start();
      await h.close();
    }
    const slugs = poster.posts.map((p) => p.answer.term.slug);
    expect(slugs).toHaveLength(13);
    expect(new Set(slugs.slice(0, 6)).size).toBe(6);
    expect(new Set(slugs.slice(6, 12)).size).toBe(6);
    for (let i = 1; i < slugs.length; i++) expect(slugs[i]).not.toBe(slugs[i - 1]);
  });

  it('skips removed terms and posts new ones within the cycle', async () => {
    const h = harness({ start: '2026-11-30T08:00:00Z', terms: new FakeTerms(5) });
    await h.service.subscribe('discord', '111', { weekdays: daily }, 'alice');
    await h.scheduler.start();
    await h.advanceTo('2026-12-01T12:00:00Z');
    const posted = h.discord.posts.map((p) => p.answer.term.slug);
    expect(posted).toHaveLength(2);
    const unposted = h.terms.terms.map((t) => t.slug).filter((s) => !posted.includes(s));
    h.terms.terms = h.terms.terms.filter((t) => t.slug !== unposted[0]);
    h.terms.terms.push({ slug: 'brand-new', category: 'compute' });
    expect((await h.service.status('discord', '111'))?.remainingInCycle).toBe(3);
    await h.advanceTo('2026-12-04T12:00:00Z');
    const cycle = h.discord.posts.map((p) => p.answer.term.slug);
    expect(cycle).toHaveLength(5);
    expect(new Set(cycle).size).toBe(5);
    expect(cycle).not.toContain(unposted[0]);
    expect(cycle).toContain('brand-new');
    await h.close();
  });

  it('follows a category filter', async () => {
    const terms = new FakeTerms(4);
    terms.terms.push({ slug: 'tls', category: 'security' }, { slug: 'waf', category: 'security' });
    const h = harness({ start: '2026-11-30T08:00:00Z', terms });
    await h.service.subscribe('discord', '111', { weekdays: daily, category: 'security' }, 'alice');
    await h.scheduler.start();
    await h.advanceTo('2026-12-03T12:00:00Z');
    expect(h.discord.posts.map((p) => p.answer.term.slug).sort()).toEqual(['tls', 'tls', 'waf', 'waf']);
    await h.close();
  });

  describe('daylight saving: one post per local day, at the local time', () => {
    const cases = [
      { zone: 'Europe/Berlin', time: '09:00', from: '2026-03-26T12:00:00Z', to: '2026-04-02T12:00:00Z' },
      { zone: 'Europe/Berlin', time: '02:30', from: '2026-03-26T12:00:00Z', to: '2026-04-02T12:00:00Z' },
      { zone: 'Europe/Berlin', time: '02:30', from: '2026-10-22T12:00:00Z', to: '2026-10-29T12:00:00Z' },
      { zone: 'America/New_York', time: '02:30', from: '2026-03-05T12:00:00Z', to: '2026-03-12T12:00:00Z' },
      { zone: 'America/New_York', time: '01:30', from: '2026-10-29T12:00:00Z', to: '2026-11-05T12:00:00Z' },
      { zone: 'America/New_York', time: '09:00', from: '2026-10-29T12:00:00Z', to: '2026-11-05T12:00:00Z' },
    ];
    for (const c of cases) {
      it(`${c.zone} at ${c.time} around ${c.from.slice(0, 7)}`, async () => {
        const h = harness({ start: c.from, terms: new FakeTerms(10) });
        await h.service.subscribe('slack', 'C1', { time: c.time, timeZone: c.zone, weekdays: daily }, 'alice');
        await h.scheduler.start();
        await h.advanceTo(c.to);
        const dates = h.slack.posts.map((p) => p.date);
        expect(dates).toHaveLength(7);
        expect(new Set(dates).size).toBe(7);
        // Consecutive local days, none skipped.
        for (let i = 1; i < dates.length; i++) expect(Date.parse(dates[i]!) - Date.parse(dates[i - 1]!)).toBe(86_400_000);
        await h.close();
      });
    }
  });

  it('does not owe a post for a time that passed before the channel subscribed', async () => {
    const h = harness({ start: '2026-11-30T10:00:00Z' });
    await h.service.subscribe('discord', '111', {}, 'alice');
    await h.scheduler.start();
    await h.advanceTo('2026-11-30T23:59:00Z');
    expect(h.discord.posts).toHaveLength(0);
    await h.advanceTo('2026-12-01T09:00:00Z');
    expect(h.discord.posts.map((p) => p.date)).toEqual(['2026-12-01']);
    await h.close();
  });

  it('re-plans when a chat subscribe changes the schedule, and stops cleanly', async () => {
    const h = harness({ start: '2026-11-30T08:00:00Z' });
    await h.scheduler.start();
    expect(h.scheduler.nextWake()?.toISOString()).toBe('2026-11-30T09:00:00.000Z'); // maxSleep with nothing subscribed
    await h.service.subscribe('discord', '111', { time: '08:30' }, 'alice');
    await h.scheduler.idle();
    expect(h.scheduler.nextWake()?.toISOString()).toBe('2026-11-30T08:30:00.000Z');
    await h.service.unsubscribe('discord', '111', 'alice');
    await h.scheduler.stop();
    expect(h.clock.pendingTimers()).toEqual([]);
    await h.advanceTo('2026-12-02T12:00:00Z');
    expect(h.discord.posts).toHaveLength(0);
    await h.close();
  });
});

describe('TotdScheduler: slots missed while the bot was down', () => {
  it('posts a missed slot at startup when it is still the same local day', async () => {
    const file = dbFile();
    const first = harness({ start: '2026-11-30T07:00:00Z', file });
    await first.service.subscribe('discord', '111', {}, 'alice');
    await first.close();
    const h = harness({ start: '2026-11-30T15:00:00Z', file });
    await h.scheduler.start();
    expect(h.discord.posts.map((p) => p.date)).toEqual(['2026-11-30']);
    await h.close();
  });

  it('skips and logs a slot whose local day is over, then posts the next day as usual', async () => {
    const file = dbFile();
    const first = harness({ start: '2026-11-30T07:00:00Z', file });
    await first.service.subscribe('discord', '111', {}, 'alice');
    await first.close();
    const h = harness({ start: '2026-12-01T08:00:00Z', file });
    await h.scheduler.start();
    expect(h.discord.posts).toHaveLength(0);
    expect(h.logger.has('warn', 'missed while the bot was down')).toBe(true);
    expect(await h.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'missed' });
    await h.advanceTo('2026-12-01T09:00:00Z');
    expect(h.discord.posts.map((p) => p.date)).toEqual(['2026-12-01']);
    expect(h.logger.lines.filter((l) => l.msg.includes('missed while the bot was down'))).toHaveLength(1);
    await h.close();
  });

  it('judges "the same day" in the channel\'s zone, not UTC', async () => {
    const file = dbFile();
    const first = harness({ start: '2026-11-29T12:00:00Z', file });
    // 09:00 in Tokyo is 00:00 UTC; Tokyo's Monday ends at 15:00 UTC.
    await first.service.subscribe('slack', 'TOKYO', { timeZone: 'Asia/Tokyo', weekdays: daily }, 'a');
    await first.service.subscribe('slack', 'LA', { timeZone: 'America/Los_Angeles', time: '06:00', weekdays: daily }, 'a');
    await first.close();
    // 2026-11-30T15:30Z: Tuesday 00:30 in Tokyo (Monday's slot is over), Monday 07:30 in Los Angeles (still Monday).
    const h = harness({ start: '2026-11-30T15:30:00Z', file });
    await h.scheduler.start();
    expect(h.slack.posts.map((p) => `${p.channelId} ${p.date}`)).toEqual(['LA 2026-11-30']);
    expect(await h.store.getSlot('slack:TOKYO:2026-11-30')).toMatchObject({ status: 'missed' });
    await h.close();
  });
});

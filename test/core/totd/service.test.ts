import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import { FakeTerms } from './helpers/fakes.js';
import { harness } from './helpers/setup.js';

describe('DefaultTotdService', () => {
  it('subscribes with the defaults (Mon-Fri 09:00 in the default zone) and reports status', async () => {
    const h = harness({ start: '2026-11-28T12:00:00Z' }); // a Saturday
    const s = await h.service.subscribe('discord', '111', {}, 'alice');
    expect(s).toMatchObject({
      platform: 'discord',
      channelId: '111',
      time: '09:00',
      timeZone: 'UTC',
      weekdays: [1, 2, 3, 4, 5],
      category: null,
      thread: false,
      source: 'chat',
      lastPost: null,
      broken: null,
      remainingInCycle: 5,
    });
    expect(s.nextRunAt?.toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(await h.service.status('discord', 'nope')).toBeNull();
    await h.close();
  });

  it('changes only the settings given when re-subscribing', async () => {
    const h = harness({ start: '2026-11-28T12:00:00Z' });
    await h.service.subscribe('slack', 'C1', h.service.parseSettings('07:45 Europe/Berlin mon,wed thread'), 'alice');
    const s = await h.service.subscribe('slack', 'C1', { time: '08:00' }, 'bob');
    expect(s).toMatchObject({ time: '08:00', timeZone: 'Europe/Berlin', weekdays: [1, 3], thread: true });
    expect(s.nextRunAt?.toISOString()).toBe('2026-11-30T07:00:00.000Z');
    await h.close();
  });

  it('refuses bad settings and odd channel ids with a UserError', async () => {
    const terms = new FakeTerms(3);
    const h = harness({ start: '2026-11-28T12:00:00Z', terms });
    await expect(h.service.subscribe('discord', '111', { time: '25:00' }, 'a')).rejects.toBeInstanceOf(UserError);
    await expect(h.service.subscribe('discord', '111', { timeZone: 'Mars/Base' }, 'a')).rejects.toThrow(/IANA/);
    await expect(h.service.subscribe('discord', '111', { category: 'security' }, 'a')).rejects.toThrow(/no terms in that category/);
    await expect(h.service.subscribe('discord', '@everyone', {}, 'a')).rejects.toBeInstanceOf(UserError);
    await expect(h.service.subscribe('discord', 'x'.repeat(10_000), {}, 'a')).rejects.toBeInstanceOf(UserError);
    await expect(h.service.subscribe('irc' as never, '111', {}, 'a')).rejects.toBeInstanceOf(UserError);
    expect(() => h.service.parseSettings('09:00 Berlin')).toThrow(UserError);
    expect(() => h.service.parseSettings(undefined as never)).toThrow(UserError);
    expect(await h.service.list()).toEqual([]);
    await h.close();
  });

  it('unsubscribes', async () => {
    const h = harness({ start: '2026-11-28T12:00:00Z' });
    await h.service.subscribe('discord', '111', {}, 'alice');
    expect(await h.service.unsubscribe('discord', '111', 'alice')).toBe(true);
    expect(await h.service.unsubscribe('discord', '111', 'alice')).toBe(false);
    expect(await h.service.status('discord', '111')).toBeNull();
    await h.close();
  });

  it('skip advances the rotation: the skipped term is not posted this cycle', async () => {
    const h = harness({ start: '2026-11-28T12:00:00Z' });
    await expect(h.service.skip('discord', '111', 'alice')).rejects.toThrow(/Subscribe first/);
    await h.service.subscribe('discord', '111', { weekdays: [0, 1, 2, 3, 4, 5, 6] }, 'alice');
    const { skipped, next } = await h.service.skip('discord', '111', 'alice');
    expect(skipped).not.toBe(next);
    expect((await h.service.status('discord', '111'))?.remainingInCycle).toBe(4);
    await h.scheduler.start();
    await h.advanceTo('2026-11-29T09:00:00Z');
    expect(h.discord.posts.map((p) => p.answer.term.slug)).toEqual([next]);
    await h.advanceTo('2026-12-02T12:00:00Z');
    expect(h.discord.posts.map((p) => p.answer.term.slug)).not.toContain(skipped);
    expect(h.discord.posts).toHaveLength(4);
    await h.close();
  });

  it('syncs env subscriptions: adds, updates, removes stale ones, and leaves chat ones alone', async () => {
    const h = harness({ start: '2026-11-28T12:00:00Z' });
    await h.service.subscribe('slack', 'CHAT', { time: '11:00' }, 'alice');
    expect(
      await h.service.syncEnv({ discord: ['1', '2', '#general'], slack: ['CHAT'] }, { time: '08:15', timeZone: 'Europe/Berlin' }),
    ).toEqual({
      added: 2,
      updated: 0,
      removed: 0,
      keptChat: 1,
      invalid: ['discord:#general'],
    });
    expect(await h.service.status('discord', '1')).toMatchObject({
      source: 'env',
      time: '08:15',
      timeZone: 'Europe/Berlin',
      weekdays: [1, 2, 3, 4, 5],
    });
    expect(await h.service.status('slack', 'CHAT')).toMatchObject({ source: 'chat', time: '11:00' });
    await h.store.markBroken('discord', '2', 'Missing Access', h.clock.now());
    expect(await h.service.syncEnv({ discord: ['2'], slack: [] }, { time: '08:30', timeZone: 'Europe/Berlin' })).toEqual({
      added: 0,
      updated: 1,
      removed: 1,
      keptChat: 0,
      invalid: [],
    });
    // A restart retries a broken env channel.
    expect(await h.service.status('discord', '2')).toMatchObject({ time: '08:30', broken: null });
    expect(await h.service.status('discord', '1')).toBeNull();
    expect(await h.service.status('slack', 'CHAT')).not.toBeNull();
    await h.close();
  });
});

describe('env sync with several replicas', () => {
  it('a platform missing from the lists (a replica not running it) is left alone', async () => {
    const h = harness({ start: '2026-11-30T08:00:00Z' });
    await h.service.syncEnv({ discord: ['1'], slack: ['S1'] });
    // The Slack-only replica starts: Discord's env channel stays.
    expect(await h.service.syncEnv({ slack: ['S1'] })).toMatchObject({ removed: 0 });
    expect((await h.store.listSubscriptions()).map((s) => `${s.platform}:${s.channelId}`)).toEqual(['discord:1', 'slack:S1']);
    await h.close();
  });
});

import { UserError } from '../../src/core/errors.js';
import type { Platform, SubscriptionSettings, SubscriptionStatus, TotdService } from '../../src/core/totd/types.js';

/** One call to the service: the method name and its arguments, in order. */
export interface TotdCall {
  op: 'subscribe' | 'unsubscribe' | 'status' | 'skip' | 'parseSettings';
  args: unknown[];
}

export interface FakeTotdOptions {
  /** What `skip` answers for a subscribed channel (slugs). */
  skip?: { skipped: string; next: string };
}

const TIME = /^([01]?\d|2[0-3]):[0-5]\d$/;

/**
 * An in-memory TotdService for adapter tests (Discord and Slack): records every call in
 * `calls`, keeps subscriptions per platform and channel, and validates like the real service
 * (a bad time is a UserError from `subscribe`; `parseSettings` reads Slack's free text).
 */
export class FakeTotd implements TotdService {
  readonly calls: TotdCall[] = [];
  /** Subscriptions by `platform:channelId`; `subscribe` stores the status object it returns. */
  readonly subs = new Map<string, SubscriptionStatus>();
  private readonly skipResult: { skipped: string; next: string };

  constructor(opts: FakeTotdOptions = {}) {
    this.skipResult = opts.skip ?? { skipped: 'dns', next: 'load-balancer' };
  }

  /** Calls to one method, oldest first. */
  callsTo(op: TotdCall['op']): TotdCall[] {
    return this.calls.filter((c) => c.op === op);
  }

  parseSettings(text: string): Partial<SubscriptionSettings> {
    this.calls.push({ op: 'parseSettings', args: [text] });
    const out: Partial<SubscriptionSettings> = {};
    for (const word of text.split(/\s+/).filter(Boolean)) {
      if (/^\d{1,2}:\d{2}$/.test(word)) {
        if (!TIME.test(word)) throw new UserError(`"${word}" is not a time of day. Use HH:MM, e.g. 09:30.`);
        out.time = word;
      } else if (word.includes('/')) out.timeZone = word;
      else if (word === 'security') out.category = 'security';
      else throw new UserError(`I don't understand "${word}".`);
    }
    return out;
  }

  async subscribe(
    platform: Platform,
    channelId: string,
    settings: Partial<SubscriptionSettings>,
    actor: string,
  ): Promise<SubscriptionStatus> {
    this.calls.push({ op: 'subscribe', args: [platform, channelId, settings, actor] });
    if (settings.time !== undefined && !TIME.test(settings.time)) throw new UserError('The time must look like 09:30 (24h).');
    const status: SubscriptionStatus = {
      platform,
      channelId,
      time: settings.time ?? '09:00',
      timeZone: settings.timeZone ?? 'UTC',
      weekdays: settings.weekdays ?? [1, 2, 3, 4, 5],
      category: settings.category ?? null,
      thread: settings.thread ?? false,
      source: 'chat',
      nextRunAt: new Date('2030-01-07T09:00:00Z'),
      lastPost: null,
      broken: null,
      remainingInCycle: 42,
    };
    this.subs.set(`${platform}:${channelId}`, status);
    return status;
  }

  async unsubscribe(platform: Platform, channelId: string, actor: string): Promise<boolean> {
    this.calls.push({ op: 'unsubscribe', args: [platform, channelId, actor] });
    return this.subs.delete(`${platform}:${channelId}`);
  }

  async status(platform: Platform, channelId: string): Promise<SubscriptionStatus | null> {
    this.calls.push({ op: 'status', args: [platform, channelId] });
    return this.subs.get(`${platform}:${channelId}`) ?? null;
  }

  async skip(platform: Platform, channelId: string, actor: string): Promise<{ skipped: string; next: string }> {
    this.calls.push({ op: 'skip', args: [platform, channelId, actor] });
    if (!this.subs.has(`${platform}:${channelId}`)) throw new UserError('This channel has no term of the day to skip.');
    return { ...this.skipResult };
  }
}

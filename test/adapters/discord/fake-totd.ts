import { UserError } from '../../../src/core/errors.js';
import type { Platform, SubscriptionSettings, SubscriptionStatus, TotdService } from '../../../src/core/totd/types.js';

/** An in-memory TotdService for adapter tests: records calls, validates like the real one would. */
export class FakeTotd implements TotdService {
  readonly subs = new Map<string, SubscriptionStatus>();
  readonly actions: { action: string; channelId: string; actor?: string; settings?: Partial<SubscriptionSettings> }[] = [];

  async subscribe(platform: Platform, channelId: string, settings: Partial<SubscriptionSettings>, actor: string): Promise<SubscriptionStatus> {
    this.actions.push({ action: 'subscribe', channelId, actor, settings });
    if (settings.time !== undefined && !/^([01]?\d|2[0-3]):[0-5]\d$/.test(settings.time)) throw new UserError('The time must look like 09:30 (24h).');
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
    this.subs.set(channelId, status);
    return status;
  }

  async unsubscribe(_p: Platform, channelId: string, actor: string): Promise<boolean> {
    this.actions.push({ action: 'unsubscribe', channelId, actor });
    return this.subs.delete(channelId);
  }

  async status(_p: Platform, channelId: string): Promise<SubscriptionStatus | null> {
    this.actions.push({ action: 'status', channelId });
    return this.subs.get(channelId) ?? null;
  }

  async skip(_p: Platform, channelId: string, actor: string): Promise<{ skipped: string; next: string }> {
    this.actions.push({ action: 'skip', channelId, actor });
    if (!this.subs.has(channelId)) throw new UserError('This channel has no term of the day to skip.');
    return { skipped: 'load-balancer', next: 'cdn' };
  }

  parseSettings(): Partial<SubscriptionSettings> {
    return {};
  }
}

import { UserError } from '../../../src/core/errors.js';
import type { Platform, SubscriptionSettings, SubscriptionStatus, TotdService } from '../../../src/core/totd/types.js';

/** An in-memory TotdService with the contract's behaviour, recording every call. */
export class FakeTotd implements TotdService {
  readonly calls: { op: string; args: unknown[] }[] = [];
  private readonly subs = new Map<string, SubscriptionStatus>();

  parseSettings(text: string): Partial<SubscriptionSettings> {
    this.calls.push({ op: 'parseSettings', args: [text] });
    const out: Partial<SubscriptionSettings> = {};
    for (const word of text.split(/\s+/).filter(Boolean)) {
      if (/^\d{1,2}:\d{2}$/.test(word)) {
        const [h, m] = word.split(':').map(Number);
        if (h! > 23 || m! > 59) throw new UserError(`"${word}" is not a time of day. Use HH:MM, e.g. 09:30.`);
        out.time = word;
      } else if (word.includes('/')) out.timeZone = word;
      else if (word === 'security') out.category = 'security';
      else throw new UserError(`I don't understand "${word}".`);
    }
    return out;
  }

  async subscribe(platform: Platform, channelId: string, settings: Partial<SubscriptionSettings>, actor: string): Promise<SubscriptionStatus> {
    this.calls.push({ op: 'subscribe', args: [platform, channelId, settings, actor] });
    const status: SubscriptionStatus = {
      platform,
      channelId,
      time: settings.time ?? '09:00',
      timeZone: settings.timeZone ?? 'UTC',
      weekdays: settings.weekdays ?? [1, 2, 3, 4, 5],
      category: settings.category ?? null,
      thread: settings.thread ?? true,
      source: 'chat',
      nextRunAt: new Date('2026-11-30T09:00:00Z'),
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
    return { skipped: 'dns', next: 'load-balancer' };
  }
}

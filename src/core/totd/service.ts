import { UserError } from '../errors.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { eligibleSlugs, type TermSource } from './eligible.js';
import { pickNext, remainingInCycle, rotationSeed } from './rotation.js';
import { nextRunAfter } from './schedule.js';
import { DEFAULT_SETTINGS, parseSettingsText, resolveSettings } from './settings.js';
import type { SubscriptionRecord, TotdStore } from '../ports/totd-store.js';
import type { Platform, SubscriptionSettings, SubscriptionStatus, TotdService } from './types.js';

export interface TotdServiceOptions {
  store: TotdStore;
  bot: TermSource;
  /** Zone for subscriptions that name none (TOTD_TZ). */
  defaultTimeZone: string;
  /** Time for subscriptions that name none (TOTD_TIME). */
  defaultTime?: string;
  clock?: Clock;
  /** Called after a subscription changed, so the scheduler re-plans. */
  onChange?: () => void | Promise<void>;
  /**
   * The platforms the scheduler posts to in this process, or null while unknown (not started yet, or a
   * read-only view such as the CLI). A subscription on another platform shows no next run.
   */
  activePlatforms?: () => readonly Platform[] | null;
}

const PLATFORMS: readonly Platform[] = ['discord', 'slack'];

function checkChannel(platform: Platform, channelId: string): void {
  if (!PLATFORMS.includes(platform)) throw new UserError('Term of the day works on Discord and Slack channels.');
  if (typeof channelId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(channelId))
    throw new UserError('That is not a channel I can post in.');
}

/** The chat-facing term-of-the-day operations over a store; the scheduler does the posting. */
export class DefaultTotdService implements TotdService {
  private readonly store: TotdStore;
  private readonly bot: TermSource;
  private readonly clock: Clock;
  private readonly defaults: SubscriptionSettings;
  private readonly onChange: () => void | Promise<void>;
  private readonly activePlatforms: () => readonly Platform[] | null;

  constructor(opts: TotdServiceOptions) {
    this.store = opts.store;
    this.bot = opts.bot;
    this.clock = opts.clock ?? systemClock;
    this.defaults = { ...DEFAULT_SETTINGS, time: opts.defaultTime ?? DEFAULT_SETTINGS.time, timeZone: opts.defaultTimeZone };
    this.onChange = opts.onChange ?? (() => {});
    this.activePlatforms = opts.activePlatforms ?? (() => null);
  }

  get defaultSettings(): SubscriptionSettings {
    return { ...this.defaults, weekdays: [...this.defaults.weekdays] };
  }

  async subscribe(
    platform: Platform,
    channelId: string,
    settings: Partial<SubscriptionSettings>,
    actor: string,
  ): Promise<SubscriptionStatus> {
    checkChannel(platform, channelId);
    const existing = await this.store.getSubscription(platform, channelId);
    // Re-subscribing changes only what was given; a first subscription starts from the defaults.
    const resolved = resolveSettings(settings ?? {}, existing ?? this.defaults);
    if (eligibleSlugs(this.bot, resolved.category).length === 0) {
      throw new UserError('There are no terms in that category yet; pick another category or "all".');
    }
    await this.put({ platform, channelId, ...resolved, source: 'chat', updatedBy: actor });
    return (await this.status(platform, channelId))!;
  }

  /** Writes a subscription and lets the scheduler know. */
  async put(sub: Omit<SubscriptionRecord, 'createdAt' | 'broken' | 'updatedAt'>): Promise<SubscriptionRecord> {
    const saved = await this.store.putSubscription({ ...sub, updatedAt: this.clock.now() });
    await this.onChange();
    return saved;
  }

  async unsubscribe(platform: Platform, channelId: string, _actor: string): Promise<boolean> {
    checkChannel(platform, channelId);
    const removed = await this.store.deleteSubscription(platform, channelId);
    if (removed) await this.onChange();
    return removed;
  }

  async status(platform: Platform, channelId: string): Promise<SubscriptionStatus | null> {
    checkChannel(platform, channelId);
    const sub = await this.store.getSubscription(platform, channelId);
    return sub ? this.describe(sub) : null;
  }

  /** Every subscription with its status (CLI, admin). */
  async list(): Promise<SubscriptionStatus[]> {
    return Promise.all((await this.store.listSubscriptions()).map((s) => this.describe(s)));
  }

  async describe(sub: SubscriptionRecord): Promise<SubscriptionStatus> {
    const [last, rotation] = await Promise.all([
      this.store.lastPosted(sub.platform, sub.channelId),
      this.store.rotation(sub.platform, sub.channelId),
    ]);
    const active = this.activePlatforms();
    // Nothing posts for a platform this bot does not run (e.g. its token was removed), so promise no next run.
    const notRunning = active !== null && !active.includes(sub.platform);
    return {
      platform: sub.platform,
      channelId: sub.channelId,
      time: sub.time,
      timeZone: sub.timeZone,
      weekdays: sub.weekdays,
      category: sub.category,
      thread: sub.thread,
      source: sub.source,
      nextRunAt: sub.broken || notRunning ? null : safeNextRun(sub, this.clock.now()),
      ...(notRunning ? { platformNotRunning: true } : {}),
      lastPost: last && last.slug ? { slug: last.slug, date: last.date, messageId: last.messageId } : null,
      broken: sub.broken,
      remainingInCycle: remainingInCycle(eligibleSlugs(this.bot, sub.category), rotation),
    };
  }

  async skip(platform: Platform, channelId: string, _actor: string): Promise<{ skipped: string; next: string }> {
    checkChannel(platform, channelId);
    const sub = await this.store.getSubscription(platform, channelId);
    if (!sub) throw new UserError('This channel has no term of the day. Subscribe first, then you can skip terms.');
    const eligible = eligibleSlugs(this.bot, sub.category);
    const seed = rotationSeed(platform, channelId);
    const last = (await this.store.lastPosted(platform, channelId))?.slug;
    const skipped = await this.store.skip(platform, channelId, (state) => pickNext(eligible, state, seed, last), this.clock.now());
    if (!skipped) throw new UserError("There are no terms to skip in this channel's category.");
    const next = pickNext(eligible, await this.store.rotation(platform, channelId), seed, last);
    return { skipped, next: next?.slug ?? skipped };
  }

  parseSettings(text: string): Partial<SubscriptionSettings> {
    if (typeof text !== 'string') throw new UserError('Write settings like: 09:30 Europe/Berlin mon-fri security');
    return parseSettingsText(text);
  }

  /**
   * Makes the env-configured channels (TOTD_*_CHANNELS) match the environment: adds or updates them,
   * removes env subscriptions no longer listed, and leaves channels configured from chat alone
   * (a chat subscribe takes a channel over; an env channel that was broken is retried after a restart).
   * A platform missing from `channels` is left alone: a replica that does not run it (docs/scaling.md)
   * must not remove what the replica running it configured.
   */
  async syncEnv(
    channels: Partial<Record<Platform, readonly string[]>>,
    settings: Partial<SubscriptionSettings> = {},
  ): Promise<{ added: number; updated: number; removed: number; keptChat: number; invalid: string[] }> {
    const resolved = resolveSettings(settings, this.defaults);
    const counts = { added: 0, updated: 0, removed: 0, keptChat: 0, invalid: [] as string[] };
    const existing = await this.store.listSubscriptions();
    for (const platform of PLATFORMS) {
      const listed = channels[platform];
      if (!listed) continue;
      const wanted = new Set(listed);
      for (const channelId of wanted) {
        // One mistyped id must not stop the other channels: it is reported and left out.
        if (!/^[A-Za-z0-9_-]{1,64}$/.test(channelId)) {
          counts.invalid.push(`${platform}:${channelId.slice(0, 64)}`);
          wanted.delete(channelId);
          continue;
        }
        const current = existing.find((s) => s.platform === platform && s.channelId === channelId);
        if (current?.source === 'chat') {
          counts.keptChat++;
          continue;
        }
        // Always rewritten: this also clears a broken mark, so fixing permissions and restarting retries the channel.
        await this.store.putSubscription({
          platform,
          channelId,
          ...resolved,
          source: 'env',
          updatedBy: 'env',
          updatedAt: this.clock.now(),
        });
        if (!current) counts.added++;
        else if (!sameSettings(current, resolved)) counts.updated++;
      }
      for (const s of existing) {
        if (s.platform === platform && s.source === 'env' && !wanted.has(s.channelId)) {
          await this.store.deleteSubscription(platform, s.channelId);
          counts.removed++;
        }
      }
    }
    if (counts.added + counts.updated + counts.removed > 0) await this.onChange();
    return counts;
  }
}

/** The next run, or null for a stored schedule croner cannot read, so one odd row does not break status and list for all. */
function safeNextRun(sub: SubscriptionRecord, now: Date): Date | null {
  try {
    return nextRunAfter(sub, now);
  } catch {
    return null;
  }
}

function sameSettings(a: SubscriptionSettings, b: SubscriptionSettings): boolean {
  return (
    a.time === b.time &&
    a.timeZone === b.timeZone &&
    a.weekdays.join(',') === b.weekdays.join(',') &&
    a.category === b.category &&
    a.thread === b.thread
  );
}

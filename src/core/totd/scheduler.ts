import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { eligibleSlugs, type TermSource } from './eligible.js';
import { pickNext, rotationSeed } from './rotation.js';
import { latestRunAtOrBefore, localDate, nextRunAfter, runsBefore, slotKey } from './schedule.js';
import type { ClaimRequest, SlotRecord, SubscriptionRecord, TotdStore } from '../ports/totd-store.js';
import { PostError, type Platform, type TotdPoster } from './types.js';

export interface SchedulerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface SchedulerOptions {
  store: TotdStore;
  bot: TermSource;
  posters: Iterable<TotdPoster>;
  logger: SchedulerLogger;
  clock?: Clock;
  /** This instance's id in slot claims. */
  owner: string;
  /** Whether the process that holds a claim is still running; unknown -> true (then the claim timeout decides). */
  isOwnerAlive?: (owner: string) => boolean;
  /** A claim older than this is taken over even if its owner may be alive; longer than any delivery with retries. */
  claimTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Longest sleep between passes, so subscriptions changed by another process are picked up. */
  maxSleepMs?: number;
}

/** How many earlier runs of one outage are recorded as missed besides the latest (a week of daily posts). */
const MISSED_LOOKBACK_RUNS = 7;

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 2_000, maxDelayMs: 60_000 };

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Posts each subscribed channel's term of the day exactly once per local day.
 *
 * Each pass (at startup, at every scheduled time, and at least every `maxSleepMs`):
 * 1. reconciles claims left by a crashed or stopped instance (found in the channel -> completed;
 *    not found -> posted if it is still that local day, else marked missed);
 * 2. for every subscription whose latest scheduled run is due today (local to its zone) and whose
 *    slot has no row yet, claims the slot in a transaction and posts; a run from an earlier day that
 *    never happened (the bot was down) is recorded as missed and logged.
 * Channels are delivered in parallel and independently: one failing never holds up another.
 */
export class TotdScheduler {
  private readonly store: TotdStore;
  private readonly bot: TermSource;
  private readonly posters = new Map<Platform, TotdPoster>();
  private readonly log: SchedulerLogger;
  private readonly clock: Clock;
  readonly owner: string;
  private readonly isOwnerAlive: (owner: string) => boolean;
  private readonly claimTimeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly maxSleepMs: number;
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private started = false;
  private wakeAt: Date | null = null;
  private onStop: () => void = () => {};
  private readonly stopSignal = new Promise<void>((resolve) => (this.onStop = resolve));

  constructor(opts: SchedulerOptions) {
    this.store = opts.store;
    this.bot = opts.bot;
    for (const p of opts.posters) this.posters.set(p.platform, p);
    this.log = opts.logger;
    this.clock = opts.clock ?? systemClock;
    this.owner = opts.owner;
    this.isOwnerAlive = opts.isOwnerAlive ?? (() => true);
    this.claimTimeoutMs = opts.claimTimeoutMs ?? 15 * 60_000;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.maxSleepMs = opts.maxSleepMs ?? 5 * 60_000;
  }

  /** Reconciles and catches up now, then keeps waking at the next scheduled time. */
  async start(): Promise<void> {
    this.started = true;
    await this.runDue();
  }

  /** Stops the timer and waits for the pass in progress; a post mid-retry is left claimed for the next start to reconcile. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.onStop();
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Resolves when no pass is running (tests drive the timer, then wait for the pass it started). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** When the timer will fire next (for status and tests). */
  nextWake(): Date | null {
    return this.wakeAt;
  }

  /** Re-plans after a subscription changed (runs a pass, which also re-arms the timer). */
  refresh(): Promise<void> {
    return this.runDue();
  }

  /** Runs one pass now; concurrent calls are folded into one extra pass, never run in parallel. */
  runDue(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          try {
            await this.pass();
          } catch (err) {
            this.log.error({ err }, 'term of the day: pass failed');
          }
          await this.arm();
        } while (this.again && !this.stopped);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async pass(): Promise<void> {
    const now = this.clock.now();
    let subs: SubscriptionRecord[];
    // Reconciled posts go out in parallel with today's, so one slow channel holds up no other.
    const deliveries: Promise<void>[] = [];
    try {
      await this.reconcile(now, deliveries);
      subs = await this.store.listSubscriptions();
    } catch (err) {
      this.log.error({ err }, 'term of the day: store unavailable, will retry at the next wake');
      await Promise.allSettled(deliveries);
      return;
    }
    await Promise.allSettled([
      ...deliveries,
      ...subs.map((sub) =>
        this.runSubscription(sub, now).catch((err: unknown) =>
          this.log.error({ err, platform: sub.platform, channelId: sub.channelId }, 'term of the day: channel failed'),
        ),
      ),
    ]);
  }

  private abandoned(slot: SlotRecord, now: Date): boolean {
    // Passes never overlap, so a claim of ours seen at the start of a pass is left over from a failed one.
    if (slot.owner === this.owner) return true;
    if (now.getTime() - slot.claimedAt.getTime() >= this.claimTimeoutMs) return true;
    return !this.isOwnerAlive(slot.owner);
  }

  private async reconcile(now: Date, deliveries: Promise<void>[]): Promise<void> {
    for (const slot of await this.store.listClaimed()) {
      if (this.stopped) return;
      if (!this.abandoned(slot, now)) continue;
      const poster = this.posters.get(slot.platform);
      if (!poster) continue;
      try {
        await this.reconcileSlot(slot, poster, now, deliveries);
      } catch (err) {
        this.log.error({ err, slotKey: slot.slotKey }, 'term of the day: could not reconcile an interrupted post, will retry');
      }
    }
  }

  /** After a crash between claim and completion: complete it if it was sent, post it if its day is still on, else mark it missed. */
  private async reconcileSlot(slot: SlotRecord, poster: TotdPoster, now: Date, deliveries: Promise<void>[]): Promise<void> {
    const ctx = { platform: slot.platform, channelId: slot.channelId, slotKey: slot.slotKey, previousOwner: slot.owner };
    if (!(await this.store.takeOverClaim(slot.slotKey, slot, this.owner, now))) return;
    let found: string | null;
    try {
      found = await poster.findPosted(slot.channelId, slot.slotKey);
    } catch (err) {
      if (err instanceof PostError && err.kind === 'permanent') {
        // The channel is gone or closed to us: nothing was posted there and nothing can be.
        await this.store.releaseSlot(slot.slotKey, this.owner, 'failed', err.message, now);
        await this.store.markBroken(slot.platform, slot.channelId, err.message, now);
        this.log.warn({ ...ctx, reason: err.message }, 'term of the day: cannot read this channel; subscription marked broken');
        return;
      }
      // We hold the claim now; the next pass sees it as ours-but-idle and tries again.
      this.log.warn({ ...ctx, err: describe(err) }, 'term of the day: could not check for an earlier post, will retry');
      return;
    }
    if (found) {
      await this.store.completeSlot(slot.slotKey, this.owner, found, now);
      this.log.info({ ...ctx, messageId: found }, 'term of the day: reconciled an interrupted post (it had been sent)');
      return;
    }
    const sub = await this.store.getSubscription(slot.platform, slot.channelId);
    const giveUp = !sub
      ? 'unsubscribed'
      : sub.broken
        ? 'subscription broken'
        : localDate(now, sub.timeZone) !== slot.date
          ? 'its day is over'
          : null;
    if (!sub || giveUp) {
      await this.store.releaseSlot(slot.slotKey, this.owner, 'missed', `interrupted and ${giveUp}`, now);
      this.log.warn({ ...ctx, date: slot.date, reason: giveUp }, `term of the day: interrupted post was not sent and ${giveUp}; skipped`);
      return;
    }
    this.log.info({ ...ctx }, 'term of the day: interrupted post was not sent; posting it now');
    deliveries.push(
      this.deliver(sub, { ...slot, owner: this.owner, claimedAt: now }, poster).catch((err: unknown) =>
        this.log.error({ err, ...ctx }, 'term of the day: channel failed'),
      ),
    );
  }

  private async runSubscription(sub: SubscriptionRecord, now: Date): Promise<void> {
    if (sub.broken || this.stopped) return;
    const poster = this.posters.get(sub.platform);
    if (!poster) return;
    const run = latestRunAtOrBefore(sub, now);
    // Runs before the subscription existed are not owed.
    if (!run || run.getTime() < sub.createdAt.getTime()) return;
    const date = localDate(run, sub.timeZone);
    const req: ClaimRequest = {
      slotKey: slotKey(sub.platform, sub.channelId, date),
      platform: sub.platform,
      channelId: sub.channelId,
      date,
      owner: this.owner,
      now,
    };
    const ctx = { platform: sub.platform, channelId: sub.channelId, slotKey: req.slotKey };
    if (date !== localDate(now, sub.timeZone)) {
      const reason = 'the bot was not running at the scheduled time';
      if (await this.store.recordMissed(req, reason)) {
        // The same outage may have covered earlier runs too: record (and log) each, back to the last day with a row.
        const dates = [date];
        for (const earlier of runsBefore(sub, run, MISSED_LOOKBACK_RUNS)) {
          if (earlier.getTime() < sub.createdAt.getTime()) break;
          const day = localDate(earlier, sub.timeZone);
          if (dates.includes(day)) continue;
          if (!(await this.store.recordMissed({ ...req, slotKey: slotKey(sub.platform, sub.channelId, day), date: day }, reason))) break;
          dates.push(day);
        }
        this.log.warn(
          { ...ctx, scheduledAt: run.toISOString(), dates: dates.reverse() },
          'term of the day: missed while the bot was down and the day is over; skipped',
        );
      }
      return;
    }
    const eligible = eligibleSlugs(this.bot, sub.category);
    const seed = rotationSeed(sub.platform, sub.channelId);
    // Today's slot failed or was given up earlier, and the subscription changed since (someone subscribed again
    // after fixing the bot's access, or a restart re-synced an env channel): try it again today.
    const last = (await this.store.lastPosted(sub.platform, sub.channelId))?.slug;
    const claim = await this.store.claimSlot({ ...req, retryClosedBefore: sub.updatedAt }, (state) =>
      pickNext(eligible, state, seed, last),
    );
    if (!claim.claimed) {
      if (claim.reason === 'no-terms')
        this.log.warn({ ...ctx, category: sub.category }, 'term of the day: no terms to post for this channel');
      return;
    }
    if (claim.retried) this.log.info(ctx, "term of the day: retrying today's post after the subscription changed");
    await this.deliver(sub, claim.slot, poster, claim.retried === true);
  }

  /**
   * Posts a claimed slot, retrying transient failures with backoff; always leaves the slot posted, failed or (on stop) claimed.
   * `unsure`: the slot may already be in the channel (a retried slot), so look before posting.
   */
  private async deliver(sub: SubscriptionRecord, slot: SlotRecord, poster: TotdPoster, unsure = false): Promise<void> {
    const ctx = { platform: sub.platform, channelId: sub.channelId, slotKey: slot.slotKey, slug: slot.slug };
    const answer = slot.slug ? this.bot.answerFor(slot.slug, 'short') : null;
    if (!answer || answer.kind !== 'term') {
      await this.store.releaseSlot(slot.slotKey, this.owner, 'failed', 'term no longer in the knowledge base', this.clock.now());
      this.log.warn(ctx, 'term of the day: chosen term disappeared before posting; nothing posted today');
      return;
    }
    let claimedAt = slot.claimedAt;
    // Whether an earlier attempt may have reached the channel: a transient failure (network error, timeout,
    // 5xx) can come after the platform accepted the message, and the adapters report all of these as
    // transient PostErrors. Only a rate limit (the platform said "wait") is known not to have posted.
    for (let attempt = 1; ; attempt++) {
      let error: unknown;
      try {
        if (unsure) {
          const found = await poster.findPosted(sub.channelId, slot.slotKey);
          if (found) {
            await this.store.completeSlot(slot.slotKey, this.owner, found, this.clock.now());
            this.log.info({ ...ctx, messageId: found }, 'term of the day: an earlier attempt had been posted after all');
            return;
          }
          unsure = false;
        }
        const { messageId } = await poster.post({
          platform: sub.platform,
          channelId: sub.channelId,
          slotKey: slot.slotKey,
          date: slot.date,
          answer,
          thread: sub.thread,
        });
        if (!(await this.store.completeSlot(slot.slotKey, this.owner, messageId, this.clock.now()))) {
          this.log.warn({ ...ctx, messageId }, 'term of the day: posted, but another instance had taken over the claim');
        } else {
          this.log.info({ ...ctx, messageId, attempt }, 'term of the day: posted');
        }
        return;
      } catch (err) {
        error = err;
        // A failed look leaves `unsure` set: never post again without having looked.
        if (!unsure) unsure = !(err instanceof PostError && err.kind === 'transient' && err.retryAfterSeconds !== undefined);
      }
      const now = this.clock.now();
      if (error instanceof PostError && error.kind === 'permanent') {
        await this.store.releaseSlot(slot.slotKey, this.owner, 'failed', error.message, now);
        await this.store.markBroken(sub.platform, sub.channelId, error.message, now);
        this.log.warn({ ...ctx, reason: error.message }, 'term of the day: cannot post to this channel; subscription marked broken');
        return;
      }
      if (attempt >= this.retry.attempts) {
        // One last look, so a post that landed is recorded as posted rather than given back to the rotation.
        const found = unsure ? await poster.findPosted(sub.channelId, slot.slotKey).catch(() => null) : null;
        if (found) {
          await this.store.completeSlot(slot.slotKey, this.owner, found, now);
          this.log.info({ ...ctx, messageId: found }, 'term of the day: an earlier attempt had been posted after all');
          return;
        }
        await this.store.releaseSlot(slot.slotKey, this.owner, 'failed', `gave up after ${attempt} attempts: ${describe(error)}`, now);
        this.log.error({ ...ctx, err: describe(error), attempts: attempt }, 'term of the day: post failed repeatedly; skipped for today');
        return;
      }
      const asked = error instanceof PostError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 0;
      const delay = Math.min(Math.max(asked, this.retry.baseDelayMs * 2 ** (attempt - 1)), this.retry.maxDelayMs);
      this.log.warn({ ...ctx, err: describe(error), attempt, retryInMs: delay }, 'term of the day: post failed, retrying');
      await Promise.race([this.clock.sleep(delay), this.stopSignal]);
      // Stopping mid-retry leaves the claim for the next start to reconcile.
      if (this.stopped) return;
      // Renew the claim so no other instance takes it over while we are still trying.
      const renewedAt = this.clock.now();
      if (!(await this.store.takeOverClaim(slot.slotKey, { owner: this.owner, claimedAt }, this.owner, renewedAt))) {
        this.log.warn(ctx, 'term of the day: another instance took over this post; stopping retries');
        return;
      }
      claimedAt = renewedAt;
    }
  }

  /** Sets the timer for the next scheduled run, a foreign claim's timeout, or maxSleep, whichever comes first. */
  private async arm(): Promise<void> {
    if (this.stopped || !this.started) return;
    let at: Date;
    try {
      at = await this.planNextWake();
    } catch (err) {
      this.log.error({ err }, 'term of the day: could not plan the next run; trying again later');
      at = new Date(this.clock.now().getTime() + this.maxSleepMs);
    }
    if (this.stopped) return;
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.wakeAt = at;
    this.timer = this.clock.setTimer(
      () => {
        this.timer = null;
        void this.runDue();
      },
      Math.max(0, at.getTime() - this.clock.now().getTime()),
    );
  }

  private async planNextWake(): Promise<Date> {
    const now = this.clock.now();
    let at = now.getTime() + this.maxSleepMs;
    for (const sub of await this.store.listSubscriptions()) {
      if (sub.broken || !this.posters.has(sub.platform)) continue;
      let next: Date | null;
      try {
        next = nextRunAfter(sub, now);
      } catch {
        // A stored schedule croner cannot read (e.g. a zone this runtime no longer knows) must not delay every other channel.
        continue;
      }
      if (next) at = Math.min(at, next.getTime());
    }
    for (const slot of await this.store.listClaimed()) {
      // Wake when another instance's claim times out, so a dead owner's post is reconciled promptly.
      const timeout = slot.claimedAt.getTime() + this.claimTimeoutMs;
      if (slot.owner !== this.owner && this.posters.has(slot.platform) && timeout > now.getTime()) at = Math.min(at, timeout);
    }
    return new Date(Math.max(at, now.getTime()));
  }
}

import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { eligibleSlugs, type TermSource } from './eligible.js';
import { Lease } from './lease.js';
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
  /**
   * The lease on a claim: a post in flight renews it every third of this, so a claim not renewed for
   * this long belongs to a dead (or cut-off) instance and is taken over even if its owner may be alive.
   * Also the lease on a due subscription being looked at (see TotdStore.takeDue).
   */
  claimTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Longest sleep between passes, so subscriptions changed by another process are picked up. */
  maxSleepMs?: number;
}

/** Default lease: two minutes, renewed every 40 s, so a dead replica's post is taken over within about two minutes. */
export const DEFAULT_CLAIM_TIMEOUT_MS = 2 * 60_000;
/** Due subscriptions taken per store call; the next batch is taken once this one's claims are made (replicas interleave). */
const DUE_BATCH = 200;
/**
 * Claims made at once per replica: enough to keep a connection pool busy, few enough that no claim
 * waits long for a connection (10,000 at once would time out waiting). Posts are not limited by this.
 */
const CLAIM_CONCURRENCY = 8;
/** While the store is unreachable, look again this often (instead of the longest sleep). */
const STORE_RETRY_MS = 30_000;
/** When nothing bounds a subscription's next run (no weekday can match), look again after a week. */
const NO_NEXT_RUN_MS = 7 * 86_400_000;

/** How many earlier runs of one outage are recorded as missed besides the latest (a week of daily posts). */
const MISSED_LOOKBACK_RUNS = 7;

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 2_000, maxDelayMs: 60_000 };

/** Runs `fn` over `items` with at most `limit` at a time (`fn` must not throw). */
async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

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
  /** Set while the store fails (logged once when it starts, once when it ends). */
  private storeDown = false;
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
    this.claimTimeoutMs = opts.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS;
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

  /**
   * Only due subscriptions are looked at (the store's due-work index), so a pass costs in proportion to
   * the channels due, not to all of them; each is handed to one replica under a lease.
   */
  private async pass(): Promise<void> {
    const now = this.clock.now();
    // Posts go out in parallel and are awaited at the end of the pass, so one slow channel holds up no other.
    const deliveries: Promise<void>[] = [];
    const failures: unknown[] = [];
    try {
      await this.reconcile(now, deliveries);
      const platforms = [...this.posters.keys()];
      const leaseUntil = new Date(now.getTime() + this.claimTimeoutMs);
      for (;;) {
        const due = await this.store.takeDue(platforms, now, leaseUntil, DUE_BATCH);
        await inParallel(due, CLAIM_CONCURRENCY, (sub) =>
          this.runSubscription(sub, now, deliveries).catch((err: unknown) => {
            failures.push(err);
            if (!this.storeDown)
              this.log.error({ err, platform: sub.platform, channelId: sub.channelId }, 'term of the day: channel failed');
          }),
        );
        if (due.length < DUE_BATCH || this.stopped) break;
      }
    } catch (err) {
      failures.push(err);
    }
    await Promise.allSettled(deliveries);
    this.noteStoreHealth(failures);
  }

  /** An outage is logged once when it starts and once when it ends, not once per channel and pass. */
  private noteStoreHealth(failures: unknown[]): void {
    if (failures.length > 0 && !this.storeDown) {
      this.storeDown = true;
      this.log.error(
        { err: failures[0], failures: failures.length },
        'term of the day: store unavailable; posting paused, retrying until it is back (answers are not affected)',
      );
    } else if (failures.length === 0 && this.storeDown) {
      this.storeDown = false;
      this.log.info({}, 'term of the day: store is back; posting resumed');
    }
  }

  /** Records when a subscription is next due (after this pass looked at it). */
  private async planSubscription(sub: SubscriptionRecord, now: Date): Promise<void> {
    let next: Date | null = null;
    try {
      next = nextRunAfter(sub, now);
    } catch {
      // A stored schedule croner cannot read (e.g. a zone this runtime no longer knows): look again later.
    }
    await this.store.setNextRun(sub.platform, sub.channelId, sub.updatedAt, next ?? new Date(now.getTime() + NO_NEXT_RUN_MS));
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

  /** Decides and claims today's slot of one due subscription; the post itself is pushed onto `deliveries`. */
  private async runSubscription(sub: SubscriptionRecord, now: Date, deliveries: Promise<void>[]): Promise<void> {
    if (this.stopped) return;
    await this.decide(sub, now, deliveries);
    await this.planSubscription(sub, now);
  }

  private async decide(sub: SubscriptionRecord, now: Date, deliveries: Promise<void>[]): Promise<void> {
    const poster = this.posters.get(sub.platform);
    if (sub.broken || !poster) return;
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
    deliveries.push(
      this.deliver(sub, claim.slot, poster, claim.retried === true).catch((err: unknown) =>
        this.log.error({ err, ...ctx }, 'term of the day: channel failed'),
      ),
    );
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
    // The heartbeat: while this post is in flight (a slow API, retries), the claim stays ours.
    const lease = new Lease(
      this.store,
      this.clock,
      { ...slot, owner: this.owner },
      Math.max(1, Math.floor(this.claimTimeoutMs / 3)),
    ).start();
    try {
      await this.attempts(sub, slot, poster, answer, lease, unsure);
    } finally {
      lease.stop();
    }
  }

  private async attempts(
    sub: SubscriptionRecord,
    slot: SlotRecord,
    poster: TotdPoster,
    answer: Extract<ReturnType<TermSource['answerFor']>, { kind: 'term' }>,
    lease: Lease,
    unsure: boolean,
  ): Promise<void> {
    const ctx = { platform: sub.platform, channelId: sub.channelId, slotKey: slot.slotKey, slug: slot.slug };
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
      // Renew the claim before trying again, so no other instance takes it over while we are still trying.
      if (!(await lease.renew())) {
        this.log.warn(ctx, 'term of the day: another instance took over this post; stopping retries');
        return;
      }
    }
  }

  /** Sets the timer for the next scheduled run, a foreign claim's timeout, or maxSleep, whichever comes first. */
  private async arm(): Promise<void> {
    if (this.stopped || !this.started) return;
    let at: Date;
    try {
      at = await this.planNextWake();
    } catch {
      // The store is unreachable (the pass has logged it once): look again soon.
      at = new Date(this.clock.now().getTime() + Math.min(this.maxSleepMs, STORE_RETRY_MS));
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
    // The earliest next run among our platforms' subscriptions, from the due-work index (one query).
    const due = await this.store.nextDueAt([...this.posters.keys()]);
    if (due) at = Math.min(at, due.getTime());
    for (const slot of await this.store.listClaimed()) {
      // Wake when another instance's claim times out, so a dead owner's post is reconciled promptly.
      const timeout = slot.claimedAt.getTime() + this.claimTimeoutMs;
      if (slot.owner !== this.owner && this.posters.has(slot.platform) && timeout > now.getTime()) at = Math.min(at, timeout);
    }
    return new Date(Math.max(at, now.getTime()));
  }
}

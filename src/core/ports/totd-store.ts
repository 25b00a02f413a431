import type { Platform, SubscriptionSettings } from '../totd/types.js';
import type { RotationPick, RotationState } from '../totd/rotation.js';

/**
 * Durable term-of-the-day state. Two implementations (src/store): SQLite, the default, and
 * PostgreSQL for several replicas (DATABASE_URL). Both pass one contract suite
 * (test/store/totd-store-contract.ts); `claimSlot`, `skip`, `takeDue` and `takeOverClaim` are
 * atomic across every process using the database.
 */
export interface SubscriptionRecord extends SubscriptionSettings {
  platform: Platform;
  channelId: string;
  source: 'chat' | 'env';
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  broken: { reason: string; since: Date } | null;
}

export type SlotStatus = 'claimed' | 'posted' | 'missed' | 'failed';

export interface SlotRecord {
  slotKey: string;
  platform: Platform;
  channelId: string;
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Null for a day that was missed before a term was chosen. */
  slug: string | null;
  status: SlotStatus;
  /** Which scheduler instance holds (or held) the claim. */
  owner: string;
  claimedAt: Date;
  messageId: string | null;
  completedAt: Date | null;
  error: string | null;
}

export interface ClaimRequest {
  slotKey: string;
  platform: Platform;
  channelId: string;
  date: string;
  owner: string;
  now: Date;
  /**
   * A failed or missed row of this slot that was closed before this instant is claimed again (the
   * subscription was changed since, e.g. re-subscribed after someone fixed the bot's permission).
   */
  retryClosedBefore?: Date;
}

/** Chooses the term from the channel's rotation, inside the claim's transaction (synchronous, pure). */
export type Chooser = (state: RotationState) => RotationPick | null;

export type ClaimResult =
  | {
      claimed: true;
      slot: SlotRecord;
      /** A failed or missed row was claimed again: the post may be in the channel already. */ retried?: boolean;
    }
  | { claimed: false; existing: SlotRecord | null; reason: 'taken' | 'no-terms' };

export interface TotdStore {
  listSubscriptions(): Promise<SubscriptionRecord[]>;
  getSubscription(platform: Platform, channelId: string): Promise<SubscriptionRecord | null>;
  /** Creates or replaces a subscription (keeping createdAt) and clears any broken mark. */
  putSubscription(sub: Omit<SubscriptionRecord, 'createdAt' | 'broken'>): Promise<SubscriptionRecord>;
  deleteSubscription(platform: Platform, channelId: string): Promise<boolean>;
  markBroken(platform: Platform, channelId: string, reason: string, since: Date): Promise<void>;

  /**
   * The due-work index: subscriptions of `platforms` that are not broken and whose next look is at or
   * before `now` (a new or changed subscription is due at once), at most `limit`, earliest first. Each
   * one taken is pushed to `leaseUntil` in the same statement, so concurrent replicas take disjoint
   * sets, and one whose taker dies is due again when the lease ends. Work is proportional to what is
   * due, never to every subscription.
   */
  takeDue(platforms: readonly Platform[], now: Date, leaseUntil: Date, limit: number): Promise<SubscriptionRecord[]>;
  /** Sets when a subscription is next due; does nothing if it changed after `seenUpdatedAt` (the change made it due again). */
  setNextRun(platform: Platform, channelId: string, seenUpdatedAt: Date, at: Date): Promise<void>;
  /** The earliest next look among the non-broken subscriptions of `platforms` (null: none). */
  nextDueAt(platforms: readonly Platform[]): Promise<Date | null>;

  rotation(platform: Platform, channelId: string): Promise<RotationState>;
  /** Atomically records `choose`'s pick as used (skipped) in the rotation; null when nothing is eligible. */
  skip(platform: Platform, channelId: string, choose: Chooser, now: Date): Promise<string | null>;

  /**
   * In one transaction: if the slot has no row yet (or a failed or missed row closed before
   * `req.retryClosedBefore`), picks the term with `choose`, records it as used in the rotation and
   * inserts (or rewrites) the slot as claimed by `owner`. Otherwise returns the existing row.
   */
  claimSlot(req: ClaimRequest, choose: Chooser): Promise<ClaimResult>;
  getSlot(slotKey: string): Promise<SlotRecord | null>;
  /** Marks a claimed slot posted; false if `owner` no longer holds the claim. */
  completeSlot(slotKey: string, owner: string, messageId: string, now: Date): Promise<boolean>;
  /** Marks a claimed slot failed or missed and gives its term back to the rotation. */
  releaseSlot(slotKey: string, owner: string, status: 'failed' | 'missed', error: string, now: Date): Promise<boolean>;
  /** Records a day that was missed entirely (no claim); false if the slot already has a row. */
  recordMissed(req: ClaimRequest, reason: string): Promise<boolean>;
  /** Claims not completed, oldest first (for reconciling after a crash). */
  listClaimed(): Promise<SlotRecord[]>;
  /**
   * Moves a claim from `expected` to `owner` if nobody else did first (compare-and-set). With
   * `owner === expected.owner` this renews the lease (the heartbeat of a post in flight).
   */
  takeOverClaim(slotKey: string, expected: { owner: string; claimedAt: Date }, owner: string, now: Date): Promise<boolean>;
  lastPosted(platform: Platform, channelId: string): Promise<SlotRecord | null>;
  close(): Promise<void>;
}

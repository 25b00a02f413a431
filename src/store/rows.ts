import type { SlotRecord, SubscriptionRecord } from '../core/ports/totd-store.js';
import type { Platform } from '../core/totd/types.js';

/**
 * Rows as both engines return them. Times are milliseconds since the epoch in both (SQLite INTEGER,
 * PostgreSQL BIGINT, which `pg` returns as a string), so one mapping serves both stores.
 */
type Millis = number | string;

export interface SubscriptionRow {
  platform: string;
  channel_id: string;
  time: string;
  time_zone: string;
  weekdays: string;
  category: string | null;
  thread: number | boolean;
  source: string;
  created_at: Millis;
  updated_at: Millis;
  updated_by: string;
  broken_reason: string | null;
  broken_since: Millis | null;
}

export interface SlotRow {
  slot_key: string;
  platform: string;
  channel_id: string;
  date: string;
  slug: string | null;
  status: string;
  owner: string;
  claimed_at: Millis;
  message_id: string | null;
  completed_at: Millis | null;
  error: string | null;
}

const date = (ms: Millis): Date => new Date(Number(ms));

export function toSubscription(r: SubscriptionRow): SubscriptionRecord {
  return {
    platform: r.platform as Platform,
    channelId: r.channel_id,
    time: r.time,
    timeZone: r.time_zone,
    weekdays: r.weekdays === '' ? [] : r.weekdays.split(',').map(Number),
    category: r.category,
    thread: r.thread === 1 || r.thread === true,
    source: r.source as 'chat' | 'env',
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    updatedBy: r.updated_by,
    broken: r.broken_reason !== null ? { reason: r.broken_reason, since: date(r.broken_since ?? r.updated_at) } : null,
  };
}

export function toSlot(r: SlotRow): SlotRecord {
  return {
    slotKey: r.slot_key,
    platform: r.platform as Platform,
    channelId: r.channel_id,
    date: r.date,
    slug: r.slug,
    status: r.status as SlotRecord['status'],
    owner: r.owner,
    claimedAt: date(r.claimed_at),
    messageId: r.message_id,
    completedAt: r.completed_at === null ? null : date(r.completed_at),
    error: r.error,
  };
}

/** Whether a failed or missed row may be claimed again (see ClaimRequest.retryClosedBefore). */
export function reopens(existing: SlotRow, retryClosedBefore: Date | undefined): boolean {
  return (
    retryClosedBefore !== undefined &&
    (existing.status === 'failed' || existing.status === 'missed') &&
    Number(existing.completed_at ?? existing.claimed_at) < retryClosedBefore.getTime()
  );
}

import { eligibleSlugs, type TermSource } from './eligible.js';
import { pickNext, rotationSeed, type RotationState } from './rotation.js';
import { latestRunAtOrBefore, localDate, nextRunAfter, slotKey } from './schedule.js';
import type { SubscriptionRecord, TotdStore } from '../ports/totd-store.js';

/** What a channel gets (or got) on a date: for `termbot today` and similar read-only views. */
export type Preview =
  | { kind: 'posted' | 'claimed'; date: string; slug: string; messageId: string | null }
  | { kind: 'planned'; date: string; slug: string; at: Date }
  | { kind: 'none'; date: string; reason: string; next?: Date };

const MAX_RUNS = 800;

/**
 * Replays the channel's schedule from now to `date` on a copy of its rotation, so a future date shows
 * the term the bot will post then (unless someone skips or the knowledge changes in between).
 */
export async function previewSubscription(
  store: TotdStore,
  bot: TermSource,
  sub: SubscriptionRecord,
  date: string,
  now: Date,
): Promise<Preview> {
  const slot = await store.getSlot(slotKey(sub.platform, sub.channelId, date));
  if (slot) {
    if ((slot.status === 'posted' || slot.status === 'claimed') && slot.slug)
      return { kind: slot.status, date, slug: slot.slug, messageId: slot.messageId };
    return {
      kind: 'none',
      date,
      reason: `the post for that day ${slot.status === 'missed' ? 'was missed' : 'failed'}${slot.error ? ` (${slot.error})` : ''}`,
    };
  }
  if (date < localDate(now, sub.timeZone)) return { kind: 'none', date, reason: 'nothing was posted on that day' };
  if (sub.broken) return { kind: 'none', date, reason: `the subscription is broken: ${sub.broken.reason}` };

  const eligible = eligibleSlugs(bot, sub.category);
  const seed = rotationSeed(sub.platform, sub.channelId);
  let state: RotationState = await store.rotation(sub.platform, sub.channelId);
  let last = (await store.lastPosted(sub.platform, sub.channelId))?.slug;
  // A run already due today but not yet posted goes out at the next pass.
  const due = latestRunAtOrBefore(sub, now);
  let run = due && due >= sub.createdAt && localDate(due, sub.timeZone) === localDate(now, sub.timeZone) ? due : nextRunAfter(sub, now);
  for (let i = 0; run && i < MAX_RUNS; i++) {
    const runDate = localDate(run, sub.timeZone);
    if (runDate > date) {
      // Today is a scheduled day whose slot passed before the subscription existed (a channel subscribed,
      // or only previewed, after it): nothing is owed today, and saying "not scheduled" would be wrong.
      if (due && localDate(due, sub.timeZone) === date)
        return { kind: 'none', date, reason: `today's ${sub.time} ${sub.timeZone} slot has passed with no post recorded here`, next: run };
      return { kind: 'none', date, reason: 'no post is scheduled on that day' };
    }
    const taken = runDate === date ? null : await store.getSlot(slotKey(sub.platform, sub.channelId, runDate));
    if (!taken) {
      const pick = pickNext(eligible, state, seed, last);
      if (!pick) return { kind: 'none', date, reason: "no terms match this channel's category" };
      if (runDate === date) return { kind: 'planned', date, slug: pick.slug, at: run };
      state =
        pick.cycle === state.cycle ? { cycle: state.cycle, used: [...state.used, pick.slug] } : { cycle: pick.cycle, used: [pick.slug] };
      last = pick.slug;
    }
    run = nextRunAfter(sub, run);
  }
  // Only reached when the replay ran out (MAX_RUNS) before the date: it says nothing about that day.
  return { kind: 'none', date, reason: 'too far ahead to preview' };
}

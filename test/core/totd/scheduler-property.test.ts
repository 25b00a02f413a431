import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../../src/core/totd/schedule.js';
import { FakeTerms } from './helpers/fakes.js';
import { harness } from './helpers/setup.js';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'];

describe('TotdScheduler: property', () => {
  it('whatever the schedule and however irregularly it wakes, a channel gets at most one post per local day, on a scheduled day, never early, without repeats', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.integer({ min: 0, max: 59 }),
          zone: fc.constantFrom(...ZONES),
          weekdays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
          // Minutes between wakes: sometimes often, sometimes a day or more (the bot was down).
          steps: fc.array(fc.integer({ min: 1, max: 3 * 24 * 60 }), { minLength: 5, maxLength: 40 }),
          // Around the March and autumn DST changes, or an ordinary week.
          start: fc.constantFrom('2026-03-05T00:00:00Z', '2026-10-22T00:00:00Z', '2026-11-28T00:00:00Z'),
        }),
        async ({ hour, minute, zone, weekdays, steps, start }) => {
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const h = harness({ start, terms: new FakeTerms(4) });
          await h.service.subscribe('slack', 'C1', { time, timeZone: zone, weekdays }, 'prop');
          // Subscribing runs a pass at once: a run due at that very minute is posted then.
          const postedAt: Date[] = h.slack.posts.map(() => h.clock.now());
          const local = (at: Date) => {
            const parts = Object.fromEntries(
              new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
                .formatToParts(at)
                .map((p) => [p.type, p.value]),
            );
            return {
              day: localDate(at, zone),
              weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!),
              time: `${parts.hour}:${parts.minute}`,
            };
          };
          const startLocal = local(h.clock.now());
          // Days on which a pass ran after that day's scheduled time: each must get its post (nothing silently dropped).
          const owed = new Set<string>();
          for (const step of steps) {
            h.clock.set(new Date(h.clock.now().getTime() + step * 60_000));
            const before = h.slack.posts.length;
            await h.scheduler.runDue();
            for (let i = before; i < h.slack.posts.length; i++) postedAt.push(h.clock.now());
            const l = local(h.clock.now());
            const notBeforeSubscribing = l.day !== startLocal.day || startLocal.time <= time;
            // A time in a spring-forward gap (02:xx that night) runs at 03:00, still >= the 02:xx string.
            if (weekdays.includes(l.weekday) && l.time >= time && notBeforeSubscribing) owed.add(l.day);
          }
          const dates = h.slack.posts.map((p) => p.date);
          expect(new Set(dates).size).toBe(dates.length);
          for (const day of owed) expect(dates, `owed ${day}`).toContain(day);
          h.slack.posts.forEach((p, i) => {
            const at = postedAt[i]!;
            // Posted on the slot's own local day, a scheduled weekday, not before the scheduled time.
            expect(localDate(at, zone)).toBe(p.date);
            expect(weekdays).toContain(new Date(`${p.date}T12:00:00Z`).getUTCDay());
            const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
              at,
            );
            // A time in a spring-forward gap (02:xx that night) runs at 03:00.
            expect(local >= time || (time.startsWith('02:') && local >= '03:00')).toBe(true);
          });
          const slugs = h.slack.posts.map((p) => p.answer.term.slug);
          for (let c = 0; c < slugs.length; c += 4) expect(new Set(slugs.slice(c, c + 4)).size).toBe(slugs.slice(c, c + 4).length);
          await h.close();
        },
      ),
      { numRuns: 40 },
    );
  });
});

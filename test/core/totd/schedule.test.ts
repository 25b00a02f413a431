import { describe, expect, it } from 'vitest';
import { latestRunAtOrBefore, localDate, nextRunAfter, slotKey } from '../../../src/core/totd/schedule.js';

const weekdays = [1, 2, 3, 4, 5];
const daily = [0, 1, 2, 3, 4, 5, 6];

/** The runs between two instants, each as local date and local time in the zone. */
function runsBetween(s: { time: string; timeZone: string; weekdays: number[] }, from: string, to: string): string[] {
  const out: string[] = [];
  let at = new Date(from);
  for (let i = 0; i < 100; i++) {
    const next = nextRunAfter(s, at);
    if (!next || next > new Date(to)) break;
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: s.timeZone, dateStyle: 'short', timeStyle: 'short' }).format(next);
    out.push(local);
    at = next;
  }
  return out;
}

describe('schedule', () => {
  it('runs at the local time on the chosen weekdays', () => {
    // Friday 2026-11-27 10:00 UTC: the next Mon-Fri 09:00 UTC run is Monday.
    expect(nextRunAfter({ time: '09:00', timeZone: 'UTC', weekdays }, new Date('2026-11-27T10:00:00Z'))?.toISOString()).toBe(
      '2026-11-30T09:00:00.000Z',
    );
    expect(nextRunAfter({ time: '09:30', timeZone: 'Asia/Tokyo', weekdays: [3] }, new Date('2026-11-27T10:00:00Z'))?.toISOString()).toBe(
      '2026-12-02T00:30:00.000Z',
    );
    expect(
      nextRunAfter({ time: '09:30', timeZone: 'Asia/Kolkata', weekdays: daily }, new Date('2026-11-27T00:00:00Z'))?.toISOString(),
    ).toBe('2026-11-27T04:00:00.000Z');
  });

  it('finds the latest run at or before an instant, inclusive', () => {
    const s = { time: '09:00', timeZone: 'UTC', weekdays };
    expect(latestRunAtOrBefore(s, new Date('2026-11-30T09:00:00.000Z'))?.toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(latestRunAtOrBefore(s, new Date('2026-11-30T08:59:59.999Z'))?.toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });

  it('gives the local calendar date in the zone', () => {
    const at = new Date('2026-11-30T23:30:00Z');
    expect(localDate(at, 'UTC')).toBe('2026-11-30');
    expect(localDate(at, 'Europe/Berlin')).toBe('2026-12-01');
    expect(localDate(at, 'America/Los_Angeles')).toBe('2026-11-30');
    expect(slotKey('slack', 'C1', '2026-12-01')).toBe('slack:C1:2026-12-01');
  });

  describe('daylight saving never skips or doubles a local day', () => {
    const cases = [
      // Europe/Berlin: spring forward 2026-03-29 02:00 -> 03:00, fall back 2026-10-25 03:00 -> 02:00.
      { zone: 'Europe/Berlin', from: '2026-03-26T12:00:00Z', to: '2026-04-02T12:00:00Z' },
      { zone: 'Europe/Berlin', from: '2026-10-22T12:00:00Z', to: '2026-10-29T12:00:00Z' },
      // America/New_York: spring forward 2026-03-08 02:00 -> 03:00, fall back 2026-11-01 02:00 -> 01:00.
      { zone: 'America/New_York', from: '2026-03-05T12:00:00Z', to: '2026-03-12T12:00:00Z' },
      { zone: 'America/New_York', from: '2026-10-29T12:00:00Z', to: '2026-11-05T12:00:00Z' },
    ];
    for (const c of cases) {
      for (const time of ['09:00', '02:30', '01:30']) {
        it(`${c.zone} ${time} from ${c.from.slice(0, 10)}`, () => {
          const runs = runsBetween({ time, timeZone: c.zone, weekdays: daily }, c.from, c.to);
          const dates = runs.map((r) => r.slice(0, 10));
          expect(runs).toHaveLength(7);
          expect(new Set(dates).size).toBe(7);
          // Where the time exists it is kept exactly; in a spring-forward gap it runs right after the gap.
          for (const r of runs) expect([time, '03:00', '03:30']).toContain(r.slice(11, 16));
        });
      }
    }

    it('keeps 09:00 local across the change (the UTC instant moves by an hour)', () => {
      const s = { time: '09:00', timeZone: 'Europe/Berlin', weekdays: daily };
      expect(nextRunAfter(s, new Date('2026-03-28T12:00:00Z'))?.toISOString()).toBe('2026-03-29T07:00:00.000Z');
      expect(nextRunAfter(s, new Date('2026-03-27T12:00:00Z'))?.toISOString()).toBe('2026-03-28T08:00:00.000Z');
      const ny = { time: '01:30', timeZone: 'America/New_York', weekdays: daily };
      // 01:30 happens twice on 2026-11-01; it runs once, at the first.
      expect(nextRunAfter(ny, new Date('2026-11-01T00:00:00Z'))?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
      expect(nextRunAfter(ny, new Date('2026-11-01T05:30:00Z'))?.toISOString()).toBe('2026-11-02T06:30:00.000Z');
    });
  });
});

import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import {
  formatWeekdays,
  parseSettingsText,
  parseTime,
  parseTimeZone,
  parseWeekdays,
  resolveSettings,
} from '../../../src/core/totd/settings.js';
import type { SubscriptionSettings } from '../../../src/core/totd/types.js';

const base: SubscriptionSettings = { time: '09:00', timeZone: 'UTC', weekdays: [1, 2, 3, 4, 5], category: null, thread: false };

function userError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('settings', () => {
  it('parses times', () => {
    expect(parseTime('9:05')).toBe('09:05');
    expect(parseTime('17:00')).toBe('17:00');
    expect(parseTime('9am')).toBe('09:00');
    expect(parseTime('12am')).toBe('00:00');
    expect(parseTime('5:30pm')).toBe('17:30');
    expect(parseTime('9.30')).toBe('09:30');
    for (const bad of ['24:00', '9:60', '13pm', '9', 'noon', '', '0am']) expect(parseTime(bad)).toBeNull();
  });

  it('parses weekdays', () => {
    expect(parseWeekdays('mon-fri')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWeekdays('mon,wed,fri')).toEqual([1, 3, 5]);
    expect(parseWeekdays('Mon, Wed')).toEqual([1, 3]);
    expect(parseWeekdays('daily')).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseWeekdays('weekdays')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWeekdays('weekends')).toEqual([0, 6]);
    expect(parseWeekdays('fri-mon')).toEqual([0, 1, 5, 6]);
    expect(parseWeekdays('tuesday')).toEqual([2]);
    for (const bad of ['mon-', 'funday', 'mon-tue-wed', '', 'security']) expect(parseWeekdays(bad)).toBeNull();
    expect(formatWeekdays([1, 2, 3, 4, 5])).toBe('mon-fri');
    expect(formatWeekdays([1, 3, 5])).toBe('mon,wed,fri');
  });

  it('accepts IANA zones (canonicalised) and refuses offsets and junk', () => {
    expect(parseTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(parseTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(parseTimeZone('UTC')).toBe('UTC');
    for (const bad of ['+02:00', 'Mars/Olympus', '', 'a'.repeat(300)]) expect(parseTimeZone(bad)).toBeNull();
  });

  it('parses free text in any order', () => {
    expect(parseSettingsText('09:30 Europe/Berlin mon-fri security thread')).toEqual({
      time: '09:30',
      timeZone: 'Europe/Berlin',
      weekdays: [1, 2, 3, 4, 5],
      category: 'security',
      thread: true,
    });
    expect(parseSettingsText('security  mon, wed, fri 8am')).toEqual({ category: 'security', weekdays: [1, 3, 5], time: '08:00' });
    expect(parseSettingsText('Mon–Fri')).toEqual({ weekdays: [1, 2, 3, 4, 5] });
    expect(parseSettingsText('')).toEqual({});
    expect(parseSettingsText('daily all no-thread')).toEqual({ weekdays: [0, 1, 2, 3, 4, 5, 6], category: null, thread: false });
    // Zero-width characters are ignored.
    expect(parseSettingsText('09:\u200B30')).toEqual({ time: '09:30' });
  });

  it('explains what is wrong without echoing harmful text', () => {
    expect(userError(() => parseSettingsText('25:00'))).toMatch(/not a valid time.*HH:MM/);
    expect(userError(() => parseSettingsText('Mars/Olympus'))).toMatch(/time zone/);
    expect(userError(() => parseSettingsText('09:00 10:00'))).toMatch(/twice/);
    expect(userError(() => parseSettingsText('banana'))).toMatch(/did not understand "banana"/);
    for (const nasty of ['@everyone', '<!channel>', '**bold** `x`', '<@123456>', '🔥🔥', 'x'.repeat(10_000)]) {
      const message = userError(() => parseSettingsText(nasty));
      expect(message).not.toContain('@everyone');
      expect(message).not.toContain('<!channel>');
      expect(message).not.toContain('<@');
      expect(message).not.toContain('🔥');
      expect(message.length).toBeLessThan(400);
    }
  });

  it('resolves given settings over a base and validates each', () => {
    expect(resolveSettings({ time: '7:15', weekdays: 'mon,fri' as unknown as number[] }, base)).toEqual({
      ...base,
      time: '07:15',
      weekdays: [1, 5],
    });
    expect(resolveSettings({ timeZone: 'asia/tokyo', category: 'data' }, base)).toMatchObject({ timeZone: 'Asia/Tokyo', category: 'data' });
    expect(resolveSettings({ category: null }, { ...base, category: 'data' }).category).toBeNull();
    expect(userError(() => resolveSettings({ time: '99:99' }, base))).toMatch(/time/);
    expect(userError(() => resolveSettings({ timeZone: 'Nowhere' }, base))).toMatch(/time zone/);
    expect(userError(() => resolveSettings({ weekdays: [] }, base))).toMatch(/weekdays/);
    expect(userError(() => resolveSettings({ weekdays: [9] }, base))).toMatch(/weekdays/);
    expect(userError(() => resolveSettings({ category: 'cooking' }, base))).toMatch(/Categories: foundations/);
  });
});

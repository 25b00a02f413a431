import { describe, expect, it } from 'vitest';
import { describeSubscription } from '../../../../src/adapters/slack/handlers/daily-command.js';
import type { SubscriptionStatus } from '../../../../src/core/totd/types.js';

const base: SubscriptionStatus = {
  platform: 'slack',
  channelId: 'C1',
  time: '09:30',
  timeZone: 'Europe/Berlin',
  weekdays: [1, 2, 3, 4, 5],
  category: 'security',
  thread: true,
  source: 'chat',
  nextRunAt: new Date('2026-11-30T08:30:00Z'),
  lastPost: { slug: 'dns', date: '2026-11-27', messageId: '1.2' },
  broken: null,
  remainingInCycle: 12,
};

describe('describeSubscription', () => {
  it('says when, where, what and what comes next in local time', () => {
    const text = describeSubscription(base, (s) => (s === 'dns' ? 'DNS' : s));
    expect(text).toContain('Monday to Friday at 09:30 (Europe/Berlin), Security and identity terms only, with a discussion thread');
    expect(text).toMatch(/Next post: Mon 30 Nov, 09:30/);
    expect(text).toContain('Last post: DNS on 2026-11-27');
    expect(text).toContain('12 terms left');
  });

  it('shows a broken subscription with its reason, escaped', () => {
    const text = describeSubscription({ ...base, weekdays: [0, 6], broken: { reason: 'not_in_channel <!channel>', since: new Date('2026-11-28T00:00:00Z') } }, (s) => s);
    expect(text).toContain('Sun, Sat');
    expect(text).toContain(':warning: Posting is paused since 2026-11-28: not_in_channel &lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
  });
});

import { describe, expect, it } from 'vitest';
import { renderDaily } from '../../../src/adapters/slack/render-daily.js';
import { describeSchedule, statusFacts } from '../../../src/core/chat/daily.js';
import type { SubscriptionStatus } from '../../../src/core/totd/types.js';

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
const bot = { title: (s: string) => (s === 'dns' ? 'DNS' : s) };
const render = (s: SubscriptionStatus): string =>
  renderDaily({ text: '**Term of the day here**', status: s, facts: statusFacts(s, bot) }).text;

describe('Slack status of a subscription', () => {
  it('says when, where, what and what comes next in local time', () => {
    expect(describeSchedule(base)).toBe('mon-fri at 09:30 (Europe/Berlin), Security and identity terms only, with a discussion thread');
    const text = render(base);
    expect(text).toMatch(/^\*Term of the day here\*/);
    expect(text).toContain('mon-fri at 09:30 (Europe/Berlin), Security and identity terms only, with a discussion thread');
    expect(text).toMatch(/Next post: Mon 30 Nov, 09:30/);
    expect(text).toContain('Last post: DNS on 2026-11-27');
    expect(text).toContain('12 terms left');
  });

  it('shows a broken subscription with its reason, escaped', () => {
    const text = render({
      ...base,
      weekdays: [0, 6],
      broken: { reason: 'not_in_channel <!channel>', since: new Date('2026-11-28T00:00:00Z') },
    });
    expect(text).toContain('weekends');
    expect(text).toContain(':warning: Posting is paused since 2026-11-28: not_in_channel &lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
  });

  it('credits the actor of an announcement with our own mention, and escapes the rest', () => {
    const out = renderDaily({ text: 'skipped **DNS <!here>** in the term of the day.' }, '<@U0ERIN>');
    expect(out.text).toBe('<@U0ERIN> skipped *DNS &lt;!here&gt;* in the term of the day.');
  });
});

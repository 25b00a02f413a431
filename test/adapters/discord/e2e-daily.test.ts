import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEEDS_PERMISSION as NEEDS_MANAGE_CHANNELS } from '../../../src/core/chat/index.js';
import { MANAGER_PERMISSIONS } from '../../support/fakes/discord/payloads.js';
import type { RestCall, SentInteraction } from '../../support/fakes/discord/fake-discord.js';
import { FakeTotd } from '../../support/fake-totd.js';
import { alice, bob, startHarness, type Harness } from './harness.js';

const EPHEMERAL = 64;
let h: Harness;
const totd = new FakeTotd({ skip: { skipped: 'load-balancer', next: 'cdn' } });

beforeAll(async () => {
  h = await startHarness({ ctx: { totd } });
});
afterAll(async () => {
  await h?.stop();
});

/** A deferred command: the type 5 callback, then the edit of the original reply. */
async function deferredReply(i: SentInteraction): Promise<{ defer: RestCall; edit: RestCall }> {
  const defer = await h.fake.waitForCallback(i);
  const edit = await h.fake.waitForCall(
    (c) => c.method === 'PATCH' && c.path === `/webhooks/${h.fake.applicationId}/${i.token}/messages/@original`,
  );
  return { defer, edit };
}

describe('Discord e2e: /explain-daily', () => {
  it('status is open to everyone and deferred ephemerally', async () => {
    const { defer, edit } = await deferredReply(h.fake.subcommand('explain-daily', 'status', {}, bob));
    expect(defer.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(edit.body.content).toMatch(/No term of the day in this channel/);
  });

  it('refuses changes from members without Manage Channels', async () => {
    for (const sub of ['subscribe', 'unsubscribe', 'skip']) {
      const call = await h.fake.waitForCallback(h.fake.subcommand('explain-daily', sub, {}, bob));
      expect(call.body).toMatchObject({ type: 4, data: { content: NEEDS_MANAGE_CHANNELS, flags: EPHEMERAL } });
    }
    expect(totd.calls.filter((c) => c.op !== 'status')).toHaveLength(0);
  });

  it('subscribes with the given options for a member with Manage Channels', async () => {
    const i = h.fake.subcommand(
      'explain-daily',
      'subscribe',
      { time: '08:30', timezone: 'Europe/Berlin', weekdays: 'mon,wed,fri', category: 'security', thread: true },
      alice,
      MANAGER_PERMISSIONS,
    );
    const { edit } = await deferredReply(i);
    expect(totd.calls.at(-1)).toEqual({
      op: 'subscribe',
      args: [
        'discord',
        h.fake.channelId,
        { time: '08:30', timeZone: 'Europe/Berlin', weekdays: [1, 3, 5], category: 'security', thread: true },
        expect.stringContaining(alice.id),
      ],
    });
    expect(edit.body.content).toMatch(/^Subscribed this channel to the term of the day/);
    expect(edit.body.embeds[0].description).toContain(`<#${h.fake.channelId}>`);
    expect(edit.body.allowed_mentions).toMatchObject({ parse: [] });
    const fields = edit.body.embeds[0].fields as { name: string; value: string }[];
    expect(fields.find((f) => f.name === 'Schedule')?.value).toBe('mon,wed,fri at 08:30 (Europe/Berlin)');
    expect(fields.find((f) => f.name === 'Area')?.value).toBe('Security and identity');
  });

  it('turns a UserError from the service into a friendly reply in place of the deferred one', async () => {
    const i = h.fake.subcommand('explain-daily', 'subscribe', { time: '25:99' }, alice, MANAGER_PERMISSIONS);
    const { defer, edit } = await deferredReply(i);
    expect(defer.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(edit.body).toMatchObject({ content: 'The time must look like 09:30 (24h).' });
  });

  it('autocompletes time zones', async () => {
    const call = await h.fake.waitForCallback(h.fake.autocomplete('explain-daily', { timezone: 'berl' }, 'timezone', alice, 'subscribe'));
    expect(call.body.type).toBe(8);
    expect(call.body.data.choices).toContainEqual({ name: 'Europe/Berlin', value: 'Europe/Berlin' });
  });

  it('skips and unsubscribes', async () => {
    const skip = await deferredReply(h.fake.subcommand('explain-daily', 'skip', {}, alice, MANAGER_PERMISSIONS));
    expect(skip.edit.body.content).toMatch(/^Skipped \*\*Load Balancer\*\*\. Next up: \*\*.+\*\*\.$/i);
    const status = await deferredReply(h.fake.subcommand('explain-daily', 'status', {}, bob));
    expect(status.edit.body.embeds[0].fields.find((f: { name: string }) => f.name === 'Next post').value).toMatch(/<t:\d+:F>/);
    const un = await deferredReply(h.fake.subcommand('explain-daily', 'unsubscribe', {}, alice, MANAGER_PERMISSIONS));
    expect(un.edit.body.content).toMatch(/No more terms of the day/);
    expect(totd.subs.size).toBe(0);
  });
});

describe('Discord e2e: the term-of-the-day card', () => {
  it('is posted by the adapter poster and its More detail button opens the full entry for the clicker only', async () => {
    const answer = h.ctx.bot.answerFor('load-balancer');
    if (answer.kind !== 'term') throw new Error('expected a term');
    const slotKey = `discord:${h.fake.channelId}:2026-11-30`;
    const { messageId } = await h.bot.poster.post({
      platform: 'discord',
      channelId: h.fake.channelId,
      slotKey,
      date: '2026-11-30',
      answer,
      thread: true,
    });
    expect(await h.bot.poster.findPosted(h.fake.channelId, slotKey)).toBe(messageId);
    const card = h.fake.messages.get(h.fake.channelId)!.find((m) => m.id === messageId)!;
    const click = await h.fake.waitForCallback(h.fake.clickButton('tb1:o:load-balancer:f', card, bob));
    expect(click.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(click.body.data.embeds[0].fields.length).toBeGreaterThan(answer.term.sections.length);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestCall } from '../../support/fakes/discord/fake-discord.js';
import { botRoleId } from '../../support/fakes/discord/payloads.js';
import { alice, bob, startHarness, type Harness } from './harness.js';

let h: Harness;
let clock = 1_000_000;
const carol = { id: '600000000000000003', username: 'carol' };
const dave = { id: '600000000000000004', username: 'dave' };

beforeAll(async () => {
  h = await startHarness({ now: () => clock, cooldownMs: 5_000 });
});
afterAll(async () => {
  await h?.stop();
});

const mention = (): string => `<@${h.fake.bot.id}>`;
const postsTo = (): RestCall[] => h.fake.callsTo('POST', `/channels/${h.fake.channelId}/messages`);
const replyTo = (id: unknown): Promise<RestCall> =>
  h.fake.waitForCall(
    (c) => c.method === 'POST' && c.path === `/channels/${h.fake.channelId}/messages` && c.body?.message_reference?.message_id === id,
    5_000,
    `reply to ${String(id)}`,
  );
const repliesTo = (id: unknown): RestCall[] => postsTo().filter((c) => c.body?.message_reference?.message_id === id);

describe('Discord e2e: mentions', () => {
  it('replies to "@termbot what is a CDN?" with a message that references it and pings nobody', async () => {
    const msg = h.fake.sendMessage({ author: alice, content: `${mention()} what is a CDN?`, mentions: [h.fake.bot] });
    const reply = await replyTo(msg.id);
    expect(reply.body.message_reference).toMatchObject({ message_id: msg.id });
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply.body.embeds[0].title).toMatch(/content delivery network|cdn/i);
    // Buttons on a public reply open ephemeral answers; no Share button here.
    const ids = (reply.body.components as { components: { custom_id: string }[] }[]).flatMap((r) => r.components.map((c) => c.custom_id));
    expect(ids.some((id) => id.startsWith('tb1:sh:'))).toBe(false);
  });

  it('answers comparisons asked by mention', async () => {
    const msg = h.fake.sendMessage({ author: bob, content: `<@!${h.fake.bot.id}> load balancer vs reverse proxy`, mentions: [h.fake.bot] });
    const reply = await replyTo(msg.id);
    expect(reply.body.embeds[0].title).toMatch(/load balancer.*reverse proxy/i);
  });

  it("answers a mention of the bot's own role (what Discord's picker often inserts for @termbot)", async () => {
    const roleId = botRoleId(h.fake.guild);
    const msg = h.fake.sendMessage({ author: { id: '600000000000000014', username: 'oscar' }, content: `<@&${roleId}> what is a CDN?` });
    const reply = await replyTo(msg.id);
    expect(reply.body.embeds[0].title).toMatch(/content delivery network|cdn/i);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    // Another role is not the bot: no answer (the marker shows the message was processed).
    const other = h.fake.sendMessage({
      author: { id: '600000000000000015', username: 'peggy' },
      content: '<@&123456789012345678> what is a CDN?',
    });
    const marker = h.fake.sendMessage({
      author: { id: '600000000000000015', username: 'peggy' },
      content: `${mention()} dns`,
      mentions: [h.fake.bot],
    });
    await replyTo(marker.id);
    expect(repliesTo(other.id)).toHaveLength(0);
  });

  it('ignores messages without a mention, from other bots, from itself and from webhooks', async () => {
    const ignored = [
      h.fake.sendMessage({ author: carol, content: 'what is a CDN?' }),
      h.fake.sendMessage({
        author: { id: '600000000000000009', username: 'otherbot', bot: true },
        content: `${mention()} what is a CDN?`,
        mentions: [h.fake.bot],
      }),
      h.fake.sendMessage({ author: h.fake.bot, content: `${mention()} what is a CDN?`, mentions: [h.fake.bot] }),
      h.fake.sendMessage({
        author: { id: '600000000000000008', username: 'hook' },
        webhookId: '600000000000000008',
        content: `${mention()} what is DNS?`,
      }),
      // A reply that pings the bot without writing its mention is not a question to it.
      h.fake.sendMessage({ author: carol, content: 'thanks!', mentions: [h.fake.bot] }),
    ];
    // Messages are handled in order, so once this one is answered the others would have been too.
    const marker = h.fake.sendMessage({ author: carol, content: `${mention()} dns`, mentions: [h.fake.bot] });
    await replyTo(marker.id);
    for (const m of ignored) expect(repliesTo(m.id)).toHaveLength(0);
  });

  it('never pings @everyone, @here or roles, even when the question contains them', async () => {
    const msg = h.fake.sendMessage({
      author: dave,
      content: `${mention()} @everyone @here <@&123456789012345678> zzqqxx`,
      mentions: [h.fake.bot],
      mentionEveryone: true,
    });
    const reply = await replyTo(msg.id);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const text = JSON.stringify(reply.body);
    expect(text).not.toMatch(/(?<!\u200B)@(everyone|here)/i);
    expect(reply.body.embeds[0].description).toContain('@\u200Beveryone');
    expect(text).not.toContain('<@&123456789012345678>');
  });

  it('echoes a question with a masked link escaped, so the reply carries no link the asker made up', async () => {
    const msg = h.fake.sendMessage({
      author: { id: '600000000000000013', username: 'mallory' },
      content: `${mention()} [free nitro](https://evil.example)`,
      mentions: [h.fake.bot],
    });
    const reply = await replyTo(msg.id);
    const description = String(reply.body.embeds[0].description);
    expect(description).toContain('free nitro');
    expect(description).not.toMatch(/(?<!\\)\[free nitro\]\(/);
  });

  it('logs a warning, and keeps going, when it may not reply in the channel', async () => {
    h.fake.errorNext('POST', /\/messages$/, 403, 50013, 'Missing Permissions');
    const msg = h.fake.sendMessage({
      author: { id: '600000000000000010', username: 'heidi' },
      content: `${mention()} dns`,
      mentions: [h.fake.bot],
    });
    await h.fake.waitForCall((c) => c.status === 403 && c.body?.message_reference?.message_id === msg.id);
    const marker = h.fake.sendMessage({
      author: { id: '600000000000000011', username: 'ivan' },
      content: `${mention()} dns`,
      mentions: [h.fake.bot],
    });
    await replyTo(marker.id);
    expect(h.logs.find((l) => l.messageId === msg.id && l.level >= 40)).toMatchObject({
      level: 40,
      msg: 'no access to the channel',
      discordCode: 50013,
    });
  });

  it('answers direct messages without a mention', async () => {
    const judy = { id: '600000000000000012', username: 'judy' };
    const msg = h.fake.sendDirectMessage(judy, 'what is a reverse proxy?');
    const reply = await h.fake.waitForCall((c) => c.method === 'POST' && c.body?.message_reference?.message_id === msg.id);
    expect(reply.path).toBe(`/channels/${String(msg.channel_id)}/messages`);
    expect(reply.body.embeds[0].title).toMatch(/reverse proxy/i);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('a mention alone gets the help', async () => {
    const msg = h.fake.sendMessage({ author: { id: '600000000000000005', username: 'erin' }, content: mention(), mentions: [h.fake.bot] });
    const reply = await replyTo(msg.id);
    expect(reply.body.embeds[0].title).toMatch(/termbot/i);
  });
});

describe('Discord e2e: mention cooldown', () => {
  const frank = { id: '600000000000000006', username: 'frank' };

  it('answers once per window, notices once, then stays quiet until the window passes', async () => {
    const first = h.fake.sendMessage({ author: frank, content: `${mention()} cdn`, mentions: [h.fake.bot] });
    await replyTo(first.id);
    clock += 1_000;
    const second = h.fake.sendMessage({ author: frank, content: `${mention()} dns`, mentions: [h.fake.bot] });
    const notice = await replyTo(second.id);
    expect(notice.body.content).toMatch(/try again in 4 s/);
    expect(notice.body.embeds ?? []).toHaveLength(0);
    expect(notice.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

    const third = h.fake.sendMessage({ author: frank, content: `${mention()} tcp`, mentions: [h.fake.bot] });
    // Someone else is not affected, and their answer shows the third message was processed.
    const other = h.fake.sendMessage({
      author: { id: '600000000000000007', username: 'grace' },
      content: `${mention()} tcp`,
      mentions: [h.fake.bot],
    });
    await replyTo(other.id);
    expect(repliesTo(third.id)).toHaveLength(0);

    clock += 5_000;
    const fourth = h.fake.sendMessage({ author: frank, content: `${mention()} tcp`, mentions: [h.fake.bot] });
    const answer = await replyTo(fourth.id);
    expect(answer.body.embeds[0].title).toMatch(/TCP/);
  });
});

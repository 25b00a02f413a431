import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, startHarness, type Harness } from './harness.js';

let h: Harness;
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => void rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
  process.off('unhandledRejection', onRejection);
});

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;

describe('Discord e2e: resilience', () => {
  it('resumes after the gateway socket is closed and answers the next interaction', async () => {
    h.fake.closeGateway(4000);
    await h.fake.waitForResume(1);
    const call = await h.fake.waitForCallback(h.fake.slashCommand('explain', { term: 'dns' }, alice));
    expect(call.body.data.embeds[0].title).toMatch(/DNS|domain name/i);
    expect(h.fake.identifyCount).toBe(1);
  });

  it('reconnects on op 7 and answers the next interaction', async () => {
    h.fake.sendReconnect();
    await h.fake.waitForResume(2);
    const call = await h.fake.waitForCallback(h.fake.slashCommand('explain', { term: 'cdn' }, alice));
    expect(call.body.type).toBe(4);
  });

  it('waits out a 429 with retry_after on the interaction callback and answers exactly once', async () => {
    h.fake.rateLimitNext('POST', CALLBACK, 0.2);
    const i = h.fake.slashCommand('explain', { term: 'load balancer' }, alice);
    const ok = await h.fake.waitForCallback(i, 10_000);
    expect(ok.body.data.embeds[0].title).toMatch(/load balancer/i);
    // A later interaction answered means any duplicate of the first would already be here.
    await h.fake.waitForCallback(h.fake.slashCommand('explain', { term: 'tcp' }, alice));
    const attempts = h.fake.calls.filter((c) => c.path === i.callbackPath);
    expect(attempts.map((c) => c.status)).toEqual([429, 204]);
  });

  it('waits out a 429 on a channel message and replies to the mention exactly once', async () => {
    const path = `/channels/${h.fake.channelId}/messages`;
    h.fake.rateLimitNext('POST', new RegExp(`^${path}$`), 0.2);
    const msg = h.fake.sendMessage({ author: alice, content: `<@${h.fake.bot.id}> what is a CDN?`, mentions: [h.fake.bot] });
    await h.fake.waitForCall((c) => c.path === path && c.status === 200 && c.body?.message_reference?.message_id === msg.id, 10_000);
    await h.fake.waitForCallback(h.fake.slashCommand('explain', { term: 'tcp' }, alice));
    const attempts = h.fake.calls.filter((c) => c.path === path && c.body?.message_reference?.message_id === msg.id);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
  });

  it('survives an expired interaction (10062) without an unhandled rejection, and logs it', async () => {
    h.fake.errorNext('POST', CALLBACK, 404, 10062, 'Unknown interaction');
    const i = h.fake.slashCommand('explain', { term: 'dns' }, alice);
    await h.fake.waitForCall((c) => c.path === i.callbackPath && c.status === 404);
    await h.fake.waitForCallback(h.fake.slashCommand('explain', { term: 'tcp' }, alice));
    expect(h.logs.some((l) => l.interactionId === i.id && l.level >= 40)).toBe(true);
    expect(rejections).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { FakeSlack } from '../../support/fakes/slack/fake-slack.js';
import { appMention, messageShortcut, slashCommand } from '../../support/fakes/slack/payloads.js';
import { httpOptions, loadBot, memoryLogger, settle, testContext } from './helpers.js';

/** Signed requests Slack would never send, or would send only once: each must be refused or dropped before Bolt acts. */
const fake = new FakeSlack();
const logs = memoryLogger();
let adapter: SlackAdapter;
let url: string;
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => void rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  await fake.start();
  adapter = createSlackApp(testContext(await loadBot(), logs.logger), httpOptions(fake));
  url = `http://127.0.0.1:${(await adapter.start()).port}`;
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await adapter?.stop();
  await fake.stop();
});

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

describe('Slack HTTP mode: hardening', () => {
  it('refuses timestamps more than 5 minutes from now in either direction (401, nothing done)', async () => {
    const calls = fake.calls.length;
    for (const timestamp of [nowSeconds() + 10 * 60, nowSeconds() + 365 * 24 * 3600, nowSeconds() - 6 * 60]) {
      const res = await fake.send(url, appMention({ text: '<@U0TERMBOT> dns', user: 'U0FUTURE' }), { timestamp });
      expect(res.status, String(timestamp)).toBe(401);
    }
    // Within the window, either way, is fine (clocks drift).
    const ok = await fake.send(url, slashCommand({ text: 'dns', responseUrl: fake.newResponseUrl() }), { timestamp: nowSeconds() + 60 });
    expect(ok.status).toBe(200);
    await settle();
    expect(fake.calls.slice(calls).filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
  });

  it('acknowledges a replayed request (same signature) and drops it: one answer for three sends', async () => {
    // A slash command has no cooldown: only the replay guard can stop the second and third answer.
    const responseUrl = fake.newResponseUrl();
    const command = slashCommand({ text: 'what is TLS', responseUrl });
    const timestamp = nowSeconds();
    for (let i = 0; i < 3; i++) expect((await fake.send(url, command, { timestamp })).status).toBe(200);
    await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    // Barrier: a fresh command is answered, so the replays had their chance to answer and did not.
    const fresh = fake.newResponseUrl();
    await fake.send(url, slashCommand({ text: 'udp', responseUrl: fresh }));
    await fake.waitForResponsePost((p) => fresh.endsWith(p.id));
    expect(fake.responsePosts.filter((p) => responseUrl.endsWith(p.id))).toHaveLength(1);
    await logs.waitForLog((l) => l.msg === 'dropping a replayed Slack request');
  });

  it('answers a signed payload=null (and other malformed payloads) with 400, before Bolt, without an unhandled rejection', async () => {
    const form = 'application/x-www-form-urlencoded';
    for (const [body, type] of [
      ['payload=null', form],
      ['payload=42', form],
      ['payload=%7Bbroken', form],
      ['payload=%5B%5D', form],
      ['null', 'application/json'],
      ['{"type":', 'application/json'],
    ] as const) {
      const res = await fake.sendRaw(url, body, type);
      expect(res.status, body).toBe(400);
    }
    await settle(100);
    expect(rejections).toEqual([]);
    expect(logs.lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('serves HEAD /healthz (and GET) in HTTP mode', async () => {
    const head = await fetch(`${url}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('a message shortcut without a message gets a clear reply, and nothing is logged as a network error', async () => {
    const responseUrl = fake.newResponseUrl();
    const incoming = messageShortcut({ callbackId: 'tb1_explain_terms', text: 'x', responseUrl });
    delete (incoming.payload as { message?: unknown }).message;
    expect((await fake.send(url, incoming)).status).toBe(200);
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body.text).toMatch(/no infrastructure or architecture terms/);
    expect(logs.lines.filter((l) => l.slackError === 'network' || l.level >= 50)).toEqual([]);
  });
});

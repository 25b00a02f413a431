import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { FakeSlack } from '../../support/fakes/slack/fake-slack.js';
import { appMention, blockAction, optionsRequest, slashCommand } from '../../support/fakes/slack/payloads.js';
import { loadBot, memoryLogger, settle, testContext } from './helpers.js';

/**
 * The real Bolt App in Socket Mode: apps.connections.open returns the fake's
 * ws://127.0.0.1 URL, and envelopes go both ways over that WebSocket.
 */
const fake = new FakeSlack();
const logs = memoryLogger();
let now = Date.parse('2026-11-30T10:00:00Z');
let adapter: SlackAdapter;

beforeAll(async () => {
  await fake.start();
  const ctx = testContext(await loadBot(), logs.logger);
  adapter = createSlackApp(ctx, {
    mode: 'socket',
    botToken: 'xoxb-test',
    appToken: 'xapp-test',
    apiUrl: fake.apiUrl,
    apiRetries: 0,
    clock: () => now,
  });
  const started = await adapter.start();
  expect(started.port).toBeNull();
  await fake.waitForSocket();
});

afterAll(async () => {
  await adapter?.stop();
  // Bolt's socket client finishes its close handshake asynchronously; give it a moment.
  await settle(100);
  await fake.stop();
});

describe('Socket Mode', () => {
  it('opened the connection with the app-level token', () => {
    const open = fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe('xapp-test');
    expect(fake.callsTo('auth.test')[0]?.token).toBe('xoxb-test');
  });

  it('slash command round trip: acked over the socket, answered through response_url', async () => {
    const responseUrl = fake.newResponseUrl();
    const ack = await fake.sendEnvelope(slashCommand({ text: 'load balancer', responseUrl }));
    expect(ack).toEqual({});
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body.response_type).toBe('ephemeral');
    expect(post.body.blocks[0].text.text).toBe('Load Balancer');
  });

  it('mention round trip: answered in a thread with chat.postMessage', async () => {
    const from = fake.calls.length;
    await fake.sendEnvelope(appMention({ text: '<@U0TERMBOT> what is a reverse proxy?', ts: '1700001000.000100' }));
    const call = await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === '1700001000.000100', 5000, from);
    expect(call.args.blocks[0].text.text).toMatch(/Reverse Proxy/);
    expect(call.token).toBe('xoxb-test');
  });

  it('a redelivered envelope (retry_attempt > 0) is acked and dropped', async () => {
    const from = fake.calls.length;
    now += 60_000;
    const event = appMention({ text: '<@U0TERMBOT> dns', ts: '1700001100.000100', user: 'U0SOCKRETRY' });
    await fake.sendEnvelope(event, { retryAttempt: 1 });
    await logs.waitForLog((l) => l.msg === 'dropping a Slack retry' && l.retryNum === 1);
    // Barrier: the first delivery of another event is answered.
    await fake.sendEnvelope(appMention({ text: '<@U0TERMBOT> tcp', ts: '1700001101.000100', user: 'U0SOCKOTHER' }));
    await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === '1700001101.000100', 5000, from);
    expect(fake.calls.slice(from).some((c) => c.args.thread_ts === '1700001100.000100')).toBe(false);
  });

  it('options come back in the ack payload; buttons redraw through response_url', async () => {
    const ack = await fake.sendEnvelope(optionsRequest({ actionId: 'tb1:search-select', value: 'dns' }));
    expect(ack.options[0].value).toBe('dns');
    const responseUrl = fake.newResponseUrl();
    await fake.sendEnvelope(blockAction({ actionId: 'tb1:term:0', value: 'tb1:t:tcp:s', responseUrl }));
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body).toMatchObject({ replace_original: true });
  });
});

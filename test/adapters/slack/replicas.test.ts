import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { SqliteSeenRequests } from '../../../src/store/sqlite-seen-requests.js';
import { SqliteTotdStore } from '../../../src/store/sqlite-totd-store.js';
import { FakeSlack } from '../../support/fakes/slack/fake-slack.js';
import { appMention } from '../../support/fakes/slack/payloads.js';
import { tempDir } from '../../store/helpers.js';
import { httpOptions, loadBot, memoryLogger, settle, testContext } from './helpers.js';

/**
 * Two replicas behind one load balancer, sharing one database: a request replayed to the other
 * replica, and a Slack retry landing there, are dropped; the first delivery answers once.
 */
const tmp = tempDir('termbot-replicas-');
const fake = new FakeSlack();
const replicas: { adapter: SlackAdapter; url: string; store: SqliteTotdStore; logs: ReturnType<typeof memoryLogger> }[] = [];

beforeAll(async () => {
  await fake.start();
  const bot = await loadBot();
  for (let i = 0; i < 2; i++) {
    // Each replica opens the same file with its own connection, as separate processes would.
    const store = SqliteTotdStore.open(path.join(tmp.dir, 'data'));
    const logs = memoryLogger();
    const adapter = createSlackApp(testContext(bot, logs.logger), {
      ...httpOptions(fake),
      seenRequests: new SqliteSeenRequests(store.db),
    });
    const { port } = await adapter.start();
    replicas.push({ adapter, url: `http://127.0.0.1:${port}`, store, logs });
  }
});

afterAll(async () => {
  for (const r of replicas) {
    await r.adapter.stop();
    await r.store.close();
  }
  await fake.stop();
  tmp.cleanup();
});

describe('Slack HTTP mode across replicas', () => {
  it('a request replayed to another replica is acknowledged and dropped', async () => {
    const [one, two] = replicas;
    const mention = appMention({ text: '<@U0TERMBOT> what is dns?', channel: 'C0REPLAY' });
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await fake.send(one!.url, mention, { timestamp })).status).toBe(200);
    await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0REPLAY');
    // The same bytes and signature, to the other replica.
    expect((await fake.send(two!.url, mention, { timestamp })).status).toBe(200);
    await two!.logs.waitForLog((l) => l.msg === 'dropping a replayed Slack request');
    await settle(150);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0REPLAY')).toHaveLength(1);
  });

  it("Slack's retry of an event lands on the other replica and is dropped there", async () => {
    const [one, two] = replicas;
    const mention = appMention({ text: '<@U0TERMBOT> what is a cdn?', channel: 'C0RETRY', user: 'U0RETRY' });
    expect((await fake.send(one!.url, mention)).status).toBe(200);
    await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0RETRY');
    // A retry is signed anew (a new timestamp), so only the retry header marks it.
    expect((await fake.send(two!.url, mention, { retryNum: 1, timestamp: Math.floor(Date.now() / 1000) + 1 })).status).toBe(200);
    await two!.logs.waitForLog((l) => l.msg === 'dropping a Slack retry');
    await settle(150);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0RETRY')).toHaveLength(1);
  });
});

import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { loadTermbot } from '../../src/core/termbot.js';
import { DefaultTotdService } from '../../src/core/totd/service.js';
import { SqliteTotdStore } from '../../src/store/sqlite-totd-store.js';
import { FakeSlack } from '../support/fakes/slack/fake-slack.js';
import { FakeClock } from '../core/totd/helpers/fakes.js';
import { tempDir } from '../store/helpers.js';
import { BotProcess } from './bot-process.js';

/**
 * SIGTERM always ends within SHUTDOWN_TIMEOUT: a client holding an unfinished HTTP request, or a
 * term-of-the-day post the platform never answers, does not keep the bot running.
 */
const tmp = tempDir('termbot-shutdown-');
let slack: FakeSlack;
const bots: BotProcess[] = [];
beforeAll(async () => {
  slack = new FakeSlack();
  await slack.start();
});
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.dispose()));
});
afterAll(async () => {
  await slack.stop();
  tmp.cleanup();
});

const slackHttpEnv = (): Record<string, string> => ({
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: slack.signingSecret,
  SLACK_API_URL: slack.apiUrl,
});

describe('bounded shutdown', () => {
  it('ends within the deadline while a client holds a half-sent request to the Slack HTTP server', async () => {
    const b = new BotProcess({ ...slackHttpEnv(), DATA_DIR: path.join(tmp.dir, 'a'), SHUTDOWN_TIMEOUT: '3' }, tmp.dir);
    bots.push(b);
    const port = await b.port();
    await b.waitForLog((l) => l.msg === 'termbot is running');
    // Headers promise 1000 bytes of body; only 10 arrive. Bolt never answers it.
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.on('error', () => undefined);
    socket.write(
      'POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":"e',
    );
    await new Promise((r) => setTimeout(r, 200));
    const sent = b.kill('SIGTERM');
    const { code, at } = await b.exited;
    socket.destroy();
    expect(code).toBe(0);
    expect(at - sent).toBeLessThan(3_000);
    expect(b.lines.some((l) => l.msg === 'stopped')).toBe(true);
  });

  it('does not wait past the deadline for a hanging term-of-the-day post; the slot stays claimed for the next start', async () => {
    const dataDir = path.join(tmp.dir, 'b');
    const channel = 'C0DAILY01';
    const now = new Date();
    const minute = Math.max(0, now.getUTCHours() * 60 + now.getUTCMinutes() - 1);
    const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    const store = SqliteTotdStore.open(dataDir);
    const { bot } = await loadTermbot(BUNDLED_KNOWLEDGE_DIR);
    const service = new DefaultTotdService({
      store,
      bot,
      defaultTimeZone: 'UTC',
      clock: new FakeClock(new Date(now.getTime() - 86_400_000)),
    });
    await service.subscribe('slack', channel, { time, weekdays: [0, 1, 2, 3, 4, 5, 6] }, 'alice');
    await store.close();

    const release = slack.hold('chat.postMessage');
    try {
      const b = new BotProcess({ ...slackHttpEnv(), DATA_DIR: dataDir, SHUTDOWN_TIMEOUT: '2', TOTD_TZ: 'UTC' }, tmp.dir);
      bots.push(b);
      await slack.waitForCall('chat.postMessage', (c) => c.args.channel === channel, 15_000);
      const sent = b.kill('SIGTERM');
      const { code, at } = await b.exited;
      expect(code).toBe(0);
      expect(at - sent).toBeLessThan(2_000 + 500);
      expect(b.lines.some((l) => /leaving its slot for the next start/.test(l.msg))).toBe(true);
    } finally {
      release();
    }
    const after = new SqliteTotdStore(path.join(dataDir, 'termbot.db'));
    const slot = await after.getSlot(`slack:${channel}:${now.toISOString().slice(0, 10)}`);
    await after.close();
    expect(slot?.status).toBe('claimed');
  });
});

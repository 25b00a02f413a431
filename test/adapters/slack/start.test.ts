import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack } from '../../../src/adapters/slack/index.js';
import { parseConfig } from '../../../src/app/config.js';
import type { Termbot } from '../../../src/core/termbot.js';
import { FakeSlack } from '../../support/fakes/slack/fake-slack.js';
import { loadBot, memoryLogger } from './helpers.js';

/** startSlack from the environment, as main.ts calls it. */
const fake = new FakeSlack();
let bot: Termbot;

beforeAll(async () => {
  await fake.start();
  bot = await loadBot();
});
afterAll(() => fake.stop());

const env = (extra: Record<string, string>) =>
  parseConfig({ SLACK_BOT_TOKEN: 'xoxb-env', SLACK_API_URL: fake.apiUrl.replace(/\/$/, ''), PORT: '0', ...extra });

describe('startSlack', () => {
  it('HTTP mode from SLACK_SIGNING_SECRET; SLACK_API_URL works without the trailing slash', async () => {
    const running = await startSlack({ config: env({ SLACK_SIGNING_SECRET: 'sec' }), logger: memoryLogger().logger, bot });
    try {
      expect(running.name).toBe('slack');
      expect(running.poster.platform).toBe('slack');
      expect(fake.callsTo('auth.test').at(-1)?.token).toBe('xoxb-env');
    } finally {
      await running.stop();
    }
  });

  it('Socket Mode from SLACK_APP_TOKEN', async () => {
    const before = fake.callsTo('apps.connections.open').length;
    const running = await startSlack({ config: env({ SLACK_APP_TOKEN: 'xapp-env' }), logger: memoryLogger().logger, bot });
    try {
      expect(fake.callsTo('apps.connections.open')).toHaveLength(before + 1);
      expect(fake.callsTo('apps.connections.open').at(-1)?.token).toBe('xapp-env');
      await fake.waitForSocket();
    } finally {
      await running.stop();
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  it('a bad token fails start with a clear error and nothing left running', async () => {
    fake.failNext('auth.test', 'invalid_auth');
    await expect(startSlack({ config: env({ SLACK_SIGNING_SECRET: 'sec' }), logger: memoryLogger().logger, bot })).rejects.toMatchObject({
      data: { error: 'invalid_auth' },
    });
  });
});

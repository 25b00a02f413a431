import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fakes/slack/fake-slack.js';
import { tempDir } from '../store/helpers.js';
import { BotProcess, get } from './bot-process.js';

/**
 * `npm start` as installable into many workspaces: the three OAuth variables and a signing secret,
 * no SLACK_BOT_TOKEN. The process serves the install page and readiness on one port, with its
 * installations in DATA_DIR; one variable missing stops it with a line naming it.
 */
const tmp = tempDir('termbot-oauth-process-');
const fake = new FakeSlack();
const bots: BotProcess[] = [];
beforeAll(() => fake.start());
afterAll(async () => {
  await Promise.all(bots.map((b) => b.dispose()));
  await fake.stop();
  tmp.cleanup();
});

const env = (): Record<string, string> => ({
  DATA_DIR: `${tmp.dir}/data`,
  SLACK_CLIENT_ID: fake.clientId,
  SLACK_CLIENT_SECRET: fake.clientSecret,
  SLACK_STATE_SECRET: 'process-test-state-secret',
  SLACK_SIGNING_SECRET: fake.signingSecret,
  SLACK_API_URL: fake.apiUrl,
});

describe('the bot process, installable into many workspaces', () => {
  it('starts without SLACK_BOT_TOKEN and serves /slack/install and /readyz', async () => {
    const bot = new BotProcess(env(), tmp.dir);
    bots.push(bot);
    const port = await bot.port();
    const install = await get(port, '/slack/install');
    expect(install.status).toBe(200);
    expect(install.body).toContain('https://slack.com/oauth/v2/authorize?');
    const ready = await get(port, '/readyz');
    expect(ready.status, ready.body).toBe(200);
    // A workspace that never installed: refused by Bolt's authorize, no Web API call with any token.
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('one OAuth variable missing stops startup with a line naming it', async () => {
    const { SLACK_STATE_SECRET: _drop, ...partial } = env();
    const bot = new BotProcess(partial, tmp.dir);
    bots.push(bot);
    const { code } = await bot.exited;
    expect(code).toBe(1);
    const fatal = bot.lines.find((l) => l.level === 60);
    expect(fatal?.variable).toBe('SLACK_STATE_SECRET');
  });
});

import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../support/fakes/discord/fake-discord.js';
import { FakeSlack } from '../support/fakes/slack/fake-slack.js';
import { tempDir } from '../store/helpers.js';
import { BotProcess, get } from './bot-process.js';

/**
 * /healthz and /readyz on PORT in every mode (Discord only, Slack Socket Mode, Slack HTTP mode, which
 * shares Bolt's server), GET and HEAD, JSON per component, 503 when a configured component is down.
 */
const tmp = tempDir('termbot-health-');
let discord: FakeDiscord;
let slack: FakeSlack;
const bots: BotProcess[] = [];
beforeAll(async () => {
  discord = new FakeDiscord();
  slack = new FakeSlack();
  await Promise.all([discord.start(), slack.start()]);
});
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.dispose()));
});
afterAll(async () => {
  await Promise.all([discord.stop(), slack.stop()]);
  tmp.cleanup();
});

function bot(env: Record<string, string>): BotProcess {
  const b = new BotProcess({ DATA_DIR: `${tmp.dir}/data-${bots.length}`, ...env }, tmp.dir);
  bots.push(b);
  return b;
}

const discordEnv = (): Record<string, string> => ({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl });
const slackHttpEnv = (): Record<string, string> => ({
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: slack.signingSecret,
  SLACK_API_URL: slack.apiUrl,
});

async function expectReady(port: number, components: Record<string, string>, standalone = true): Promise<void> {
  const ready = await get(port, '/readyz');
  expect(ready.status, ready.body).toBe(200);
  const body = ready.json as { ok: boolean; components: Record<string, { state: string }> };
  expect(body.ok).toBe(true);
  for (const [name, state] of Object.entries(components)) expect(body.components[name]?.state, name).toBe(state);
  const health = await get(port, '/healthz');
  expect(health.status).toBe(200);
  expect(health.json).toMatchObject({ ok: true });
  for (const p of ['/healthz', '/readyz']) {
    const head = await get(port, p, 'HEAD');
    expect(head.status, `HEAD ${p}`).toBe(200);
    expect(head.body).toBe('');
  }
  // Bolt answers other methods itself (404) in Slack HTTP mode.
  if (standalone) expect((await get(port, '/readyz', 'POST')).status).toBe(405);
}

describe('health and readiness', () => {
  it('Discord only: its own health server on PORT', async () => {
    const b = bot(discordEnv());
    const port = await b.port();
    await b.waitForLog((l) => l.msg === 'termbot is running');
    await expectReady(port, { knowledge: 'up', discord: 'up', totd: 'up' });
    expect((await get(port, '/nope')).status).toBe(404);
    // The parse cache the suite prewarmed (TERMBOT_CACHE_DIR): a start on unchanged cards parses none of them.
    expect(b.lines.find((l) => l.msg === 'knowledge loaded')).toMatchObject({ parsed: 0 });
  });

  it('Slack HTTP mode: the same server as /slack/events', async () => {
    const b = bot(slackHttpEnv());
    const port = await b.port();
    await b.waitForLog((l) => l.msg === 'termbot is running');
    await expectReady(port, { knowledge: 'up', slack: 'up', totd: 'up' }, false);
    expect(b.lines.some((l) => /health server listening/.test(l.msg))).toBe(false);
  });

  it('Slack Socket Mode: its own health server', async () => {
    const b = bot({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-test', SLACK_API_URL: slack.apiUrl });
    const port = await b.port();
    await b.waitForLog((l) => l.msg === 'termbot is running');
    await expectReady(port, { slack: 'up' });
  });

  it('503 with the reason when a configured adapter is down; the other adapter keeps running', async () => {
    // Slack rejects the bot token (permanent: no retry); Discord starts anyway.
    slack.failNext('auth.test', 'invalid_auth');
    const b = bot({ ...discordEnv(), ...slackHttpEnv() });
    const running = await b.waitForLog((l) => l.msg === 'termbot is running');
    expect(running.adapters).toEqual(['discord']);
    const err = b.lines.find((l) => l.adapter === 'slack' && l.level === 50)!;
    expect(err.variable).toBe('SLACK_BOT_TOKEN');
    const port = await b.port();
    const ready = await get(port, '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.json).toMatchObject({
      ok: false,
      components: { discord: { state: 'up' }, slack: { state: 'down', reason: expect.stringContaining('invalid_auth') } },
    });
    expect((await get(port, '/healthz')).status).toBe(200);
    expect(b.plain).toEqual([]);
  });
});

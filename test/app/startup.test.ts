import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../support/fakes/discord/fake-discord.js';
import { tempDir } from '../store/helpers.js';
import { BotProcess } from './bot-process.js';

/**
 * Startup as an operator sees it: progress while connecting, retries for transient failures, one
 * JSON fatal line naming the variable for permanent ones, every line JSON.
 */
const tmp = tempDir('termbot-startup-');
let discord: FakeDiscord;
const bots: BotProcess[] = [];
beforeAll(async () => {
  discord = new FakeDiscord();
  await discord.start();
});
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.dispose()));
});
afterAll(async () => {
  await discord.stop();
  tmp.cleanup();
});

function bot(env: Record<string, string>, script?: string, args: string[] = []): BotProcess {
  const b = new BotProcess({ DATA_DIR: path.join(tmp.dir, `d${bots.length}`), ...env }, tmp.dir, script, args);
  bots.push(b);
  return b;
}

describe('startup', () => {
  it('an unreachable Discord: "connecting to Discord...", a retry naming DISCORD_API_URL, and SIGTERM still stops it cleanly', async () => {
    // Nothing listens on the discard port of loopback: connection refused.
    const b = bot({ DISCORD_TOKEN: 'any', DISCORD_API_URL: 'http://127.0.0.1:9/api' });
    await b.waitForLog((l) => l.msg === 'connecting to Discord...');
    const retry = await b.waitForLog((l) => /could not connect to Discord; retrying in/.test(l.msg), 30_000);
    expect(retry).toMatchObject({ level: 40, variable: 'DISCORD_API_URL', adapter: 'discord' });
    expect(String(retry.reason)).toMatch(/cannot reach Discord \(ECONNREFUSED\)/);
    b.kill('SIGTERM');
    expect((await b.exited).code).toBe(0);
    expect(b.plain).toEqual([]);
  });

  it('a bad token: one JSON fatal line naming DISCORD_TOKEN, no retry, exit 1', async () => {
    const b = bot({ DISCORD_TOKEN: 'not-the-token', DISCORD_API_URL: discord.apiUrl });
    const { code } = await b.exited;
    expect(code).toBe(1);
    expect(b.plain).toEqual([]);
    const fatal = b.lines.filter((l) => l.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({ variable: 'DISCORD_TOKEN', adapter: 'discord', attempts: 1 });
    expect(fatal[0]!.msg).toMatch(/Discord rejected the token/);
    expect(b.lines.some((l) => /retrying/.test(l.msg))).toBe(false);
  });

  it('a configuration error is one JSON fatal line naming the variable', async () => {
    const b = bot({ DISCORD_TOKEN: 'x', TOTD_TIME: '25:99' });
    expect((await b.exited).code).toBe(1);
    expect(b.plain).toEqual([]);
    expect(b.lines).toHaveLength(1);
    expect(b.lines[0]).toMatchObject({ level: 60, variable: 'TOTD_TIME' });
    expect(b.lines[0]!.msg).toMatch(/TOTD_TIME: must be a time of day such as 09:00, 17:30, 9am or 5:30pm/);
  });
});

describe('process-level faults', () => {
  for (const kind of ['rejection', 'exception'] as const) {
    it(`an unhandled ${kind} is logged as JSON and the process exits non-zero`, async () => {
      const b = bot({}, path.join(path.dirname(new URL(import.meta.url).pathname), 'fatal-child.ts'), [kind]);
      const { code } = await b.exited;
      expect(code).toBe(1);
      expect(b.plain).toEqual([]);
      expect(b.lines).toHaveLength(1);
      expect(b.lines[0]).toMatchObject({ level: 60, err: { message: kind === 'rejection' ? 'boom in a promise' : 'boom in a callback' } });
    });
  }
});

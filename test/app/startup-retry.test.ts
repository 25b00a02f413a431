import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { Writable } from 'node:stream';
import { StartupError, startWithRetry, type StartPlan } from '../../src/app/startup.js';
import { classifyDiscordStartError, classifySlackStartError } from '../../src/app/startup-errors.js';
import type { RunningAdapter } from '../../src/adapters/types.js';

function logger(): { log: pino.Logger; lines: { msg: string; [k: string]: unknown }[] } {
  const lines: { msg: string }[] = [];
  const stream = new Writable({ write: (c: Buffer, _e, done) => (lines.push(JSON.parse(c.toString()) as { msg: string }), done()) });
  return { log: pino({ level: 'info' }, stream), lines };
}

const adapter = { name: 'discord', poster: {} as RunningAdapter['poster'], stop: async () => undefined } as RunningAdapter;
const refused = Object.assign(new TypeError('fetch failed'), {
  cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
});
const fast = { initialMs: 1, maxMs: 4, attempts: 4, progressEveryMs: 10_000 };

describe('startWithRetry', () => {
  it('retries transient failures with growing waits, then succeeds', async () => {
    let calls = 0;
    const states: string[] = [];
    const plan: StartPlan = {
      name: 'discord',
      label: 'Discord',
      classify: classifyDiscordStartError,
      start: async () => (++calls < 3 ? Promise.reject(refused) : adapter),
    };
    const { log, lines } = logger();
    expect(await startWithRetry(plan, { log, backoff: fast, signal: new AbortController().signal, onState: (s) => states.push(s) })).toBe(
      adapter,
    );
    expect(calls).toBe(3);
    expect(lines.filter((l) => l.msg === 'connecting to Discord...')).toHaveLength(3);
    expect(lines.filter((l) => /retrying/.test(l.msg)).map((l) => l.retryInMs)).toEqual([1, 2]);
    expect(states).toEqual(['starting', 'starting']);
  });

  it('gives up after the last attempt, naming the variable', async () => {
    const plan: StartPlan = {
      name: 'discord',
      label: 'Discord',
      classify: classifyDiscordStartError,
      start: () => Promise.reject(refused),
    };
    const err = await startWithRetry(plan, {
      log: logger().log,
      backoff: fast,
      signal: new AbortController().signal,
      onState: () => undefined,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as StartupError).attempts).toBe(4);
    expect((err as StartupError).failure.variable).toBe('DISCORD_API_URL');
    expect((err as StartupError).message).toMatch(/gave up after 4 attempts/);
  });

  it('does not retry a permanent failure', async () => {
    let calls = 0;
    const plan: StartPlan = {
      name: 'slack',
      label: 'Slack',
      classify: (e) => classifySlackStartError(e, 'socket'),
      start: () => (
        calls++,
        Promise.reject(
          Object.assign(new Error('An API error occurred: invalid_auth'), {
            code: 'slack_webapi_platform_error',
            data: { error: 'invalid_auth' },
          }),
        )
      ),
    };
    const err = (await startWithRetry(plan, {
      log: logger().log,
      backoff: fast,
      signal: new AbortController().signal,
      onState: () => undefined,
    }).catch((e: unknown) => e)) as StartupError;
    expect(calls).toBe(1);
    expect(err.failure).toMatchObject({ kind: 'permanent', variable: 'SLACK_BOT_TOKEN' });
  });

  it('classifies: Discord 401 and disallowed intents are permanent; a port in use names PORT', () => {
    expect(classifyDiscordStartError(Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' }))).toMatchObject({
      kind: 'permanent',
      variable: 'DISCORD_TOKEN',
    });
    expect(classifyDiscordStartError(Object.assign(new Error('Used disallowed intents'), { code: 'DisallowedIntents' })).reason).toMatch(
      /Privileged Gateway Intents/,
    );
    expect(classifyDiscordStartError(Object.assign(new Error('x'), { name: 'AbortError' }))).toMatchObject({
      kind: 'transient',
      variable: 'DISCORD_API_URL',
    });
    expect(classifySlackStartError(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }), 'http')).toMatchObject({
      kind: 'permanent',
      variable: 'PORT',
    });
  });
});

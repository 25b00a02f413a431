import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { toPostError } from '../../../src/adapters/discord/errors.js';

const apiError = (status: number, code: number, extra: object = {}): DiscordAPIError =>
  new DiscordAPIError({ code, message: 'x', ...extra }, code, status, 'POST', 'http://127.0.0.1/api/v10/channels/1/messages', { body: {} });

describe('toPostError', () => {
  it('marks access problems permanent', () => {
    for (const code of [50001, 50013, 10003]) expect(toPostError(apiError(403, code)).kind).toBe('permanent');
  });

  it('marks rate limits, server and network errors transient, with the delay when given', () => {
    const limited = toPostError(apiError(429, 0, { retry_after: 1.5 }));
    expect(limited).toMatchObject({ kind: 'transient', retryAfterSeconds: 1.5 });
    const rl = new RateLimitError({
      timeToReset: 2000,
      limit: 1,
      method: 'POST',
      hash: 'h',
      url: 'u',
      route: '/channels/:id/messages',
      majorParameter: '1',
      global: false,
      retryAfter: 2000,
      sublimitTimeout: 0,
      scope: 'user',
    });
    expect(toPostError(rl)).toMatchObject({ kind: 'transient', retryAfterSeconds: 2 });
    expect(toPostError(new HTTPError(502, 'Bad Gateway', 'POST', 'u', { body: {} })).kind).toBe('transient');
    expect(toPostError(new TypeError('fetch failed')).kind).toBe('transient');
  });
});

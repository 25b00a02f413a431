import { describe, expect, it } from 'vitest';
import { classifySlackError, toPostError, userMessageFor } from '../../../src/adapters/slack/errors.js';
import { PostError } from '../../../src/core/totd/types.js';

const platform = (error: string) => ({ code: 'slack_webapi_platform_error', data: { ok: false, error } });

describe('classifySlackError', () => {
  it('permanent: the channel or the access is gone', () => {
    for (const code of ['channel_not_found', 'not_in_channel', 'is_archived', 'missing_scope', 'account_inactive', 'invalid_auth']) {
      expect(classifySlackError(platform(code))).toEqual({ code, kind: 'permanent' });
    }
  });

  it('transient: rate limits with Retry-After, 5xx, network', () => {
    expect(classifySlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 30 })).toEqual({
      code: 'ratelimited',
      kind: 'transient',
      retryAfterSeconds: 30,
    });
    expect(classifySlackError({ code: 'slack_webapi_http_error', statusCode: 503 })).toMatchObject({ kind: 'transient' });
    expect(classifySlackError({ code: 'slack_webapi_request_error' })).toMatchObject({ code: 'network', kind: 'transient' });
    expect(classifySlackError(new Error('socket hang up'))).toMatchObject({ kind: 'transient' });
    expect(classifySlackError(undefined)).toMatchObject({ kind: 'transient' });
  });

  it('maps to PostError and to friendly user messages', () => {
    const e = toPostError({ code: 'slack_webapi_rate_limited_error', retryAfter: 12 }, 'chat.postMessage');
    expect(e).toBeInstanceOf(PostError);
    expect(e.kind).toBe('transient');
    expect(e.retryAfterSeconds).toBe(12);
    expect(userMessageFor({ code: 'not_in_channel', kind: 'permanent' })).toMatch(/invite/i);
    expect(userMessageFor({ code: 'ratelimited', kind: 'transient', retryAfterSeconds: 12 })).toMatch(/12 seconds/);
  });
});

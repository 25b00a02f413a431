import type { Classified } from '../../core/chat/index.js';
import { PostError } from '../../core/totd/types.js';

/** What went wrong with a Slack Web API call, reduced to what callers act on. */
export interface SlackFailure {
  /** Slack's error code (`not_in_channel`), `ratelimited`, `http_<status>` or `network`. */
  code: string;
  kind: 'transient' | 'permanent';
  retryAfterSeconds?: number;
}

/**
 * Slack error codes that a later retry can fix. Every other platform error (channel_not_found,
 * not_in_channel, is_archived, missing_scope, account_inactive, invalid_auth, invalid_blocks...)
 * gives the same answer next time, so it is permanent.
 */
const TRANSIENT_CODES = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

interface WebApiErrorShape {
  code?: unknown;
  data?: { error?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
}

/** Classifies any error thrown by @slack/web-api (platform, rate limit, HTTP, network). */
export function classifySlackError(err: unknown): SlackFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as WebApiErrorShape;
  switch (e.code) {
    case 'slack_webapi_platform_error': {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      return { code, kind: TRANSIENT_CODES.has(code) ? 'transient' : 'permanent' };
    }
    case 'slack_webapi_rate_limited_error':
      return { code: 'ratelimited', kind: 'transient', ...(typeof e.retryAfter === 'number' ? { retryAfterSeconds: e.retryAfter } : {}) };
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      return { code: `http_${status}`, kind: status >= 500 || status === 429 || status === 408 ? 'transient' : 'permanent' };
    }
    default:
      // Request errors, timeouts, anything unexpected: worth another try later.
      return { code: 'network', kind: 'transient' };
  }
}

/** True for errors caused by the bot's access to a channel, which people can fix by inviting it. */
export const isAccessError = (code: string): boolean =>
  ['not_in_channel', 'channel_not_found', 'is_archived', 'missing_scope'].includes(code);

export function toPostError(err: unknown, action: string): PostError {
  const f = classifySlackError(err);
  return new PostError(`${action} failed: ${f.code}`, f.kind, f.retryAfterSeconds);
}

/** A friendly sentence for a failure the user can act on, or a generic apology. */
export function userMessageFor(f: SlackFailure): string {
  switch (f.code) {
    case 'not_in_channel':
    case 'channel_not_found':
      return "I'm not a member of this channel, so I can't post here. Invite me with `/invite @termbot` and try again.";
    case 'is_archived':
      return 'This channel is archived, so I cannot post in it.';
    case 'missing_scope':
      return 'I lack a Slack permission for that. Ask an admin to reinstall termbot from the app manifest.';
    case 'ratelimited':
      return `Slack asked me to slow down. Please try again${f.retryAfterSeconds ? ` in ${f.retryAfterSeconds} seconds` : ' in a moment'}.`;
    default:
      return 'Sorry, something went wrong on my side. Please try again in a moment.';
  }
}

/** Slack's side of the core's error classification (the rest is ../../core/chat/errors.ts). */
export function slackErrors(err: unknown): Classified | undefined {
  const e = err as { code?: unknown } | null;
  if (typeof e !== 'object' || e === null || typeof e.code !== 'string' || !e.code.startsWith('slack_')) return undefined;
  const failure = classifySlackError(err);
  const access = isAccessError(failure.code);
  const calm = access || failure.code === 'ratelimited' || failure.code === 'is_archived';
  return {
    level: calm ? 'warn' : 'error',
    userText: userMessageFor(failure),
    event: calm ? 'slack refused the reply' : 'chat handler failed',
    access,
    fields: { slackError: failure.code },
  };
}

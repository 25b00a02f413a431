/**
 * Why a chat adapter failed to start, in words an operator can act on: permanent failures (a bad
 * token, a port in use) name the variable to fix and are not retried; transient ones (network,
 * timeouts, 5xx, rate limits) are retried with backoff.
 */
export interface StartFailure {
  kind: 'permanent' | 'transient';
  /** The environment variable to check, when one is to blame. */
  variable?: string;
  /** One line, no stack. */
  reason: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);
/** Slack Web API errors that mean the token itself is wrong: retrying cannot help. */
const SLACK_BAD_TOKEN = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'missing_scope',
  'team_access_not_granted',
]);

interface ErrorLike {
  name?: string;
  code?: unknown;
  status?: unknown;
  message?: string;
  cause?: unknown;
  data?: { error?: unknown };
  original?: unknown;
}

/** The first network error code in an error's cause chain (fetch wraps them: TypeError -> cause). */
function networkCode(err: unknown): string | null {
  for (let e = err as ErrorLike | undefined, depth = 0; e && depth < 5; e = (e.cause ?? e.original) as ErrorLike | undefined, depth++) {
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
    if (e.name === 'AbortError' || e.name === 'TimeoutError' || e.name === 'ConnectTimeoutError') return 'timeout';
  }
  return null;
}

function short(err: unknown): string {
  const e = err as ErrorLike;
  return String(e?.message ?? err)
    .split('\n')[0]!
    .slice(0, 200);
}

function addrInUse(err: unknown): boolean {
  return (err as ErrorLike)?.code === 'EADDRINUSE' || (err as ErrorLike)?.code === 'EACCES';
}

export function classifyDiscordStartError(err: unknown): StartFailure {
  const e = err as ErrorLike;
  if (e?.code === 'TokenInvalid' || e?.status === 401) {
    return {
      kind: 'permanent',
      variable: 'DISCORD_TOKEN',
      reason: 'Discord rejected the token (401): copy the bot token again from the Developer Portal (Bot > Reset Token)',
    };
  }
  if (e?.code === 'DisallowedIntents' || /disallowed intent/i.test(e?.message ?? '')) {
    return {
      kind: 'permanent',
      variable: 'DISCORD_TOKEN',
      reason:
        'Discord refused the Message Content intent: enable it under Bot > Privileged Gateway Intents in the Developer Portal (docs/discord.md)',
    };
  }
  const net = networkCode(err);
  if (net)
    return {
      kind: 'transient',
      variable: 'DISCORD_API_URL',
      reason: `cannot reach Discord (${net === 'timeout' ? 'timed out' : net}): check the network, or DISCORD_API_URL if you changed it`,
    };
  if (typeof e?.status === 'number' && (e.status >= 500 || e.status === 429))
    return { kind: 'transient', reason: `Discord answered ${e.status}` };
  return { kind: 'transient', reason: short(err) };
}

export function classifySlackStartError(err: unknown, mode: 'socket' | 'http' | null): StartFailure {
  const e = err as ErrorLike;
  if (mode === 'http' && addrInUse(err)) {
    return { kind: 'permanent', variable: 'PORT', reason: `cannot listen for Slack requests: ${short(err)} (set PORT to a free port)` };
  }
  const apiError = typeof e?.data?.error === 'string' ? e.data.error : null;
  if (apiError && SLACK_BAD_TOKEN.has(apiError)) {
    // auth.test runs first with the bot token; an auth error after it comes from the app-level token (Socket Mode).
    const appToken = /connections\.open|socket/i.test(`${e.message ?? ''} ${(err as Error).stack ?? ''}`) && mode === 'socket';
    return {
      kind: 'permanent',
      variable: appToken ? 'SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN',
      reason: `Slack rejected the token (${apiError}): copy it again from your app's settings (OAuth & Permissions${appToken ? ' / Basic Information > App-Level Tokens' : ''})`,
    };
  }
  if (/did not return bot_id/.test(e?.message ?? '')) return { kind: 'permanent', variable: 'SLACK_BOT_TOKEN', reason: short(err) };
  const net = networkCode(err);
  if (net)
    return {
      kind: 'transient',
      variable: 'SLACK_API_URL',
      reason: `cannot reach Slack (${net === 'timeout' ? 'timed out' : net}): check the network, or SLACK_API_URL if you changed it`,
    };
  return { kind: 'transient', reason: short(err) };
}

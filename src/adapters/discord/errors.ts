import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import type { Classified } from '../../core/chat/index.js';
import { PostError } from '../../core/totd/types.js';

/** Discord error codes that mean "this channel will not work until someone fixes it". */
export const PERMANENT_CODES = new Map<number, string>([
  [50001, 'Missing Access: the bot cannot see this channel'],
  [50013, 'Missing Permissions: the bot needs View Channel, Send Messages and Embed Links here'],
  [10003, 'Unknown Channel: the channel was deleted'],
  [10004, 'Unknown Guild: the bot was removed from the server'],
  [50007, 'Cannot send messages to this user'],
]);

function retryAfterFrom(raw: unknown): number | undefined {
  if (raw && typeof raw === 'object' && 'retry_after' in raw) {
    const n = Number(raw.retry_after);
    if (Number.isFinite(n) && n >= 0) return n;
  }
  return undefined;
}

/** Maps anything a Discord call can throw to the scheduler's PostError (retry or mark broken). */
export function toPostError(err: unknown): PostError {
  if (err instanceof PostError) return err;
  if (err instanceof RateLimitError) return new PostError(`rate limited on ${err.route}`, 'transient', err.retryAfter / 1000);
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : Number(err.code);
    const known = PERMANENT_CODES.get(code);
    if (known) return new PostError(known, 'permanent');
    if (err.status === 429) return new PostError('rate limited by Discord', 'transient', retryAfterFrom(err.rawError));
    if (err.status >= 500) return new PostError(`Discord error ${err.status}`, 'transient');
    // 401 is the bot's token, not this channel: retry rather than mark every channel broken.
    if (err.status === 401) return new PostError('Discord rejected the bot token', 'transient');
    if (err.status === 403 || err.status === 404) return new PostError(`${err.message} (${code})`, 'permanent');
    return new PostError(`Discord refused the post: ${err.message} (${code})`, 'permanent');
  }
  if (err instanceof HTTPError) return new PostError(`Discord error ${err.status}`, 'transient');
  const message = err instanceof Error ? err.message : String(err);
  return new PostError(`network error: ${message}`, 'transient');
}

/** Missing Access, Missing Permissions, Unknown Channel: the server's setup, not our bug. */
const ACCESS_CODES = new Set([50001, 50013, 10003]);

/** Discord's side of the core's error classification (the rest is ../../core/chat/errors.ts). */
export function discordErrors(err: unknown): Classified | undefined {
  if (!(err instanceof DiscordAPIError)) return undefined;
  const code = Number(err.code);
  // There is no reply to send where the bot may not post; a warning is enough.
  if (ACCESS_CODES.has(code))
    return { level: 'warn', userText: null, event: 'no access to the channel', access: true, fields: { discordCode: code } };
  return undefined;
}

import { UserError } from '../errors.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What to tell the person and how loudly to log, for any failure of a chat handler. */
export interface Classified {
  level: LogLevel;
  /** The reply, or null when there is nowhere to send one (no access to the channel). */
  userText: string | null;
  /** The log message. */
  event: string;
  /** Extra log fields (a platform's error code). */
  fields?: Record<string, unknown>;
  /** The bot may not post in this channel (not a member, missing permission): people can fix that. */
  access?: boolean;
}

/** A platform's view of its own errors (rate limits, missing access); undefined leaves the error to the core. */
export type PlatformErrors = (err: unknown) => Classified | undefined;

export const SOMETHING_WENT_WRONG =
  'Something went wrong on my side while answering that. It has been logged; please try again in a moment.';

/**
 * The one place that decides what a failure means: a UserError is the person's mistake (its
 * message is the reply, logged at info), a platform error is what the platform says it is,
 * anything else is our bug (logged as an error, answered with an apology).
 */
export function classifyError(err: unknown, platform?: PlatformErrors): Classified {
  if (err instanceof UserError) return { level: 'info', userText: err.message, event: 'user error' };
  return platform?.(err) ?? { level: 'error', userText: SOMETHING_WENT_WRONG, event: 'chat handler failed' };
}

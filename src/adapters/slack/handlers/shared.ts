import type { RespondArguments, RespondFn, types, webApi } from '@slack/bolt';
import type { Answer } from '../../../core/answer/types.js';
import { UserError } from '../../../core/errors.js';
import type { Logger } from '../../../logger.js';
import type { AppContext } from '../../types.js';
import type { Cooldown, Clock } from '../cooldown.js';
import { classifySlackError, userMessageFor } from '../errors.js';
import type { AnswerRef, ButtonValue } from '../ids.js';
import { escapeText } from '../mrkdwn.js';

/** Everything a handler needs, injected so tests can swap the clock and cooldown. */
export interface SlackDeps {
  ctx: AppContext;
  log: Logger;
  clock: Clock;
  cooldown: Cooldown;
}

/** Posts to a response_url and treats a non-2xx answer as an error (Bolt's respond does not throw on those). */
export async function reply(respond: RespondFn, message: RespondArguments): Promise<void> {
  const res = await respond(message);
  if (res && typeof res === 'object' && 'ok' in res && res.ok === false) {
    throw new Error(`response_url post failed with HTTP ${'status' in res ? String(res.status) : '?'}`);
  }
}

export const ephemeral = (text: string): RespondArguments => ({ response_type: 'ephemeral', replace_original: false, text });

/**
 * Runs the real work of a handler after its ack. Nothing escapes: a UserError becomes a
 * friendly reply, anything else is logged with context and the user gets an apology (or a
 * specific hint for Slack errors such as not_in_channel or ratelimited).
 */
export async function safely(
  log: Logger,
  what: string,
  meta: Record<string, unknown>,
  work: () => Promise<void>,
  tell?: (text: string) => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    let text: string;
    if (err instanceof UserError) {
      log.info({ ...meta, handler: what, problem: err.message }, 'user error');
      text = escapeText(err.message);
    } else {
      const failure = classifySlackError(err);
      log.error({ ...meta, handler: what, err, slackError: failure.code }, 'slack handler failed');
      text = userMessageFor(failure);
    }
    if (!tell) return;
    try {
      await tell(text);
    } catch (tellErr) {
      log.warn({ ...meta, handler: what, err: tellErr }, 'could not tell the user about the failure');
    }
  }
}

/** Turns a button's reference back into an answer. */
export function resolveRef(ctx: AppContext, ref: AnswerRef, depth: ButtonValue['depth']): Answer {
  return 'slug' in ref ? ctx.bot.answerFor(ref.slug, depth) : ctx.bot.ask(ref.query, depth).answer;
}

/** chat.postEphemeral, the fallback when there is no response_url. */
export async function postEphemeral(client: webApi.WebClient, channel: string, user: string, message: { text: string; blocks?: types.KnownBlock[]; thread_ts?: string }): Promise<void> {
  await client.chat.postEphemeral({ channel, user, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}), ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}) });
}

/** Slack ids are uppercase alphanumerics; anything else in private_metadata was not written by us. */
export const isSlackId = (s: unknown): s is string => typeof s === 'string' && /^[A-Z0-9]{2,30}$/.test(s);

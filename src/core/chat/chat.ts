import type { Answer } from '../answer/types.js';
import type { Termbot } from '../termbot.js';
import { stripInvisible } from '../text/normalize.js';
import { parseCategory } from '../totd/settings.js';
import type { TotdService } from '../totd/types.js';
import { decodeAction, STALE_BUTTON, type ActionRef } from './actions.js';
import { answerActions } from './answer-actions.js';
import type { BrowsePage, ChatEvent, ChatMessage } from './contract.js';
import { Cooldown, cooldownNotice } from './cooldown.js';
import { runDaily, type DailyInput } from './daily.js';
import { classifyError, type PlatformErrors } from './errors.js';
import type { Insights } from '../insights/service.js';
import type { VoteResult } from '../ports/insights-store.js';

/** The logger the use cases need (pino fits). */
export interface ChatLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ChatOptions {
  /** Read on every event, so a reloaded core (or a test's) is picked up. */
  bot: () => Termbot;
  totd: () => TotdService | undefined;
  logger: ChatLogger;
  cooldown?: Cooldown;
  /** The adapter's reading of its platform's errors. */
  platformErrors?: PlatformErrors;
  /** Records misses and answers, counts votes; absent or undefined = insights off (no Helpful? buttons). */
  insights?: () => Insights | undefined;
}

/** Terms per page of the term list. */
export const PAGE_SIZE = 10;
/** Most terms listed for one message ("Explain terms"). */
export const MAX_FOUND = 10;

/** The user's words without invisible characters; empty means "no question". */
export const questionText = (text: string): string => stripInvisible(text).trim();
const isHelp = (q: string): boolean => /^(help|\?)$/i.test(q);

/** An answer with the buttons the core's policy gives it; `vote` is its recorded id (Helpful? buttons). */
export function answerMessage(answer: Answer, shareable: boolean, sharedBy?: string, vote?: string | null): ChatMessage {
  return {
    kind: 'answer',
    answer,
    actions: answerActions(answer, { shareable: shareable && answer.kind !== 'none', vote: vote ?? null }),
    ...(sharedBy ? { sharedBy } : {}),
  };
}

/** What a person is told after a Helpful? click. */
export const VOTE_REPLIES: Record<VoteResult | 'off', string> = {
  counted: 'Thanks for the feedback! It helps the people who keep this glossary.',
  changed: 'Thanks, your vote on this answer is changed.',
  unchanged: 'You have already voted on this answer. Thanks!',
  'unknown-answer': 'That answer is too old to rate. Ask again, and rate the new answer.',
  off: 'Feedback is turned off here.',
};

const open = (slug: string): ActionRef => ({ kind: 'open', slugs: [slug], depth: 'short' });

export function browsePage(bot: Termbot, category: string | null, requested: number): BrowsePage {
  // A bundled category, or a team folder's own one that is in use.
  const wanted = category?.trim().toLowerCase() ?? '';
  const list = bot.browse(bot.categories().includes(wanted) ? wanted : (parseCategory(wanted) ?? null));
  const pages = Math.max(1, Math.ceil(list.terms.length / PAGE_SIZE));
  const page = Math.min(Math.max(0, requested), pages - 1);
  const terms = list.terms.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const at = (p: number): ActionRef => ({ kind: 'page', category: list.category, page: p });
  return {
    category: list.category,
    label: list.label,
    terms,
    page,
    pages,
    total: list.terms.length,
    open: terms.map((t) => ({ label: t.title, ref: open(t.slug) })),
    previous: page > 0 ? at(page - 1) : null,
    next: page < pages - 1 ? at(page + 1) : null,
  };
}

/** Every chat flow, written once. Adapters parse an event into one of these calls and provide its ChatSurface. */
export interface Chat {
  /** A question asked privately or publicly (a slash command, a modal pick). Empty or "help" gets the help. */
  explain(ev: ChatEvent, q: { text: string; visibility: 'private' | 'public' }): Promise<void>;
  /** A question asked by mention: answered in public, one per person per cooldown window. */
  mention(ev: ChatEvent, q: { text: string }): Promise<void>;
  /** A button: `raw` is the platform's custom_id or value; `fromPrivateMessage` when the clicked message was the clicker's own. */
  click(ev: ChatEvent, c: { raw: unknown; fromPrivateMessage: boolean }): Promise<void>;
  /** The term list (Discord's /terms), privately. */
  browse(ev: ChatEvent, category: string | null): Promise<void>;
  /** The terms in a message ("Explain terms"), privately. */
  findTerms(ev: ChatEvent, text: string): Promise<void>;
  daily(ev: ChatEvent, input: DailyInput): Promise<void>;
  /** The error boundary, for platform-only flows (Slack's modal and Home tab): nothing escapes. */
  run(ev: ChatEvent, handler: string, work: () => Promise<void>): Promise<void>;
}

export function createChat(opts: ChatOptions): Chat {
  const { logger } = opts;
  const cooldown = opts.cooldown ?? new Cooldown();
  /** Records the answer (and a miss) when insights are on; its id for the Helpful? buttons, or null. */
  const record = (ev: ChatEvent, answer: Answer, text: string, source: 'question' | 'button'): Promise<string | null> =>
    opts.insights?.()?.answered(answer, { text, platform: ev.surface.platform, source }) ?? Promise.resolve(null);
  /** A button's answer, recorded, with its buttons. */
  const buttonAnswer = async (ev: ChatEvent, answer: Answer, shareable: boolean, sharedBy?: string): Promise<ChatMessage> =>
    answerMessage(answer, shareable, sharedBy, await record(ev, answer, '', 'button'));

  async function run(ev: ChatEvent, handler: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      const c = classifyError(err, opts.platformErrors);
      const detail = c.level === 'info' && err instanceof Error ? { problem: err.message } : { err };
      logger[c.level]({ ...ev.meta, handler, ...detail, ...c.fields }, c.event);
      if (!c.userText) return;
      try {
        await ev.surface.replyPrivately({ kind: 'notice', text: c.userText });
      } catch (tellErr) {
        // The interaction expired or the channel is gone: nothing more to tell the user.
        logger.warn(
          { ...ev.meta, handler, err: tellErr, ...opts.platformErrors?.(tellErr)?.fields },
          'could not tell the user about the failure',
        );
      }
    }
  }

  return {
    run,

    explain: (ev, q) =>
      run(ev, 'explain', async () => {
        const bot = opts.bot();
        const text = questionText(q.text);
        let message: ChatMessage;
        if (!text || isHelp(text)) message = { kind: 'help', overview: bot.overview() };
        else {
          const answer = bot.explain(text);
          message = answerMessage(answer, q.visibility === 'private', undefined, await record(ev, answer, text, 'question'));
        }
        logger.debug({ ...ev.meta, kind: message.kind === 'answer' ? message.answer.kind : 'help' }, 'explain');
        await (q.visibility === 'private' ? ev.surface.replyPrivately(message) : ev.surface.reply(message));
      }),

    mention: (ev, q) =>
      run(ev, 'mention', async () => {
        const verdict = cooldown.check(ev.user);
        if (!verdict.ok) {
          logger.info({ ...ev.meta, retryInMs: verdict.retryInMs }, 'mention cooldown');
          if (verdict.notify) await ev.surface.replyPrivately({ kind: 'notice', text: cooldownNotice(verdict.retryInMs) });
          return;
        }
        const bot = opts.bot();
        const text = questionText(q.text);
        logger.debug({ ...ev.meta }, 'mention');
        if (!text) return ev.surface.reply({ kind: 'help', overview: bot.overview() });
        const answer = bot.explain(text);
        await ev.surface.reply(answerMessage(answer, false, undefined, await record(ev, answer, text, 'question')));
      }),

    click: (ev, c) =>
      run(ev, 'button', async () => {
        const ref = decodeAction(c.raw);
        if (!ref) {
          logger.info({ ...ev.meta, raw: typeof c.raw === 'string' ? c.raw.slice(0, 100) : typeof c.raw }, 'stale or unknown button');
          await ev.surface.replyPrivately({ kind: 'notice', text: STALE_BUTTON });
          return;
        }
        const bot = opts.bot();
        // A private message is the clicker's own: redraw it. A public one stays as it is for everyone.
        const show = (m: ChatMessage): Promise<void> => (c.fromPrivateMessage ? ev.surface.update(m) : ev.surface.replyPrivately(m));
        switch (ref.kind) {
          case 'page':
            return show({ kind: 'browse', page: browsePage(bot, ref.category, ref.page) });
          case 'show':
            return show(await buttonAnswer(ev, bot.answerForSlugs(ref.slugs, ref.depth), true));
          case 'open':
            return ev.surface.replyPrivately(await buttonAnswer(ev, bot.answerForSlugs(ref.slugs, ref.depth), true));
          case 'vote': {
            const insights = opts.insights?.();
            const result = insights
              ? await insights.vote({ answerId: ref.answer, user: ev.user, platform: ev.surface.platform, helpful: ref.helpful })
              : 'off';
            logger.info({ ...ev.meta, vote: ref.helpful ? 'up' : 'down', result }, 'helpful vote');
            return ev.surface.replyPrivately({ kind: 'notice', text: VOTE_REPLIES[result] });
          }
          case 'share': {
            await ev.surface.post(await buttonAnswer(ev, bot.answerForSlugs(ref.slugs, ref.depth), false, ev.user));
            // The answer is public now; the private copy would only repeat it.
            await ev.surface.dismiss?.();
            return;
          }
        }
      }),

    browse: (ev, category) =>
      run(ev, 'browse', () => ev.surface.replyPrivately({ kind: 'browse', page: browsePage(opts.bot(), category, 0) })),

    findTerms: (ev, text) =>
      run(ev, 'find-terms', async () => {
        const terms = questionText(text) ? opts.bot().findTerms(text).slice(0, MAX_FOUND) : [];
        await ev.surface.replyPrivately({
          kind: 'found',
          terms,
          open: terms.map((f) => ({ label: f.term.title, ref: open(f.term.slug) })),
        });
      }),

    daily: (ev, input) =>
      run(ev, 'daily', async () => {
        const outcome = await runDaily(opts.totd(), opts.bot(), input, async () => {
          await ev.surface.working?.();
        });
        if (outcome.kind === 'private') return ev.surface.replyPrivately({ kind: 'daily', reply: outcome.reply });
        try {
          await ev.surface.post({ kind: 'daily', reply: { text: outcome.announcement }, ...(input.by ? { by: input.by } : {}) });
        } catch (err) {
          const c = classifyError(err, opts.platformErrors);
          logger.warn({ ...ev.meta, err, ...c.fields }, 'could not announce a term of the day change');
          const hint = c.access
            ? " I'm not a member of this channel, so I couldn't announce it, and daily posts will fail until you invite me."
            : " I couldn't announce it in the channel.";
          await ev.surface.replyPrivately({ kind: 'notice', text: outcome.fallback + hint });
        }
      }),
  };
}

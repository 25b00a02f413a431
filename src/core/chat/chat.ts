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
}

/** Terms per page of the term list. */
export const PAGE_SIZE = 10;
/** Most terms listed for one message ("Explain terms"). */
export const MAX_FOUND = 10;

/** The user's words without invisible characters; empty means "no question". */
export const questionText = (text: string): string => stripInvisible(text).trim();
const isHelp = (q: string): boolean => /^(help|\?)$/i.test(q);

/** An answer with the buttons the core's policy gives it. */
export function answerMessage(answer: Answer, shareable: boolean, sharedBy?: string): ChatMessage {
  return {
    kind: 'answer',
    answer,
    actions: answerActions(answer, { shareable: shareable && answer.kind !== 'none' }),
    ...(sharedBy ? { sharedBy } : {}),
  };
}

const open = (slug: string): ActionRef => ({ kind: 'open', slugs: [slug], depth: 'short' });

export function browsePage(bot: Termbot, category: string | null, requested: number): BrowsePage {
  const list = bot.browse(category ? (parseCategory(category) ?? null) : null);
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
        const message =
          !text || isHelp(text)
            ? { kind: 'help' as const, overview: bot.overview() }
            : answerMessage(bot.explain(text), q.visibility === 'private');
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
        await ev.surface.reply(text ? answerMessage(bot.explain(text), false) : { kind: 'help', overview: bot.overview() });
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
            return show(answerMessage(bot.answerForSlugs(ref.slugs, ref.depth), true));
          case 'open':
            return ev.surface.replyPrivately(answerMessage(bot.answerForSlugs(ref.slugs, ref.depth), true));
          case 'share': {
            await ev.surface.post(answerMessage(bot.answerForSlugs(ref.slugs, ref.depth), false, ev.user));
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
